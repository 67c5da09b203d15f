/**
 * The voice that reads the card prompts. `pay.voice` has a language and a style but no `premium` (NCCO reference
 * › Pay, Prompts Voice Settings), so where a locale speaks with the premium voice (flowc.yaml `premium: true`,
 * NCCO reference › Talk: "premium version of the specified style"), the caller hears the voice change for the
 * card details; so too where a pay sets another voice than the rest of the call.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { isObject, lenientNumber } from '../validate/values.js';
import { type FlowCheckInput, findingAt, listWords, optionsPointer } from './flow-view.js';

export function checkPayVoice({ resolved, settings }: FlowCheckInput): Diagnostic[] {
  const found = new Map<string, { d: Omit<Diagnostic, 'message'>; why: string; locales: string[] }>();
  for (const [locale, steps] of resolved.locales) {
    const ls = settings.locales[locale] ?? {};
    const language = ls.language ?? locale;
    const style = ls.style ?? 0;
    for (const actions of steps.values()) {
      for (const action of actions) {
        if (action.source.name !== 'pay') continue;
        const voice = isObject(action.options.voice) ? action.options.voice : undefined;
        const payLanguage = typeof voice?.language === 'string' ? voice.language : language;
        const payStyle = lenientNumber(voice?.style) ?? style;
        let why: string | undefined;
        if (payLanguage.toLowerCase() !== language.toLowerCase() || payStyle !== style) {
          why = `the pay prompts are read by the ${payLanguage} voice style ${payStyle}, the rest of the call by ${language} style ${style}`;
        } else if (ls.premium === true) {
          why = `the rest of the call speaks with the premium ${language} voice (flowc.yaml premium: true), and pay prompts cannot be premium`;
        }
        if (why === undefined) continue;
        const at = voice !== undefined ? joinPointer(optionsPointer(action.source), 'voice') : optionsPointer(action.source);
        const key = `${action.source.file.path}#${at}#${why}`;
        const entry = found.get(key);
        if (entry) {
          entry.locales.push(locale);
          continue;
        }
        const placed = findingAt(
          {
            code: 'pay/voice-changes',
            severity: 'warning',
            message: '',
            hint:
              ls.premium === true
                ? `Use the standard voice for ${locale} (remove premium: true in flowc.yaml), or accept the change of voice.`
                : 'Remove voice: from the pay to keep the voice of the locale.',
          },
          action.source.file,
          at,
          'key',
          action.source.related,
        );
        found.set(key, { d: placed, why, locales: [locale] });
      }
    }
  }
  return [...found.values()].map(({ d, why, locales }) => ({
    ...d,
    message: `Callers in ${listWords(locales)} hear the voice change when the card prompts start: ${why}.`,
  }));
}

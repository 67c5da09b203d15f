/**
 * Lint `ivr/no-goodbye`: a call that ends on purpose ends with a goodbye. When the last action of a step has no
 * `on:` and hands the call to nobody (no connect, no eventUrl of the application), Vonage hangs up right after it
 * (NCCO reference: "when all actions complete the call ends"). A caller cut off after a recording, a wait or a
 * sentence that does not close the call thinks the line dropped and calls again. The last action must be a talk
 * that says goodbye in the caller's language (the words below; for a language without a list, any talk).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { containsPhrase, foldWords } from '../router/runtime/words.mjs';
import { endsCall, type FlowCheckInput, findingAt, listWords, optionsPointer } from './flow-view.js';
import { replaceTags } from './tags.js';

/** Ways to say goodbye at the end of a call, by language (matched as whole words, ignoring case). */
export const goodbyeWords: Readonly<Record<string, readonly string[]>> = {
  en: ['goodbye', 'good bye', 'bye', 'farewell'],
  es: ['adiós', 'hasta luego', 'hasta pronto'],
  fr: ['au revoir', 'à bientôt', 'bonne journée', 'bonne soirée'],
  pt: ['adeus', 'tchau', 'até logo', 'até breve', 'até mais'],
  it: ['arrivederci', 'arrivederla', 'a presto', 'buona giornata'],
  de: ['auf wiederhören', 'auf wiedersehen', 'tschüss'],
  nl: ['tot ziens', 'dag'],
};

/** The goodbye phrases of each language, folded once (every step that ends a call is checked). */
const foldedGoodbyes = new Map(Object.entries(goodbyeWords).map(([lang, phrases]) => [lang, phrases.map(foldWords)]));

/** Whether a text says goodbye in a language; undefined when flowc has no goodbye words for the language. */
export function saysGoodbye(text: string, language: string): boolean | undefined {
  const phrases = foldedGoodbyes.get(language.split('-')[0]!.toLowerCase());
  if (phrases === undefined) return undefined;
  const words = foldWords(replaceTags(text, () => ' '));
  return phrases.some((p) => containsPhrase(words, p));
}

export function checkGoodbye({ resolved, settings }: FlowCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [step, actions] of resolved.expanded) {
    if (!endsCall(actions, resolved.controls.has(step))) continue;
    const last = actions[actions.length - 1]!;
    if (last.name === 'stream') continue; // a recording may say goodbye: flowc cannot hear it
    if (last.name !== 'talk') {
      out.push(
        findingAt(
          {
            code: 'ivr/no-goodbye',
            severity: 'warning',
            message: `The call ends right after the ${last.name} of step "${step}", without a goodbye: callers think the line dropped.`,
            hint: 'End the step with a talk that closes the call, e.g. "Thank you for calling. Goodbye."',
          },
          last.file,
          optionsPointer(last),
          'key',
          last.related,
        ),
      );
      continue;
    }
    const missing: string[] = [];
    for (const [locale, steps] of resolved.locales) {
      const text = steps.get(step)?.at(-1)?.options.text;
      if (typeof text !== 'string') continue;
      if (saysGoodbye(text, settings.locales[locale]?.language ?? locale) === false) missing.push(locale);
    }
    if (missing.length === 0) continue;
    out.push(
      findingAt(
        {
          code: 'ivr/no-goodbye',
          severity: 'warning',
          message: `The call ends after step "${step}", but its last words do not say goodbye (${listWords(missing)}): callers cannot tell the call is over.`,
          hint: 'End the last text with a goodbye ("… Goodbye.", "… Adiós.", "… Au revoir."), or add a talk that says it.',
        },
        last.file,
        optionsPointer(last),
        'key',
        last.related,
      ),
    );
  }
  return out;
}

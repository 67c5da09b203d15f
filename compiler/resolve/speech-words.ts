/**
 * Speech words per locale (docs/format.md, "Transitions: on:"). A transition's `speech:` is one list for
 * every locale, or a list per locale: `speech: { en-US: [billing], es-US: [factura] }`. With one list for all,
 * "no" would also match a Portuguese caller's "no"; per-locale lists are matched only in their locale.
 * Folding (case, accents) and matching happen in the router (compiler/router/runtime/words.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import type { SourceFile } from '../load/source-file.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { ExpandedAction } from './expand-templates.js';
import { localeChain } from './locale-chain.js';
import type { FlowDoc, ProjectSettings, SpeechWords } from './project-model.js';

export const isPerLocale = (speech: SpeechWords): speech is Record<string, string[]> => !Array.isArray(speech);

/** The words a caller in `locale` may say: its own list, else its fallbacks' (flowc.yaml), else none. */
export function speechWordsFor(speech: SpeechWords | undefined, locale: string, settings: ProjectSettings): string[] {
  if (speech === undefined) return [];
  if (!isPerLocale(speech)) return speech;
  for (const l of localeChain(settings, locale)) {
    const words = Object.hasOwn(speech, l) ? speech[l] : undefined;
    if (words !== undefined) return words;
  }
  return [];
}

const targetSpeech = (t: unknown): SpeechWords | undefined =>
  t !== null && typeof t === 'object' && !Array.isArray(t) ? (t as { speech?: SpeechWords }).speech : undefined;

const listensForSpeech = (action: ExpandedAction): boolean =>
  Array.isArray(action.body.type) ? (action.body.type as unknown[]).includes('speech') : action.body.speech !== undefined;

/**
 * Per-locale lists name only the flow's locales (or their fallbacks), and every locale of the flow has words (its
 * own or a fallback's) where the transition has any. `minConfidence` only works on an input that listens for speech.
 */
export function checkSpeechWords(doc: FlowDoc, expanded: ReadonlyMap<string, ExpandedAction[]>, settings: ProjectSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (f: SourceFile, d: Omit<Diagnostic, 'file' | 'range'> & { pointer: string }, part: 'key' | 'value' = 'key') =>
    out.push({ ...d, file: f.path, range: rangeAtPointer(f.doc, f.lineCounter, d.pointer, part) });
  // The flow's locales and the fallbacks they borrow from (flowc.yaml).
  const usable = new Set(doc.locales.flatMap((l) => localeChain(settings, l)));
  for (const [step, actions] of expanded) {
    const last = actions[actions.length - 1];
    if (!last?.on) continue;
    const on = last.on;
    if (on.minConfidence !== undefined && (last.name !== 'input' || !listensForSpeech(last))) {
      push(on.file, {
        code: 'flow/min-confidence-unused',
        severity: 'warning',
        message: `minConfidence only filters speech results, but step "${step}" ends with ${last.name === 'input' ? 'an input that does not listen for speech' : `\`${last.name}\``}.`,
        pointer: on.pointer.replace(/\/on$/, '/minConfidence'),
        hint: 'Remove minConfidence, or add speech to the input: type: [dtmf, speech].',
      });
    }
    if (last.name !== 'input') continue;
    for (const [key, target] of Object.entries(on.targets)) {
      const speech = targetSpeech(target);
      if (speech === undefined || !isPerLocale(speech)) continue;
      const p = joinPointer(on.pointer, key, 'speech');
      for (const locale of Object.keys(speech)) {
        if (usable.has(locale)) continue;
        const s = didYouMean(locale, doc.locales);
        push(on.file, {
          code: 'flow/speech-unknown-locale',
          severity: 'error',
          message: `These words are for ${locale}, which is not one of this flow's locales (${doc.locales.join(', ')}).${s ? ` Did you mean "${s}"?` : ''}`,
          pointer: joinPointer(p, locale),
          hint: s ? `Write ${s}:` : `Use one of: ${doc.locales.join(', ')}, or add ${locale} to the flow's locales:.`,
        });
      }
      for (const locale of doc.locales) {
        if (Object.hasOwn(speech, locale)) continue;
        const servedBy = localeChain(settings, locale).find((l) => Object.hasOwn(speech, l));
        if (servedBy !== undefined) {
          push(on.file, {
            code: 'i18n/fallback-used',
            severity: 'warning',
            message: `The speech words of "${key}" have no ${locale} list; callers in ${locale} are matched with the ${servedBy} words.`,
            pointer: p,
            hint: `Add ${locale}: [words a ${locale} caller says] under speech:.`,
          });
          continue;
        }
        push(on.file, {
          code: 'flow/speech-missing-locale',
          severity: 'error',
          message: `The speech words of "${key}" have no ${locale} list, so a caller in ${locale} can never say this choice (flow "${doc.flow}", step "${step}").`,
          pointer: p,
          hint: `Add ${locale}: [words a ${locale} caller says] under speech:.`,
        });
      }
    }
  }
  return out;
}

/**
 * Lint `ivr/long-prompt`: callers hear the first choice of a call soon. A long welcome, a legal notice or "please
 * listen carefully" before the first "press 1" keeps every caller waiting, on every call; IVR design guidance
 * asks for the caller to know within the first seconds that they are in the right place and how to go on.
 * flowc estimates, per locale, how long the voice speaks from the start of the call until it first names a
 * choice (a key of the menu, or one of its speech words) — spoken-time.ts says how — and warns above 15 seconds.
 * Streams are not counted (flowc cannot know how long a recording is).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { speechWordsFor } from '../resolve/speech-words.js';
import { type FlowCheckInput, findingAt, inputSteps, listWords, optionsPointer } from './flow-view.js';
import { spokenSeconds } from './spoken-time.js';
import { replaceTags } from './tags.js';

export const maxSecondsBeforeFirstChoice = 15;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Tags replaced by spaces of the same length, so that offsets stay those of the text. */
const maskTags = (text: string): string => replaceTags(text, (tag) => ' '.repeat(tag.length));

/** Offset of the first mention of a choice in `text`, or -1. */
function firstMention(text: string, mentions: readonly string[]): number {
  const masked = maskTags(text);
  let first = -1;
  for (const m of mentions) {
    const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(m)}(?![\\p{L}\\p{M}\\p{N}])`, 'iu');
    const found = re.exec(masked);
    if (found && (first === -1 || found.index < first)) first = found.index;
  }
  return first;
}

export function checkLongPrompt({ doc, resolved, settings }: FlowCheckInput): Diagnostic[] {
  const menu = inputSteps(resolved.expanded).find((m) => m.step === doc.start && m.choices.length > 0);
  if (!menu) return [];
  const over: { locale: string; seconds: number }[] = [];
  for (const locale of doc.locales) {
    const actions = resolved.locales.get(locale)?.get(menu.step) ?? [];
    const language = settings.locales[locale]?.language ?? locale;
    const mentions = menu.choices.flatMap((c) => [...(/^\d+$/.test(c.key) ? [c.key] : []), ...speechWordsFor(c.speech, locale, settings)]);
    let seconds = 0;
    for (const action of actions) {
      if (action.source.name === 'input') break;
      if (action.source.name !== 'talk' || typeof action.options.text !== 'string') continue;
      const text = action.options.text;
      const at = firstMention(text, mentions);
      seconds += spokenSeconds(at === -1 ? text : text.slice(0, at), language);
      if (at !== -1) break;
    }
    if (seconds > maxSecondsBeforeFirstChoice) over.push({ locale, seconds: Math.round(seconds) });
  }
  if (over.length === 0) return [];
  const first = resolved.expanded.get(menu.step)?.[0];
  if (!first) return [];
  const most = Math.max(...over.map((o) => o.seconds));
  return [
    findingAt(
      {
        code: 'ivr/long-prompt',
        severity: 'warning',
        message: `Callers hear about ${most} seconds of prompts before the first choice of the call (${listWords(over.map((o) => `${o.seconds} s in ${o.locale}`))}); more than ${maxSecondsBeforeFirstChoice} seconds keeps every caller waiting.`,
        hint: 'Shorten the welcome, or name the most common choice first ("To pay your bill, press 1") and move notices after the menu.',
      },
      first.file,
      optionsPointer(first),
      'key',
      first.related,
    ),
  ];
}

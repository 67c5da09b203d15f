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

/**
 * A choice word is mentioned where it stands alone: no letter, mark or digit right before or after it. The
 * word is found by a plain case-insensitive pattern and its edges checked with one shared pattern: a
 * pattern holding \p{L} with the `i` flag costs about a millisecond to compile (V8 works out the case
 * closure of every letter), once per word, which made this check a second of a 1,000-flow build.
 */
const wordChar = /^[\p{L}\p{M}\p{N}]$/u;
const wordPatterns = new Map<string, RegExp>();
function wordPattern(word: string): RegExp {
  let re = wordPatterns.get(word);
  if (re === undefined) {
    re = new RegExp(escapeRegExp(word), 'giu');
    if (wordPatterns.size >= 10_000) wordPatterns.clear(); // a long --watch
    wordPatterns.set(word, re);
  }
  return re;
}

/** The code point that ends just before `at` (as a `u` pattern's look-behind reads it), or ''. */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(at - 2, at);
  }
  return text[at - 1]!;
}

/** The code point that starts at `at`, or ''. */
const codePointAt = (text: string, at: number): string => {
  const cp = text.codePointAt(at);
  return cp === undefined ? '' : String.fromCodePoint(cp);
};

/** No letter, mark or digit just before `at` nor just after `at + length`. */
const standsAlone = (text: string, at: number, length: number): boolean =>
  !wordChar.test(codePointBefore(text, at)) && !wordChar.test(codePointAt(text, at + length));

/** `at` falls between the two halves of a surrogate pair. */
const insidePair = (text: string, at: number): boolean =>
  at > 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00 && (text.charCodeAt(at - 1) & 0xfc00) === 0xd800;

/** Offset of the first mention of `word` standing alone in `text`, or -1: where `(?<![\p{L}\p{M}\p{N}])word(?![\p{L}\p{M}\p{N}])` with flags `iu` first matches. */
function firstMentionOf(text: string, word: string): number {
  if (word === '') {
    for (let at = 0; at <= text.length; at++) if (standsAlone(text, at, 0)) return at;
    return -1;
  }
  const re = wordPattern(word);
  re.lastIndex = 0;
  for (;;) {
    const found = re.exec(text);
    if (found === null) return -1;
    const at = found.index;
    if (standsAlone(text, at, found[0].length)) return at;
    // Another match may start inside this one ("aa" in "aaa"); a `u` pattern's search steps back from inside a
    // surrogate pair, so the next try starts after it.
    re.lastIndex = insidePair(text, at + 1) ? at + 2 : at + 1;
  }
}

/** Offset of the first mention of a choice in `text`, or -1. */
export function firstMention(text: string, mentions: readonly string[]): number {
  const masked = maskTags(text);
  let first = -1;
  for (const m of mentions) {
    const at = firstMentionOf(masked, m);
    if (at !== -1 && (first === -1 || at < first)) first = at;
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

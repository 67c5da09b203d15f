/**
 * How long a text-to-speech voice takes to say a text, roughly. Deliberately simple, so that authors can redo
 * the sum: words ÷ the language's words per minute, plus 0.3 s at each full stop, question or exclamation mark,
 * plus every SSML <break time>. Words are runs of letters and digits (a digit read alone is a word). Languages
 * written without spaces (Chinese, Japanese, Thai) count characters instead.
 *
 * Rates: about 150 words per minute is the usual figure for English narration and IVR prompts; Spanish, French,
 * Italian and Portuguese say more syllables per second but have longer words, which roughly cancels out
 * (Pellegrino, Coupé & Marsico, "A cross-language perspective on speech information rate", Language 87(3),
 * 2011); languages with long compound words (German, Dutch, the Nordic languages, Finnish, Hungarian) are
 * counted at 120 words per minute.
 */
import { foldWords } from '../router/runtime/words.mjs';
import { replaceTags } from './tags.js';

export const wordsPerMinute: Readonly<Record<string, number>> = {
  en: 150,
  es: 150,
  fr: 150,
  it: 150,
  pt: 150,
  de: 120,
  nl: 120,
  da: 120,
  sv: 120,
  nb: 120,
  no: 120,
  fi: 120,
  hu: 120,
  is: 120,
};
export const defaultWordsPerMinute = 150;
/** Languages written without spaces between words: characters per minute. */
export const charactersPerMinute: Readonly<Record<string, number>> = { cmn: 240, yue: 240, zh: 240, ja: 300, th: 300 };
export const sentencePauseSeconds = 0.3;

const TIME = /\btime\s*=\s*["']\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*["']/gi;

/**
 * The matches of /<break\b[^>]*\btime…[^>]*>/gi in linear time (the global pattern rescans to the end at every
 * `<break` without a `>`): a match lies between a `<break` and the first `>` after it, and of several `<break`s
 * before one `>` only the first can match first, so each stretch up to a `>` is searched once: its last time
 * attribute is the one the greedy [^>]* of the pattern settles on.
 */
function* breaks(text: string): Generator<RegExpExecArray> {
  const start = /<break\b/gi;
  for (let m = start.exec(text); m !== null; m = start.exec(text)) {
    const close = text.indexOf('>', m.index);
    if (close === -1) return;
    let found: RegExpExecArray | undefined;
    const attributes = text.slice(m.index + 6, close);
    for (const a of attributes.matchAll(TIME)) found = a as RegExpExecArray;
    if (found) yield found;
    start.lastIndex = close + 1;
  }
}
const SENTENCE_END = /[.!?…。！？](?=\s|$|<)/g;

/** The parts of a text a voice says: the words, the pauses (seconds) it makes. */
export function spokenSeconds(text: string, language: string): number {
  let pauses = 0;
  for (const m of breaks(text)) pauses += Number(m[1]) / (m[2]!.toLowerCase() === 'ms' ? 1000 : 1);
  const plain = replaceTags(text, () => ' ').replace(/&[a-z]+;|&#\d+;|&#x[0-9a-f]+;/gi, ' ');
  pauses += (plain.match(SENTENCE_END) ?? []).length * sentencePauseSeconds;
  const lang = language.split('-')[0]!.toLowerCase();
  const perMinuteChars = charactersPerMinute[lang];
  if (perMinuteChars !== undefined) return (foldWords(plain).join('').length / perMinuteChars) * 60 + pauses;
  return (foldWords(plain).length / (wordsPerMinute[lang] ?? defaultWordsPerMinute)) * 60 + pauses;
}

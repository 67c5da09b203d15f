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

const BREAK = /<break\b[^>]*\btime\s*=\s*["']\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*["'][^>]*>/gi;
const TAG = /<[^>]*>/g;
const SENTENCE_END = /[.!?…。！？](?=\s|$|<)/g;

/** The parts of a text a voice says: the words, the pauses (seconds) it makes. */
export function spokenSeconds(text: string, language: string): number {
  let pauses = 0;
  for (const m of text.matchAll(BREAK)) pauses += Number(m[1]) / (m[2]!.toLowerCase() === 'ms' ? 1000 : 1);
  const plain = text.replace(TAG, ' ').replace(/&[a-z]+;|&#\d+;|&#x[0-9a-f]+;/gi, ' ');
  pauses += (plain.match(SENTENCE_END) ?? []).length * sentencePauseSeconds;
  const lang = language.split('-')[0]!.toLowerCase();
  const perMinuteChars = charactersPerMinute[lang];
  if (perMinuteChars !== undefined) return (foldWords(plain).join('').length / perMinuteChars) * 60 + pauses;
  return (foldWords(plain).length / (wordsPerMinute[lang] ?? defaultWordsPerMinute)) * 60 + pauses;
}

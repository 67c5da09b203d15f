/**
 * ivr/long-prompt's search for the first choice word (compiler/flow-checks/long-prompt.ts, firstMention): a plain
 * case-insensitive search with its edges checked apart must find what the look-around pattern it replaced found,
 * `(?<![\p{L}\p{M}\p{N}])word(?![\p{L}\p{M}\p{N}])` with flags `iu`, offset for offset.
 */
import { describe, expect, it } from 'vitest';
import { firstMention } from '../../compiler/flow-checks/long-prompt.js';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The pattern the search replaced, one per word; the least offset wins. */
function reference(text: string, words: readonly string[]): number {
  let first = -1;
  for (const w of words) {
    const found = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{M}\\p{N}])`, 'iu').exec(text);
    if (found && (first === -1 || found.index < first)) first = found.index;
  }
  return first;
}

describe('firstMention', () => {
  it.each<[string, string[], number]>([
    ['To pay your bill, press 1.', ['1'], 24],
    ['Press 10 for sales, or 1 for billing.', ['1'], 23],
    ['PAYMENT or Pay?', ['pay'], 11],
    ['Say agent, or press 2', ['Agent', '2'], 4],
    ['Für Rechnungen drücken Sie 1', ['rechnungen'], 4],
    ['Straße or STRASSE', ['straße'], 0],
    ['Kelvin \u212a or k', ['k'], 7],
    ['aaa', ['aa'], -1],
    ['x aa', ['aa', 'x'], 0],
    ['café 1', ['cafe'], -1],
    ['e\u0301 1', ['e'], -1],
    ['😀1 and 1', ['1'], 2], // an emoji is no letter; it is two UTF-16 units
    ['𐐀𐐨 𐐨', ['𐐨'], 5],
    ['<speak>press <emphasis>1</emphasis></speak>', ['1', 'speak', 'emphasis'], 23], // words inside tags are not heard
    ['no choices here', [], -1],
    ['', ['1'], -1],
  ])('%j, %j', (text, words, expected) => {
    const want = reference(text, words);
    expect(firstMention(text, words)).toBe(expected);
    if (!text.includes('<')) expect(firstMention(text, words)).toBe(want);
  });

  it('finds what the look-around pattern finds on random texts (letters, marks, digits, surrogates, case pairs)', () => {
    const alphabet = [
      'a',
      'A',
      'b',
      'ß',
      'ẞ',
      'K',
      'k',
      '\u212a',
      '1',
      ' ',
      '.',
      'é',
      'e\u0301',
      '😀',
      '𐐀',
      '𐐨',
      '\ud800',
      '\udc00',
      '-',
      'ı',
      'I',
      'ſ',
      's',
    ];
    let seed = 1;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const text = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
    for (let k = 0; k < 3000; k++) {
      const t = text(Math.floor(next() * 12));
      const words = Array.from({ length: 1 + Math.floor(next() * 3) }, () => text(Math.floor(next() * 3)));
      expect([t, words, firstMention(t, words)]).toEqual([t, words, reference(t, words)]);
    }
  });
});

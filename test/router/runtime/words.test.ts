import { describe, expect, it } from 'vitest';
import { containsPhrase, foldWords, matchAlternative } from '../../../compiler/router/runtime/words.mjs';

describe('foldWords', () => {
  it.each([
    ['Sí, por favor', ['si', 'por', 'favor']],
    ['si', ['si']],
    ['FRANÇAIS!', ['francais']],
    ['Straße', ['strasse']],
    ['ﬁve ２', ['five', '2']],
    ["j'ai besoin d'aide", ['j', 'ai', 'besoin', 'd', 'aide']],
    ['नमस्ते', ['नमस्ते']],
    ['  ', []],
  ])('%j → %j', (text, words) => expect(foldWords(text)).toEqual(words));

  it('keeps the marks of scripts whose vowel signs are not accents', () => {
    expect(foldWords('नमस्ते')[0]).toBe('नमस्ते'.normalize('NFC'));
  });
});

describe('matchAlternative', () => {
  const alternatives = [
    { phrases: [['support']] },
    { phrases: [['technical', 'support'], ['tech']] },
    { phrases: [['billing']] },
    { phrases: [['si'], ['yes']] },
  ];
  it.each([
    ['I need support', 0],
    ['I need technical support', 1],
    ['technical support or billing', 1],
    ['billing support', 0],
    ['billing', 2],
    ['sí', 3],
    ['supportive', undefined],
    ['', undefined],
  ])('%j → %j', (said, index) => expect(matchAlternative(foldWords(said), alternatives)).toBe(index));

  it('containsPhrase matches consecutive whole words only', () => {
    expect(containsPhrase(['a', 'b', 'c'], ['b', 'c'])).toBe(true);
    expect(containsPhrase(['a', 'b', 'c'], ['a', 'c'])).toBe(false);
    expect(containsPhrase(['a'], [])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { controlCharacterIn, foldedName, windowsNameProblem } from '../../compiler/load/portable-names.js';

describe('windowsNameProblem', () => {
  it.each([
    ['con', true],
    ['CON', true],
    ['Nul.flow.yaml', true],
    ['com1.json', true],
    ['LPT9', true],
    ['aux .yaml', true],
    ['console', false],
    ['com10', false],
    ['nul-step', false],
    ['a:b', true],
    ['what?', true],
    ['trailing.', true],
    ['trailing ', true],
    ['en-US', false],
    ['billing.flow.yaml', false],
  ])('%j → problem: %s', (name, bad) => {
    expect(windowsNameProblem(name) !== undefined).toBe(bad);
  });
});

describe('windowsNameProblem on plain names', () => {
  // The check as it is written without its fast path for names of letters, digits, "_", "-" and dots.
  const device = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
  const reference = (part: string): boolean => {
    const base = part.split('.')[0]!.replace(/(?<! ) +$/, '');
    return device.test(base) || /[<>:"|?*\\]/.test(part) || /[. ]$/.test(part);
  };
  it('says what the full check says, over names made of every kind of character', () => {
    const pieces = [
      'con',
      'CoN',
      'nul',
      'com1',
      'LPT9',
      'com¹',
      'aux',
      'prn',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      '-',
      '_',
      '.',
      ' ',
      '1',
      'é',
      ':',
    ];
    const names = new Set<string>();
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces)
          names
            .add(a + b + c)
            .add(a + b)
            .add(a);
    for (const name of names) expect(windowsNameProblem(name) !== undefined, JSON.stringify(name)).toBe(reference(name));
  });
});

describe('controlCharacterIn', () => {
  it.each([
    ['plain.flow.yaml', undefined],
    ['a\nb', { char: '\n', index: 1 }],
    ['\u001b[31m', { char: '\u001b', index: 0 }],
    ['x\u0085', { char: '\u0085', index: 1 }],
    ['ab\u202e', { char: '\u202e', index: 2 }],
    ['😀\u2028', { char: '\u2028', index: 2 }],
    ['é-ñ', undefined],
  ])('%j', (name, found) => {
    expect(controlCharacterIn(name)).toEqual(found);
  });
});

describe('foldedName', () => {
  it('folds case and Unicode normalisation, as macOS and Windows compare names', () => {
    expect(foldedName('Welcome')).toBe(foldedName('welcome'));
    expect(foldedName('en-US')).toBe(foldedName('en-us'));
    expect(foldedName('caf\u00e9')).toBe(foldedName('cafe\u0301'));
    expect(foldedName('card')).not.toBe(foldedName('cards'));
  });
});

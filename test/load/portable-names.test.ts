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

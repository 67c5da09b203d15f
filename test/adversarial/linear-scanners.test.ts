/**
 * The scanners that replaced polynomial regular expressions (test/adversarial/redos.test.ts found them)
 * find exactly what the patterns found: compared on random strings over the characters that matter,
 * then run on the attack strings recheck reported (which would take minutes with the old patterns).
 */
import { describe, expect, it } from 'vitest';
import { unclosedBlock } from '../../compiler/resolve/template-engine/syntax-error.js';
import { spokenLength } from '../../compiler/validate/ssml.js';
import { seededRandom as rng } from '../helpers/seeded-random.js';

const randomText = (next: () => number, pieces: readonly string[], length: number): string =>
  Array.from({ length: Math.floor(next() * length) }, () => pieces[Math.floor(next() * pieces.length)]!).join('');

/** The implementation before issue 10 (a global regular expression). */
function unclosedBlockByRegex(source: string): { name: string; offset: number; length: number } | undefined {
  const tags = /\{\{!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*([^\s}~()]+)[^}]*\}\}/g;
  const stack: { name: string; offset: number; length: number }[] = [];
  for (let m = tags.exec(source); m !== null; m = tags.exec(source)) {
    const [text, sigil, name] = m;
    if (sigil === undefined || name === undefined) continue;
    if (m.index > 0 && source[m.index - 1] === '\\' && source[m.index - 2] !== '\\') continue;
    if (sigil === '/') {
      if (stack.at(-1)?.name === name) stack.pop();
    } else if (!name.startsWith('>') && !name.startsWith('*')) {
      stack.push({ name, offset: m.index, length: text.length });
    }
  }
  return stack.at(-1);
}

function spokenLengthByRegex(text: string): number {
  const plain = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);/g, '_');
  let count = 0;
  for (const _ of plain) count++;
  return count;
}

describe('linear scanners find what the old patterns found', () => {
  it('unclosedBlock on 20,000 random templates', () => {
    const next = rng(10);
    const pieces = ['{{', '}}', '}', '{', '#', '^', '/', '~', '!', '--', ' ', '\n', 'if', 'a', 'each', '(', ')', '\\', '>', '*', '-'];
    for (let i = 0; i < 20_000; i++) {
      const s = randomText(next, pieces, 24);
      expect(unclosedBlock(s), JSON.stringify(s)).toEqual(unclosedBlockByRegex(s));
    }
  });

  it('spokenLength of SSML on 20,000 random texts', () => {
    const next = rng(11);
    const pieces = ['<', '>', '<!--', '-->', '--', '-', '!', 'a', ' ', '&amp;', '&#1', ';', '\n', 'é', '😀'];
    for (let i = 0; i < 20_000; i++) {
      const s = randomText(next, pieces, 20);
      expect(spokenLength(s, true), JSON.stringify(s)).toBe(spokenLengthByRegex(s));
    }
  });

  it('pause marks: the pattern with a lookbehind matches what the old one matched (20,000 random texts)', () => {
    const old = /\s*\uE000(?:\s*\uE000)*\s*/gu;
    const linear = /(?<!\s)\s*\uE000(?:\s*\uE000)*\s*/gu;
    const next = rng(12);
    const pieces = [' ', '\t', '\n', '\uE000', 'a', '.', '\u00a0'];
    const mark = (re: RegExp, s: string) => s.replace(re, (m) => `[${m}]`);
    for (let i = 0; i < 20_000; i++) {
      const s = randomText(next, pieces, 16);
      expect(mark(linear, s), JSON.stringify(s)).toBe(mark(old, s));
    }
  });

  it('the attack strings recheck reported finish (the watchdog is vitest’s test timeout)', () => {
    const n = 200_000;
    expect(unclosedBlock('{{#\u0000'.repeat(n) + '{{!' + '#'.repeat(n) + '\t}{}}')).toBeUndefined();
    expect(unclosedBlock('{{#if x}}' + '{{#\u0000'.repeat(n))).toEqual({ name: 'if', offset: 0, length: 9 });
    expect(unclosedBlock('{{!--'.repeat(n))).toBeUndefined();
    expect(spokenLength('<!--'.repeat(n), true)).toBe(4 * n);
    expect(spokenLength('<'.repeat(n), true)).toBe(n);
  });
});

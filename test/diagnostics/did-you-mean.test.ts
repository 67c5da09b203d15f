/**
 * Suggestions: the bounded, indexed search finds what comparing every candidate in full finds, and a
 * flood of unknown names against a large catalog stays linear in practice (issue 10 #5).
 */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, Suggestions } from '../../compiler/diagnostics/did-you-mean.js';
import { seededRandom as rng } from '../helpers/seeded-random.js';

/** The full O(|a|·|b|) table, as before. */
function fullDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/** The best candidate that is close enough for its length (ties: code-unit order). */
function bruteForce(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = fullDistance(name.toLowerCase(), c.toLowerCase());
    if (d > Math.max(1, Math.floor(Math.max(name.length, c.length) / 3))) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

const word = (next: () => number, max: number): string =>
  Array.from({ length: Math.floor(next() * max) }, () => 'abcAB-'[Math.floor(next() * 6)]!).join('');

describe('did you mean', () => {
  it('editDistance is the full table’s distance (2,000 random pairs)', () => {
    const next = rng(3);
    for (let i = 0; i < 2000; i++) {
      const a = word(next, 12);
      const b = word(next, 12);
      expect(editDistance(a, b), `${a} / ${b}`).toBe(fullDistance(a, b));
    }
  });

  it('the indexed search suggests what a full comparison does (2,000 random lookups)', () => {
    const next = rng(4);
    for (let i = 0; i < 2000; i++) {
      const candidates = Array.from({ length: Math.floor(next() * 12) }, () => word(next, 10));
      const name = word(next, 10);
      expect(didYouMean(name, candidates), `${name} in ${candidates.join(',')}`).toBe(bruteForce(name, candidates));
    }
  });

  it('classic cases', () => {
    expect(didYouMean('levl', ['level', 'loop', 'text'])).toBe('level');
    expect(didYouMean('Welcom', ['welcome', 'goodbye'])).toBe('welcome');
    expect(didYouMean('xyz', ['welcome'])).toBeUndefined();
    expect(new Suggestions(['menu', 'menus']).suggest('menu', 'menu')).toBe('menus');
  });

  it('5,000 unknown names against 40,000 candidates finish, and very long names get no suggestion', () => {
    const index = new Suggestions(Array.from({ length: 40_000 }, (_, i) => `key${i}`));
    let suggested = 0;
    for (let i = 0; i < 5000; i++) if (index.suggest(`nokey${i}`) !== undefined) suggested++;
    expect(suggested).toBeGreaterThan(0);
    expect(didYouMean('a'.repeat(30_000), ['b'.repeat(30_000)])).toBeUndefined();
  });
});

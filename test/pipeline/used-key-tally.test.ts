import { describe, expect, it } from 'vitest';
import { UsedKeyTally } from '../../compiler/pipeline/used-key-tally.js';

/** A small deterministic generator (the same rounds on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const locales = ['en-US', 'de-DE'];
const keys = ['greeting', 'menu', 'bye', 'help', 'billing.intro', 'info.hours'];

describe('UsedKeyTally', () => {
  it.each([1, 2, 3])('says what a union of every flow list says, over rounds of random changes (seed %i)', (seed) => {
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const list = (): [string, string][] =>
      Array.from({ length: Math.floor(next() * 5) }, (): [string, string] => [pick(locales), pick(keys)]);
    const tally = new UsedKeyTally();
    let lists = new Map<string, [string, string][]>();
    let moved = 0;
    for (let round = 0; round < 200; round++) {
      // Most flows keep their list (the same array), a few get a new one, some leave, some come.
      const nextLists = new Map<string, [string, string][]>();
      for (const flow of ['a', 'b', 'c', 'd', 'e', 'f']) {
        const last = lists.get(flow);
        const roll = next();
        if (roll < 0.15) continue;
        if (last && roll < 0.7) nextLists.set(flow, last);
        else {
          nextLists.set(flow, list());
          moved++;
        }
      }
      lists = nextLists;
      tally.update(lists);
      const union = new Set([...lists.values()].flat().map(([locale, key]) => `${locale}\n${key}`));
      for (const locale of locales)
        for (const key of keys) expect(tally.has(locale, key), `round ${round}: ${locale} ${key}`).toBe(union.has(`${locale}\n${key}`));
    }
    expect(moved).toBeGreaterThan(100);
  });

  it('counts a key used twice by one flow and once by another until both are gone', () => {
    const tally = new UsedKeyTally();
    const a: [string, string][] = [
      ['en-US', 'menu'],
      ['en-US', 'menu'],
    ];
    const b: [string, string][] = [['en-US', 'menu']];
    const rounds: { lists: [string, [string, string][]][]; used: boolean }[] = [
      {
        lists: [
          ['a', a],
          ['b', b],
        ],
        used: true,
      },
      { lists: [['b', b]], used: true },
      { lists: [['a', a]], used: true },
      { lists: [['a', []]], used: false },
      { lists: [], used: false },
      { lists: [['b', [...b]]], used: true },
    ];
    for (const [i, { lists, used }] of rounds.entries()) {
      tally.update(new Map(lists));
      expect(tally.has('en-US', 'menu'), `round ${i}`).toBe(used);
      expect(tally.has('de-DE', 'menu'), `round ${i}`).toBe(false);
    }
  });
});

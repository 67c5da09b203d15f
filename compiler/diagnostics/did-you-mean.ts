/** Suggest the closest known name for a misspelt one (case-insensitive Levenshtein). */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

/**
 * editDistance(a, b) when it is at most `max`, else max + 1: only the diagonal band |i - j| ≤ max is
 * computed, and the computation stops at the first row whose smallest value exceeds `max` (no cell of
 * a later row can be smaller). Cost O(|a| · max) instead of O(|a| · |b|).
 */
function boundedDistance(a: string, b: string, max: number, spent?: { cells: number }): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  const big = max + 1;
  // Three rows: i - 2 (for swaps), i - 1 and i.
  let before = new Array<number>(cols).fill(big);
  let previous = new Array<number>(cols).fill(big);
  let current = new Array<number>(cols).fill(big);
  for (let j = 0; j < cols && j <= max; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    // Only the band and one cell either side are written; rows are reused, so the sides are reset.
    current[from - 1] = from === 1 ? (i <= max ? i : big) : big;
    if (to + 1 < cols) current[to + 1] = big;
    let rowMin = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      current[j] = Math.min(v, big);
      if (current[j]! < rowMin) rowMin = current[j]!;
    }
    if (spent) spent.cells += to - from + 1;
    if (rowMin > max) return big;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, big);
}

/** Longer names get no suggestion: they are texts rather than misspelt names, and comparing them costs. */
const maxNameLength = 200;

/** How many distance cells one index may compute: generous for any real project, a bound on floods of unknown names. */
const defaultBudget = 20_000_000;

/** A suggestion is close enough when at most a third of the longer name differs (at least one edit). */
const limitFor = (a: number, b: number): number => Math.max(1, Math.floor(Math.max(a, b) / 3));

/**
 * The candidates of one kind of name, indexed by length, for many lookups: a catalog of 40,000 keys
 * and thousands of unknown keys would otherwise cost 40,000 full comparisons per lookup (issue 10 #5).
 * Each lookup only compares candidates whose length could be close enough, with a bounded distance,
 * and the index stops suggesting (returns undefined) once it has spent its budget — deterministically,
 * since lookups come in the same order for the same input.
 */
export class Suggestions {
  private readonly byLength = new Map<number, { name: string; lower: string }[]>();
  private readonly spent = { cells: 0 };

  constructor(
    candidates: Iterable<string>,
    private readonly budget: number = defaultBudget,
  ) {
    for (const name of candidates) {
      if (name.length > maxNameLength) continue;
      const list = this.byLength.get(name.length) ?? [];
      list.push({ name, lower: name.toLowerCase() });
      this.byLength.set(name.length, list);
    }
  }

  /** The closest candidate (ties: the first in code-unit order), other than `except`. */
  suggest(name: string, except?: string): string | undefined {
    if (name.length > maxNameLength || this.spent.cells > this.budget) return undefined;
    const lower = name.toLowerCase();
    const n = name.length;
    let best: string | undefined;
    let bestDistance = Infinity;
    // Lengths m with |n - m| ≤ limitFor(n, m): m ≤ 1.5n + 1.5 covers every one.
    const longest = Math.floor(1.5 * n) + 2;
    for (let m = Math.max(0, n - limitFor(n, n)); m <= longest; m++) {
      const list = this.byLength.get(m);
      if (list === undefined || Math.abs(n - m) > limitFor(n, m)) continue;
      for (const c of list) {
        if (c.name === except) continue;
        const max = Math.min(limitFor(n, m), bestDistance);
        const d = boundedDistance(lower, c.lower, max, this.spent);
        if (d > max) continue;
        if (d < bestDistance || (d === bestDistance && best !== undefined && c.name < best)) {
          best = c.name;
          bestDistance = d;
        }
      }
      if (this.spent.cells > this.budget) return undefined;
    }
    return best;
  }
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  return new Suggestions(candidates).suggest(name);
}

/** " Did you mean `x`?" or "" — for appending to messages. */
export const didYouMeanText = (name: string, candidates: Iterable<string>): string => {
  const s = didYouMean(name, candidates);
  return s === undefined ? '' : ` Did you mean "${s}"?`;
};

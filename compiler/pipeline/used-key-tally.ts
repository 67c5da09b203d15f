/** Used message keys counted across builds (compiler/pipeline/build-project.ts). */

/**
 * The message keys the cached flows use, counted across builds: a warm compiler (`--watch`) moves only the
 * flows whose list of used keys is not the one counted last time (by identity: a cache entry's list is never
 * changed in place), instead of adding every cached flow's keys to fresh sets at each rebuild
 * (docs/performance.md, "Rebuilds"). The counts are always the sum of the lists kept, whatever a build did.
 */
export class UsedKeyTally {
  private readonly counted = new Map<string, readonly [string, string][]>();
  private readonly counts = new Map<string, Map<string, number>>();

  /** Makes the counts those of `lists` (flow name → its used keys), moving only the lists that changed. */
  update(lists: ReadonlyMap<string, readonly [string, string][]>): void {
    for (const [flow, last] of this.counted) {
      if (lists.get(flow) === last) continue;
      this.move(last, -1);
      this.counted.delete(flow);
    }
    for (const [flow, list] of lists) {
      if (this.counted.get(flow) === list) continue;
      this.move(list, 1);
      this.counted.set(flow, list);
    }
  }

  has(locale: string, key: string): boolean {
    return (this.counts.get(locale)?.get(key) ?? 0) > 0;
  }

  private move(pairs: readonly [string, string][], by: 1 | -1): void {
    for (const [locale, key] of pairs) {
      let keys = this.counts.get(locale);
      if (!keys) this.counts.set(locale, (keys = new Map()));
      const n = (keys.get(key) ?? 0) + by;
      if (n === 0) keys.delete(key);
      else keys.set(key, n);
    }
  }
}

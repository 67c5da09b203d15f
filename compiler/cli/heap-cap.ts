/**
 * The heap cap of builds that compile many flows. V8 lets the heap grow up to about four times what
 * survived the last full collection before it collects again; a full build makes gigabytes of
 * short-lived garbage (a flow's YAML, expansion, NCCOs) on top of a few hundred MB that stay, so peak
 * memory was that factor times the project. A fixed 1.5 keeps the peak near what the build holds
 * (docs/performance.md, "Full builds"). A rebuild served from the cache makes little garbage, and there
 * the cap only costs collections (about 0.4 s of CPU at 1,000 flows): it is set once a build has
 * compiled `capAfterCompiled` flows, and taken off when the build ends (a `--watch` process waits).
 *
 * Only the flowc process sets it (bin.ts allows it): the API and the tests never change V8's flags.
 */
import v8 from 'node:v8';

let allowed = false;
let on = false;

/** Flows compiled (not served from the cache) by a build after which the heap is capped. */
export const capAfterCompiled = 50;

/** The flowc process: builds may cap the heap. */
export function allowHeapCap(): void {
  allowed = true;
}

/** Caps the heap; true when this call set the cap (the caller then takes it off). */
export function capHeapGrowth(): boolean {
  if (!allowed || on) return false;
  v8.setFlagsFromString('--heap-growing-percent=50');
  on = true;
  return true;
}

/** Back to V8's own growing factor (0 is its default). */
export function uncapHeapGrowth(): void {
  if (!on) return;
  v8.setFlagsFromString('--heap-growing-percent=0');
  on = false;
}

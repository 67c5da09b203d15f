/**
 * A cap on repeated findings (issue 10 #5): one mistake repeated 40,000 times — a catalog pasted
 * twice, a renamed key — would print 40,000 diagnostics that nobody reads and that slow every
 * format down. The first `max` of each kind (same code and severity in the same file) are kept, and
 * one more diagnostic of that kind says how many were left out.
 */
import type { Diagnostic } from './diagnostic.js';

/** How many findings of one kind per file are listed by default. */
export const defaultMaxPerKind = 100;

const kindOf = (d: Diagnostic): string => `${d.file ?? ''}\u0000${d.code}\u0000${d.severity}`;

/** Keeps the order given; the note on what was left out follows the last finding kept of its kind. */
export function capRepeated(diagnostics: readonly Diagnostic[], max: number = defaultMaxPerKind): Diagnostic[] {
  if (!(max >= 1) || diagnostics.length <= max) return [...diagnostics];
  const total = new Map<string, number>();
  for (const d of diagnostics) total.set(kindOf(d), (total.get(kindOf(d)) ?? 0) + 1);
  const listed = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const kind = kindOf(d);
    const n = (listed.get(kind) ?? 0) + 1;
    listed.set(kind, n);
    if (n > max) continue;
    out.push(d);
    const more = total.get(kind)! - max;
    if (n === max && more > 0) {
      out.push({
        code: d.code,
        severity: d.severity,
        message: `…and ${more.toLocaleString('en-US')} more of this kind ${d.file === undefined ? 'in this project' : 'in this file'}, not listed (flowc lists the first ${max}).`,
        ...(d.file !== undefined ? { file: d.file } : {}),
        hint: 'Fix the ones listed (often one mistake, repeated) and run flowc again to see what is left.',
      });
    }
  }
  return out;
}

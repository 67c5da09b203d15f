/** Shared helpers for the validator tests: findings reduced to what tests assert (code, pointer, severity). */
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';

export interface Found {
  code: string;
  pointer: string | undefined;
}

export const found = (diagnostics: readonly Diagnostic[]): Found[] => diagnostics.map((d) => ({ code: d.code, pointer: d.pointer }));

export const errors = (diagnostics: readonly Diagnostic[]): Found[] => found(diagnostics.filter((d) => d.severity === 'error'));

/** A deep copy of `value` with `path` set to `v` (objects are created on the way). */
export function withValue<T>(value: T, path: readonly (string | number)[], v: unknown): T {
  const copy = structuredClone(value) as unknown;
  let node = copy as Record<string | number, unknown>;
  path.forEach((seg, k) => {
    if (k === path.length - 1) node[seg] = v;
    else {
      node[seg] ??= {};
      node = node[seg] as Record<string | number, unknown>;
    }
  });
  return copy as T;
}

/**
 * Diagnostics carry paths relative to the project folder (or, for lint-ncco, to the current folder).
 * GitHub annotations and code scanning want them relative to the repository root: in a monorepo the
 * project is a sub-folder, and `flows/a.flow.yaml` would point at a file that does not exist.
 */
import type { Diagnostic } from './diagnostic.js';

/** `prefix` is the project folder relative to the repository root, with forward slashes ('' at the root). */
export function rebaseDiagnostics(diagnostics: readonly Diagnostic[], prefix: string): Diagnostic[] {
  if (prefix === '' || prefix === '.') return [...diagnostics];
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === '/') end--; // trailing slashes, without a backtracking pattern
  const base = prefix.slice(0, end);
  const join = (file: string) => `${base}/${file}`;
  return diagnostics.map((d) => ({
    ...d,
    ...(d.file !== undefined ? { file: join(d.file) } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, file: join(r.file) })) } : {}),
  }));
}

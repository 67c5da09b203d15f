/** The one-line tally printed after pretty output: "2 errors, 1 warning" or "no problems". */

import type { Diagnostic, Severity } from './diagnostic.js';
import { paint, severityStyle } from './format-ansi.js';

const nouns: Record<Severity, readonly [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info message', 'info messages'],
};

const order: readonly Severity[] = ['error', 'warning', 'info'];

/** A phrase without a trailing newline. */
export function formatSummary(diagnostics: readonly Diagnostic[], options: { color: boolean }): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const parts = order
    .filter((s) => counts[s] > 0)
    .map((s) => paint(`${counts[s]} ${nouns[s][counts[s] === 1 ? 0 : 1]}`, options.color, 'bold', severityStyle[s]));
  return parts.length === 0 ? paint('no problems', options.color, 'bold', 'green') : parts.join(', ');
}

import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../compiler/diagnostics/diagnostic.js';
import { formatSummary } from '../../compiler/diagnostics/format-summary.js';

const many = (counts: Partial<Record<Severity, number>>): Diagnostic[] =>
  (Object.entries(counts) as Array<[Severity, number]>).flatMap(([severity, n]) =>
    Array.from({ length: n }, () => ({ code: 'a/b', severity, message: 'M.' })),
  );

describe('formatSummary', () => {
  it.each<[Partial<Record<Severity, number>>, string]>([
    [{}, 'no problems'],
    [{ error: 1 }, '1 error'],
    [{ error: 2, warning: 1 }, '2 errors, 1 warning'],
    [{ warning: 3 }, '3 warnings'],
    [{ info: 1 }, '1 info message'],
    [{ info: 2, error: 1, warning: 2 }, '1 error, 2 warnings, 2 info messages'],
  ])('%j → %s', (counts, expected) => {
    expect(formatSummary(many(counts), { color: false })).toBe(expected);
  });

  it('colours each count by severity, and "no problems" green', () => {
    expect(formatSummary(many({ error: 2, warning: 1, info: 1 }), { color: true })).toBe(
      '\u001b[1;31m2 errors\u001b[0m, \u001b[1;33m1 warning\u001b[0m, \u001b[1;36m1 info message\u001b[0m',
    );
    expect(formatSummary([], { color: true })).toBe('\u001b[1;32mno problems\u001b[0m');
  });
});

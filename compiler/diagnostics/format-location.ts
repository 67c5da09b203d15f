/** Shared pieces of the output formats: `file:line:col` and range clean-up. */

import type { Position, Range } from './diagnostic.js';

const positive = (n: number): number => (Number.isFinite(n) ? Math.max(1, Math.trunc(n)) : 1);

/**
 * Ranges as consumers require them: 1-based integers, end not before start.
 * `end` is exclusive (the position after the last character), as the YAML loader's
 * offsets give it and as SARIF's `endColumn` defines it.
 */
export function normalizeRange(range: Range): Range {
  const start: Position = { line: positive(range.start.line), col: positive(range.start.col) };
  const end: Position = { line: positive(range.end.line), col: positive(range.end.col) };
  const endBeforeStart = end.line < start.line || (end.line === start.line && end.col < start.col);
  return { start, end: endBeforeStart ? { ...start } : end };
}

/** `flows/x.yaml:12:9`, or just the file when the position is unknown. */
export function formatLocation(file: string, range: Range | undefined): string {
  if (range === undefined) return file;
  const { start } = normalizeRange(range);
  return `${file}:${start.line}:${start.col}`;
}

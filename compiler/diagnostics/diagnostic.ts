/** The one diagnostic shape every stage produces (design: "CLI contract"). */

export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A second place that explains a diagnostic, e.g. the `use:` site that expanded a template. */
export interface RelatedLocation {
  message: string;
  file: string;
  range?: Range;
}

export interface Diagnostic {
  /** Stable, kebab-case, grouped by stage: `yaml/duplicate-key`, `ncco/range`, … (docs/rules.md). */
  code: string;
  severity: Severity;
  /** Plain words a non-developer understands. */
  message: string;
  /** Project-relative path with forward slashes. */
  file?: string;
  /** RFC 6901 pointer into the NCCO (lint-ncco) or the flow document. */
  pointer?: string;
  range?: Range;
  /** How to fix it. */
  hint?: string;
  related?: RelatedLocation[];
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

/** `--strict` turns warnings into errors. */
export const promoteWarnings = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
  diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Compares by UTF-16 code units, as Array.prototype.sort() does without a comparator. Never
 * localeCompare() for output: its order follows LC_ALL/LANG, so CI and laptops would disagree.
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Deterministic order, the same under every locale: errors first (the mistake to fix comes before the
 * warnings), then file, line, column, code, pointer, message.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      compareCodeUnits(a.file ?? '', b.file ?? '') ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
      (a.range?.start.col ?? 0) - (b.range?.start.col ?? 0) ||
      compareCodeUnits(a.code, b.code) ||
      compareCodeUnits(a.pointer ?? '', b.pointer ?? '') ||
      compareCodeUnits(a.message, b.message),
  );
}

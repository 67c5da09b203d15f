/** `--format json`: the machine-readable contract of the design's "CLI contract" section. */

import type { Diagnostic, Range, RelatedLocation } from './diagnostic.js';

/** Bumped only when the shape below changes incompatibly. */
export const JSON_FORMAT_VERSION = 1;

/** The wire format is the diagnostic shape itself (design: "CLI contract"); named for readers of the JSON. */
export type JsonRelated = RelatedLocation;
export type JsonDiagnostic = Diagnostic;

export interface JsonReport {
  version: typeof JSON_FORMAT_VERSION;
  diagnostics: JsonDiagnostic[];
}

const copyRange = (r: Range): Range => ({
  start: { line: r.start.line, col: r.start.col },
  end: { line: r.end.line, col: r.end.col },
});

const toJsonRelated = (r: RelatedLocation): JsonRelated => ({
  message: r.message,
  file: r.file,
  ...(r.range !== undefined && { range: copyRange(r.range) }),
});

/** Only the contract's keys, always in the contract's order, so output diffs stay stable. */
export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.file !== undefined && { file: d.file }),
    ...(d.pointer !== undefined && { pointer: d.pointer }),
    ...(d.range !== undefined && { range: copyRange(d.range) }),
    ...(d.hint !== undefined && { hint: d.hint }),
    ...(d.related !== undefined && d.related.length > 0 && { related: d.related.map(toJsonRelated) }),
  };
}

/** One JSON object, 2-space indent, final newline. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const report: JsonReport = { version: JSON_FORMAT_VERSION, diagnostics: diagnostics.map(toJsonDiagnostic) };
  return JSON.stringify(report, null, 2) + '\n';
}

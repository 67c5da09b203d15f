import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { type NodePart, rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';

/** Reports an error at a JSON pointer of one file; the range is the key's or the value's node there. */
export type ReportError = (code: string, pointer: string, message: string, hint: string, part?: NodePart) => void;

/**
 * The `report` of a stage that checks one file's document: every error it finds has the same shape (severity
 * error, the file's path, a range looked up from the pointer), and the same related locations, e.g. the `use:`
 * that expanded a template.
 */
export function errorReporter(
  file: SourceFile,
  diagnostics: Diagnostic[],
  options: { related?: RelatedLocation[]; part?: NodePart } = {},
): ReportError {
  const { related, part: defaultPart = 'value' } = options;
  return (code, pointer, message, hint, part = defaultPart) => {
    diagnostics.push({
      code,
      severity: 'error',
      message,
      file: file.path,
      pointer,
      range: rangeAtPointer(file.doc, file.lineCounter, pointer, part),
      hint,
      ...(related?.length ? { related } : {}),
    });
  };
}

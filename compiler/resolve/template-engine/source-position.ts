/**
 * Handlebars reports places as 1-based line + 0-based column (its jison lexer counts `\r\n`, `\r`
 * and `\n` as line breaks, columns in UTF-16 code units). The lead needs 0-based offsets.
 */

export interface LineColumn {
  line: number;
  column: number;
}

/** Offsets where each line starts: index 0 is line 1. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Offset of a Handlebars position, clamped into [0, source length]. */
export function offsetOf(starts: readonly number[], sourceLength: number, at: LineColumn): number {
  const lineIndex = Math.min(Math.max(at.line - 1, 0), starts.length - 1);
  const offset = (starts[lineIndex] ?? 0) + Math.max(at.column, 0);
  return Math.min(Math.max(offset, 0), sourceLength);
}

/** A Handlebars `loc` (start/end) as offset + length. */
export function spanOf(
  starts: readonly number[],
  sourceLength: number,
  loc: { start: LineColumn; end: LineColumn },
): { offset: number; length: number } {
  const offset = offsetOf(starts, sourceLength, loc.start);
  const end = offsetOf(starts, sourceLength, loc.end);
  return { offset, length: Math.max(end - offset, 0) };
}

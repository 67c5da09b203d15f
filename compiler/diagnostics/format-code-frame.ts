/**
 * A code frame: the lines around a diagnostic with a caret run under its range, as
 * rustc / TypeScript / eslint print them. Columns in ranges count UTF-16 code units
 * (what the YAML loader's offsets count); the frame converts them to terminal columns.
 */

import type { Range, Severity } from './diagnostic.js';
import { paint, severityStyle } from './format-ansi.js';
import { normalizeRange } from './format-location.js';
import { TAB_WIDTH, codePointWidth, controlStandIn } from './format-terminal-text.js';

/** Lines shown before and after the line the range starts on. */
export const CONTEXT_LINES = 2;
/** A frame with a line wider than this (in terminal columns) is trimmed around the caret. */
export const LONG_LINE_WIDTH = 200;
/** Columns of source shown in a trimmed frame. */
export const TRIMMED_WIDTH = 120;
/** Columns kept before the caret when a trimmed frame has to scroll right. */
const TRIMMED_LEAD = 40;

export interface CodeFrameOptions {
  color: boolean;
  severity: Severity;
}

/** One code point of a source line as the terminal shows it. */
interface Cell {
  text: string;
  width: number;
  /** UTF-16 index in the line. */
  index: number;
  units: number;
  /** Terminal column (0-based) where the cell starts. */
  col: number;
}

interface LineLayout {
  cells: Cell[];
  width: number;
  length: number;
}

function layoutLine(line: string): LineLayout {
  const cells: Cell[] = [];
  let col = 0;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    let text: string;
    let width: number;
    if (cp >= 0x20 && cp < 0x7f) {
      // Printable ASCII, by far the common case: one column, drawn as is.
      cells.push({ text: line[i]!, width: 1, index: i, units: 1, col });
      col += 1;
      i += 1;
      continue;
    }
    const standIn = cp === 0x09 ? undefined : controlStandIn(cp);
    if (cp === 0x09) {
      width = TAB_WIDTH - (col % TAB_WIDTH);
      text = ' '.repeat(width);
    } else if (cp === 0xfeff) {
      // A byte-order mark counts as a code unit in the loader's columns but is not drawn.
      text = '';
      width = 0;
    } else if (standIn !== undefined) {
      text = standIn;
      width = 1;
    } else {
      text = String.fromCodePoint(cp);
      width = codePointWidth(cp);
    }
    cells.push({ text, width, index: i, units, col });
    col += width;
    i += units;
  }
  return { cells, width: col, length: line.length };
}

/** Terminal column of a UTF-16 index; an index inside a surrogate pair maps to its character. */
function displayCol(layout: LineLayout, index: number): number {
  if (index >= layout.length) return layout.width;
  for (const cell of layout.cells) {
    if (index < cell.index + cell.units) return cell.col;
  }
  return layout.width;
}

/** The terminal columns [from, to) of a line; characters cut by the edges become spaces. */
function sliceColumns(layout: LineLayout, from: number, to: number): string {
  let out = '';
  for (const cell of layout.cells) {
    if (cell.col >= to) break;
    if (cell.width === 0) {
      if (cell.col >= from) out += cell.text;
      continue;
    }
    const end = cell.col + cell.width;
    if (end <= from) continue;
    out += cell.col >= from && end <= to ? cell.text : ' '.repeat(Math.min(end, to) - Math.max(cell.col, from));
  }
  return out;
}

/** Split like the YAML loader's LineCounter does (on `\n`), dropping the `\r` of CRLF files. */
export const sourceLines = (source: string): string[] => source.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));

/**
 * The frame's lines (no trailing newline), or undefined when the range's line is not in
 * the source (the source changed, or the range is wrong): no frame beats a wrong one.
 * `lines` is `sourceLines(text)`, split once per file by the caller.
 */
export function formatCodeFrame(lines: readonly string[], range: Range, options: CodeFrameOptions): string[] | undefined {
  const { color, severity } = options;
  const { start, end } = normalizeRange(range);
  // A final newline leaves an empty last "line"; show it only when the range points at it.
  let lineCount = lines.length;
  if (lineCount > 1 && lines[lineCount - 1] === '' && start.line < lineCount) lineCount--;
  if (start.line > lineCount) return undefined;

  const first = Math.max(1, start.line - CONTEXT_LINES);
  const last = Math.min(lineCount, start.line + CONTEXT_LINES);
  const layouts: LineLayout[] = [];
  for (let n = first; n <= last; n++) layouts.push(layoutLine(lines[n - 1] ?? ''));
  const caretLayout = layouts[start.line - first]!;

  // A range over several lines is marked from its start to the end of its first line.
  const endIndex = end.line === start.line ? end.col - 1 : caretLayout.length;
  const caretStart = displayCol(caretLayout, start.col - 1);
  const caretEnd = Math.max(caretStart + 1, displayCol(caretLayout, endIndex));

  // Very long lines: show one window of columns, the same for every line so they stay aligned.
  const widest = Math.max(...layouts.map((l) => l.width));
  let from = 0;
  let to = Infinity;
  if (widest > LONG_LINE_WIDTH) {
    from = caretEnd <= TRIMMED_WIDTH ? 0 : Math.max(0, Math.min(caretStart - TRIMMED_LEAD, widest - TRIMMED_WIDTH));
    to = from + TRIMMED_WIDTH;
  }
  const lead = from > 0 ? 1 : 0;

  const gutterWidth = String(last).length;
  const style = severityStyle[severity];
  const out: string[] = [];
  layouts.forEach((layout, i) => {
    const n = first + i;
    const left = from > 0 ? (layout.width > 0 ? '…' : ' ') : '';
    const right = layout.width > to ? '…' : '';
    const text = (left + sliceColumns(layout, from, to) + right).trimEnd();
    const marker = n === start.line ? paint('>', color, 'bold', style) : ' ';
    const gutter = paint(`${String(n).padStart(gutterWidth)} |`, color, 'dim');
    out.push(`${marker} ${gutter}${text === '' ? '' : ' ' + text}`);
    if (n === start.line) {
      const carets = Math.min(caretEnd, Math.max(to, caretStart + 1)) - caretStart;
      const pad = ' '.repeat(caretStart - from + lead);
      out.push(`  ${paint(`${' '.repeat(gutterWidth)} |`, color, 'dim')} ${pad}${paint('^'.repeat(carets), color, 'bold', style)}`);
    }
  });
  return out;
}

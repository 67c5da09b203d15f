/**
 * Human-readable output for a terminal: one block per diagnostic, in the order given.
 *
 *   error[ncco/range] flows/support.yaml:12:22
 *     maxDigits must be between 1 and 20, but it is 25.
 *
 *     11 |         dtmf:
 *   > 12 |           maxDigits: 25
 *        |                      ^^
 *
 *     hint: Use a number from 1 to 20.
 *     at /steps/menu/0/input/dtmf/maxDigits
 *     note: templates/x.yaml:3:5 — expanded from here
 */

import type { Diagnostic } from './diagnostic.js';
import { type Style, paint, severityStyle } from './format-ansi.js';
import { formatCodeFrame, sourceLines } from './format-code-frame.js';
import { formatLocation } from './format-location.js';
import { displayLines, sanitizeLine } from './format-terminal-text.js';

export interface PrettyOptions {
  color: boolean;
  /** file → text, for code frames; looked up by the diagnostic's `file`. */
  sources: ReadonlyMap<string, string>;
}

const INDENT = '  ';

/** `label: text`, with further lines of `text` aligned under its first. */
function labelled(label: string, text: string, color: boolean, ...styles: Style[]): string[] {
  const pad = ' '.repeat(label.length + 2);
  return displayLines(text).map((line, i) =>
    i === 0 ? `${INDENT}${paint(`${label}:`, color, ...styles)} ${line}` : `${INDENT}${pad}${line}`,
  );
}

/** Source lines per file, split on first use (many diagnostics share a file). */
type LineCache = Map<string, readonly string[] | undefined>;

function linesOf(file: string, options: PrettyOptions, cache: LineCache): readonly string[] | undefined {
  if (!cache.has(file)) {
    const source = options.sources.get(file);
    cache.set(file, source === undefined ? undefined : sourceLines(source));
  }
  return cache.get(file);
}

function formatOne(d: Diagnostic, options: PrettyOptions, cache: LineCache): string {
  const { color } = options;
  const style = severityStyle[d.severity];
  const location = d.file === undefined ? '' : ' ' + paint(sanitizeLine(formatLocation(d.file, d.range)), color, 'bold');
  const lines = [paint(`${d.severity}[${sanitizeLine(d.code)}]`, color, 'bold', style) + location];
  lines.push(...displayLines(d.message).map((line) => INDENT + line));

  const source = d.file === undefined || d.range === undefined ? undefined : linesOf(d.file, options, cache);
  const frame =
    source === undefined || d.range === undefined ? undefined : formatCodeFrame(source, d.range, { color, severity: d.severity });
  if (frame !== undefined) lines.push('', ...frame);

  const trailer: string[] = [];
  if (d.hint !== undefined && d.hint !== '') trailer.push(...labelled('hint', d.hint, color, 'bold'));
  // The empty pointer means "the whole document": nothing to add to the file name.
  if (d.pointer !== undefined && d.pointer !== '') {
    trailer.push(`${INDENT}${paint('at', color, 'dim')} ${sanitizeLine(d.pointer)}`);
  }
  for (const r of d.related ?? []) {
    trailer.push(...labelled('note', `${formatLocation(r.file, r.range)} — ${r.message}`, color, 'bold'));
  }
  if (trailer.length > 0) lines.push('', ...trailer);
  return lines.join('\n') + '\n';
}

/** Blocks separated by one blank line; '' when there is nothing to report. */
export function formatPretty(diagnostics: readonly Diagnostic[], options: PrettyOptions): string {
  const cache: LineCache = new Map();
  return diagnostics.map((d) => formatOne(d, options, cache)).join('\n');
}

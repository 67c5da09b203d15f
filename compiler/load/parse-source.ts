/** Bytes → SourceFile + diagnostics. Pure: the reading happens in read-project.ts. */
import { type Document, LineCounter, parseDocument, type Node, type YAMLError } from 'yaml';
import { commentTrapDiagnostics } from './comment-traps.js';
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import type { SourceFile, SourceKind } from './source-file.js';
import { duplicateKeyErrors } from './duplicate-keys.js';
import { rangeOfOffsets } from './source-position.js';
import { yamlToData } from './yaml-to-data.js';

/** Larger files are refused before parsing: no call flow is this big, and it keeps builds bounded. */
export const maxFileBytes = 2 * 1024 * 1024;

const firstLine: Range = { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } };

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

function invalidUtf8Position(bytes: Uint8Array): Range {
  const at = Math.max(0, firstInvalidUtf8(bytes));
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const lines = prefix.split('\n');
  const line = lines.length;
  const col = (lines[lines.length - 1]?.length ?? 0) + 1;
  return { start: { line, col }, end: { line, col: col + 1 } };
}

const yamlCodeNames: Record<string, string> = {
  DUPLICATE_KEY: 'yaml/duplicate-key',
  TAB_AS_INDENT: 'yaml/tab-indent',
  MULTIPLE_DOCS: 'yaml/multiple-documents',
  TAG_RESOLVE_FAILED: 'yaml/unknown-tag',
  BAD_ALIAS: 'yaml/bad-alias',
};

const yamlHints: Record<string, string> = {
  'yaml/duplicate-key': 'Each key may appear once in a map; remove or rename one of them.',
  'yaml/tab-indent': 'Indent with spaces, not tabs.',
  'yaml/multiple-documents': 'Keep one document per file: remove the "---" line.',
  'yaml/unknown-tag': 'Remove the !tag; flowc files use plain YAML.',
  'yaml/bad-alias': 'Define the anchor (&name) before using the alias (*name).',
};

/** How every project file is parsed (also when a released document is parsed again, release-document.ts). */
export const parseOptions = (lineCounter: LineCounter) =>
  // uniqueKeys: yaml's check is quadratic in the keys of a map; duplicateKeyErrors() is the same check, linear.
  ({ lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, merge: false }) as const;

function yamlErrorDiagnostic(file: string, lc: LineCounter, e: YAMLError, severity: 'error' | 'warning'): Diagnostic {
  // The parser reports running out of stack on absurd nesting as an ordinary error.
  if (/Maximum call stack/.test(e.message)) {
    return {
      code: 'yaml/too-deep',
      severity: 'error',
      message: 'Values are nested too deeply to read.',
      file,
      range: rangeOfOffsets(lc, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
      hint: 'Flatten the data: no flow, catalog or template needs this depth.',
    };
  }
  const code = yamlCodeNames[e.code] ?? (severity === 'error' ? 'yaml/syntax' : 'yaml/warning');
  // The yaml package appends a position note after a colon on the first line; keep its first sentence.
  const message = withoutPositionNote(e.message.split('\n')[0]!).trim();
  return {
    code,
    severity,
    message: message.endsWith('.') ? message : `${message}.`,
    file,
    range: rangeOfOffsets(lc, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
    hint: yamlHints[code] ?? 'Check the YAML syntax on this line; quoting the value often helps.',
  };
}

/**
 * "… at line 3, column 5: …" → "…". A sticky match at each " at line " rather than
 * / at line \d+, column \d+.*$/, which retries at every position of a long line (polynomial).
 */
function withoutPositionNote(line: string): string {
  const note = / at line \d+, column \d+/y;
  for (let at = line.indexOf(' at line '); at !== -1; at = line.indexOf(' at line ', at + 1)) {
    note.lastIndex = at;
    if (note.test(line)) return line.slice(0, at);
  }
  return line;
}

/** `load/file-too-large` for a file of `bytes` bytes (read-project refuses it before reading). */
export const fileTooLarge = (file: string, bytes: number): Diagnostic => ({
  code: 'load/file-too-large',
  severity: 'error',
  message: `This file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; flowc reads files up to ${maxFileBytes / 1024 / 1024} MiB.`,
  file,
  range: firstLine,
  hint: 'Split it into several flows, templates or catalogs.',
});

export interface ParsedSource {
  file?: SourceFile;
  diagnostics: Diagnostic[];
}

export function parseSource(path: string, kind: SourceKind, bytes: Uint8Array): ParsedSource {
  const diag = (code: string, message: string, hint: string, range: Range = firstLine): ParsedSource => ({
    diagnostics: [{ code, severity: 'error', message, file: path, range, hint }],
  });
  if (bytes.length > maxFileBytes) return { diagnostics: [fileTooLarge(path, bytes.length)] };
  const text = decodeSource(bytes);
  if (text === undefined) {
    return diag(
      'load/not-utf8',
      'This file is not UTF-8 text.',
      'Save the file with UTF-8 encoding (most editors offer it under "Save with encoding").',
      invalidUtf8Position(bytes),
    );
  }
  if (text.includes('\0'))
    return diag('load/binary', 'This file contains NUL bytes; it is not a text file.', 'Replace it with a YAML text file.');
  // A carriage return that ends a line alone (classic Mac OS): the YAML parser does not take it for a
  // line break and reports confusing errors along the one long line it sees.
  const cr = loneCarriageReturn(text);
  if (cr !== -1) {
    const lines = text.slice(0, cr).split('\n');
    const line = lines.length;
    const col = lines[lines.length - 1]!.length + 1;
    // Lines that otherwise end with LF: one stray CR (pasted text), not the file's line endings.
    const stray = text.includes('\n');
    return diag(
      'load/lone-cr',
      stray
        ? 'This line holds a carriage return alone (a stray CR, often pasted from another program), which YAML does not read as a line end.'
        : 'This file ends its lines with a carriage return alone (the line endings of classic Mac OS), which YAML does not read as line ends.',
      stray
        ? 'Delete the stray character (editors show it as ^M or CR), or break the line there properly.'
        : 'Save the file with LF (Unix, macOS) or CRLF (Windows) line endings: most editors show and change them in the status bar.',
      { start: { line, col }, end: { line, col: col + 1 } },
    );
  }
  if (onlyCommentsOrBlank(text)) {
    return diag('load/empty-file', 'This file is empty.', 'Write its content, or delete the file.');
  }

  let lineCounter: LineCounter;
  let doc: Document;
  try {
    ({ doc, lineCounter } = parseYamlDocument(text));
  } catch (err) {
    // The parser recurses per nesting level; absurd nesting exhausts the stack.
    if (!(err instanceof RangeError)) throw err;
    return diag(
      'yaml/too-deep',
      'Values are nested too deeply to read.',
      'Flatten the data: no flow, catalog or template needs this depth.',
    );
  }
  const { diagnostics: traps, flowCutLine } = commentTrapDiagnostics(path, kind, text, lineCounter, doc.contents as Node | null);
  // An unquoted {{template}} also confuses the parser further along its line: one finding is enough.
  const trapLines = new Set(traps.filter((d) => d.code === 'yaml/unquoted-template').map((d) => d.range!.start.line));
  const onTrapLine = (d: Diagnostic) =>
    d.range !== undefined &&
    (trapLines.has(d.range.start.line) || (d.code === 'yaml/syntax' && flowCutLine !== undefined && d.range.start.line >= flowCutLine));
  // A tab used as indentation throws the parser off for the lines around it: the tab is the one mistake.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  const errors = tabs.length > 0 ? tabs : doc.errors;
  const diagnostics: Diagnostic[] = [
    ...errors.map((e) => yamlErrorDiagnostic(path, lineCounter, e, 'error')).filter((d) => !onTrapLine(d)),
    ...doc.warnings.map((e) => yamlErrorDiagnostic(path, lineCounter, e, 'warning')).filter((d) => !onTrapLine(d)),
    ...traps,
  ];
  if (doc.errors.length > 0) {
    return { file: { path, kind, text, doc, lineCounter, value: undefined }, diagnostics };
  }
  const converted = yamlToData(doc, { file: path, lineCounter });
  // An unquoted {{template}} is already explained; its inner "complex key" is the same problem.
  const templates = diagnostics.filter((d) => d.code === 'yaml/unquoted-template' && d.range);
  const within = (d: Diagnostic) =>
    templates.some((t) => d.range && t.range!.start.line === d.range.start.line && d.range.start.col >= t.range!.start.col);
  diagnostics.push(...converted.diagnostics.filter((d) => !(d.code === 'yaml/complex-key' && within(d))));
  return { file: { path, kind, text, doc, lineCounter, value: converted.value }, diagnostics };
}

/**
 * The YAML document of a text, as every project file is parsed (also when a cached file's document is
 * first needed: compiler/load/parse-cache.ts). Throws RangeError on absurd nesting.
 */
export function parseYamlDocument(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, parseOptions(lineCounter));
  doc.errors.push(...duplicateKeyErrors(doc, text));
  return { doc, lineCounter };
}

/** A file's bytes as parseSource() reads them (UTF-8, byte order mark dropped); undefined when not UTF-8. */
export function decodeSource(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first CR not followed by LF, or -1. */
function loneCarriageReturn(text: string): number {
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text[at + 1] !== '\n') return at;
  return -1;
}

/**
 * Every line is blank or a comment. A line scan, not a regular expression: the pattern
 * /^(\s*#[^\n]*\n?)*\s*$/ that stood here backtracked exponentially on long comment headers.
 */
export function onlyCommentsOrBlank(text: string): boolean {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) return false;
  }
  return true;
}

/**
 * The core of `flowc lint-ncco FILE...`: read NCCO JSON files written by anyone, validate each with
 * validateNcco(), and place every finding in its file (1-based line/column ranges). A file that cannot be read,
 * is not UTF-8, is empty or is not JSON gets a diagnostic too; nothing is thrown for bad input.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { isCollection, LineCounter, parseDocument, type Node } from 'yaml';
import { sortDiagnostics, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { nodeAtPointer, rangeAtPointer, rangeOfNode } from '../load/source-position.js';
import { finding, type NccoCode } from './codes.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { validateNcco } from './validate-ncco.js';
import type { ValidateOptions } from './validate-options.js';

export interface LintNccoOptions extends ValidateOptions {
  /** Directory that relative file names are read from and reported relative to. Default: process.cwd(). */
  cwd?: string;
}

export interface LintNccoResult {
  /** In the order of the files given; within a file by position. */
  diagnostics: Diagnostic[];
  /** File (as reported) → text, for code frames. Files that could not be read as text are absent. */
  sources: Map<string, string>;
}

/** 1-based line/column (UTF-16 columns) of an offset. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

const rangeAtOffset = (text: string, offset: number, length = 1): Range => {
  const start = positionAt(text, offset);
  return { start, end: { line: start.line, col: start.col + Math.max(0, Math.min(length, text.length - offset)) } };
};

const fileStart: Range = { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

/** Codes whose finding is about a key (an unknown or misspelt option), not its value. */
const keyCodes = new Set<string>(['ncco/unknown-option', 'ncco/legacy-input-option', 'ncco/sdk-spelling']);

/**
 * Places findings in the JSON text. JSON is YAML 1.2, so the yaml parser gives every node's offsets; it only
 * runs for files that have findings. An object or list is marked by its key (or its first character), a
 * scalar by its value, an unknown option by its name.
 */
function placeFindings(text: string, findings: readonly Diagnostic[]): Range[] {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument> | undefined;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, keepSourceTokens: false });
  } catch {
    doc = undefined;
  }
  return findings.map((f) => {
    if (doc === undefined) return fileStart;
    const pointer = f.pointer ?? '';
    try {
      if (keyCodes.has(f.code)) return rangeAtPointer(doc, lineCounter, pointer, 'key') ?? fileStart;
      const found = nodeAtPointer(doc, pointer);
      if (found !== undefined && found.exact && isCollection(found.node)) {
        const key = found.pair?.key as Node | null | undefined;
        if (key?.range) return rangeOfNode(lineCounter, key) ?? fileStart;
        const start = found.node.range?.[0];
        return start === undefined ? fileStart : rangeAtOffset(text, start);
      }
      return rangeAtPointer(doc, lineCounter, pointer) ?? fileStart;
    } catch {
      return fileStart;
    }
  });
}

function readError(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (no permission)';
    default:
      return `cannot be read${code ? ` (${code})` : ''}`;
  }
}

/** Offset (in characters of the decodable prefix) of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(bytes: Buffer): { text: string; offset: number } {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix: binary search on isUtf8 (a cut inside a character only shortens the prefix).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (isUtf8(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  const text = bytes.subarray(0, lo).toString('utf8');
  return { text, offset: text.length };
}

const fileDiagnostic = (code: NccoCode, file: string, message: string, range: Range, hint?: string): Diagnostic => ({
  ...finding(code, '', message, hint),
  file,
  range,
});

/** The findings of one file (already placed) and its text when it could be read as text. */
async function lintFile(file: string, absolute: string, options: ValidateOptions): Promise<{ diagnostics: Diagnostic[]; text?: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { diagnostics: [fileDiagnostic('ncco/file-unreadable', file, `The file ${file} ${readError(code)}.`, fileStart, 'Check the file name and that the file is readable.')] };
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    return {
      diagnostics: [
        fileDiagnostic('ncco/not-utf8', file, 'The file is not UTF-8 text (JSON must be UTF-8).', rangeAtOffset(bad.text, bad.offset), 'Save the file with UTF-8 encoding.'),
      ],
      text: bad.text,
    };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark is not part of the JSON
  if (text.trim() === '') {
    return { diagnostics: [fileDiagnostic('ncco/empty-file', file, 'The file is empty; an NCCO is a list of actions.', fileStart, 'Write the NCCO as [ { "action": "talk", "text": "Hello" } ].')], text };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const problem = findJsonSyntaxError(text) ?? { offset: 0, message: (e as Error).message };
    return {
      diagnostics: [
        fileDiagnostic(
          'ncco/invalid-json',
          file,
          `The file is not valid JSON: ${problem.message}.`,
          rangeAtOffset(text, problem.offset),
          'Vonage only accepts strict JSON: double quotes, commas between items but not after the last one, no comments.',
        ),
      ],
      text,
    };
  }
  const findings = validateNcco(value, options);
  if (findings.length === 0) return { diagnostics: findings, text };
  const ranges = placeFindings(text, findings);
  return { diagnostics: sortDiagnostics(findings.map((f, k) => ({ ...f, file, range: ranges[k]! }))), text };
}

/** `file` as reported: relative to cwd, forward slashes. */
function displayName(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  return relative.split(path.sep).join('/');
}

/** Lints NCCO JSON files; never throws for a bad file. Exit code rule for the CLI: 1 when any error. */
export async function lintNccoFiles(files: string[], options: LintNccoOptions = {}): Promise<LintNccoResult> {
  const { cwd = process.cwd(), ...validateOptions } = options;
  const names = [...new Set(files.map((f) => displayName(f, cwd)))];
  const results = await Promise.all(names.map((name) => lintFile(name, path.resolve(cwd, name), validateOptions)));
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  results.forEach((r, k) => {
    if (r.text !== undefined) sources.set(names[k]!, r.text);
    diagnostics.push(...r.diagnostics);
  });
  return { diagnostics, sources };
}

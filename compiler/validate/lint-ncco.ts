/**
 * The core of `flowc lint-ncco FILE...`: read NCCO JSON files written by anyone, validate each with
 * validateNcco(), and place every finding in its file (1-based line/column ranges). A file that cannot be read,
 * is not UTF-8, is empty or is not JSON gets a diagnostic too; nothing is thrown for bad input.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { type ReadRefusal, isInside, readFileInside } from '../load/checked-read.js';
import { isUtf8 } from 'node:buffer';
import { capRepeated } from '../diagnostics/cap-findings.js';
import { sortDiagnostics, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { finding, type NccoCode } from './codes.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { lineStarts, locateJsonPointer, rangeOf, type JsonArrayIndex } from './json-locate.js';
import { validateNcco } from './validate-ncco.js';
import type { ValidateOptions } from './validate-options.js';

export interface LintNccoOptions extends ValidateOptions {
  /** Directory that relative file names are read from and reported relative to. Default: process.cwd(). */
  cwd?: string;
  /** Findings of one kind (code and severity) per file that are listed; the rest are counted in one more. Default 100; Infinity lists all. */
  maxFindingsPerKind?: number;
}

export interface LintNccoResult {
  /** In the order of the files given; within a file by position. */
  diagnostics: Diagnostic[];
  /** File (as reported) → text, for code frames. Files that could not be read as text are absent. */
  sources: Map<string, string>;
}

/** A one-character range at an offset (clamped to the text). */
function rangeAtOffset(text: string, offset: number): Range {
  const starts = lineStarts(text);
  return rangeOf(starts, [offset, Math.min(offset + 1, Math.max(offset, text.length))]);
}

const fileStart: Range = { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

/** Codes whose finding is about a key (an unknown or misspelt option), not its value. */
const keyCodes = new Set<string>(['ncco/unknown-option', 'ncco/legacy-input-option', 'ncco/sdk-spelling']);

/**
 * Places findings in the JSON text: an unknown option on its name, an object or list on its key (or, for an
 * item of a list, its first character), any other value on the value itself.
 */
function placeFindings(text: string, findings: readonly Diagnostic[]): Range[] {
  const starts = lineStarts(text);
  const arrays: JsonArrayIndex = new Map();
  return findings.map((f) => {
    const at = locateJsonPointer(text, f.pointer ?? '', arrays);
    if (at === undefined) return fileStart;
    if (at.key !== undefined && (keyCodes.has(f.code) || at.kind !== 'scalar')) return rangeOf(starts, at.key);
    if (at.kind !== 'scalar') return rangeOf(starts, [at.value[0], at.value[0] + 1]);
    return rangeOf(starts, at.value);
  });
}

/** Far beyond any NCCO (Vonage's are kilobytes), and a bound on what one file can make flowc hold. */
const maxNccoFileBytes = 100 * 1024 * 1024;

function readError(refusal: ReadRefusal): string {
  if (refusal.kind === 'outside') return `is a link to ${refusal.realPath}, outside the folder it is named in, so flowc does not read it`;
  if (refusal.kind === 'too-large') return `is larger than ${maxNccoFileBytes / 1024 / 1024} MiB`;
  if (refusal.kind === 'not-a-file') return refusal.isDirectory ? 'is a folder, not a file' : 'is not a regular file (a pipe or a device?)';
  const code = refusal.code;
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

/**
 * The findings of one file (already placed) and its text when it could be read as text. Files are read
 * synchronously: NCCO files are small, and for 10,000 of them this is ten times faster than fs.promises.
 */
function lintFile(
  file: string,
  absolute: string,
  boundary: string,
  options: ValidateOptions,
): { diagnostics: Diagnostic[]; text?: string } {
  const read = readFileInside(boundary, absolute, maxNccoFileBytes);
  if ('refused' in read) {
    return {
      diagnostics: [
        fileDiagnostic(
          'ncco/file-unreadable',
          file,
          `The file ${file} ${readError(read.refused)}.`,
          fileStart,
          read.refused.kind === 'outside'
            ? 'Name the file itself rather than a link to it.'
            : 'Check the file name and that the file is readable.',
        ),
      ],
    };
  }
  const bytes = read.bytes;
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    return {
      diagnostics: [
        fileDiagnostic(
          'ncco/not-utf8',
          file,
          'The file is not UTF-8 text (JSON must be UTF-8).',
          rangeAtOffset(bad.text, bad.offset),
          'Save the file with UTF-8 encoding.',
        ),
      ],
      text: bad.text,
    };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark is not part of the JSON
  if (/^[ \t\n\r]*$/.test(text)) {
    return {
      diagnostics: [
        fileDiagnostic(
          'ncco/empty-file',
          file,
          'The file is empty; an NCCO is a list of actions.',
          fileStart,
          'Write the NCCO as [ { "action": "talk", "text": "Hello" } ].',
        ),
      ],
      text,
    };
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

function realpathOrSelf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/** `file` as reported: relative to cwd, forward slashes. */
function displayName(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  return relative.split(path.sep).join('/');
}

/** Lints NCCO JSON files; never throws for a bad file. Exit code rule for the CLI: 1 when any error. */
export async function lintNccoFiles(files: string[], options: LintNccoOptions = {}): Promise<LintNccoResult> {
  const { cwd = process.cwd(), maxFindingsPerKind: _max, ...validateOptions } = options;
  const names = [...new Set(files.map((f) => displayName(f, cwd)))];
  const realCwd = realpathOrSelf(cwd);
  const results = names.map((name) => {
    // Links are followed within the folder a file is named in: the current folder for names inside
    // it, the file's own folder otherwise (issue 10 #3: a link must not print another file in a frame).
    const absolute = path.resolve(cwd, name);
    const boundary = isInside(absolute, path.resolve(cwd)) ? realCwd : realpathOrSelf(path.dirname(absolute));
    return lintFile(name, absolute, boundary, validateOptions);
  });
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  results.forEach((r, k) => {
    if (r.text !== undefined) sources.set(names[k]!, r.text);
    diagnostics.push(...r.diagnostics);
  });
  return { diagnostics: capRepeated(diagnostics, options.maxFindingsPerKind), sources };
}

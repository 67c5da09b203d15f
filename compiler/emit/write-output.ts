import { type Dirent, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CrashPoint, type Recovery, recoverOutput } from './output-journal.js';
import { lockOutput, workDirOf } from './output-lock.js';
import { OutputStream, type WriteOutputOptions, type WriteOutputReport } from './output-stream.js';
import { type OutputFile, plannedSha256 } from './plan-output.js';

export { OutputBusyError } from './output-lock.js';

/** The output folder is a link that flowc cannot follow: to nothing, or to a file. */
export class OutputLinkError extends Error {}

export interface OutputTarget {
  /** The folder that is written: the output folder with every link resolved (it may not exist yet). */
  target: string;
  /** Set when the output folder given is itself a link: what it points to, as written. */
  linkTo?: string;
}

/** The real folder behind `outDir`, following a link at the folder itself and in the folders above it. */
export function resolveOutputTarget(outDir: string): OutputTarget {
  const absolute = path.resolve(outDir);
  let stat: ReturnType<typeof lstatSync> | undefined;
  try {
    stat = lstatSync(absolute);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink()) {
    const linkTo = readlinkSync(absolute);
    let target: string;
    try {
      target = realpathSync.native(absolute);
    } catch {
      throw new OutputLinkError(`${outDir} is a link to ${linkTo}, which does not exist; create that folder or remove the link.`);
    }
    if (!statSync(target).isDirectory()) throw new OutputLinkError(`${outDir} is a link to ${linkTo}, which is not a folder.`);
    return { target, linkTo };
  }
  return { target: realPathOfMaybeMissing(absolute) };
}

/** realpath() of a path whose last parts may not exist yet: the deepest existing folder is resolved. */
export function realPathOfMaybeMissing(absolute: string): string {
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return absolute;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

export type { WriteOutputOptions, WriteOutputReport } from './output-stream.js';

/**
 * Locks the output folder, finishes or cleans up after an interrupted build, and returns a stream to
 * stage the new output into, file by file; its finish() puts it in place (compiler/emit/output-stream.ts).
 */
export function openOutput(outDir: string, options: WriteOutputOptions = {}): OutputStream {
  const { target } = resolveOutputTarget(outDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const lock = lockOutput(target);
  try {
    const recovery = recoverOutput(target, lock.workDir, options.crashAt);
    return new OutputStream(target, lock, recovery, options, !existsSync(target));
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Writes the planned files into the output folder at once (a stream given every file). */
export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOutputOptions = {},
): Promise<WriteOutputReport> {
  const stream = openOutput(outDir, options);
  try {
    for (const f of files) stream.put(f, plannedSha256(f));
    return stream.finish();
  } finally {
    stream.abort();
  }
}

/** The former name: the output is still replaced atomically, now by changes only. */
export const writeOutputAtomically = writeOutput;

/** Finishes or cleans up after an interrupted build of `outDir` (the next flowc command does this). */
export function recoverOutputFolder(outDir: string, crashAt?: CrashPoint): Recovery {
  const { target } = resolveOutputTarget(outDir);
  const parent = path.dirname(target);
  const legacy = `.${path.basename(target)}.flowc-`;
  let pending = existsSync(workDirOf(target));
  if (!pending) {
    try {
      pending = readdirSync(parent).some((n) => n.startsWith(legacy));
    } catch {
      pending = false;
    }
  }
  if (!pending) return { rolledForward: false, removed: [] };
  const lock = lockOutput(target);
  try {
    return recoverOutput(target, lock.workDir, crashAt);
  } finally {
    lock.release();
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

export interface StaleReport {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** `--check`: what differs between the planned output and what is on disk. */
export async function compareOutput(outDir: string, files: readonly OutputFile[]): Promise<StaleReport> {
  const report: StaleReport = { changed: [], missing: [], extra: [] };
  const planned = new Set(files.map((f) => f.path));
  for (const f of files) {
    let current: string | undefined;
    try {
      current = await readFile(path.join(outDir, ...f.path.split('/')), 'utf8');
    } catch {
      current = undefined;
    }
    if (current === undefined) report.missing.push(f.path);
    else if (current !== f.content) report.changed.push(f.path);
  }
  for (const existing of (await listFiles(outDir)).sort()) if (!planned.has(existing)) report.extra.push(existing);
  return report;
}

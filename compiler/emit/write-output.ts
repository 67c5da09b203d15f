/**
 * Emit, the I/O half: writes the planned files into the output folder so that, whenever a build is
 * killed, the folder is the old output or the new one, complete — at once, or after the next flowc
 * command finishes what the killed build had committed (docs/hosting.md, "What a build guarantees").
 *
 * - A first build writes everything into a stage folder and renames it into place: one rename.
 * - Later builds write only what changed: new and changed files are staged, a journal of the changes
 *   is committed with one rename, then applied with per-file renames (each file is always whole), and
 *   files no longer produced are removed last. Unchanged files are not touched, so a one-message
 *   change rewrites one NCCO and the manifest, not 32,000 files (issue 12).
 * - A lock keeps two builds from writing one folder; the next build or `flowc build --check` rolls a
 *   committed journal forward and removes what dead builds left (issue 10 #4).
 * - An output folder that is a link (a common deploy setup) is followed: its target is written,
 *   in place, and the link stays (issue 10 #8).
 */
import { createHash } from 'node:crypto';
import {
  type Dirent,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  applyJournal,
  commitJournal,
  type CrashPoint,
  crashIf,
  type Journal,
  type JournalOp,
  type Recovery,
  recoverOutput,
} from './output-journal.js';
import { lockOutput, workDirOf } from './output-lock.js';
import type { OutputRecord, OutputRecordFiles } from './output-record.js';
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

export interface WriteOutputOptions {
  /**
   * How a file already on disk is known to hold the planned bytes. `content` (default): files of the
   * planned size are read and compared, and the folder is listed, so anything changed or added by
   * hand is put right. `manifest`: the sha256 of each NCCO in the previous manifest.json is trusted and
   * the folder is not listed — no file is read but the manifest, for incremental builds; hand edits of
   * dist/ then go unnoticed (`flowc build --check` still finds them).
   */
  compare?: 'content' | 'manifest';
  /** Test hook: kill the process with SIGKILL at this point (see FLOWC_CRASH_AT in docs/hosting.md). */
  crashAt?: CrashPoint;
  /**
   * The record of the last build (compiler/emit/output-record.ts): a planned file whose sha256 is the
   * recorded one, with the recorded size and modification time, is unchanged without being read. The
   * report then carries the new record.
   */
  record?: OutputRecord;
}

export interface WriteOutputReport {
  /** The folder written (links resolved). */
  target: string;
  /** No output folder existed: it was created whole. */
  created: boolean;
  /** Files written (new or changed), in the order they were put in place. */
  written: string[];
  /** Files and folders removed (no longer produced, or in the way of a planned file). */
  removed: string[];
  /** Planned files that were already on disk as planned. */
  unchanged: number;
  /** What the start of this build finished or cleaned up after an interrupted one. */
  recovery: Recovery;
  /** With the `record` option: every planned file's sha256, size and modification time now. */
  record?: OutputRecord;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Files that are replaced last, so that what they refer to is in place first. */
const lastFiles = ['manifest.json', 'router.mjs', 'router.ts'];

export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOutputOptions = {},
): Promise<WriteOutputReport> {
  const { target } = resolveOutputTarget(outDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const lock = lockOutput(target);
  try {
    const recovery = recoverOutput(target, lock.workDir, options.crashAt);
    const stage = `stage-${process.pid}-${Date.now()}`;
    const recorded = options.record !== undefined ? new Map() : undefined;
    const report = existsSync(target)
      ? writeChanges(target, lock.workDir, stage, files, options, recorded)
      : writeWhole(target, lock.workDir, stage, files, options.crashAt);
    if (recorded) {
      for (const f of files) {
        if (recorded.has(f.path)) continue;
        try {
          const stat = statSync(path.join(target, ...f.path.split('/')));
          recorded.set(f.path, [plannedSha256(f) ?? sha256(f.content), stat.size, stat.mtimeMs]);
        } catch {
          // Not recorded: compared by content next time.
        }
      }
    }
    return { target, ...report, recovery, ...(recorded ? { record: { target, files: recorded } } : {}) };
  } finally {
    lock.release();
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

type Written = Omit<WriteOutputReport, 'target' | 'recovery'>;

function writeWhole(target: string, workDir: string, stage: string, files: readonly OutputFile[], crashAt: CrashPoint): Written {
  const tree = path.join(workDir, stage, 'tree');
  mkdirSync(path.join(workDir, stage));
  mkdirSync(tree);
  // Each folder made once, then plain synchronous writes: for tens of thousands of small files this is
  // several times faster than an awaited mkdir and writeFile per file.
  const folders = new Set(files.map((f) => path.dirname(path.join(tree, ...f.path.split('/')))));
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
  for (const f of files) writeFileSync(path.join(tree, ...f.path.split('/')), f.content, 'utf8');
  crashIf(crashAt, 'staged');
  renameSync(tree, target);
  crashIf(crashAt, 'renamed');
  rmSync(path.join(workDir, stage), { recursive: true, force: true });
  return { created: true, written: files.map((f) => f.path), removed: [], unchanged: 0 };
}

type Entry = 'file' | 'folder' | 'other';

/** Everything in the output folder by relative path; links are entries, never followed. */
function listOutput(target: string, skip: (rel: string) => boolean = () => false): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(rel === '' ? target : path.join(target, ...rel.split('/')), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out.set(child, 'folder');
        if (!skip(child)) pending.push(child);
      } else out.set(child, e.isFile() ? 'file' : 'other');
    }
  }
  return out;
}

/** The previous build's output as its manifest describes it: NCCO path → sha256, plus the fixed files. */
function previousFromManifest(target: string): { existing: Map<string, Entry>; hashes: Map<string, string> } {
  const existing = new Map<string, Entry>();
  const hashes = new Map<string, string>();
  try {
    const manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')) as {
      files?: { file?: unknown; sha256?: unknown }[];
    };
    for (const f of manifest.files ?? []) {
      if (typeof f.file !== 'string' || typeof f.sha256 !== 'string') continue;
      existing.set(f.file, 'file');
      hashes.set(f.file, f.sha256);
      const parts = f.file.split('/');
      for (let i = 1; i < parts.length; i++) existing.set(parts.slice(0, i).join('/'), 'folder');
    }
  } catch {
    // No manifest (or not flowc's): every file is compared by content.
  }
  return { existing, hashes };
}

const ancestors = (rel: string): string[] => {
  const parts = rel.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
};

function sameContent(file: string, content: string): boolean {
  try {
    const expected = Buffer.from(content, 'utf8');
    if (statSync(file).size !== expected.length) return false;
    return readFileSync(file).equals(expected);
  } catch {
    return false;
  }
}

/** The record of a file still as recorded (size and modification time) and planned with the recorded sha256. */
function trustedUnchanged(
  target: string,
  f: OutputFile,
  known: [string, number, number] | undefined,
): [string, number, number] | undefined {
  if (!known) return undefined;
  const planned = plannedSha256(f);
  // Without a planned hash, a size that differs already says the file changed.
  if (planned === undefined && Buffer.byteLength(f.content, 'utf8') !== known[1]) return undefined;
  if ((planned ?? sha256(f.content)) !== known[0]) return undefined;
  try {
    const stat = statSync(path.join(target, ...f.path.split('/')));
    return stat.isFile() && stat.size === known[1] && stat.mtimeMs === known[2] ? known : undefined;
  } catch {
    return undefined;
  }
}

function writeChanges(
  target: string,
  workDir: string,
  stage: string,
  files: readonly OutputFile[],
  options: WriteOutputOptions,
  /** Filled with the record of each file found unchanged by its recorded size and modification time. */
  recorded?: OutputRecordFiles,
): Written {
  const record = options.record?.target === target ? options.record.files : undefined;
  const byManifest = options.compare === 'manifest';
  const manifest = byManifest ? previousFromManifest(target) : undefined;
  const existing = manifest?.existing ?? listOutput(target);
  if (manifest) {
    for (const fixed of ['_headers', 'flow.schema.json', ...lastFiles]) existing.set(fixed, 'file');
    // The manifest describes ncco/ only: everything else (the router's modules and data) is listed and
    // compared by content, a few files next to thousands of NCCOs.
    for (const [rel, kind] of listOutput(target, (rel) => rel === 'ncco')) if (!existing.has(rel)) existing.set(rel, kind);
  }

  const planned = new Set(files.map((f) => f.path));
  const plannedFolders = new Set(files.flatMap((f) => ancestors(f.path)));
  const inTheWay = new Set<string>();
  const added: OutputFile[] = [];
  const changed: OutputFile[] = [];
  let unchanged = 0;
  for (const f of files) {
    for (const folder of ancestors(f.path)) {
      const kind = existing.get(folder);
      if (kind !== undefined && kind !== 'folder') inTheWay.add(folder);
    }
    const kind = existing.get(f.path);
    if (kind === undefined) {
      added.push(f);
      continue;
    }
    if (kind !== 'file') {
      inTheWay.add(f.path);
      added.push(f);
      continue;
    }
    const known = manifest?.hashes.get(f.path);
    const trusted = record && recorded ? trustedUnchanged(target, f, record.get(f.path)) : undefined;
    if (trusted) recorded!.set(f.path, trusted);
    const same =
      trusted !== undefined ||
      (known !== undefined
        ? known === (plannedSha256(f) ?? sha256(f.content))
        : sameContent(path.join(target, ...f.path.split('/')), f.content));
    if (same) unchanged++;
    else changed.push(f);
  }
  // No longer produced: files (and links) that are not planned, and folders that hold no planned file
  // (removed whole, so their contents are not listed; every other folder keeps a planned file).
  const extra = [...existing]
    .filter(([rel, kind]) => !planned.has(rel) && !inTheWay.has(rel) && (kind !== 'folder' || !plannedFolders.has(rel)))
    .map(([rel]) => rel)
    .filter((rel) => !ancestors(rel).some((a) => inTheWay.has(a) || (existing.get(a) === 'folder' && !plannedFolders.has(a))));

  const byPath = (a: OutputFile, b: OutputFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const last = (f: OutputFile) => lastFiles.indexOf(f.path);
  changed.sort((a, b) => last(a) - last(b) || byPath(a, b));
  const puts = [...added.sort(byPath), ...changed];
  if (puts.length === 0 && inTheWay.size === 0 && extra.length === 0) return { created: false, written: [], removed: [], unchanged };

  // Stage the new bytes under plain numbers: no folders to make, and nothing in the output touched yet.
  mkdirSync(path.join(workDir, stage));
  for (const [i, f] of puts.entries()) writeFileSync(path.join(workDir, stage, String(i)), f.content, 'utf8');
  // What is in the way first, then new files (before anything refers to them), changed files with the
  // manifest and the routers last, and what is no longer produced at the very end.
  const ops: JournalOp[] = [
    ...[...inTheWay].sort().map((p): JournalOp => ({ op: 'remove', path: p })),
    ...puts.map((f, i): JournalOp => ({ op: 'put', path: f.path, from: String(i) })),
    ...extra.sort().map((p): JournalOp => ({ op: 'remove', path: p })),
  ];
  const journal: Journal = { version: 1, stage, ops };
  crashIf(options.crashAt, 'staged');
  commitJournal(workDir, journal);
  crashIf(options.crashAt, 'committed');
  applyJournal(target, workDir, journal, options.crashAt);
  crashIf(options.crashAt, 'applied');
  rmSync(path.join(workDir, 'journal.json'), { force: true });
  rmSync(path.join(workDir, stage), { recursive: true, force: true });
  return { created: false, written: puts.map((f) => f.path), removed: [...inTheWay, ...extra].sort(), unchanged };
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

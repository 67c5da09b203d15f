/**
 * The write-ahead journal of an output folder. A build stages every new or changed file in the work
 * folder beside the output (`.<name>.flowc/stage-…/`), then commits by renaming `journal.json.tmp`
 * to `journal.json` — one atomic rename — and only then applies the journal: per-file renames into
 * the output, removals, removal of emptied folders. Every step is idempotent, so a journal that a
 * killed build left behind is rolled forward by the next flowc command, and one that was never
 * committed is thrown away with its stage: the output is the old one or the new one.
 */
import {
  accessSync,
  constants,
  lstatSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './output-lock.js';

export type JournalOp =
  /** Move the staged file `from` (a name in the stage folder) to `path` in the output. */
  | { op: 'put'; path: string; from: string }
  /** Remove `path` from the output (a file, a link, or a folder with what is in it). */
  | { op: 'remove'; path: string };

export interface Journal {
  version: 1;
  /** The stage folder's name in the work folder. */
  stage: string;
  ops: JournalOp[];
}

/**
 * Test hook (FLOWC_CRASH_AT): the process kills itself with SIGKILL at the named point, as `kill -9` would;
 * `throw:<point>` fails there with an I/O error instead, as a disk that fails half-way would.
 */
export type CrashPoint = string | undefined;

export function crashIf(at: CrashPoint, point: string): void {
  if (at === undefined) return;
  if (at === point) process.kill(process.pid, 'SIGKILL');
  if (at === `throw:${point}`) throw Object.assign(new Error(`EIO at ${point} (FLOWC_CRASH_AT)`), { code: 'EIO' });
}

const journalFile = (workDir: string): string => path.join(workDir, 'journal.json');

/**
 * A committed journal that could not be applied to the end (a folder made read-only or immutable while the
 * build ran, an I/O error): the output holds some of the new files and some of the old until a later flowc
 * command finishes the journal. `cause` is the error that stopped it.
 */
export class OutputUnfinishedError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the output was only partly updated (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`);
  }
}

/**
 * Throws (EACCES, EPERM, EROFS…) unless every folder the journal changes an entry of can be written, the
 * nearest existing one for folders still to make (or where a file in the way is removed first): checked before the commit, so that a read-only or
 * immutable folder (access() reports chattr +i even to root) fails the build with the output untouched,
 * rather than half-way through applying it.
 */
export function checkWritable(target: string, ops: readonly JournalOp[]): void {
  const checked = new Set<string>();
  for (const op of ops) {
    for (let rel = op.path.slice(0, Math.max(0, op.path.lastIndexOf('/'))); ; rel = rel.slice(0, Math.max(0, rel.lastIndexOf('/')))) {
      if (checked.has(rel)) break;
      checked.add(rel);
      const folder = rel === '' ? target : path.join(target, ...rel.split('/'));
      // A file or a link where the folder goes is removed by the journal first: its own folder is the one changed.
      if (rel === '' || isRealFolder(folder)) {
        accessSync(folder, constants.W_OK | constants.X_OK);
        break;
      }
    }
  }
}

/** Writes the journal and commits it with one rename. */
export function commitJournal(workDir: string, journal: Journal): void {
  const tmp = `${journalFile(workDir)}.tmp`;
  writeFileSync(tmp, JSON.stringify(journal));
  renameSync(tmp, journalFile(workDir));
}

/** Applies a committed journal to the output folder `target`; safe to run again after any interruption. */
export function applyJournal(target: string, workDir: string, journal: Journal, crashAt?: CrashPoint, crashPrefix = 'apply'): void {
  const stage = path.join(workDir, journal.stage);
  const made = new Set<string>();
  journal.ops.forEach((op, i) => {
    crashIf(crashAt, `${crashPrefix}:${i}`);
    // Only ever inside the output folder, whatever the journal says.
    const parts = op.path.split('/');
    if (op.path === '' || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) return;
    const at = path.join(target, ...parts);
    if (op.op === 'put') {
      const parent = path.dirname(at);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      try {
        renameSync(path.join(stage, op.from), at);
      } catch (err) {
        // Already moved by the run that was interrupted: the file is in place.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(at)) throw err;
      }
    } else {
      rmSync(at, { recursive: true, force: true });
    }
  });
}

export interface Recovery {
  /** A committed journal of an interrupted build was applied. */
  rolledForward: boolean;
  /** Work left by builds that died before committing (stages, an unfinished journal), removed. */
  removed: string[];
}

/**
 * Run with the lock held, before anything else touches the output: finishes a committed journal and
 * removes what dead builds left. Also cleans up after flowc versions that swapped whole folders
 * (`.<name>.flowc-new-<pid>-<time>` / `-old-`): if such a build was killed between its two renames,
 * the output folder is missing and the old one is moved back.
 */
export function recoverOutput(target: string, workDir: string, crashAt?: CrashPoint): Recovery {
  const recovery: Recovery = { rolledForward: false, removed: [] };
  let journal: Journal | undefined;
  try {
    journal = JSON.parse(readFileSync(journalFile(workDir), 'utf8')) as Journal;
  } catch {
    journal = undefined;
  }
  if (journal !== undefined && journal.version === 1 && Array.isArray(journal.ops)) {
    applyJournal(target, workDir, journal, crashAt, 'recover');
    rmSync(journalFile(workDir), { force: true });
    recovery.rolledForward = true;
  }
  let entries: string[] = [];
  try {
    entries = readdirSync(workDir);
  } catch {
    entries = [];
  }
  for (const name of entries) {
    if (name === 'lock') continue;
    rmSync(path.join(workDir, name), { recursive: true, force: true });
    recovery.removed.push(name);
  }
  recovery.removed.push(...cleanLegacyFolders(target));
  return recovery;
}

/** `.<name>.flowc-new-<pid>-<time>` and `-old-` folders of dead builds (flowc before issue 10 #4). */
function cleanLegacyFolders(target: string): string[] {
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.flowc-`;
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const legacy = names
    .map((name) => ({ name, m: /^(new|old)-(\d+)-(\d+)$/.exec(name.slice(prefix.length)) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    // Legacy names hold only a pid: taken to be from this host.
    .filter(({ m }) => !isAlive({ pid: Number(m[2]), host: os.hostname() }))
    .sort((a, b) => Number(b.m[3]) - Number(a.m[3]));
  const removed: string[] = [];
  // Killed between "output → old" and "new → output": the old output is complete; put it back.
  const newestOld = legacy.find(({ m }) => m[1] === 'old');
  if (newestOld && !existsSync(target) && isFolder(path.join(parent, newestOld.name))) {
    renameSync(path.join(parent, newestOld.name), target);
  }
  for (const { name } of legacy) {
    if (!existsSync(path.join(parent, name))) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A folder itself, not a link to one (links in the output are entries, never followed). */
function isRealFolder(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One writer per output folder: a lock file in the output's work folder (`.<name>.flowc/lock`),
 * created exclusively. A lock whose process is gone (killed, crashed) is taken over; a lock of a
 * running process is refused, so two builds never interleave their changes.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class OutputBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(`another flowc process (pid ${pid}) is writing ${folder}`);
  }
}

interface LockOwner {
  pid: number;
  /** When the process started (Linux: clock ticks since boot), so that a reused pid is not taken for the owner. */
  started?: string;
  host: string;
}

/** Field 22 of /proc/<pid>/stat: the start time of a process; undefined where there is no /proc. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const me = (): LockOwner => ({ pid: process.pid, ...optional('started', startTimeOf(process.pid)), host: os.hostname() });
const optional = <K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [k in K]: V });

/** Whether the process that wrote `owner` is still running (on this host; another host's lock is kept). */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = startTimeOf(owner.pid);
  return owner.started === undefined || started === undefined || started === owner.started;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return owner as LockOwner;
  } catch {
    return undefined;
  }
}

export interface HeldLock {
  /** The work folder beside the output: `.<name>.flowc`. */
  workDir: string;
  release(): void;
}

/** Takes the lock of the output folder `target` (absolute, real). */
export function lockOutput(target: string): HeldLock {
  const workDir = workDirOf(target);
  const lockFile = path.join(workDir, 'lock');
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      mkdirSync(workDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    // Written aside, then linked into place: link() fails if the lock exists, and a lock is never seen
    // half-written (a build killed while writing it leaves only its aside file, removed by recovery).
    const aside = path.join(workDir, `lock.${process.pid}.${attempt}.tmp`);
    try {
      writeFileSync(aside, JSON.stringify(me()));
      linkSync(aside, lockFile);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      rmSync(aside, { force: true });
      if (code === 'ENOENT') continue; // the work folder was removed by a build that just finished
      if (code !== 'EEXIST') throw err;
      const owner = readOwner(lockFile);
      // Unreadable (not written by this version) counts as dead, like a lock whose process is gone.
      if (owner !== undefined && isAlive(owner)) throw new OutputBusyError(target, owner.pid);
      // A dead owner's lock: move it aside (only one contender can), then try again.
      try {
        const dead = `${lockFile}.dead-${process.pid}-${attempt}`;
        renameSync(lockFile, dead);
        unlinkSync(dead);
      } catch {
        // Someone else took it over first: try again.
      }
      continue;
    }
    rmSync(aside, { force: true });
    return {
      workDir,
      release() {
        try {
          unlinkSync(lockFile);
          rmdirSync(workDir);
        } catch {
          // Not empty (a stage kept for recovery, or another build's lock): leave it.
        }
      },
    };
  }
  throw new OutputBusyError(target, 0);
}

export const workDirOf = (target: string): string => path.join(path.dirname(target), `.${path.basename(target)}.flowc`);

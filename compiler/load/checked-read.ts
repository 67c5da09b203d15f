/**
 * The one way flowc reads a file it was pointed at (issue 10 #3). A file is read only when its real
 * path — every link followed — lies inside a boundary folder (the project), so a link such as
 * `flows/x.flow.yaml -> ~/.npmrc` cannot publish a secret in an NCCO or print it in a code frame on a
 * pull request. It is opened without following a link in its last part and without blocking (a named
 * pipe would wait forever), must be a regular file, and is read only up to a size limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

export type ReadRefusal =
  /** The real path leaves the boundary: nothing of the file was read. */
  | { kind: 'outside'; realPath: string }
  /** A folder, pipe, socket or device. */
  | { kind: 'not-a-file'; isDirectory: boolean }
  | { kind: 'too-large'; bytes: number }
  /** An errno: ENOENT (missing, or a link to nothing), ELOOP, EACCES, … */
  | { kind: 'error'; code: string };

/** `stat`: the opened file's, taken before it was read (the parse cache keeps it to know the file again). */
export type CheckedRead = { bytes: Buffer; realPath: string; stat: Stats } | { refused: ReadRefusal };

/** `child` is `parent` or inside it (both absolute, real). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

const errnoOf = (err: unknown): string => (err as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';

/** The real path of `file` when it lies inside `realBoundary` (itself a real path). */
export function realPathInside(realBoundary: string, file: string): { realPath: string } | { refused: ReadRefusal } {
  let realPath: string;
  try {
    realPath = realpathSync.native(file);
  } catch (err) {
    return { refused: { kind: 'error', code: errnoOf(err) } };
  }
  return isInside(realPath, realBoundary) ? { realPath } : { refused: { kind: 'outside', realPath } };
}

// O_NOFOLLOW and O_NONBLOCK are 0 where the platform has none (Windows), which only drops the extra care.
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads `file` (absolute) if its real path is inside `realBoundary`, it is a regular file and it holds
 * at most `maxBytes` bytes. Never throws for a file-system problem: the refusal says what it was.
 */
export function readFileInside(realBoundary: string, file: string, maxBytes: number): CheckedRead {
  const located = realPathInside(realBoundary, file);
  if ('refused' in located) return located;
  return readReal(located.realPath, maxBytes);
}

/**
 * readFileInside() of a file whose real path is already known (compiler/load/find-project-files.ts: a
 * file that is no link, in a folder whose real path was checked): no path to resolve again.
 */
export function readRealFileInside(realBoundary: string, realPath: string, maxBytes: number): CheckedRead {
  if (!isInside(realPath, realBoundary)) return { refused: { kind: 'outside', realPath } };
  return readReal(realPath, maxBytes);
}

function readReal(realPath: string, maxBytes: number): CheckedRead {
  let fd: number;
  try {
    // The real path has no links left; O_NOFOLLOW refuses one swapped in since.
    fd = openSync(realPath, openFlags);
  } catch (err) {
    return { refused: { kind: 'error', code: errnoOf(err) } };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { refused: { kind: 'not-a-file', isDirectory: stat.isDirectory() } };
    if (stat.size > maxBytes) return { refused: { kind: 'too-large', bytes: stat.size } };
    // Read up to one byte more than allowed: a file that grows while read is still caught.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size, 0) + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return { refused: { kind: 'too-large', bytes: length } };
    return { bytes: buffer.subarray(0, length), realPath, stat };
  } catch (err) {
    return { refused: { kind: 'error', code: errnoOf(err) } };
  } finally {
    closeSync(fd);
  }
}

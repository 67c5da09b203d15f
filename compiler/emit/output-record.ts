/**
 * What the last build left in the output folder: each file's sha256 with the size and modification time
 * it had when flowc wrote or last compared it (issue 12, rebuilds). A later build trusts a file whose
 * planned sha256 is the recorded one while its size and modification time are still the recorded ones,
 * without reading it — the check `make` and `rsync` rely on. A file edited by hand gets a new
 * modification time, so it is compared by content and put right, as before; files added by hand are
 * still found by listing the folder.
 *
 * Kept in memory by a warm compiler and in `.flowc-cache/output.json` between processes. A record of
 * another output folder, or a damaged one, is no record: every file is then compared by content.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** path → [sha256 (hex), size in bytes, modification time in ms]. */
export type OutputRecordFiles = Map<string, [string, number, number]>;

/**
 * A folder's path ('' for the output folder itself) → [inode, change time in ms] when it held exactly the
 * recorded files and folders: adding, removing or renaming anything in a folder changes its change time,
 * which no one can set back (utimes sets it to now). Only folders unchanged for a while are recorded
 * (see foldersAsRecorded in compiler/emit/output-stream.ts).
 */
export type OutputRecordFolders = Map<string, [number, number]>;

export interface OutputRecord {
  /** The folder written (links resolved). */
  target: string;
  files: OutputRecordFiles;
  /** Folders whose entries are still the recorded ones while their inode and change time are (optional). */
  folders?: OutputRecordFolders;
}

/**
 * The body (text, or pieces) each large file of a watched rebuild was written from, and the entries whose
 * sha256 is still to be made: a watched rebuild writes the 8.6 MB manifest of a 1,000-flow project without
 * hashing it (its body is not the one the last build wrote), and its hash is made after the watch said
 * "built" (settleOutputRecords), before any record is read or written.
 */
type Body = string | readonly Uint8Array[];
const pending = new Set<[string, number, number]>();
const bodies = new WeakMap<[string, number, number], Body>();

/** Keeps the body `entry` was written from; unless `hashed`, its sha256 (left empty) is made by settleOutputRecords(). */
export function keepWrittenBody(entry: [string, number, number], body: Body, hashed: boolean): void {
  if (!hashed) pending.add(entry);
  bodies.set(entry, body);
}

/** The body a recorded entry was written from, when keepWrittenBody() kept it (else undefined). */
export const writtenBody = (entry: readonly [string, number, number]): Body | undefined => bodies.get(entry as [string, number, number]);

/** Makes every sha256 left to be made (nothing to do when there is none). */
export function settleOutputRecords(): void {
  for (const entry of pending) {
    const body = bodies.get(entry)!;
    const hash = createHash('sha256');
    if (typeof body === 'string') hash.update(body, 'utf8');
    else for (const chunk of body) hash.update(chunk);
    entry[0] = hash.digest('hex');
  }
  pending.clear();
}

/**
 * Format 2: `files` flat, [path, sha256, size, time, path, …], and `folders` likewise, [path, inode, time, …]:
 * no array per entry to parse (33,055 files and 5,003 folders at 1,000 flows). Format 1 (an array of
 * [path, [sha256, size, time]]) is still read.
 */
const formatVersion = 2;
const recordFile = (cacheDir: string): string => path.join(cacheDir, 'output.json');

/**
 * The bytes each record read from the cache folder was parsed from (by its files' map), shared with the
 * worker that stats its files (compiler/emit/stat-check.ts).
 */
const sources = new WeakMap<OutputRecordFiles, SharedArrayBuffer>();

/**
 * The bytes `files` was read from, when readOutputRecord() made it (format 2), given once: the stream that
 * takes them may change the map afterwards (a watch's record is made from the last one in place).
 */
export function takeRecordSource(files: OutputRecordFiles): SharedArrayBuffer | undefined {
  const source = sources.get(files);
  sources.delete(files);
  return source;
}

/** A file's bytes in memory that another thread can read too. */
function readShared(file: string): SharedArrayBuffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return done === size ? (bytes.buffer as SharedArrayBuffer) : (bytes.buffer.slice(0, done) as SharedArrayBuffer);
  } finally {
    closeSync(fd);
  }
}

export function readOutputRecord(cacheDir: string): OutputRecord | undefined {
  try {
    const source = readShared(recordFile(cacheDir));
    const stored = JSON.parse(Buffer.from(source).toString('utf8')) as {
      version?: number;
      target?: unknown;
      files?: unknown[];
      folders?: unknown[];
    };
    const { version, target, files: storedFiles } = stored;
    if (typeof target !== 'string' || !Array.isArray(storedFiles)) return undefined;
    if (version === 1) return { target, files: new Map(storedFiles as [string, [string, number, number]][]) };
    if (version !== formatVersion || storedFiles.length % 4 !== 0) return undefined;
    const files: OutputRecordFiles = new Map();
    for (let i = 0; i < storedFiles.length; i += 4) {
      const rel = storedFiles[i];
      if (typeof rel !== 'string') return undefined;
      files.set(rel, [storedFiles[i + 1] as string, storedFiles[i + 2] as number, storedFiles[i + 3] as number]);
    }
    sources.set(files, source);
    const flat = stored.folders;
    if (!Array.isArray(flat) || flat.length % 3 !== 0) return { target, files };
    const folders: OutputRecordFolders = new Map();
    for (let i = 0; i < flat.length; i += 3) {
      const rel = flat[i];
      if (typeof rel !== 'string') return { target, files };
      folders.set(rel, [flat[i + 1] as number, flat[i + 2] as number]);
    }
    return { target, files, folders };
  } catch {
    return undefined;
  }
}

/** Written by write-and-rename; a record that cannot be written only costs the next build time. */
export function writeOutputRecord(cacheDir: string, record: OutputRecord): void {
  settleOutputRecords();
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = recordFile(cacheDir);
    const tmp = `${file}.${process.pid}.tmp`;
    const files: (string | number)[] = [];
    record.files.forEach(([sha256, size, mtime], rel) => {
      files.push(rel, sha256, size, mtime);
    });
    let folders: (string | number)[] | undefined;
    if (record.folders) {
      const flat: (string | number)[] = [];
      record.folders.forEach(([ino, ctime], rel) => {
        flat.push(rel, ino, ctime);
      });
      folders = flat;
    }
    writeFileSync(tmp, JSON.stringify({ version: formatVersion, target: record.target, files, ...(folders ? { folders } : {}) }));
    renameSync(tmp, file);
  } catch {
    // The next build compares by content.
  }
}

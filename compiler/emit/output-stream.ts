/**
 * Writing the output as it is produced (issue 12, "Memory that stays flat"): each file is staged in
 * the work folder as soon as it is known — a flow's NCCOs right after the flow is validated — and only
 * its path and a few facts are kept, so a build never holds the whole output in memory. Nothing in the
 * output folder changes before finish(): the guarantees of compiler/emit/write-output.ts are the same
 * (a first build renames a whole staged tree into place; later builds commit a journal of the changes
 * with one rename, then apply it), and a build that fails or is killed before finish() leaves only a
 * stage, which abort() or the next flowc command removes.
 */
import { createHash } from 'node:crypto';
import {
  type Dirent,
  lstatSync,
  type Stats,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyJournal,
  checkWritable,
  commitJournal,
  type CrashPoint,
  crashIf,
  type Journal,
  type JournalOp,
  OutputUnfinishedError,
  type Recovery,
} from './output-journal.js';
import type { HeldLock } from './output-lock.js';
import {
  keepWrittenBody,
  type OutputRecord,
  type OutputRecordFiles,
  type OutputRecordFolders,
  settleOutputRecords,
  takeRecordSource,
  writtenBody,
} from './output-record.js';
import { spareCore, type StatCheck, startStatCheck } from './stat-check.js';
import type { OutputChanges } from './output-watch.js';
import { startWriteBehind, type WriteBehind } from './write-behind.js';
import { writevAll } from './writev-all.js';
import { type OutputFile, plannedSha256 } from './plan-output.js';
import { sha256 as sha256Of } from '../sha256.js';

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
  /**
   * A watch of the output folder (compiler/emit/output-watch.ts, `flowc build --watch`): when it vouches
   * for the record, a recorded file that no event named is trusted without a `stat`, and the folder is
   * known from the record and the named paths instead of being listed.
   */
  watched?: OutputChanges;
  /**
   * Whether a rebuild without a watch stats the recorded files on a worker thread while the build runs
   * (compiler/emit/stat-check.ts): by default when the record lists statWorkerFrom files or more (a worker
   * takes longer to start than a few hundred `stat`s) and a core is likely to be free (spareCore()); true
   * or false: always or never (tests).
   */
  statWorker?: boolean;
  /**
   * Whether a first build (no output folder yet) writes its files on a worker thread
   * (compiler/emit/write-behind.ts): by default once writeBehindFrom files were staged, on a machine of more
   * than one core; true or false: from the first file, or never (tests).
   */
  writeBehind?: boolean;
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
  /** Of those, files a watched rebuild carried over in groups, without a look at each (putGroup). */
  carried?: number;
  /**
   * Of those, files a rebuild without a watch kept in groups found on disk as recorded (a `stat` each, no
   * staged entry per file).
   */
  keptByStat?: number;
  /** Folders whose entries a rebuild without a watch took from the record instead of listing them. */
  foldersKept?: number;
  /** What the start of this build finished or cleaned up after an interrupted one. */
  recovery: Recovery;
  /** With the `record` option: every planned file's sha256, size and modification time now. */
  record?: OutputRecord;
}

const sha256 = (text: string): string => sha256Of(text, 'hex');

/** A planned file's sha256, from its pieces when it has them (its text is then never made). */
const fileSha256 = (file: OutputFile): string => {
  if (!file.chunks) return sha256(file.content);
  const hash = createHash('sha256');
  for (const chunk of file.chunks) hash.update(chunk);
  return hash.digest('hex');
};

/** Writes a planned file: from its pieces when it has them. */
function writePlanned(at: string, file: OutputFile): void {
  if (!file.chunks) {
    writeFileSync(at, file.content, 'utf8');
    return;
  }
  const fd = openSync(at, 'w');
  try {
    writevAll(fd, file.chunks);
  } finally {
    closeSync(fd);
  }
}

/** A planned file's size in bytes. */
const byteSize = (file: OutputFile): number =>
  file.chunks ? file.chunks.reduce((n, c) => n + c.length, 0) : Buffer.byteLength(file.content, 'utf8');

/**
 * A record of this many files or more is stat-ed on a worker thread (see WriteOutputOptions.statWorker): a
 * worker starts in some 30–60 ms, the main thread stats about 300 files a millisecond.
 */
const statWorkerFrom = 4000;

/**
 * A first build starts its writer thread at this many files: a small project is written before a worker
 * would have started (some 30–60 ms).
 */
const writeBehindFrom = 256;

/** Files that are replaced last, so that what they refer to is in place first. */
const lastFiles = ['manifest.json', 'router.mjs', 'router.ts'];

type Entry = 'file' | 'folder' | 'other';

/** A planned file staged (or found unchanged) by a later build: what the journal needs of it. */
interface Staged {
  path: string;
  /** Its name in the stage folder; undefined when the file on disk already holds these bytes. */
  from?: string;
  added: boolean;
  /** Its sha256, kept only when a record is made. */
  sha256?: string;
  /**
   * A large file a watched rebuild writes: its text (or pieces), kept with its record and hashed after the
   * build if sha256 is not set (see put()).
   */
  body?: string | readonly Uint8Array[];
}

/**
 * A file this long or longer that a watched rebuild writes because its text is not the one the last build
 * wrote is recorded without its sha256, made later (keepWrittenBody): at 1,000 flows the manifest (8.6 MB)
 * took 13–24 ms to hash, between a save and "built".
 */
const deferHashFrom = 256 * 1024;

/** What a build without a watch keeps of each group: nothing (see putGroup()). */
const noGroupFiles: readonly GroupFile[] = Object.freeze([]);

/** A file of a group (putGroup): the planned file and its sha256. */
export interface GroupFile {
  file: OutputFile;
  sha256: string;
}

/** A build's groups and loose files, kept with the record it made (by identity) for the next watched rebuild. */
interface GroupMemo {
  groups: Map<string, readonly GroupFile[]>;
  loose: readonly string[];
}
const groupMemo = new WeakMap<OutputRecordFiles, GroupMemo>();

/**
 * A watched rebuild committed as a delta of the last build (issue 12, "Rebuilds"): the output folder is
 * the last build's record — which the watch vouches for — except the paths it named, each looked at. A
 * group planned again as the same array, none of whose files was named, is carried over without a look
 * at its files; the rest is compared as always, and the record is the last one with the changes. Any
 * case it does not cover (a named folder, a file that appeared, a folder left without a planned file)
 * falls back to the full comparison (materialize()).
 */
interface Delta {
  lastRecord: OutputRecordFiles;
  lastGroups: ReadonlyMap<string, readonly GroupFile[]>;
  lastLoose: readonly string[];
  /** The named paths as they are now (undefined: gone). */
  overrides: ReadonlyMap<string, Entry | undefined>;
  kept: Set<string>;
  kindOf(rel: string): Entry | undefined;
  /** A file or link at `rel` (a path that holds planned files, so never a recorded file's folder). */
  notFolder(rel: string): boolean;
  keptCount(groups: ReadonlyMap<string, readonly GroupFile[]>): number;
}

function openDelta(target: string, record: OutputRecordFiles, memo: GroupMemo, changed: ReadonlySet<string>): Delta | undefined {
  const overrides = new Map<string, Entry | undefined>();
  let folders: Set<string> | undefined;
  const wasFolder = (rel: string): boolean => {
    folders ??= foldersOf(record);
    return folders.has(rel);
  };
  for (const rel of changed) {
    let kind: Entry | undefined;
    try {
      const stat = lstatSync(path.join(target, ...rel.split('/')));
      kind = stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
    } catch {
      kind = undefined;
    }
    // A folder made, removed or replaced: the full comparison lists it.
    if (kind === 'folder' || (!record.has(rel) && wasFolder(rel))) return undefined;
    overrides.set(rel, kind);
  }
  const kindOf = (rel: string): Entry | undefined => {
    if (overrides.has(rel)) return overrides.get(rel);
    if (record.has(rel)) return 'file';
    return wasFolder(rel) ? 'folder' : undefined;
  };
  const kept = new Set<string>();
  return {
    lastRecord: record,
    lastGroups: memo.groups,
    lastLoose: memo.loose,
    overrides,
    kept,
    kindOf,
    notFolder: (rel) => {
      const kind = overrides.has(rel) ? overrides.get(rel) : record.has(rel) ? 'file' : undefined;
      return kind !== undefined && kind !== 'folder';
    },
    keptCount: (groups) => {
      let n = 0;
      for (const key of kept) n += groups.get(key)?.length ?? 0;
      return n;
    },
  };
}

/** The folders that hold the recorded files. */
function foldersOf(record: OutputRecordFiles): Set<string> {
  const out = new Set<string>();
  let last = '';
  for (const rel of record.keys()) {
    const slash = rel.lastIndexOf('/');
    // Files of one folder mostly follow one another: its folders are added once.
    if (slash === -1 || (slash === last.length && rel.startsWith(last))) continue;
    last = rel.slice(0, slash);
    for (let i = rel.indexOf('/'); i !== -1 && i <= slash; i = rel.indexOf('/', i + 1)) out.add(rel.slice(0, i));
  }
  return out;
}

/**
 * An output folder being written: locked, recovered, and staged into file by file. Made by
 * openOutput() (compiler/emit/write-output.ts); ends with finish() or abort(), which release the lock.
 */
export class OutputStream {
  private readonly stage = `stage-${process.pid}-${Date.now()}`;
  private readonly planned = new Map<string, Staged>();
  private staged = 0;
  private stageMade = false;
  private readonly madeFolders = new Set<string>();
  private ended = false;
  /** A later build: what is in the output folder now (and, in manifest mode, the NCCOs' hashes). */
  private previous?: { existing: Map<string, Entry>; hashes?: Map<string, string> };
  /** The last build's record of this folder, and the record being made (with the `record` option). */
  private readonly lastRecord?: OutputRecordFiles;
  private readonly recorded?: OutputRecordFiles;
  /** With a watch that vouches for the record: the paths changed since it was made (the rest are as recorded). */
  private readonly changedSince?: ReadonlySet<string>;
  private readonly watchTicket?: { commit(): void };
  /** This build's groups (putGroup), and the paths put one by one (not in a group). */
  private readonly groups = new Map<string, readonly GroupFile[]>();
  private readonly loose: string[] = [];
  /** A watched rebuild that carries the last build's unchanged groups over whole (see Delta). */
  private delta?: Delta;
  /**
   * A rebuild with a record and no watch (a new `flowc build` process): groups whose every file is on disk
   * as recorded (listed as a file, its `stat` the recorded size and time, planned with the recorded sha256)
   * are kept as they are, without a staged entry per file (see keepIfAsRecorded()).
   */
  private statKept?: { paths: Set<string>; folders: Set<string>; lastFolder: string };
  /** With statKept: the worker that stats the recorded files meanwhile (undefined: each is stat-ed here). */
  private statCheck?: StatCheck;
  /**
   * A rebuild without a watch whose last record had its folders: those found as recorded (inode and change
   * time), whose entries were taken from the record instead of a listing (see foldersAsRecorded()).
   */
  private foldersKept?: OutputRecordFolders;
  /** Set by commitChanges(): every folder of the new output, and those it put or removed something in. */
  private outputFolders?: ReadonlySet<string>;
  private readonly touched = new Set<string>();
  /** The last record's folders (see carriedFolders()). */
  private lastFolders?: OutputRecordFolders;
  /** A first build: the files staged so far, and the thread that writes them once there are many (see writeBehind). */
  private wholeFiles = 0;
  private behindDecided = false;
  private behind?: WriteBehind;

  constructor(
    readonly target: string,
    private readonly lock: HeldLock,
    private readonly recovery: Recovery,
    private readonly options: WriteOutputOptions,
    /** No output folder exists: the whole output is staged as a tree and renamed into place. */
    private readonly whole: boolean,
  ) {
    if (options.record !== undefined) {
      // Hashes a watched rebuild left for later are made before the record's entries are compared.
      settleOutputRecords();
      this.recorded = new Map();
      if (options.record.target === target) {
        this.lastRecord = options.record.files;
        this.lastFolders = options.record.folders;
      }
    }
    // Taken whether or not it is used: the record may change in place after this build.
    const source = options.record !== undefined ? takeRecordSource(options.record.files) : undefined;
    if (whole) return;
    const ticket = this.lastRecord !== undefined && options.compare !== 'manifest' ? options.watched?.take(target) : undefined;
    // What the start of this build rolled forward or removed was not seen by the watch yet.
    const quiet = !recovery.rolledForward && recovery.removed.length === 0;
    if (ticket) this.watchTicket = ticket;
    if (ticket?.trusted && quiet) {
      const changed = new Set(ticket.changed);
      this.changedSince = changed;
      const memo = this.recorded ? groupMemo.get(this.lastRecord!) : undefined;
      const delta = memo ? openDelta(target, this.lastRecord!, memo, changed) : undefined;
      if (delta) {
        this.delta = delta;
        // Made only if the rebuild cannot be committed as a delta (materialize()).
        this.previous = { existing: new Map() };
      } else this.previous = { existing: existingFromRecord(target, this.lastRecord!, changed) };
      return;
    }
    if (options.compare === 'manifest') {
      const manifest = previousFromManifest(target);
      for (const fixed of ['_headers', 'flow.schema.json', ...lastFiles]) manifest.existing.set(fixed, 'file');
      // The manifest describes ncco/ only: everything else (the router's modules and data) is listed and
      // compared by content, a few files next to thousands of NCCOs.
      for (const [rel, kind] of listOutput(target, (rel) => rel === 'ncco'))
        if (!manifest.existing.has(rel)) manifest.existing.set(rel, kind);
      this.previous = manifest;
    } else {
      if (this.lastRecord !== undefined && this.recorded !== undefined && this.lastRecord.size > 0) {
        this.statKept = { paths: new Set(), folders: new Set(), lastFolder: '' };
        // Started before the folders are looked at, so that it runs meanwhile.
        const worker = options.statWorker ?? (this.lastRecord.size >= statWorkerFrom && spareCore());
        if (source !== undefined && worker) this.statCheck = startStatCheck(target, path.sep, source);
      }
      const asRecorded =
        this.lastRecord !== undefined && this.recorded !== undefined && options.record?.folders !== undefined
          ? foldersAsRecorded(target, this.lastRecord, options.record.folders)
          : undefined;
      this.previous = { existing: asRecorded?.existing ?? listOutput(target) };
      if (this.recorded !== undefined) this.foldersKept = asRecorded?.kept ?? new Map();
    }
  }

  private get stageDir(): string {
    return path.join(this.lock.workDir, this.stage);
  }

  /** A first build's staged tree, ending in a separator: each file's path is this and its own (made once, not joined per file). */
  private treePrefix?: string;

  private inGroup = false;

  /**
   * Stages a group of planned files (one flow's NCCOs). A watched rebuild whose last build planned the
   * very same group (the same array: a warm compiler's flow served from its cache) carries it over whole
   * when no event named any of its files: they are on disk as recorded, and nothing is done per file.
   */
  putGroup(key: string, files: readonly GroupFile[]): void {
    if (this.ended) throw new Error('flowc: output stream already finished');
    // A key given twice: its files are put one by one (loose), as without groups.
    if (this.groups.has(key)) {
      for (const f of files) this.put(f.file, f.sha256);
      return;
    }
    // Only a watched rebuild looks at the last build's groups again (a new process's would only be kept alive).
    this.groups.set(key, this.options.watched ? files : noGroupFiles);
    const delta = this.delta;
    if (delta && delta.lastGroups.get(key) === files && !files.some((f) => delta.overrides.has(f.file.path))) {
      delta.kept.add(key);
      return;
    }
    if (this.statKept && this.keepIfAsRecorded(files, this.statKept)) return;
    this.inGroup = true;
    try {
      for (const f of files) this.put(f.file, f.sha256);
    } finally {
      this.inGroup = false;
    }
  }

  /** Stages one planned file (its sha256, when known, spares hashing it again in manifest mode). */
  put(file: OutputFile, knownSha256?: string): void {
    if (this.ended) throw new Error('flowc: output stream already finished');
    if (!this.stageMade) {
      mkdirSync(this.stageDir);
      if (this.whole) mkdirSync(path.join(this.stageDir, 'tree'));
      this.stageMade = true;
    }
    const previous = this.previous;
    if (!previous) {
      this.treePrefix ??= path.join(this.stageDir, 'tree') + path.sep;
      const rel = path.sep === '/' ? file.path : file.path.split('/').join(path.sep);
      const behind = this.writer();
      if (behind) behind.write(rel, file.chunks ?? file.content);
      else {
        const at = this.treePrefix + rel;
        const folder = path.dirname(at);
        if (!this.madeFolders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          this.madeFolders.add(folder);
        }
        writePlanned(at, file);
      }
      this.planned.set(file.path, { path: file.path, added: true, ...this.shaForRecord(file, knownSha256) });
      if (!this.inGroup) this.loose.push(file.path);
      return;
    }
    const kind = this.delta ? this.delta.kindOf(file.path) : previous.existing.get(file.path);
    if (!this.inGroup) this.loose.push(file.path);
    // The planned sha256, made once and only when needed.
    let planned = knownSha256;
    const plannedHash = (): string => (planned ??= fileSha256(file));
    let same = false;
    let trusted: [string, number, number] | undefined;
    if (kind === 'file') {
      const check = this.checkRecorded(file, knownSha256, plannedHash);
      if (check === 'changed') same = false;
      else if (check !== undefined) {
        trusted = check;
        this.recorded!.set(file.path, trusted);
        same = true;
      } else {
        const known = previous.hashes?.get(file.path);
        same = known !== undefined ? known === plannedHash() : sameContent(this.fullPath(file.path), file.content);
      }
    }
    const earlier = this.planned.get(file.path);
    // A large file's text is kept with its record (the next rebuild compares texts), its hash made later if not yet made.
    const forRecord =
      this.recorded && !trusted
        ? this.deferrable(file)
          ? { ...(planned !== undefined ? { sha256: planned } : {}), body: file.chunks ?? file.content }
          : { sha256: plannedHash() }
        : {};
    if (same) {
      if (earlier?.from !== undefined) rmSync(path.join(this.stageDir, earlier.from), { force: true });
      this.planned.set(file.path, { path: file.path, added: false, ...forRecord });
      return;
    }
    // Staged under plain numbers: no folders to make, and nothing in the output touched yet.
    const from = earlier?.from ?? String(this.staged++);
    writePlanned(path.join(this.stageDir, from), file);
    this.planned.set(file.path, { path: file.path, from, added: kind !== 'file', ...forRecord });
  }

  /** A first build's writer thread, started at its writeBehindFrom-th file (see WriteOutputOptions.writeBehind). */
  private writer(): WriteBehind | undefined {
    if (this.behind !== undefined || this.behindDecided) return this.behind;
    const wanted = this.options.writeBehind;
    if (wanted === undefined && ++this.wholeFiles < writeBehindFrom) return undefined;
    // Decided once: a worker that cannot start means this build writes its files itself.
    this.behindDecided = true;
    // Unlike the stat check, it adds no work but the copy into batches (and a start): worth it whatever the
    // load, so long as there is a second core to run on.
    if (wanted === false || (wanted === undefined && os.availableParallelism() < 2)) return undefined;
    this.behind = startWriteBehind(this.treePrefix!);
    return this.behind;
  }

  /**
   * Whether every file of a group is on disk as the last build recorded it, with the planned bytes: listed as
   * a file, its `stat` the recorded size and modification time, planned with the recorded sha256, and not
   * planned already. Then nothing is done per file until the record is made (33,000 files at 1,000 flows, of
   * which a one-message rebuild changes one); else the group's files are put one by one, as always.
   */
  private keepIfAsRecorded(files: readonly GroupFile[], kept: NonNullable<OutputStream['statKept']>): boolean {
    const last = this.lastRecord!;
    const existing = this.previous!.existing;
    for (const f of files) {
      const rel = f.file.path;
      const known = last.get(rel);
      if (known === undefined || known[0] !== f.sha256 || existing.get(rel) !== 'file' || this.planned.has(rel)) return false;
      if (!this.onDiskAsRecorded(rel, known)) return false;
    }
    // Kept: its paths and the folders that hold them (each a folder on disk: a file was found through it).
    for (const f of files) {
      const rel = f.file.path;
      kept.paths.add(rel);
      const slash = rel.lastIndexOf('/');
      // Files of a group mostly share their folder: its folders are added once.
      if (slash === -1 || (slash === kept.lastFolder.length && rel.startsWith(kept.lastFolder))) continue;
      kept.lastFolder = rel.slice(0, slash);
      for (let i = rel.indexOf('/'); i !== -1 && i <= slash; i = rel.indexOf('/', i + 1)) kept.folders.add(rel.slice(0, i));
    }
    return true;
  }

  /**
   * The groups kept by keepIfAsRecorded(): their files (less any planned again one by one since: the later
   * plan wins; its folders keep that planned file), the folders that hold them, their count.
   */
  private keptByStat(): { paths: Set<string>; folders: Set<string>; count: number } | undefined {
    const kept = this.statKept;
    if (!kept || kept.paths.size === 0) return undefined;
    for (const rel of this.planned.keys()) kept.paths.delete(rel);
    return { paths: kept.paths, folders: kept.folders, count: kept.paths.size };
  }

  /** `rel` in the output folder as a path the file system takes (one string, not a join of its parts). */
  private fullPath(rel: string): string {
    return this.target + path.sep + (path.sep === '/' ? rel : rel.split('/').join(path.sep));
  }

  /**
   * What the last build's record says of a planned file on disk: the record (unchanged, not read) when the
   * file is as recorded — its size and modification time, or no watch event named it — and planned with the
   * recorded sha256; 'changed' when it is as recorded but planned with other bytes (so it is written
   * without being read); undefined when the record does not vouch for it (compared by content).
   */
  private checkRecorded(
    file: OutputFile,
    knownSha256: string | undefined,
    plannedHash: () => string,
  ): [string, number, number] | 'changed' | undefined {
    const known = this.lastRecord?.get(file.path);
    if (!known) return undefined;
    // Watched since the record was made: still as recorded if no event named it; if one did, it is compared
    // by content (an edit may keep the size and set the time back).
    let asRecorded: boolean;
    if (this.changedSince !== undefined) {
      asRecorded = !this.changedSince.has(file.path);
      // Named (most often because the last build wrote it) and planned with other bytes than the last build
      // left: written whatever it holds now, without reading it (the manifest is 8 MB at 1,000 flows). A
      // text other than the one the last build wrote says so without hashing it.
      if (!asRecorded) {
        const last = writtenBody(known);
        if (last !== undefined && !sameBody(last, file)) return 'changed';
        if (plannedHash() !== known[0]) return 'changed';
      }
    } else asRecorded = this.onDiskAsRecorded(file.path, known);
    if (!asRecorded) return undefined;
    // Without a known hash, a size that differs already says the file changed.
    if (knownSha256 === undefined && byteSize(file) !== known[1]) return 'changed';
    return plannedHash() === known[0] ? known : 'changed';
  }

  /**
   * Whether the file at `rel` is a file (links followed) of the recorded size and modification time: the
   * worker's answer when it gave one (the same check on the same record, made since the output was
   * opened, when nothing in it had been touched by this build), else a `stat` now.
   */
  private onDiskAsRecorded(rel: string, known: readonly [string, number, number]): boolean {
    const differing = this.statCheck?.differing();
    if (differing !== undefined) return !differing.has(rel);
    let stat: Stats | undefined;
    try {
      stat = statSync(this.fullPath(rel), { throwIfNoEntry: false });
    } catch {
      return false;
    }
    return stat?.isFile() === true && stat.size === known[1] && stat.mtimeMs === known[2];
  }

  /** A large file of a watched rebuild, whose hash can wait until after the build (see deferHashFrom). */
  private deferrable(file: OutputFile): boolean {
    return this.changedSince !== undefined && (file.chunks ? byteSize(file) : file.content.length) >= deferHashFrom;
  }

  private shaForRecord(file: OutputFile, knownSha256: string | undefined): { sha256?: string } {
    return this.recorded ? { sha256: knownSha256 ?? fileSha256(file) } : {};
  }

  /**
   * After the output is in place: each planned file not yet recorded, with its size and modification time;
   * the files of the groups kept as recorded (`kept`) with their last record.
   */
  private record(kept?: ReadonlySet<string>): OutputRecord | undefined {
    const recorded = this.recorded;
    if (!recorded) return undefined;
    const folders = this.folderRecord();
    for (const f of this.planned.values()) {
      if (recorded.has(f.path) || (f.sha256 === undefined && f.body === undefined)) continue;
      try {
        const stat = statSync(this.fullPath(f.path));
        const entry: [string, number, number] = [f.sha256 ?? '', stat.size, stat.mtimeMs];
        if (f.body !== undefined) keepWrittenBody(entry, f.body, f.sha256 !== undefined);
        recorded.set(f.path, entry);
      } catch {
        // Not recorded: compared by content next time.
      }
    }
    const last = this.lastRecord;
    if (kept && kept.size > 0 && last) {
      // The last record (this build's own) less what is not there now, with what this build recorded: the
      // kept files' 33,000 entries are not copied into a new map.
      last.forEach((_, rel) => {
        if (!kept.has(rel) && !recorded.has(rel)) last.delete(rel);
      });
      for (const [rel, entry] of recorded) last.set(rel, entry);
      return { target: this.target, files: last, ...(folders ? { folders } : {}) };
    }
    return { target: this.target, files: recorded, ...(folders ? { folders } : {}) };
  }

  /**
   * After the output is in place (a build that compared with the folder, not a watched delta): each folder
   * of the output with its inode and change time, for the next build to take its entries from the record.
   * A folder found as recorded by this build, in which it put or removed nothing, keeps its entry; the
   * others are looked at now, and recorded only if unchanged for folderQuietMs (a change in the same tick
   * of the clock as the recorded time would not show).
   */
  private folderRecord(): OutputRecordFolders | undefined {
    const all = this.outputFolders;
    if (all === undefined || this.foldersKept === undefined) return this.carriedFolders();
    const out: OutputRecordFolders = new Map();
    const now = Date.now();
    for (const rel of ['', ...all]) {
      const kept = this.foldersKept.get(rel);
      if (kept !== undefined && !this.touched.has(rel)) {
        out.set(rel, kept);
        continue;
      }
      let stat: Stats | undefined;
      try {
        stat = lstatSync(rel === '' ? this.target : this.fullPath(rel), { throwIfNoEntry: false });
      } catch {
        stat = undefined;
      }
      if (stat?.isDirectory() && now - stat.ctimeMs > folderQuietMs) out.set(rel, [stat.ino, stat.ctimeMs]);
    }
    return out;
  }

  /**
   * A watched rebuild (it trusted the watch instead of looking at the folders) passes the last record's folders
   * on as they are, for the next build without a watch: an entry is only ever used while the folder still has
   * the recorded inode and change time, and anything this rebuild put into or removed from a folder changed its
   * change time. Without them, the first `flowc build` after a watch session listed all 5,000 folders again.
   */
  private carriedFolders(): OutputRecordFolders | undefined {
    return this.changedSince !== undefined ? this.lastFolders : undefined;
  }

  /** Forgets everything staged (a build that starts again from its first flow). */
  restart(): void {
    if (this.stageMade) rmSync(this.stageDir, { recursive: true, force: true });
    this.stageMade = false;
    this.madeFolders.clear();
    this.planned.clear();
    this.recorded?.clear();
    this.staged = 0;
    this.groups.clear();
    this.loose.length = 0;
    this.delta?.kept.clear();
    if (this.statKept) this.statKept = { paths: new Set(), folders: new Set(), lastFolder: '' };
  }

  /** Stages the remaining files, then puts the whole output in place atomically; releases the lock. */
  finish(rest: readonly OutputFile[] = []): WriteOutputReport {
    try {
      for (const f of rest) this.put(f, plannedSha256(f));
      // Every staged file on disk before anything is put in place.
      this.behind?.drain();
      this.ended = true;
      // Nothing is put after this: the output changes now.
      this.statCheck?.close();
      const delta = this.delta;
      const ending = delta ? this.deltaExtra(delta) : undefined;
      if (delta && ending === undefined) this.materialize(delta);
      const kept = delta ? undefined : this.keptByStat();
      this.keptCount = kept?.count ?? 0;
      const report =
        delta && ending !== undefined
          ? this.commitChanges(new Map(), {
              kindOf: delta.kindOf,
              notFolder: delta.notFolder,
              extra: ending.extra,
              kept: delta.keptCount(this.groups),
            })
          : this.previous
            ? this.commitChanges(this.previous.existing, undefined, kept)
            : this.commitWhole();
      const record = delta && ending !== undefined ? this.deltaRecord(delta, [...ending.extra, ...ending.gone]) : this.record(kept?.paths);
      if (record) this.rememberGroups(record.files);
      // The watch's named paths were all looked at, and the record in use is this build's.
      if (record) this.watchTicket?.commit();
      const carried = delta && ending !== undefined ? delta.keptCount(this.groups) : 0;
      return {
        target: this.target,
        ...report,
        recovery: this.recovery,
        ...(record ? { record } : {}),
        ...(carried > 0 ? { carried } : {}),
        ...(this.keptCount > 0 ? { keptByStat: this.keptCount } : {}),
        ...(this.foldersKept !== undefined && this.foldersKept.size > 0 ? { foldersKept: this.foldersKept.size } : {}),
      };
    } finally {
      this.ended = true;
      this.statCheck?.close();
      // Failed before it was drained: it writes nothing more into the stage once the lock is released.
      this.behind?.stop();
      this.lock.release();
    }
  }

  /** Throws away what was staged and releases the lock; the output folder is as it was. */
  abort(): void {
    if (this.ended) return;
    this.ended = true;
    this.statCheck?.close();
    try {
      // Stopped first: it must not write into the stage while it is removed.
      this.behind?.stop();
      if (this.stageMade) rmSync(this.stageDir, { recursive: true, force: true });
    } finally {
      this.lock.release();
    }
  }

  /**
   * The files a delta no longer produces: the last build's files of its groups not carried over and of
   * its loose files, and files the watch saw appear, that this build did not plan. Undefined when one of
   * them would leave a folder without a planned file (removed whole: the full comparison does that).
   */
  private deltaExtra(delta: Delta): { extra: string[]; gone: string[] } | undefined {
    const extra = new Set<string>();
    const gone: string[] = [];
    const consider = (rel: string, folders: ReadonlySet<string> | undefined): boolean => {
      if (this.planned.has(rel)) return true;
      if (delta.kindOf(rel) === undefined) {
        gone.push(rel);
        return true;
      }
      // Its folder must keep a planned file of the group that replaces it.
      const slash = rel.lastIndexOf('/');
      if (slash !== -1 && !folders?.has(rel.slice(0, slash))) return false;
      extra.add(rel);
      return true;
    };
    for (const [key, files] of delta.lastGroups) {
      if (delta.kept.has(key)) continue;
      const now = this.groups.get(key);
      if (now === undefined) return undefined;
      const folders = new Set(now.map((f) => f.file.path.slice(0, Math.max(0, f.file.path.lastIndexOf('/')))));
      for (const f of files) if (!consider(f.file.path, folders)) return undefined;
    }
    for (const rel of delta.lastLoose) if (!consider(rel, undefined)) return undefined;
    for (const [rel, kind] of delta.overrides) {
      if (kind === undefined || this.planned.has(rel) || delta.lastRecord.has(rel)) continue;
      // A file that appeared (by hand): the full comparison decides what its folder keeps.
      return undefined;
    }
    return { extra: [...extra], gone };
  }

  /** A delta that cannot be committed as one: the carried-over groups are planned file by file, and the folder known whole. */
  private materialize(delta: Delta): void {
    for (const key of delta.kept) {
      for (const f of this.groups.get(key) ?? []) {
        const known = delta.lastRecord.get(f.file.path);
        this.planned.set(f.file.path, { path: f.file.path, added: false });
        if (known) this.recorded?.set(f.file.path, known);
      }
    }
    this.previous = { existing: existingFromRecord(this.target, delta.lastRecord, new Set(this.changedSince)) };
    this.delta = undefined;
  }

  /** A committed delta's record: the last one, with what this build wrote, compared or removed. */
  private deltaRecord(delta: Delta, removed: readonly string[]): OutputRecord | undefined {
    const own = this.record();
    if (!own) return undefined;
    const files = delta.lastRecord;
    for (const rel of removed) files.delete(rel);
    for (const [rel, sig] of own.files) files.set(rel, sig);
    // Every file this build put was recorded: the record is exactly the planned files (rememberGroups).
    this.allRecorded = own.files.size === this.planned.size;
    const folders = this.carriedFolders();
    return { target: this.target, files, ...(folders ? { folders } : {}) };
  }

  /** Set by a delta's record: whether it holds every planned file. */
  private allRecorded = false;
  /** Files of the groups kept by keepIfAsRecorded() (not in `planned`), set by finish(). */
  private keptCount = 0;

  /** Keeps this build's groups with its record, for the next watched rebuild (only when every planned file is recorded). */
  private rememberGroups(files: OutputRecordFiles): void {
    if (!this.options.watched || (this.delta ? !this.allRecorded : files.size !== this.planned.size + this.keptCount)) {
      groupMemo.delete(files);
      return;
    }
    groupMemo.set(files, { groups: new Map(this.groups), loose: [...this.loose] });
  }

  private commitWhole(): Omit<WriteOutputReport, 'target' | 'recovery'> {
    if (!this.stageMade) {
      mkdirSync(path.join(this.stageDir, 'tree'), { recursive: true });
      this.stageMade = true;
    }
    const crashAt = this.options.crashAt;
    crashIf(crashAt, 'staged');
    renameSync(path.join(this.stageDir, 'tree'), this.target);
    crashIf(crashAt, 'renamed');
    rmSync(this.stageDir, { recursive: true, force: true });
    return { created: true, written: [...this.planned.keys()].sort(), removed: [], unchanged: 0 };
  }

  private commitChanges(
    existing: Map<string, Entry>,
    /** A delta (see Delta): kinds from the record and the watch's named paths, the files no longer produced, and the count carried over. */
    view?: { kindOf: (rel: string) => Entry | undefined; notFolder: (rel: string) => boolean; extra: string[]; kept: number },
    /** Groups kept as recorded (keptByStat()): on disk as planned, files of verified folders. */
    kept?: { paths: ReadonlySet<string>; folders: Set<string>; count: number },
  ): Omit<WriteOutputReport, 'target' | 'recovery'> {
    const kindOf = view?.kindOf ?? ((rel: string) => existing.get(rel));
    // Only whether a folder above a planned file is something else matters (it is then in the way).
    const notFolder =
      view?.notFolder ??
      ((rel: string) => {
        const kind = existing.get(rel);
        return kind !== undefined && kind !== 'folder';
      });
    const plannedFolders = kept?.folders ?? new Set<string>();
    const inTheWay = new Set<string>();
    const added: Staged[] = [];
    const changed: Staged[] = [];
    let unchanged = view?.kept ?? kept?.count ?? 0;
    for (const f of this.planned.values()) {
      // A folder already seen has had its own folders seen too: 33,000 files share 4,000 folders.
      const slash = f.path.lastIndexOf('/');
      if (slash !== -1 && !plannedFolders.has(f.path.slice(0, slash)))
        for (const folder of ancestors(f.path)) {
          plannedFolders.add(folder);
          if (notFolder(folder)) inTheWay.add(folder);
        }
      const kind = kindOf(f.path);
      if (kind !== undefined && kind !== 'file') inTheWay.add(f.path);
      if (f.from === undefined) unchanged++;
      else if (f.added) added.push(f);
      else changed.push(f);
    }
    // No longer produced: files (and links) that are not planned, and folders that hold no planned file
    // (removed whole, so their contents are not listed; every other folder keeps a planned file).
    let extra: string[];
    if (view) extra = view.extra.filter((rel) => !inTheWay.has(rel));
    else {
      extra = [];
      // forEach: no [path, kind] pair made per entry (38,000 at 1,000 flows).
      existing.forEach((kind, rel) => {
        if (!this.planned.has(rel) && !kept?.paths.has(rel) && !inTheWay.has(rel) && (kind !== 'folder' || !plannedFolders.has(rel)))
          extra.push(rel);
      });
      extra = extra.filter(
        (rel) => !ancestors(rel).some((a) => inTheWay.has(a) || (existing.get(a) === 'folder' && !plannedFolders.has(a))),
      );
    }

    this.outputFolders = plannedFolders;
    const byPath = (a: Staged, b: Staged) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const last = (f: Staged) => lastFiles.indexOf(f.path);
    changed.sort((a, b) => last(a) - last(b) || byPath(a, b));
    const puts = [...added.sort(byPath), ...changed];
    if (puts.length === 0 && inTheWay.size === 0 && extra.length === 0) {
      if (this.stageMade) rmSync(this.stageDir, { recursive: true, force: true });
      return { created: false, written: [], removed: [], unchanged };
    }
    if (!this.stageMade) {
      mkdirSync(this.stageDir);
      this.stageMade = true;
    }
    // What is in the way first, then new files (before anything refers to them), changed files with the
    // manifest and the routers last, and what is no longer produced at the very end.
    const ops: JournalOp[] = [
      ...[...inTheWay].sort().map((p): JournalOp => ({ op: 'remove', path: p })),
      ...puts.map((f): JournalOp => ({ op: 'put', path: f.path, from: f.from! })),
      ...extra.sort().map((p): JournalOp => ({ op: 'remove', path: p })),
    ];
    // The folders whose entries this build changes (their record is made again: folderRecord()).
    for (const op of ops) {
      this.touched.add('');
      for (const folder of ancestors(op.path)) this.touched.add(folder);
    }
    const journal: Journal = { version: 1, stage: this.stage, ops };
    const crashAt = this.options.crashAt;
    crashIf(crashAt, 'staged');
    checkWritable(this.target, ops);
    commitJournal(this.lock.workDir, journal);
    crashIf(crashAt, 'committed');
    try {
      applyJournal(this.target, this.lock.workDir, journal, crashAt);
    } catch (err) {
      throw new OutputUnfinishedError(err);
    }
    crashIf(crashAt, 'applied');
    rmSync(path.join(this.lock.workDir, 'journal.json'), { force: true });
    rmSync(this.stageDir, { recursive: true, force: true });
    return { created: false, written: puts.map((f) => f.path), removed: [...inTheWay, ...extra].sort(), unchanged };
  }
}

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

/** A folder changed this recently when recorded is not recorded (see folderRecord()). */
const folderQuietMs = 2000;
/** More recorded folders changed than this: the whole output folder is listed instead. */
const maxChangedFolders = 256;

/**
 * What is in the output folder, from the last build's record of its files and folders, without listing
 * 5,000 folders at 1,000 flows: a folder whose inode and change time are the recorded ones, in a folder
 * known to be a real one (as recorded, or listed), holds the recorded entries (anything added, removed or
 * renamed in it would have changed its change time); any other folder of the record is listed, and a
 * folder found there that the record does not have is listed whole. Undefined when too many changed.
 * A file edited in place is not seen here: each recorded file is still checked by its own stat.
 */
function foldersAsRecorded(
  target: string,
  files: OutputRecordFiles,
  folders: OutputRecordFolders,
): { existing: Map<string, Entry>; kept: OutputRecordFolders } | undefined {
  const full = (rel: string): string =>
    rel === '' ? target : target + path.sep + (path.sep === '/' ? rel : rel.split('/').join(path.sep));
  const recordedFolders = foldersOf(files);
  // Parents first (a parent is shorter than its folders).
  const all = ['', ...[...recordedFolders].sort((a, b) => a.length - b.length)];
  const kept: OutputRecordFolders = new Map();
  const listed = new Set<string>();
  const existing = new Map<string, Entry>();
  for (const rel of all) {
    if (rel !== '') {
      const slash = rel.lastIndexOf('/');
      const parent = slash === -1 ? '' : rel.slice(0, slash);
      // Its parent says it is a real folder: as recorded (the same entries), or listed just now.
      if (!kept.has(parent) && !(listed.has(parent) && existing.get(rel) === 'folder')) continue;
    }
    let stat: Stats | undefined;
    try {
      stat = lstatSync(full(rel), { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (stat === undefined || !stat.isDirectory()) {
      // The output folder itself, or a folder that changed since its parent was looked at: list it all.
      if (rel === '') return undefined;
      existing.delete(rel);
      continue;
    }
    if (rel !== '') existing.set(rel, 'folder');
    const sig = folders.get(rel);
    if (sig !== undefined && sig[0] === stat.ino && sig[1] === stat.ctimeMs) {
      kept.set(rel, sig);
      continue;
    }
    listed.add(rel);
    if (listed.size > maxChangedFolders) return undefined;
    let entries: Dirent[];
    try {
      entries = readdirSync(full(rel), { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (!e.isDirectory()) existing.set(child, e.isFile() ? 'file' : 'other');
      else {
        existing.set(child, 'folder');
        // Not a folder of the record: new, so everything in it is.
        if (!recordedFolders.has(child)) for (const [p, k] of listOutput(full(child))) existing.set(`${child}/${p}`, k);
      }
    }
  }
  // The files of the folders found as recorded (a listed folder's are in `existing` already).
  let lastFolder = '';
  let lastKept = false;
  for (const rel of files.keys()) {
    const slash = rel.lastIndexOf('/');
    if (slash === -1) {
      if (kept.has('')) existing.set(rel, 'file');
      continue;
    }
    if (slash !== lastFolder.length || !rel.startsWith(lastFolder)) {
      lastFolder = rel.slice(0, slash);
      lastKept = kept.has(lastFolder);
    }
    if (lastKept) existing.set(rel, 'file');
  }
  return { existing, kept };
}

/**
 * The output folder as the last build's record says it is, with each path a watch saw change since looked
 * at (a file, a folder listed whole, or gone): what listOutput() would find, without listing 4,000 folders.
 */
function existingFromRecord(target: string, record: OutputRecordFiles, changed: Set<string>): Map<string, Entry> {
  const out = new Map<string, Entry>();
  let lastFolder = '';
  for (const rel of record.keys()) {
    out.set(rel, 'file');
    const folder = rel.slice(0, Math.max(0, rel.lastIndexOf('/')));
    if (folder === lastFolder) continue;
    lastFolder = folder;
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) out.set(rel.slice(0, i), 'folder');
  }
  // Parents first, so that a folder listed whole is not undone by a path below it.
  for (const rel of [...changed].sort((a, b) => a.length - b.length)) {
    let kind: Entry | undefined;
    try {
      const stat = lstatSync(path.join(target, ...rel.split('/')));
      kind = stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
    } catch {
      kind = undefined;
    }
    // What the record says is below a path that changed is replaced by what is there now (a folder made
    // again may have been changed before its watch began).
    if (out.get(rel) === 'folder') for (const p of [...out.keys()]) if (p.startsWith(`${rel}/`)) out.delete(p);
    if (kind === undefined) {
      out.delete(rel);
      continue;
    }
    out.set(rel, kind);
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) out.set(rel.slice(0, i), 'folder');
    if (kind !== 'folder') continue;
    // Everything in a folder that changed is looked at as changed too.
    for (const [p, k] of listOutput(path.join(target, ...rel.split('/')))) {
      out.set(`${rel}/${p}`, k);
      changed.add(`${rel}/${p}`);
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

/**
 * Whether a planned file has the very body the last build wrote: the same text, or the same pieces (the same
 * objects: a watch keeps each flow's piece while the flow is unchanged). False may be said of equal bytes in
 * other pieces: the file is then written again, which is never wrong.
 */
function sameBody(last: string | readonly Uint8Array[], file: OutputFile): boolean {
  if (typeof last === 'string') return !file.chunks && last === file.content;
  const chunks = file.chunks;
  return chunks !== undefined && chunks.length === last.length && chunks.every((c, i) => c === last[i]);
}

function sameContent(file: string, content: string): boolean {
  try {
    const expected = Buffer.from(content, 'utf8');
    if (statSync(file).size !== expected.length) return false;
    return readFileSync(file).equals(expected);
  } catch {
    return false;
  }
}

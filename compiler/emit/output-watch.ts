/**
 * A warm compiler's eye on its output folder (`flowc build --watch`, issue 12, "Rebuilds"): every folder
 * of the output is watched (one non-recursive fs.watch each: Node 20's recursive watch on Linux adds a
 * watch per file and takes seconds to start at 33,000 files), and every path an event names is kept.
 * A build then trusts the record of the last build (compiler/emit/output-record.ts) for every file that
 * no event named since that record was made — no `stat` of each file, no listing of each folder — and
 * looks at the named paths only, as a build without a watch looks at every file.
 *
 * Trust is only given when it is earned: the watch must have been watching when the build that made the
 * record began (so that every change after the record's `stat`s was seen), the output folder must be the
 * same folder (not deleted and made again), and no watcher may have failed or reported an event without
 * a name. Otherwise the build checks every file, as before, and the next one can trust again.
 */
import { type Dirent, type FSWatcher, lstatSync, readdirSync, readFileSync, type Stats, statSync, watch } from 'node:fs';
import path from 'node:path';

/** What OutputStream asks of a watch: the paths changed since the last build's record, or no trust. */
export interface OutputChanges {
  /**
   * Called once the output folder is locked. Undefined: trust nothing this time (every file is looked
   * at). Otherwise the relative paths that events named since the last record was made; commit() says
   * that this build's record is made (those paths were looked at), abort-free: a build that fails
   * simply does not call it, and the paths stay for the next build.
   */
  take(target: string): { changed: ReadonlySet<string>; commit(): void; trusted: boolean } | undefined;
}

/**
 * The kernel drops events when its queue is full (Linux: fs.inotify.max_queued_events, 16,384 by default,
 * and Node does not say so); the events before the loss are all delivered, so as many events as a quarter
 * of that queue since the last record mean that some may be lost: such a build trusts nothing.
 */
function defaultEventLimit(): number {
  try {
    const queued = Number(readFileSync('/proc/sys/fs/inotify/max_queued_events', 'utf8'));
    if (Number.isInteger(queued) && queued > 0) return Math.max(1, Math.floor(queued / 4));
  } catch {
    // not Linux, or not readable
  }
  return 4096;
}

export class OutputWatch implements OutputChanges {
  private readonly eventLimit: number;
  /** The event number up to which the record in use has looked (events after it are for the next build). */
  private committedSeq = 0;

  constructor(options: { eventLimit?: number } = {}) {
    this.eventLimit = options.eventLimit ?? defaultEventLimit();
  }

  private target: string | undefined;
  /** The output folder's inode and birth time when armed: a folder deleted and made again is another one. */
  private identity: string | undefined;
  /**
   * Each watched folder's watcher, with the folder's identity (folderIdentity): a folder removed and made
   * again is another, even when the file system gives it the inode number just freed.
   */
  private readonly watchers = new Map<string, { w: FSWatcher; ino: string | undefined }>();
  /** Paths named by events, with the number of the event (so that a commit keeps later ones). */
  private readonly changed = new Map<string, number>();
  private seq = 0;
  /** Something made the events incomplete: no trust until armed again and a record made after. */
  private broken = false;
  /** The system has no watches left (Linux's fs.inotify.max_user_watches): builds look at every file, as without a watch. */
  private unavailable = false;
  /** The record in use was made by a build that began while this watch was watching. */
  private recordSeen = false;

  /** Starts watching `target` (the output folder, links resolved) if it is not watched yet; a no-op when it is. */
  arm(target: string): void {
    if (this.unavailable) return;
    if (this.target === target && !this.broken && this.sameFolder()) return;
    this.close();
    this.broken = false;
    this.recordSeen = false;
    this.changed.clear();
    const identity = identityOf(target);
    if (identity === undefined) return; // not there yet: the first build creates it, the next one arms
    this.target = target;
    this.identity = identity;
    this.watchTree('');
  }

  take(target: string): { changed: ReadonlySet<string>; commit(): void; trusted: boolean } | undefined {
    if (this.target !== target) return undefined;
    const watching = !this.broken && this.sameFolder();
    const trusted = watching && this.recordSeen && this.seq - this.committedSeq < this.eventLimit;
    const upTo = this.seq;
    const changed = new Set(this.changed.keys());
    return {
      changed,
      trusted,
      commit: () => {
        // The record now in use was made by this build: trusted next time if nothing broke meanwhile.
        this.recordSeen = watching && !this.broken;
        this.committedSeq = upTo;
        for (const [p, n] of this.changed) if (n <= upTo) this.changed.delete(p);
      },
    };
  }

  close(): void {
    for (const { w } of this.watchers.values()) w.close();
    this.watchers.clear();
    this.target = undefined;
    this.identity = undefined;
  }

  private sameFolder(): boolean {
    return this.target !== undefined && identityOf(this.target) === this.identity;
  }

  private distrust(): void {
    this.broken = true;
    this.recordSeen = false;
  }

  /** Watches the folder `rel` and every folder below it; with `named`, marks everything found as changed. */
  private watchTree(rel: string, named = false): void {
    const target = this.target;
    if (target === undefined) return;
    const pending = [rel];
    while (pending.length > 0) {
      const folder = pending.pop()!;
      if (this.watchers.has(folder)) continue;
      const full = folder === '' ? target : path.join(target, ...folder.split('/'));
      let w: FSWatcher;
      let ino: string | undefined;
      try {
        ino = folderIdentity(lstatSync(full));
        w = watch(full, { persistent: false }, (_event, name) => this.event(folder, name));
      } catch (err) {
        // Gone already (its removal is an event of its parent), or no watch left: then trust nothing, and
        // do not try again at every build.
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue;
        this.distrust();
        if (code === 'ENOSPC' || code === 'EMFILE') {
          this.unavailable = true;
          this.close();
          return;
        }
        continue;
      }
      w.on('error', () => {
        w.close();
        this.watchers.delete(folder);
        this.mark(folder);
        if (folder === '') this.distrust();
      });
      this.watchers.set(folder, { w, ino });
      let entries: Dirent[];
      try {
        entries = readdirSync(full, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const child = folder === '' ? e.name : `${folder}/${e.name}`;
        if (named) this.mark(child);
        if (e.isDirectory()) pending.push(child);
      }
    }
  }

  private mark(rel: string): void {
    this.changed.set(rel, ++this.seq);
  }

  private event(folder: string, name: string | Buffer | null): void {
    if (name === null) {
      // An event that does not say what changed: the folder's contents are looked at whole.
      this.distrust();
      return;
    }
    const target = this.target;
    if (target === undefined) return;
    // A watched folder removed or moved names itself: the output folder so is no longer the one watched.
    if (String(name) === path.basename(folder === '' ? target : folder)) {
      if (folder === '') this.distrust();
      else this.mark(folder);
    }
    const rel = folder === '' ? String(name) : `${folder}/${String(name)}`;
    this.mark(rel);
    // A folder made (by anyone, this build included) is watched from now, and what it already holds is
    // named; a folder removed (or replaced) loses its watchers and theirs, whose events may come late.
    let ino: string | undefined;
    let isFolder = false;
    try {
      const stat = lstatSync(path.join(target, ...rel.split('/')));
      isFolder = stat.isDirectory();
      ino = isFolder ? folderIdentity(stat) : undefined;
    } catch {
      ino = undefined;
    }
    if (ino !== undefined && this.watchers.get(rel)?.ino === ino) return;
    for (const [p, { w }] of this.watchers)
      if (p === rel || p.startsWith(`${rel}/`)) {
        w.close();
        this.watchers.delete(p);
      }
    if (isFolder) this.watchTree(rel, true);
  }
}

/**
 * A watched folder's identity: its inode and birth time. Without a birth time (a file system that keeps
 * none) there is none: a folder an event names is then always taken to be a new one (watched again, and
 * everything in it looked at).
 */
function folderIdentity(stat: Stats): string | undefined {
  return stat.birthtimeMs > 0 ? `${stat.dev}:${stat.ino}:${stat.birthtimeMs}` : undefined;
}

function identityOf(folder: string): string | undefined {
  try {
    const stat = statSync(folder);
    return stat.isDirectory() ? `${stat.dev}:${stat.ino}:${stat.birthtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

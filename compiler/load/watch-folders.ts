/**
 * Watches a folder and every folder below it, with one non-recursive fs.watch per folder (`flowc build
 * --watch`, `flowc studio`). Node 20's recursive watch on Linux watches each file as well, and loses a file
 * once it is replaced by a rename — `sed -i`, `git checkout`, editors that save atomically (vim, JetBrains) —
 * so later saves of that file went unseen. A folder's own watch names every entry made, renamed into it,
 * written or removed, however it was written; a folder made later is watched from its first event, and the
 * files already in it are named then (they may have been written before its watch began).
 */
import { type FSWatcher, lstatSync, readdirSync, realpathSync, statSync, watch } from 'node:fs';
import path from 'node:path';

export interface WatchFoldersOptions {
  /** Watch the folders below the root as well (the default); false: the root's own entries only. */
  below?: boolean;
  /** A path below the root (relative, '/'-separated) whose folder is not watched, nor anything below it. */
  skip?: (rel: string) => boolean;
  /** An event: the full path it names, or the folder's own path when it names none (`named` false). */
  onEvent(full: string, named: boolean): void;
  /** The watch of `folder` failed (removed, or no watches left): it is closed, the others go on. */
  onError?(folder: string, error: NodeJS.ErrnoException): void;
}

export interface FolderWatch {
  close(): void;
}

/** Throws when `root` itself cannot be watched (missing, unreadable, no watches left). */
export function watchFolders(root: string, options: WatchFoldersOptions): FolderWatch {
  /** Watched folders by their path as the project sees it, with their real path (a symlinked folder's target). */
  const watchers = new Map<string, { w: FSWatcher; real: string }>();
  /** The real paths of the watched folders (the values' `real`, for a lookup by it). */
  const reals = new Set<string>();
  let closed = false;

  const relOf = (full: string): string => path.relative(root, full).split(path.sep).join('/');
  const below = options.below !== false;
  const skipped = (full: string): boolean => full !== root && options.skip?.(relOf(full)) === true;
  /** A folder, or a link to one (project folders may be links: compiler/load/find-project-files.ts). */
  const isFolder = (full: string): boolean => {
    try {
      return lstatSync(full).isDirectory() || statSync(full).isDirectory();
    } catch {
      return false;
    }
  };

  const stop = (folder: string): void => {
    for (const [at, { w, real }] of watchers) {
      if (at === folder || at.startsWith(folder + path.sep)) {
        w.close();
        watchers.delete(at);
        reals.delete(real);
      }
    }
  };

  /** Watches `folder` and the folders below it; with `announce`, names every file found (a folder new to the watch). */
  const add = (folder: string, announce: boolean): void => {
    const pending = [folder];
    while (pending.length > 0 && !closed) {
      const at = pending.pop()!;
      if (watchers.has(at)) continue;
      let real: string;
      try {
        real = realpathSync(at);
      } catch (err) {
        if (at === root) throw err;
        continue; // gone already: its parent's event said so
      }
      // A link back up the tree (or to a folder watched already) would be watched without end.
      if (reals.has(real)) continue;
      let w: FSWatcher;
      try {
        w = watch(at, (_event, name) => {
          if (closed) return;
          if (name === null) {
            options.onEvent(at, false);
            return;
          }
          const full = path.join(at, String(name));
          if (skipped(full)) return;
          if (watchers.has(full) && !isFolder(full)) stop(full);
          else if (below && !watchers.has(full) && isFolder(full)) add(full, true);
          options.onEvent(full, true);
        });
      } catch (err) {
        if (at === root) throw err;
        options.onError?.(at, err as NodeJS.ErrnoException);
        continue;
      }
      w.on('error', (err: NodeJS.ErrnoException) => {
        stop(at);
        if (!closed) options.onError?.(at, err);
      });
      watchers.set(at, { w, real });
      reals.add(real);
      if (!below) continue;
      // Listed once watched: whatever is made from now on is an event, whatever was made before is here.
      let entries: string[];
      try {
        entries = readdirSync(at);
      } catch {
        continue;
      }
      for (const name of entries) {
        const full = path.join(at, name);
        if (skipped(full)) continue;
        if (isFolder(full)) pending.push(full);
        else if (announce) options.onEvent(full, true);
      }
    }
  };

  add(root, false);
  return {
    close() {
      closed = true;
      for (const { w } of watchers.values()) w.close();
      watchers.clear();
      reals.clear();
    },
  };
}

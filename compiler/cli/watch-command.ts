/**
 * `flowc build --watch`: build, then build again each time a project file is saved. The compiler stays
 * warm between builds (the flow cache in memory, the parse of every unchanged file kept), so a change
 * recompiles only what depends on it. A user error is reported and the watch goes on; only Ctrl+C
 * (SIGINT) or SIGTERM ends it, after the build that is running has finished writing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { settleOutputRecords } from '../emit/output-record.js';
import { OutputWatch } from '../emit/output-watch.js';
import { resolveOutputTarget } from '../emit/write-output.js';
import { ParseCache } from '../load/parse-cache.js';
import { sourcesAsLoaded } from '../load/read-project.js';
import { type FolderWatch, watchFolders } from '../load/watch-folders.js';
import { compilerFingerprint, FlowCache } from '../pipeline/flow-cache.js';
import { cacheFolderName, runBuild, type BuildCommandOptions, writeWarmCaches } from './build-command.js';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { findProjectRoot } from './project-root.js';

/**
 * Saves come in bursts (an editor writes a file, then renames it; `git checkout` writes many): wait for the
 * quiet. An event during a build makes another build after it (and names its file for that build), so a
 * burst longer than this costs a build more, never a stale one; every millisecond here is one more between
 * a save and "built". The events of one save come within a millisecond or two of each other.
 */
const settleMs = 10;

/** More project paths named between two builds than this (a checkout, a copy of a folder): the next load looks at every file. */
const namedLimit = 256;

/**
 * The check for lost events waits for this much quiet after a build: it lists the project and makes a stat
 * of every file (10-60 ms at 1,000 flows under load), which a save made meanwhile would wait for.
 */
const idleCheckMs = 250;

export interface WatchHooks {
  /** Resolves to stop watching (the CLI: SIGINT or SIGTERM; tests: their own). */
  stop?: Promise<void>;
  /** Tests: an event on a path for which this says true is dropped, as a kernel may drop events. */
  dropEvent?: (full: string) => boolean;
  /** Tests: called just after each build's line (a save made here comes while the watch finishes the build). */
  afterBuilt?: () => void;
  /** Tests: called when the watch is idle after a build, the check for lost events made (or none due). */
  finished?: () => void;
}

export async function runWatch(io: CliIo, dir: string | undefined, options: BuildCommandOptions, hooks: WatchHooks = {}): Promise<number> {
  const root = findProjectRoot(io.cwd, dir);
  const outDir = options.out !== undefined ? path.resolve(io.cwd, options.out) : path.join(root, 'dist');
  // With --no-cache the first build compiles every flow and no cache folder is read or written; the
  // compiler still keeps what it compiled in memory for the next build (that is what watching is for).
  const warm = {
    flowCache: new FlowCache(options.cache === false ? undefined : path.join(root, cacheFolderName)),
    parseCache: new ParseCache(options.cache === false ? undefined : path.join(root, cacheFolderName), compilerFingerprint()),
    // The output folder watched too: a rebuild then looks only at the output files that changed since the
    // last one (compiler/emit/output-watch.ts) instead of a stat of every file.
    outputWatch: new OutputWatch(),
    // The project's files that events named since the last load began: the others are taken unseen
    // (compiler/load/read-project.ts). Trusted only while every watcher has been up since that load.
    sourceChanges: (): { named: ReadonlySet<string> } | undefined => {
      const taken = sourcesTrusted && named.size <= namedLimit ? { named: new Set(named) } : undefined;
      named.clear();
      sourcesTrusted = true;
      tookTrusted ||= taken !== undefined;
      return taken;
    },
  };
  const named = new Set<string>();
  let sourcesTrusted = false;
  /** The build that runs took the events as trusted (its load may have taken files unseen). */
  let tookTrusted = false;
  const buildOptions: BuildCommandOptions = { ...options, cache: true, warm };

  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const buildOnce = async (): Promise<void> => {
    const started = process.hrtime.bigint();
    tookTrusted = false;
    let code: number;
    try {
      try {
        warm.outputWatch.arm(resolveOutputTarget(outDir).target);
      } catch {
        // A link to nothing: the build says so.
      }
      // Events already queued (an edit of the output just before this save) are taken in first.
      await new Promise((resolve) => setImmediate(resolve));
      code = await runBuild(io, dir, buildOptions);
    } catch (err) {
      // A problem with the arguments or folders (a deleted project folder, …) is said, and the watch goes on;
      // so does a bug of flowc's, which is said as one (the next save may well build).
      const message = err instanceof Error ? err.message : String(err);
      io.stderr(
        err instanceof UsageError
          ? `flowc: ${message}\n`
          : `flowc: internal error: ${message}\nThis is a bug in flowc, not in your flows.\n`,
      );
      code = err instanceof UsageError ? ExitCode.usage : ExitCode.internal;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const { hits, misses } = warm.flowCache.stats;
    const flows = hits + misses > 0 ? `; ${misses} flow${misses === 1 ? '' : 's'} compiled, ${hits} from the cache` : '';
    io.stderr(
      `[flowc --watch] ${code === ExitCode.ok ? 'built' : 'build failed'} in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}${flows}. ` +
        'Waiting for changes (Ctrl+C stops).\n',
    );
    hooks.afterBuilt?.();
    // A build that trusted its events is checked for lost ones once the watch is quiet; one that looked at
    // every file leaves nothing to check.
    checkDue = tookTrusted;
    await afterBuilt();
  };

  const afterBuilt = async (): Promise<void> => {
    // The flow cache's new entries go to the cache folder now, after the build was reported, before the next
    // one; so are the hashes of the large output files it wrote (the manifest).
    warm.flowCache.flush();
    // A save that came meanwhile is built first, not after the rest (10-60 ms): the next build makes the
    // hashes when it opens the output, and the check below is made after it (it trusts its events too).
    await new Promise((resolve) => setImmediate(resolve));
    if (named.size > 0 || again) return;
    settleOutputRecords();
    if (idleCheck) clearTimeout(idleCheck);
    idleCheck = setTimeout(checkWhenIdle, idleCheckMs);
  };

  // The safety net for lost events (a kernel queue that overflowed, a folder's watch set up late): the
  // project's files are listed and each one's stat compared with the one it was read with, when the watch
  // is quiet after a build that trusted its events. A difference no event named means another build, which
  // looks at every file. A save first: its build trusts its events too, and is checked when quiet after it.
  let checkDue = false;
  let idleCheck: NodeJS.Timeout | undefined;
  const checkWhenIdle = (): void => {
    idleCheck = undefined;
    if (stopped || running !== undefined || named.size > 0) return;
    if (checkDue) {
      checkDue = false;
      if (!sourcesAsLoaded(root, warm.parseCache)) {
        // A save made just before the check shows in its stats before its event is taken in: the events
        // come first (its build trusts them, and is checked when quiet after it), else a build looks at all.
        setImmediate(() => {
          if (stopped || running !== undefined || named.size > 0) {
            checkDue = true;
            return;
          }
          sourcesTrusted = false;
          schedule();
        });
        return;
      }
    }
    hooks.finished?.();
  };

  const schedule = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await buildOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  const relevant = (full: string): boolean => {
    if (full === outDir || full.startsWith(outDir + path.sep)) return false;
    // Dot files and folders (.git, the cache, editors' swap files) are never project files.
    return !path
      .relative(root, full)
      .split(path.sep)
      .some((part) => part.startsWith('.'));
  };
  const changed = (full: string): void => {
    if (!relevant(full)) return;
    named.add(path.relative(root, full).split(path.sep).join('/'));
    if (timer) clearTimeout(timer);
    timer = setTimeout(schedule, settleMs);
  };

  // The project's files are flowc.yaml, flows/ and templates/ (compiler/load/find-project-files.ts): the
  // project folder is watched on its own (a node_modules/ next to them is never walked), the two folders
  // with everything in them, each from when it exists.
  const watchers = new Map<string, FolderWatch>();
  let failure: ((code: number) => void) | undefined;
  const failed = new Promise<number>((resolve) => {
    failure = resolve;
  });
  const open = (folder: string, recursive: boolean): void => {
    if (watchers.has(folder) || stopped) return;
    const onEvent = (full: string, named: boolean): void => {
      // An event that names no file says nothing of which changed.
      if (!named) sourcesTrusted = false;
      if (hooks.dropEvent?.(full)) return;
      if (folder === root) openFolders();
      changed(full);
    };
    const onError = (at: string, err: NodeJS.ErrnoException): void => {
      sourcesTrusted = false;
      // The project folder gone ends the watch; flows/ or templates/ (or a folder in them) removed is a change like any other.
      if (at === root) {
        watchers.get(root)?.close();
        watchers.delete(root);
        io.stderr(`flowc: watching ${root} stopped (${err.code ?? err.message}).\n`);
        failure?.(ExitCode.usage);
        return;
      }
      if (at === folder) {
        watchers.get(folder)?.close();
        watchers.delete(folder);
      }
      changed(at);
    };
    let w: FolderWatch;
    try {
      // The project folder for flowc.yaml alone; flows/ and templates/ with every folder in them, one watch
      // each (compiler/load/watch-folders.ts: Node's recursive watch loses files replaced by a rename).
      w = watchFolders(folder, { onEvent, onError, below: recursive });
    } catch (err) {
      if (folder === root)
        throw new UsageError(`${root} cannot be watched (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
      return;
    }
    watchers.set(folder, w);
    // Files in a folder watched from now on may have changed unseen.
    sourcesTrusted = false;
  };
  const openFolders = (): void => {
    for (const name of ['flows', 'templates']) {
      const folder = path.join(root, name);
      const w = watchers.get(folder);
      if (w && !existsSync(folder)) {
        sourcesTrusted = false;
        w.close();
        watchers.delete(folder);
      }
      if (!w && existsSync(folder)) open(folder, true);
    }
  };
  open(root, false);
  openFolders();

  schedule();
  const stop =
    hooks.stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  const code = await Promise.race([stop.then(() => ExitCode.ok as number), failed]);
  stopped = true;
  if (timer) clearTimeout(timer);
  if (idleCheck) clearTimeout(idleCheck);
  for (const w of watchers.values()) w.close();
  // Let a build that is writing finish: the output is then complete.
  await running;
  warm.outputWatch.close();
  writeWarmCaches(root, warm);
  io.stderr('[flowc --watch] stopped.\n');
  return code;
}

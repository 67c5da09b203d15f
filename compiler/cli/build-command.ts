/** `flowc build` and `flowc check`. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildProject } from '../pipeline/build-project.js';
import { compilerFingerprint, FlowCache } from '../pipeline/flow-cache.js';
import { ParseCache } from '../load/parse-cache.js';
import type { TakeSourceChanges } from '../load/read-project.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { OutputUnfinishedError } from '../emit/output-journal.js';
import { planOutput } from '../emit/plan-output.js';
import { type OutputRecord, readOutputRecord, writeOutputRecord } from '../emit/output-record.js';
import type { OutputWatch } from '../emit/output-watch.js';
import {
  compareOutput,
  OutputBusyError,
  OutputLinkError,
  openOutput,
  recoverOutputFolder,
  type WriteOutputOptions,
  type WriteOutputReport,
  writeOutput,
} from '../emit/write-output.js';
import { BuildOutputStager } from '../emit/build-output-stager.js';
import { UsageError, type CliIo } from './cli-io.js';
import { checkOutputFolder, checkProjectFolder } from './check-paths.js';
import { baseUrlProblem } from '../pipeline/base-url.js';
import { terminalProgress } from './progress.js';
import { capAfterCompiled, capHeapGrowth, uncapHeapGrowth } from './heap-cap.js';
import { findProjectRoot } from './project-root.js';
import { parseFormat, report, type ReportTarget } from './report.js';

export interface BuildCommandOptions {
  out?: string;
  routerUrl?: string;
  cdnUrl?: string;
  format?: string;
  check?: boolean;
  strict?: boolean;
  /** Also write worker.mjs and wrangler.jsonc for Cloudflare Workers. */
  wrangler?: boolean;
  /** `flowc check`: everything build does, writing nothing. */
  dryRun?: boolean;
  baseDir?: string;
  outputFile?: string;
  /** Progress on stderr while the build runs (the CLI sets it only on a terminal). */
  progress?: boolean;
  /** false: `--no-cache`, compile every flow and leave the cache alone. */
  cache?: boolean;
  /**
   * A warm compiler's memory (`--watch`): the flow cache, the parse records and the output record it keeps
   * between builds. The parse records and the output record are written to the cache folder when the watch
   * stops (writeWarmCaches), not after every build: they are only ever trusted as far as they match.
   */
  warm?: {
    flowCache: FlowCache;
    parseCache: ParseCache;
    outputRecord?: OutputRecord;
    outputWatch?: OutputWatch;
    /** The watch's events on the project's files (compiler/load/read-project.ts). */
    sourceChanges?: TakeSourceChanges;
  };
}

/** The build cache, in the project folder (docs/performance.md, "Incremental builds"). */
export const cacheFolderName = '.flowc-cache';

export async function runBuild(io: CliIo, dir: string | undefined, options: BuildCommandOptions): Promise<number> {
  const format = parseFormat(options.format);
  const root = findProjectRoot(io.cwd, dir);
  const outDir = options.out !== undefined ? path.resolve(io.cwd, options.out) : path.join(root, 'dist');
  checkProjectFolder(root);
  if (!options.dryRun && !options.check) checkOutputFolder(outDir, root);
  for (const [flag, value] of [
    ['--router-url', options.routerUrl],
    ['--cdn-url', options.cdnUrl],
  ] as const) {
    const problem = value === undefined ? undefined : baseUrlProblem(value);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  // Finish or clean up after an interrupted build first, whether or not this one succeeds: the
  // output is then the old or the new one, complete (docs/hosting.md).
  const crashAt = io.env.FLOWC_CRASH_AT;
  let recoveryProblem: Diagnostic | undefined;
  if (!options.dryRun) {
    const rel = path.relative(io.cwd, outDir) || '.';
    try {
      recoverOutputFolder(outDir, crashAt);
    } catch (err) {
      if (err instanceof OutputBusyError) recoveryProblem = outputBusy(rel, err.pid);
      // A link to nothing holds nothing to recover (build refuses it before; --check finds it missing).
      else if (!(err instanceof OutputLinkError)) {
        recoveryProblem = {
          code: 'build/write-failed',
          severity: 'error',
          message: `An interrupted build's update of ${rel}/ could not be finished (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); until it is, ${rel}/ may mix old and new files.`,
          hint: `Do not publish ${rel}/ as it is. Check that the folder and the one above it are writable, then build again: the update is finished first.`,
        };
      }
    }
  }
  const progress = options.progress ? terminalProgress(io.stderr) : undefined;
  // Only `build` uses the cache: `check` and `build --check` write nothing, not even there.
  const flowCache =
    options.cache === false || options.dryRun || options.check
      ? undefined
      : (options.warm?.flowCache ?? new FlowCache(path.join(root, cacheFolderName)));
  // The heap is capped once the build compiles many flows (compiler/cli/heap-cap.ts), and uncapped after.
  let capped = false;
  if (flowCache) {
    flowCache.stats = { hits: 0, misses: 0 };
    flowCache.onMiss = (misses) => {
      if (misses === capAfterCompiled) capped = capHeapGrowth() || capped;
    };
  } else capped = capHeapGrowth();
  const parseCache = flowCache
    ? (options.warm?.parseCache ?? new ParseCache(path.join(root, cacheFolderName), compilerFingerprint()))
    : undefined;
  const writeOptions = outputWriteOptions(root, options, flowCache, crashAt);
  const stager = openStager(outDir, options, writeOptions, recoveryProblem);
  try {
    return await buildAndWrite(
      io,
      root,
      outDir,
      options,
      format,
      { flowCache, parseCache },
      progress,
      stager,
      recoveryProblem,
      writeOptions,
    );
  } finally {
    // A failed build, or one that stopped early: nothing of it reaches the output folder.
    stager?.abort();
    if (capped) uncapHeapGrowth();
  }
}

/**
 * `flowc build` stages each flow's NCCOs into the output's work folder as soon as the flow is validated
 * (compiler/emit/build-output-stager.ts); `flowc check` only counts them. Without a stager (`--check`,
 * or an output folder that is busy or was not recovered) the output is planned whole after the build,
 * as before, and writing it reports the problem.
 */
function openStager(
  outDir: string,
  options: BuildCommandOptions,
  writeOptions: WriteOutputOptions,
  recoveryProblem: Diagnostic | undefined,
): BuildOutputStager | undefined {
  if (options.dryRun) return new BuildOutputStager();
  if (options.check || recoveryProblem !== undefined) return undefined;
  try {
    return new BuildOutputStager(openOutput(outDir, writeOptions), options.warm !== undefined);
  } catch {
    return undefined;
  }
}

/** How the output is written: the crash hook, and (with the cache) the record of what the last build left there. */
function outputWriteOptions(
  root: string,
  options: BuildCommandOptions,
  flowCache: FlowCache | undefined,
  crashAt: string | undefined,
): WriteOutputOptions {
  // The record of what the last build wrote, so that unchanged files are not read (--no-cache: all are).
  const record = flowCache
    ? (options.warm?.outputRecord ?? (flowCache.dir !== undefined ? readOutputRecord(path.join(root, cacheFolderName)) : undefined))
    : undefined;
  return {
    ...(crashAt === undefined ? {} : { crashAt }),
    ...(flowCache ? { record: record ?? { target: '', files: new Map() } } : {}),
    ...(flowCache && options.warm?.outputWatch ? { watched: options.warm.outputWatch } : {}),
  };
}

async function buildAndWrite(
  io: CliIo,
  root: string,
  outDir: string,
  options: BuildCommandOptions,
  format: ReturnType<typeof parseFormat>,
  { flowCache, parseCache }: { flowCache: FlowCache | undefined; parseCache: ParseCache | undefined },
  progress: ReturnType<typeof terminalProgress> | undefined,
  stager: BuildOutputStager | undefined,
  recoveryProblem: Diagnostic | undefined,
  writeOptions: WriteOutputOptions,
): Promise<number> {
  const result = await buildProject(root, {
    ...(stager ? { output: stager } : {}),
    i18n: false,
    ...(flowCache ? { cache: flowCache } : {}),
    ...(parseCache ? { parseCache } : {}),
    ...(parseCache && options.warm?.sourceChanges ? { sourceChanges: options.warm.sourceChanges } : {}),
    ...(progress ? { onProgress: (stage: string, done: number, total: number) => progress.update(stage, done, total) } : {}),
    ...(options.routerUrl !== undefined ? { routerUrl: options.routerUrl } : {}),
    ...(options.cdnUrl !== undefined ? { cdnUrl: options.cdnUrl } : {}),
    ...(options.strict ? { strict: true } : {}),
  });
  progress?.done();
  // A watch writes the flow cache after it has said "built" (runWatch), not in the time a save waits for.
  if (!options.warm) {
    flowCache?.flush();
    parseCache?.flush();
  }
  const target: ReportTarget = {
    pathsFrom: root,
    defaultLocation: existsSync(path.join(root, 'flowc.yaml')) ? 'flowc.yaml' : '',
    ...(options.baseDir !== undefined ? { baseDir: path.resolve(io.cwd, options.baseDir) } : {}),
    ...(options.outputFile !== undefined ? { outputFile: path.resolve(io.cwd, options.outputFile) } : {}),
  };
  const diagnostics: Diagnostic[] = [...result.diagnostics, ...(recoveryProblem ? [recoveryProblem] : [])];
  const failed = hasErrors(diagnostics);
  let note = '';
  if (!failed && !options.dryRun) {
    const planOptions = { wrangler: options.wrangler === true };
    const rel = path.relative(io.cwd, outDir) || '.';
    if (options.check) {
      const files = planOutput(result.steps, result.program, result.cdnUrl, planOptions);
      const stale = await compareOutput(outDir, files);
      // Files that would be deleted first: the router adds dozens of files, which must not hide them.
      const list = [
        ...stale.extra.map((f) => `not produced any more: ${f}`),
        ...stale.changed.map((f) => `changed: ${f}`),
        ...stale.missing.map((f) => `missing: ${f}`),
      ];
      if (list.length > 0) {
        const manifest = path.relative(root, path.join(outDir, 'manifest.json'));
        diagnostics.push({
          code: 'build/stale-output',
          severity: 'error',
          message:
            `${rel}/ is not what flowc builds from the flows now (${list.length} file${list.length === 1 ? '' : 's'} differ): ` +
            `${list.slice(0, 10).join('; ')}${list.length > 10 ? '; …' : ''}.`,
          // Placed on the output's manifest when it lies in the project (annotations and SARIF need a file).
          ...(!manifest.startsWith('..') && !path.isAbsolute(manifest) ? { file: manifest.split(path.sep).join('/') } : {}),
          hint: 'Run "npx flowc build" and commit the result.',
        });
        // Every file that differs, one per line, like git status (the message names the first ten).
        note = [`${list.length} file${list.length === 1 ? '' : 's'} in ${rel}/ differ from this build:`, ...list.map((l) => `  ${l}`)].join(
          '\n',
        );
      } else note = `${rel}/ is up to date (${files.length} files).`;
    } else {
      try {
        let written: WriteOutputReport;
        let files: number;
        let rendered: number;
        let nccos: number;
        if (stager) {
          ({ written, files } = stager.finish(result.program, result.cdnUrl, planOptions));
          ({ rendered, nccos } = stager);
        } else {
          const planned = planOutput(result.steps, result.program, result.cdnUrl, planOptions);
          written = await writeOutput(outDir, planned, writeOptions);
          files = planned.length;
          rendered = result.steps.filter((s) => s.reads.length > 0).length;
          nccos = result.steps.length - rendered;
        }
        if (written.record) {
          if (options.warm) options.warm.outputRecord = written.record;
          else if (flowCache?.dir !== undefined) writeOutputRecord(path.join(root, cacheFolderName), written.record);
        }
        const changes = written.written.length + written.removed.length;
        const counts = `${nccos} NCCOs${rendered > 0 ? `; ${rendered} steps that need call data are rendered by the router` : ''}`;
        note = written.created
          ? `Wrote ${files} files to ${rel}/ (${counts}).`
          : changes === 0
            ? `${rel}/ is up to date (${files} files, ${counts}); nothing was written.`
            : `Updated ${rel}/: ${written.written.length} file${written.written.length === 1 ? '' : 's'} written, ${written.removed.length} removed, ${written.unchanged} unchanged (${counts}).`;
      } catch (err) {
        if (err instanceof OutputBusyError) {
          diagnostics.push(outputBusy(rel, err.pid));
          return finish(io, format, diagnostics, result.sources, '', target);
        }
        if (err instanceof OutputUnfinishedError) {
          // Committed, then stopped half-way: the journal stays, and the next flowc command finishes it.
          const cause = err.cause as NodeJS.ErrnoException;
          diagnostics.push({
            code: 'build/write-failed',
            severity: 'error',
            message: `The output in ${rel}/ was only partly updated (${cause.code ?? cause.message}): it now mixes old and new files.`,
            hint: `Do not publish ${rel}/ as it is. Make the folder writable (or free some space), then run flowc build again: it finishes this update first.`,
          });
        } else {
          diagnostics.push({
            code: 'build/write-failed',
            severity: 'error',
            message:
              `The output could not be written to ${rel}/ (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
              'the previous output is unchanged.',
            hint: 'Check that the folder is writable and on a disk with free space, or choose another with --out.',
          });
        }
      }
    }
  } else if (failed && !options.dryRun && !options.check && recoveryProblem === undefined) {
    // (With an interrupted build's update left unfinished, the output is not the previous one: that problem says so.)
    note = 'Nothing was written: the previous output is unchanged.';
  }
  return finish(io, format, diagnostics, result.sources, note, target);
}

function finish(
  io: CliIo,
  format: ReturnType<typeof parseFormat>,
  diagnostics: Diagnostic[],
  sources: Map<string, string>,
  note: string,
  target: ReportTarget,
): number {
  const code = report(io, format, diagnostics, sources, target);
  if (note) (format === 'pretty' ? io.stdout : io.stderr)(note + '\n');
  return code;
}

const outputBusy = (rel: string, pid: number): Diagnostic => ({
  code: 'build/output-busy',
  severity: 'error',
  message: `Another flowc build${pid > 0 ? ` (process ${pid})` : ''} is writing ${rel}/ right now, so this one wrote nothing.`,
  hint: 'Wait for it to finish, then build again. (A build that was killed does not block: its lock is taken over.)',
});

/** A watch that stops writes what it kept in memory to the cache folder, for the next `flowc build`. */
export function writeWarmCaches(root: string, warm: NonNullable<BuildCommandOptions['warm']>): void {
  warm.flowCache.flush();
  warm.parseCache.flush();
  if (warm.flowCache.dir !== undefined && warm.outputRecord) writeOutputRecord(path.join(root, cacheFolderName), warm.outputRecord);
}

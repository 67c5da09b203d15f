/**
 * What `flowc build` gives buildProject() as its output sink (BuildOptions.output): each flow's NCCO
 * files and its router data file are staged into the output's work folder as soon as the flow is
 * validated, and only their manifest entries (and the flow's summary, in the build) are kept; the project's files (manifest, router) are planned and staged at the end,
 * and the whole output is put in place at once — or thrown away when the build fails.
 */
import type { FlowOutputSink } from '../pipeline/build-project.js';
import { type OutputStep, StaleCacheError } from '../pipeline/flow-cache.js';
import type { GroupFile, OutputStream, WriteOutputReport } from './output-stream.js';
import {
  type NccoFileEntry,
  type OutputFile,
  type PlanOptions,
  planNccoGroup,
  planProjectFiles,
  planProjectFilesOfGroups,
} from './plan-output.js';
import { flowChunkFile, generatedSha256, type RouterProgram } from '../router/generate-router.js';
import type { FlowProgram } from '../router/runtime/program.mjs';

/**
 * A flow's planned NCCO files, kept per steps array: a warm compiler (`flowc build --watch`) hands the
 * same array of the same step objects for a flow served from its cache, build after build, so their
 * files are planned once — not 32,000 new objects (and their hashes' WeakMap entries) at each save.
 */
interface PlannedFlow {
  steps: OutputStep[];
  /** The same files as the output stream takes a group: the same array while the steps are the same. */
  group: GroupFile[];
  /** Their manifest entries, likewise (the manifest keeps its text per array: planProjectFilesOfGroups). Never changed. */
  entries: readonly NccoFileEntry[];
  /** Steps that the router renders for each call (they have no file). */
  rendered: number;
}
const plannedFiles = new WeakMap<readonly OutputStep[], PlannedFlow>();

function nccoFilesOf(steps: readonly OutputStep[], keep: boolean): PlannedFlow {
  const known = keep ? plannedFiles.get(steps) : undefined;
  // The same steps, unchanged (a step's file hash is set once, and its NCCO never changes once lowered).
  if (known && known.steps.length === steps.length && known.steps.every((s, i) => s === steps[i]) && sameHashes(known.entries, steps))
    return known;
  const { files, entries } = planNccoGroup(steps);
  const flow = {
    steps: [...steps],
    group: files,
    entries: Object.freeze(entries),
    rendered: steps.length - files.length,
  };
  // Kept for a warm compiler only: a new process's plans would only be kept alive until it ends.
  if (keep) plannedFiles.set(steps, flow);
  return flow;
}

/** Each planned file's hash is still its step's (steps that read call data have no file). */
function sameHashes(entries: readonly NccoFileEntry[], steps: readonly OutputStep[]): boolean {
  let i = 0;
  for (const step of steps) {
    if (step.reads.length > 0) continue;
    const e = entries[i++];
    if (e === undefined || step.sha256 === undefined || e.sha256 !== step.sha256) return false;
  }
  return i === entries.length;
}

export class BuildOutputStager implements FlowOutputSink {
  /** Steps with an NCCO file, and steps the router renders for each call (they have none). */
  nccos = 0;
  rendered = 0;
  /** Each flow's manifest entries, as its planned files keep them. */
  private entries: (readonly NccoFileEntry[])[] = [];
  private entryCount = 0;
  /** Router data files staged so far (one per flow). */
  private routerData = 0;
  /** Staging failed (a full disk, a folder not writable): nothing more is staged, and finish() throws it. */
  private failure: unknown;

  /** Without a stream, the steps are only counted (`flowc check`). */
  constructor(
    private readonly stream?: OutputStream,
    /**
     * A warm compiler (`flowc build --watch`): the manifest is made from each flow's group of entries, whose
     * text is kept for the next build (planProjectFilesOfGroups). A one-off build makes it whole, which is
     * cheaper when no text can be reused.
     */
    private readonly warm = false,
  ) {}

  flow(steps: readonly OutputStep[]): void {
    if (!this.stream) {
      for (const step of steps) {
        if (step.reads.length > 0) this.rendered++;
        else this.nccos++;
      }
      return;
    }
    if (this.failure !== undefined) return;
    try {
      // Counted with its plan (a step that reads call data has no file), which is made once per steps array.
      const { group, entries, rendered } = nccoFilesOf(steps, this.warm);
      this.rendered += rendered;
      this.nccos += steps.length - rendered;
      const key = steps[0]?.flow;
      if (key !== undefined) this.stream.putGroup(key, group);
      this.entries.push(entries);
      this.entryCount += entries.length;
    } catch (err) {
      this.fail(err);
    }
  }

  /**
   * Staging failed: kept for finish() to throw — but a cached flow whose body turned out not to match the
   * cache's index is the build's to handle (it starts again without the cache).
   */
  private fail(err: unknown): void {
    if (err instanceof StaleCacheError) throw err;
    this.failure = err;
  }

  /** A flow served from the cache: its router data file by path and sha256, its text made only if it is written. */
  cachedProgram(chunk: { path: string; sha256: string }, program: () => FlowProgram): void {
    if (!this.stream || this.failure !== undefined) return;
    try {
      const file = { path: chunk.path } as OutputFile;
      Object.defineProperty(file, 'content', { get: () => flowChunkFile(program()).content, enumerable: true });
      this.stream.put(file, chunk.sha256);
      this.routerData++;
    } catch (err) {
      this.fail(err);
    }
  }

  /** The flow's router data file, staged in its turn: the build keeps only the flow's summary. */
  program(flow: FlowProgram): void {
    if (!this.stream || this.failure !== undefined) return;
    try {
      const file = flowChunkFile(flow);
      this.stream.put(file, generatedSha256(file));
      this.routerData++;
    } catch (err) {
      this.fail(err);
    }
  }

  restart(): void {
    this.routerData = 0;
    this.nccos = 0;
    this.rendered = 0;
    this.entries = [];
    this.entryCount = 0;
    if (this.failure === undefined) this.stream?.restart();
  }

  /** Stages the project's files and puts the output in place; returns the report and how many files it has. */
  finish(program: RouterProgram, cdnUrl: string | undefined, options: PlanOptions): { written: WriteOutputReport; files: number } {
    if (!this.stream) throw new Error('flowc: no output to finish');
    if (this.failure !== undefined) throw this.failure;
    const rest = this.warm
      ? planProjectFilesOfGroups(this.entries, program, cdnUrl, options)
      : planProjectFiles(this.entries.flat(), program, cdnUrl, options);
    const files = this.entryCount + this.routerData + rest.length;
    this.entries = [];
    this.entryCount = 0;
    return { written: this.stream.finish(rest), files };
  }

  /** The build failed: what was staged is removed and the output folder is left as it was. */
  abort(): void {
    this.stream?.abort();
  }
}

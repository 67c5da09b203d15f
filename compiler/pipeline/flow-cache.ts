/**
 * The incremental build's memory: per flow, what compiling it produced (diagnostics, NCCOs, its route
 * program, what it added to the shared resolve state) and what that depended on, each dependency with
 * the hash it had. A flow is served from the cache only when every recorded dependency still hashes the
 * same, so a change recompiles exactly the flows that read what changed (a message key, a template,
 * a pay prompt set, flowc.yaml, the compiler itself, a build option) and no result is ever stale.
 *
 * Dependencies are recorded while the flow compiles (verifying traces): reads of the message catalogs
 * and pay prompt sets go through TracedMap, reads of the shared "already reported" sets through
 * TracedSet. A read the trace cannot express (iterating a whole catalog, e.g. for a did-you-mean) makes
 * the flow uncacheable, and so does any error: such a flow is simply compiled every time.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writevSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Ncco } from '../lower/lowered-transitions.js';
import type { FlowProgram } from '../router/runtime/program.mjs';
import type { RouteTarget } from '../lower/lowered-transitions.js';
import type { I18nRecord } from '../resolve/resolve-flow.js';
import type { FlowSummary } from '../router/flow-summary.js';
import { UsedKeyTally } from './used-key-tally.js';
import { sha256 } from '../sha256.js';
import type { GraphRecord } from './project-graph.js';
import type { ProjectModel } from '../resolve/project-model.js';
import { nccoFileOf } from '../emit/plan-output.js';
import { flowChunkFile, generatedSha256 } from '../router/generate-router.js';

/** Bumped when the entry format changes (the compiler fingerprint covers code changes). */
const formatVersion = 4;

/** What the output and the report need of a step; the full LoweredStep when compiled, this when cached. */
export interface OutputStep {
  flow: string;
  locale: string;
  step: string;
  ncco: Ncco;
  reads: string[];
  /** sha256 (hex) of the step's NCCO file, stored with a cached step so that a rebuild need not serialize it again. */
  sha256?: string;
}

export interface CachedFlow {
  /** [dependency, hash] pairs, checked in order. */
  deps: [string, string][];
  diagnostics: Diagnostic[];
  found: { d: Diagnostic; locale: string; step: string }[];
  /** `${locale}/${step}` of the flow's steps that a connect's onAnswer runs (they are validated as such). */
  onAnswer: string[];
  /** The steps (of any flow) that this flow's connects run as onAnswer (stepsRunByOnAnswer, with this build's cdnUrl). */
  runsOnAnswer: string[];
  /** The summary of its route program (what the project's program keeps of it). */
  summary: FlowSummary;
  /** Its router data file: path and sha256. */
  chunk: { path: string; sha256: string };
  /** From the cache folder, each step's `ncco` is read from the flow's body file when first used. */
  steps: OutputStep[];
  /** From the cache folder, read from the flow's body file when first used. */
  program: FlowProgram;
  numbers: Record<string, RouteTarget>;
  /** From the cache folder, read from the flow's body file when first used (`flowc build` needs none). */
  i18n: I18nRecord[];
  usedKeys: [string, string][];
  reportedAdds: string[];
  paySetAdds: string[];
  failedAdds: string[];
}

/**
 * A step served from the cache folder: all but its NCCO from the index, the NCCO read from the flow's body
 * file when first asked for (`ncco` is a getter of the class). A class rather than an object given a getter
 * with defineProperty, which V8 keeps as a dictionary: about 680 bytes a step against 170, made about five
 * times slower, for the 32,000 cached steps of a one-message rebuild at 1,000 flows (docs/performance.md).
 */
class CachedStep implements OutputStep {
  sha256: string | undefined;
  readonly #nccoAt: (i: number) => Ncco;
  readonly #i: number;
  constructor(
    readonly flow: string,
    readonly locale: string,
    readonly step: string,
    readonly reads: string[],
    /** '' when the step has no file (it reads call data). */
    sha256: string,
    nccoAt: (i: number) => Ncco,
    i: number,
  ) {
    this.sha256 = sha256 !== '' ? sha256 : undefined;
    this.#nccoAt = nccoAt;
    this.#i = i;
  }

  get ncco(): Ncco {
    return this.#nccoAt(this.#i);
  }
}

/**
 * A cached flow that cannot be used after all: its body file is missing, damaged or of another build than
 * the index says, or it depends on something only known after all flows compiled. The build starts again
 * without reading the cache (compiler/pipeline/build-project.ts).
 */
export class StaleCacheError extends Error {}

/** A step as the index keeps it, everything but the NCCO (in the flow's body file): locale, step, NCCO file sha256 ('' when it has no file), reads. */
type IndexStep = [string, string, string, string[]];
/** A flow in the index: the entry but its NCCOs, program and i18n records, and the stamp of the body file that holds them. */
export type IndexEntry = Omit<CachedFlow, 'steps' | 'program' | 'i18n'> & { steps: IndexStep[]; body: string };
/** Each entry serialized on its own: a build that recompiles one flow serializes that entry only. */
export interface IndexFile {
  version: number;
  compiler: string;
  flows: Map<string, Uint8Array>;
  /** The project's graph stage (compiler/pipeline/project-graph.ts): its key, and the record serialized. */
  graph?: StoredGraph;
}
export interface StoredGraph {
  key: string;
  bytes: Uint8Array;
}
interface BodyFile {
  version: number;
  flow: string;
  stamp: string;
  program: FlowProgram;
  nccos: Ncco[];
  i18n: I18nRecord[];
}

export const hashText = (text: string): string => sha256(text, 'base64url');

/**
 * A fingerprint of the compiler that runs: its version and the bytes of every module of it, so that a
 * new compiler (released or just rebuilt) never reuses results of an older one.
 */
export const compilerFingerprint: () => string = (() => {
  let memo: string | undefined;
  return () => {
    if (memo !== undefined) return memo;
    const hash = createHash('sha256').update(`flowc-cache ${formatVersion}\n`);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        // Declaration files (.d.ts, .d.mts) say types only: half the bytes, none of the behaviour. The bundled
        // command is flowc.cjs (compiler/cli/bundle-bin.mjs); its code cache beside it is not code of its own.
        else if (/\.([cm]?[jt]s|json)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name))
          hash.update(`${path.relative(root, full)}\n`).update(readFileSync(full));
      }
    };
    walk(root);
    for (const rel of ['../../package.json', '../../../package.json']) {
      try {
        hash.update(readFileSync(new URL(rel, import.meta.url)));
        break;
      } catch {
        // the other location
      }
    }
    memo = hash.digest('base64url');
    return memo;
  };
})();

/**
 * Entries by flow name, kept in memory (a warm `--watch` compiler) and, when given a folder, on disk:
 * one index (`index.bin`) with everything a cache hit needs — dependencies and their hashes, findings,
 * effects on the shared state, the route program's summary and router file hash, each NCCO file's hash —
 * and per flow a body file (`flows/<hash>.json`) with its NCCOs and route program, read only when one of
 * them is needed (an output file to write again, or an API caller that takes the steps). A cache hit thus
 * costs hash comparisons, not a read of the flow.
 */
export class FlowCache {
  private readonly memory = new Map<string, CachedFlow | null>();
  private readonly pending = new Map<string, CachedFlow | null>();
  /** The index on disk (loaded once), updated by flush(). */
  private index: Map<string, Uint8Array> | undefined;
  /** An index of this format and compiler was read: the body files next to it may be of use. */
  private indexRead = false;
  /** The graph stage's record as on disk (or as put), and deserialized once asked for. */
  private storedGraph: StoredGraph | undefined;
  private graphRecord: GraphRecord | undefined;
  private graphPending = false;
  /** Counts of the last build, for the report and the tests. */
  stats = { hits: 0, misses: 0 };
  /**
   * A warm compiler's memory of which project each entry's message dependencies last held against (found to
   * hold, or recorded), and the catalogs of the last build that went through its flows: a rebuild checks the
   * message dependencies of an entry that held against those catalogs only where a message changed since
   * (compiler/pipeline/flow-deps.ts, changedMessages).
   */
  readonly heldAgainst = new WeakMap<CachedFlow, ProjectModel['catalogs']>();
  lastCatalogs: ProjectModel['catalogs'] | undefined;
  /** The cached flows' used message keys, counted across the builds of a warm compiler. */
  readonly usedKeys = new UsedKeyTally();
  /** What the last build did with the graph stage's record (the tests and the benchmarks read it). */
  graphUse: 'served' | 'recorded' | 'not recorded' | undefined;
  /** Called with the count of misses so far at each miss (the CLI caps the heap of builds that compile many flows). */
  onMiss: ((misses: number) => void) | undefined;

  /** A flow not served from the cache: counted. */
  miss(): void {
    this.stats.misses++;
    this.onMiss?.(this.stats.misses);
  }

  constructor(
    /** The cache folder, or undefined for memory only. */
    readonly dir: string | undefined,
    /** Read nothing (the build still records, for the next one): `--no-cache` on disk is simply no FlowCache. */
    private readonly readable = true,
  ) {}

  private bodyFileOf(flow: string): string {
    return path.join(this.dir!, 'flows', `${hashText(flow)}.json`);
  }

  private get indexFile(): string {
    return path.join(this.dir!, 'index.bin');
  }

  /** The index on disk; a missing, damaged or foreign one (another compiler's) is empty, never an error. */
  private loadIndex(): Map<string, Uint8Array> {
    if (this.index) return this.index;
    let flows = new Map<string, Uint8Array>();
    if (this.dir !== undefined && this.readable) {
      try {
        const stored = decodeIndex(readFileSync(this.indexFile));
        if (stored && stored.version === formatVersion && stored.compiler === compilerFingerprint()) {
          flows = stored.flows;
          this.indexRead = true;
          if (stored.graph) this.storedGraph = stored.graph;
        }
      } catch {
        flows = new Map();
      }
    }
    this.index = flows;
    return flows;
  }

  get(flow: string): CachedFlow | undefined {
    if (!this.readable) return undefined;
    const known = this.memory.get(flow);
    if (known !== undefined) return known ?? undefined;
    if (this.dir === undefined) return undefined;
    const bytes = this.loadIndex().get(flow);
    let stored: IndexEntry | undefined;
    try {
      stored = bytes === undefined ? undefined : (decodeEntry(bytes) as IndexEntry);
    } catch {
      stored = undefined;
    }
    if (!stored || !Array.isArray(stored.deps) || !Array.isArray(stored.steps)) return undefined;
    const entry = this.fromIndex(flow, stored);
    this.memory.set(flow, entry);
    return entry;
  }

  /** An index entry as a CachedFlow whose NCCOs and program are read from the body file when first used. */
  private fromIndex(flow: string, stored: IndexEntry): CachedFlow {
    const { steps: indexSteps, body: stamp, ...rest } = stored;
    // What the body is checked against: not the whole entry, which the getters below would keep alive.
    const stepCount = indexSteps.length;
    let body: BodyFile | undefined;
    const load = (): BodyFile => {
      if (body) return body;
      let read: Partial<BodyFile> | undefined;
      try {
        read = JSON.parse(readFileSync(this.bodyFileOf(flow), 'utf8')) as Partial<BodyFile>;
      } catch {
        read = undefined;
      }
      if (
        read?.version !== formatVersion ||
        read.flow !== flow ||
        read.stamp !== stamp ||
        !Array.isArray(read.nccos) ||
        read.nccos.length !== stepCount ||
        read.program === undefined ||
        !Array.isArray(read.i18n)
      ) {
        // The index is out of step with the body (a build killed between the two, a damaged file): this
        // entry is never used again, and the build starts over without the cache.
        this.memory.delete(flow);
        this.index?.delete(flow);
        throw new StaleCacheError(`the cached body of flow ${flow} does not match the cache index`);
      }
      body = read as BodyFile;
      return body;
    };
    const nccoAt = (i: number): Ncco => load().nccos[i]!;
    const steps = indexSteps.map(([locale, name, sha256, reads], i) => new CachedStep(flow, locale, name, reads, sha256, nccoAt, i));
    const entry = { ...rest, steps } as Omit<CachedFlow, 'program' | 'i18n'>;
    Object.defineProperty(entry, 'program', { get: () => load().program, enumerable: true });
    Object.defineProperty(entry, 'i18n', { get: () => load().i18n, enumerable: true });
    return entry as CachedFlow;
  }

  /** The graph stage's record when it was made from inputs with this key; a damaged one is none. */
  graph(key: string): GraphRecord | undefined {
    if (!this.readable) return undefined;
    if (this.graphRecord) return this.graphRecord.key === key ? this.graphRecord : undefined;
    if (this.dir !== undefined) this.loadIndex();
    const stored = this.storedGraph;
    if (stored?.key !== key) return undefined;
    try {
      const record = deserialize(stored.bytes) as Partial<GraphRecord>;
      if (record.key !== key || !Array.isArray(record.diagnostics) || !Array.isArray(record.places)) return undefined;
      this.graphRecord = record as GraphRecord;
      return this.graphRecord;
    } catch {
      return undefined;
    }
  }

  /** Remembered; written to disk by flush() with the index. */
  putGraph(record: GraphRecord): void {
    this.graphRecord = record;
    this.graphPending = true;
  }

  /** Remembered; written to disk by flush() (only after a build that finished). */
  put(flow: string, entry: CachedFlow | null): void {
    if (entry) for (const step of entry.steps) if (step.reads.length === 0) step.sha256 ??= nccoFileOf(step.ncco).sha256;
    this.memory.set(flow, entry);
    this.pending.set(flow, entry);
  }

  /** Forget what the last build staged (it was abandoned). */
  discardPending(): void {
    for (const flow of this.pending.keys()) this.memory.delete(flow);
    this.pending.clear();
    if (this.graphPending) this.graphRecord = undefined;
    this.graphPending = false;
  }

  /**
   * Writes the staged entries: each flow's body file first, then the index, each by write-and-rename, so
   * a killed build leaves whole files; an index that does not match a body (killed between the two) is
   * found out by the body's stamp when the body is read, and the build then compiles without the cache.
   */
  flush(): void {
    if (this.dir === undefined || (this.pending.size === 0 && !this.graphPending)) {
      this.pending.clear();
      this.graphPending = false;
      return;
    }
    const folder = path.join(this.dir, 'flows');
    try {
      mkdirSync(folder, { recursive: true });
      const readme = path.join(this.dir, 'README.txt');
      if (!exists(readme)) writeFileSync(readme, cacheReadme);
      // Ignored by git wherever the project lives, without touching the project's own .gitignore.
      const ignore = path.join(this.dir, '.gitignore');
      if (!exists(ignore)) writeFileSync(ignore, '*\n');
      const index = this.loadIndex();
      // No usable index: the body files there are of another format or compiler (the next bodies replace them).
      if (!this.indexRead && this.readable) for (const name of readdirSync(folder)) rmSync(path.join(folder, name), { force: true });
      this.indexRead = true;
      for (const [flow, entry] of this.pending) {
        const file = this.bodyFileOf(flow);
        if (entry === null) {
          index.delete(flow);
          rmSync(file, { force: true });
          continue;
        }
        // JSON, not v8.serialize: its text is made in the JavaScript heap, which a full build's 1,000 bodies
        // leave as it was, where serialize's buffers raised peak memory by a third.
        const stamp = randomUUID();
        const body: BodyFile = {
          version: formatVersion,
          flow,
          stamp,
          program: entry.program,
          nccos: entry.steps.map((s) => s.ncco),
          i18n: entry.i18n,
        };
        writeAtomically(file, JSON.stringify(body));
        const { steps, program: _program, i18n: _i18n, ...rest } = entry;
        const stored: IndexEntry = {
          ...rest,
          steps: steps.map((s): IndexStep => [s.locale, s.step, s.sha256 ?? '', s.reads]),
          body: stamp,
        };
        index.set(flow, encodeEntry(stored));
      }
      if (this.graphPending && this.graphRecord) this.storedGraph = { key: this.graphRecord.key, bytes: serialize(this.graphRecord) };
      writeAtomically(
        this.indexFile,
        encodeIndex({
          version: formatVersion,
          compiler: compilerFingerprint(),
          flows: index,
          ...(this.storedGraph ? { graph: this.storedGraph } : {}),
        }),
      );
      // The index of the format before (one v8.serialize of everything), if one was left there.
      rmSync(path.join(this.dir, 'index.v8'), { force: true });
    } catch {
      // The cache only saves time: a cache that cannot be written makes the next build a full one.
    }
    this.pending.clear();
    this.graphPending = false;
  }
}

/** The router data file of a compiled flow's program: its path and sha256, kept in the cache entry. */
export function chunkOf(program: FlowProgram): { path: string; sha256: string } {
  const file = flowChunkFile(program);
  return { path: file.path, sha256: generatedSha256(file)! };
}

const writeAtomically = (file: string, bytes: Uint8Array | string | readonly Uint8Array[]): void => {
  const tmp = `${file}.${process.pid}.tmp`;
  if (typeof bytes === 'string' || bytes instanceof Uint8Array) writeFileSync(tmp, bytes);
  else {
    const fd = openSync(tmp, 'w');
    try {
      const total = bytes.reduce((sum, b) => sum + b.length, 0);
      // libuv writes every buffer (in groups the system takes, retrying short writes) or fails.
      if (writevSync(fd, bytes as Uint8Array[]) !== total) throw new Error('short write');
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, file);
};

/**
 * An index entry's bytes: JSON, with the summary's `steps` (a Map) and `helpers` (a Set) as arrays. JSON.parse
 * reads the 1,000 entries of a 1,000-flow index in about half the time v8.deserialize takes (26-28 ms
 * against 46-65 ms, measured on the benchmark's index). JSON says less than v8.serialize (no undefined in
 * arrays, no NaN or -0, no other Map or Set): an entry it would not give back exactly is serialized with
 * v8 instead, which the first byte tells apart ('{' against v8's version tag, 0xFF).
 */
export function encodeEntry(entry: IndexEntry): Uint8Array {
  const { summary } = entry;
  const text = JSON.stringify({ ...entry, summary: { ...summary, steps: [...summary.steps], helpers: [...summary.helpers] } });
  const bytes = Buffer.from(text, 'utf8');
  return isDeepStrictEqual(decodeEntry(bytes), entry) ? bytes : serialize(entry);
}

/** An entry as encodeEntry() wrote it (JSON, or v8's serialization); throws on damaged bytes. */
export function decodeEntry(bytes: Uint8Array): IndexEntry {
  if (bytes[0] !== 0x7b) return deserialize(bytes) as IndexEntry;
  const entry = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')) as IndexEntry;
  const summary = entry.summary as unknown as { steps: [string, boolean][]; helpers: string[] } | undefined;
  if (summary && Array.isArray(summary.steps) && Array.isArray(summary.helpers))
    Object.assign(summary, { steps: new Map(summary.steps), helpers: new Set(summary.helpers) });
  return entry;
}

/**
 * The index file: the length of a JSON header (4 bytes, little-endian), the header (format, compiler, the
 * graph record's key and length, each flow's name and entry length), then those bytes in that order. It is
 * written from the entries' own buffers (no copy into one) and read as views of the file's bytes, where a
 * v8.serialize of the whole index copied and walked ten megabytes at 1,000 flows.
 */
interface IndexHeader {
  version: number;
  compiler: string;
  graph?: { key: string; length: number };
  flows: [string, number][];
}

export function encodeIndex(index: IndexFile): Uint8Array[] {
  const header: IndexHeader = {
    version: index.version,
    compiler: index.compiler,
    ...(index.graph ? { graph: { key: index.graph.key, length: index.graph.bytes.length } } : {}),
    flows: [...index.flows].map(([flow, bytes]) => [flow, bytes.length]),
  };
  const text = Buffer.from(JSON.stringify(header), 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32LE(text.length, 0);
  return [size, text, ...(index.graph ? [index.graph.bytes] : []), ...index.flows.values()];
}

/** The index in `bytes`, or undefined when they are not a whole one (damaged, cut short, another format). */
export function decodeIndex(bytes: Buffer): IndexFile | undefined {
  if (bytes.length < 4) return undefined;
  const end = 4 + bytes.readUInt32LE(0);
  if (end > bytes.length) return undefined;
  let header: Partial<IndexHeader>;
  try {
    header = JSON.parse(bytes.toString('utf8', 4, end)) as Partial<IndexHeader>;
  } catch {
    return undefined;
  }
  const isLength = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (typeof header.version !== 'number' || typeof header.compiler !== 'string' || !Array.isArray(header.flows)) return undefined;
  let at = end;
  const take = (length: number): Uint8Array | undefined => {
    if (at + length > bytes.length) return undefined;
    const view = bytes.subarray(at, at + length);
    at += length;
    return view;
  };
  let graph: StoredGraph | undefined;
  if (header.graph !== undefined) {
    const { key, length } = header.graph;
    const view = typeof key === 'string' && isLength(length) ? take(length) : undefined;
    if (view === undefined) return undefined;
    graph = { key, bytes: view };
  }
  const flows = new Map<string, Uint8Array>();
  for (const item of header.flows as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !isLength(item[1])) return undefined;
    const view = take(item[1]);
    if (view === undefined) return undefined;
    flows.set(item[0], view);
  }
  if (at !== bytes.length) return undefined;
  return { version: header.version, compiler: header.compiler, flows, ...(graph ? { graph } : {}) };
}

const exists = (file: string): boolean => {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
};

const cacheReadme = `This folder is flowc's build cache (docs/performance.md, "Incremental builds").
It only saves time: delete it whenever you like, and do not commit it.
`;

/** Records the queries a flow makes of a shared set (those it did not answer itself) and what it adds. */
export class TracedSet extends Set<string> {
  readonly queried = new Map<string, boolean>();
  readonly added: string[] = [];
  private readonly own = new Set<string>();
  opaque = false;
  constructor(private readonly inner: Set<string>) {
    super();
  }
  override has(key: string): boolean {
    const present = this.inner.has(key);
    if (!this.own.has(key) && !this.queried.has(key)) this.queried.set(key, present);
    return present;
  }
  override add(key: string): this {
    if (!this.inner.has(key)) {
      this.inner.add(key);
      this.added.push(key);
      this.own.add(key);
    }
    return this;
  }
  override delete(key: string): boolean {
    this.opaque = true;
    return this.inner.delete(key);
  }
  override get size(): number {
    this.opaque = true;
    return this.inner.size;
  }
  override forEach(fn: (value: string, value2: string, set: Set<string>) => void): void {
    this.opaque = true;
    this.inner.forEach(fn);
  }
  override values(): SetIterator<string> {
    this.opaque = true;
    return this.inner.values();
  }
  override keys(): SetIterator<string> {
    this.opaque = true;
    return this.inner.keys();
  }
  override entries(): SetIterator<[string, string]> {
    this.opaque = true;
    return this.inner.entries();
  }
  override [Symbol.iterator](): SetIterator<string> {
    this.opaque = true;
    return this.inner[Symbol.iterator]();
  }
}

/** A read-only map whose point reads are recorded by `onRead`; anything else (size, iteration) marks it opaque. */
export class TracedMap<K, V> extends Map<K, V> {
  constructor(
    private readonly inner: ReadonlyMap<K, V>,
    private readonly onRead: (key: K, value: V | undefined) => V | undefined,
    private readonly onOpaque: () => void,
  ) {
    super();
  }
  override get(key: K): V | undefined {
    return this.onRead(key, this.inner.get(key));
  }
  override has(key: K): boolean {
    this.onRead(key, this.inner.get(key));
    return this.inner.has(key);
  }
  override get size(): number {
    this.onOpaque();
    return this.inner.size;
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void): void {
    this.onOpaque();
    this.inner.forEach((v, k) => {
      fn(v, k, this);
    });
  }
  override keys(): MapIterator<K> {
    this.onOpaque();
    return this.inner.keys();
  }
  override values(): MapIterator<V> {
    this.onOpaque();
    return this.inner.values();
  }
  override entries(): MapIterator<[K, V]> {
    this.onOpaque();
    return this.inner.entries();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.onOpaque();
    return this.inner.entries();
  }
  override set(): this {
    this.onOpaque();
    throw new Error('TracedMap is read-only');
  }
}

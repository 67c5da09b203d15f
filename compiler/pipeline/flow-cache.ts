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
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Ncco } from '../lower/lowered-transitions.js';
import type { FlowProgram } from '../router/runtime/program.mjs';
import type { RouteTarget } from '../lower/lowered-transitions.js';
import type { I18nRecord } from '../resolve/resolve-flow.js';
import { nccoFileOf } from '../emit/plan-output.js';

/** Bumped when the entry format changes (the compiler fingerprint covers code changes). */
const formatVersion = 2;

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
  program: FlowProgram;
  steps: OutputStep[];
  numbers: Record<string, RouteTarget>;
  i18n: I18nRecord[];
  usedKeys: [string, string][];
  reportedAdds: string[];
  paySetAdds: string[];
  failedAdds: string[];
}

export const hashText = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url');

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
        else if (/\.(m?[jt]s|json)$/.test(entry.name)) hash.update(`${path.relative(root, full)}\n`).update(readFileSync(full));
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

/** Entries by flow name, kept in memory (a warm `--watch` compiler) and, when given a folder, on disk. */
export class FlowCache {
  private readonly memory = new Map<string, CachedFlow | null>();
  private readonly pending = new Map<string, CachedFlow | null>();
  /** Counts of the last build, for the report and the tests. */
  stats = { hits: 0, misses: 0 };

  constructor(
    /** The cache folder, or undefined for memory only. */
    readonly dir: string | undefined,
    /** Read nothing (the build still records, for the next one): `--no-cache` on disk is simply no FlowCache. */
    private readonly readable = true,
  ) {}

  private fileOf(flow: string): string {
    return path.join(this.dir!, 'flows', `${hashText(flow)}.json`);
  }

  get(flow: string): CachedFlow | undefined {
    if (!this.readable) return undefined;
    const known = this.memory.get(flow);
    if (known !== undefined) return known ?? undefined;
    if (this.dir === undefined) return undefined;
    let entry: CachedFlow | null = null;
    try {
      const parsed = JSON.parse(readFileSync(this.fileOf(flow), 'utf8')) as { version?: number; flow?: string; entry?: CachedFlow };
      // A damaged or foreign file is a miss, never an error.
      if (parsed.version === formatVersion && parsed.flow === flow && parsed.entry && Array.isArray(parsed.entry.deps))
        entry = parsed.entry;
    } catch {
      entry = null;
    }
    this.memory.set(flow, entry);
    return entry ?? undefined;
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
  }

  /** Write the staged entries, each by write-and-rename, so a killed build leaves whole files or none. */
  flush(): void {
    if (this.dir === undefined) {
      this.pending.clear();
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
      for (const [flow, entry] of this.pending) {
        const file = this.fileOf(flow);
        if (entry === null) {
          rmSync(file, { force: true });
          continue;
        }
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ version: formatVersion, flow, entry }));
        renameSync(tmp, file);
      }
    } catch {
      // The cache only saves time: a cache that cannot be written makes the next build a full one.
    }
    this.pending.clear();
  }
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

/**
 * Where the router finds a project's flows and numbers: chunks read on first need and kept in a
 * bounded cache (dist/router/data/ next to the module on Node, static assets on Workers, or the
 * application's own loader), or a program held in memory (tests, tools).
 */
import { flowDataPath, numberShard, numbersDataPath, type NumberEntry, type ProjectCore } from './layout.mjs';
import { isObject } from './payloads.mjs';
import type { FlowProgram, ProjectProgram } from './program.mjs';

/**
 * Reads one file of the router's data by its path under dist/router/data/ (`flows/<flow>.json`,
 * `numbers/<n>.json`): its text, or undefined when there is no such file. Throw for I/O errors.
 */
export type LoadData = (path: string) => string | undefined | Promise<string | undefined>;

export interface ProgramSource {
  readonly core: ProjectCore;
  number(number: string): Promise<NumberEntry | undefined>;
  flow(name: string): Promise<FlowProgram | undefined>;
}

/** A small LRU map: the least recently used entry goes when the limit is passed. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  /** The most recently used key: asking for it again reorders nothing (most webhooks ask for the flow they just had). */
  private newest: string | undefined;
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined && key !== this.newest) {
      this.newest = key;
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.newest = key;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
  delete(key: string): void {
    if (key === this.newest) this.newest = undefined;
    this.map.delete(key);
  }
}

/** A value loaded once however many requests want it at the same time; failures are not kept. */
function cached<V>(cache: Lru<Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = load();
  cache.set(key, promise);
  promise.catch(() => cache.delete(key));
  return promise;
}

function checkFlow(value: unknown, name: string): FlowProgram {
  if (!isObject(value) || value['version'] !== 1 || value['flow'] !== name || !isObject(value['steps'])) {
    throw new Error(`flowc router: the data of flow ${JSON.stringify(name)} is not a flowc flow program (rebuild and redeploy)`);
  }
  return value as unknown as FlowProgram;
}

export interface DataSourceOptions {
  /** Flows kept in memory at most (least recently used go first). */
  maxCachedFlows: number;
}

/** A source that reads the build's chunks through `load`. */
export function dataSource(core: ProjectCore, load: LoadData, options: DataSourceOptions): ProgramSource {
  const flows = new Lru<Promise<FlowProgram | undefined>>(options.maxCachedFlows);
  const shards = new Lru<Promise<Record<string, NumberEntry>>>(Math.max(16, Math.min(core.numberShards, 256)));
  return {
    core,
    async number(number) {
      const shard = numberShard(number, core.numberShards);
      const table = await cached(shards, String(shard), async () => {
        const text = await load(numbersDataPath(shard));
        const value: unknown = text === undefined ? {} : JSON.parse(text);
        if (!isObject(value)) throw new Error('flowc router: a numbers shard is not an object (rebuild and redeploy)');
        return value as Record<string, NumberEntry>;
      });
      return Object.hasOwn(table, number) ? table[number] : undefined;
    },
    flow(name) {
      return cached(flows, name, async () => {
        const text = await load(flowDataPath(name));
        return text === undefined ? undefined : checkFlow(JSON.parse(text), name);
      });
    },
  };
}

/** A source over a program held in memory, e.g. `buildProject(…).program` or a hand-written one. */
export function memorySource(program: { project: ProjectProgram; flows: readonly FlowProgram[] }): ProgramSource {
  const { project } = program;
  const flows = new Map(program.flows.map((f) => [f.flow, f]));
  return {
    core: {
      version: 1,
      projectId: project.projectId,
      routerUrl: project.routerUrl,
      hours: project.hours,
      lookups: project.lookups,
      ...(project.outbound ? { outbound: project.outbound } : {}),
      numberShards: 1,
    },
    number: async (number) => (Object.hasOwn(project.numbers, number) ? project.numbers[number] : undefined),
    flow: async (name) => flows.get(name),
  };
}

/** A data path as a relative URL: a '%' in a file name must stay a '%'. */
const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

interface NodeFsLike {
  readFileSync(path: URL, encoding: 'utf8'): string;
}

/**
 * Node: the data folder next to this module (dist/router/data/), read with node:fs found through
 * `process.getBuiltinModule`, which edge bundlers do not follow. Undefined where there is no node:fs.
 */
export function nodeDataLoader(base: URL = new URL('./data/', import.meta.url)): LoadData | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  const fs = proc.getBuiltinModule('node:fs') as Partial<NodeFsLike> | undefined;
  if (typeof fs?.readFileSync !== 'function') return undefined;
  const read = fs.readFileSync.bind(fs);
  return (path) => {
    try {
      return read(new URL(encodePath(path), base), 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}

/** Something with a fetch method: a Workers static-assets binding (`env.ASSETS`), a service binding. */
export interface FetcherLike {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

/** Workers: the data folder published as static assets; 404 means no such file. */
export function fetcherDataLoader(fetcher: FetcherLike, base = 'https://flowc-data.invalid/'): LoadData {
  return async (path) => {
    const response = await fetcher.fetch(new URL(encodePath(path), base).href);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`flowc router: reading ${path} answered ${response.status}`);
    return response.text();
  };
}

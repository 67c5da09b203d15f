/**
 * What one flow's compilation depends on, as `[dependency, hash]` pairs (see flow-cache.ts):
 *
 * - `g`: the compiler, flowc.yaml, the URLs and the project-wide findings every flow's output reads;
 * - `x`: the flow itself — its file, the template files its expansion came from, its place in the
 *   project's graph (jumps in and out, data set on arrival);
 * - `c`/`m`: a catalog's presence / one message entry; `p`: a pay prompt set; `t`: a template;
 * - `r`/`s`/`u`: whether an earlier flow had already reported a finding, checked a pay set or marked a
 *   site as failed (each flow reports a shared finding once, the first flow that meets it);
 * - `f`: a file that the flow's findings point into (their line and column must still be right).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/source-file.js';
import type { Edge } from '../lower/flow-graph.js';
import { type MessageEntry, modelViews, type ProjectModel } from '../resolve/project-model.js';
import type { ResolveState } from '../resolve/resolve-flow.js';
import type { DataShape } from './call-data-checks.js';
import { hashText, TracedMap, TracedSet } from './flow-cache.js';

const sep = '\u0000';
/**
 * Per catalog file object, each entry's text and hash by pointer: a warm compiler keeps an unchanged file's
 * object, and a rebuild checks every cached flow's message entries (about 30,000 at 1,000 flows). An
 * edited catalog is a new object: its entries' hashes are taken from the previous object of the same path
 * where pointer and text are the same (a one-message edit hashes one entry, not thousands); only the
 * latest object of each path is kept (memory stays what one catalog's hashes take). Looked up by the
 * pointer alone (a text kept by the file's entries, whose hash V8 keeps), the text then compared.
 */
type EntryHashes = Map<string, { text: string; hash: string }>;
const entryHashes = new WeakMap<SourceFile, EntryHashes>();
const latestByPath = new Map<string, WeakRef<SourceFile>>();
const hashesOf = (file: SourceFile): EntryHashes => {
  let hashes = entryHashes.get(file);
  if (hashes) return hashes;
  const previous = latestByPath.get(file.path)?.deref();
  const before = previous === undefined ? undefined : entryHashes.get(previous);
  // The previous object's hashes, used where pointer and text are the same: the path is in the hash too.
  hashes = before ? new Map(before) : new Map();
  entryHashes.set(file, hashes);
  latestByPath.set(file.path, new WeakRef(file));
  if (previous !== undefined) entryHashes.delete(previous);
  return hashes;
};
const entryHash = (e: MessageEntry | undefined): string => {
  if (!e) return '-';
  const hashes = hashesOf(e.file);
  const known = hashes.get(e.pointer);
  if (known !== undefined && known.text === e.text) return known.hash;
  const hash = hashText(`${e.file.path}${sep}${e.pointer}${sep}${e.text}`);
  hashes.set(e.pointer, { text: e.text, hash });
  return hash;
};
/** Per file object: a warm compiler keeps unchanged files' objects, and a project has thousands of flows. */
const fileHashes = new WeakMap<SourceFile, string>();
export const fileHash = (f: SourceFile | undefined): string => {
  if (!f) return '-';
  let hash = fileHashes.get(f);
  if (hash === undefined) {
    hash = hashText(`${f.path}${sep}${f.text}`);
    fileHashes.set(f, hash);
  }
  return hash;
};

/** Where the current hashes come from: the project as loaded now, and the shared state at this flow's turn. */
export interface DepSource {
  global: string;
  model: ProjectModel;
  state: ResolveState;
  files: ReadonlyMap<string, SourceFile>;
}

/** The `x` hash: the flow's own file, the files its expansion read, and its place in the graph. */
export function flowContextHash(
  shape: DataShape,
  edges: readonly Edge[],
  setAtEntry: ReadonlyMap<string, ReadonlySet<string> | undefined>,
  handedOver: boolean,
  files: ReadonlyMap<string, SourceFile>,
): string {
  const used = new Set<string>([shape.file.path]);
  for (const actions of shape.expanded.values()) {
    for (const a of actions) {
      used.add(a.file.path);
      if (a.on) used.add(a.on.file.path);
      if (a.store) used.add(a.store.file.path);
      for (const r of a.related) if (r.file) used.add(r.file);
    }
  }
  for (const control of shape.controls.values()) {
    const file = (control as { file?: SourceFile }).file;
    if (file) used.add(file.path);
  }
  const texts = [...used].sort().map((p) => `${p}${sep}${fileHash(files.get(p))}`);
  const graph = JSON.stringify(edges, (k, v: unknown) => (k === 'file' && v && typeof v === 'object' ? (v as SourceFile).path : v));
  const arrival = JSON.stringify([...setAtEntry].map(([step, set]) => [step, set ? [...set].sort() : null]));
  return hashText([shape.doc.flow, handedOver ? 'handed-over' : '', ...texts, graph, arrival].join(sep));
}

/** A dependency cut into its kind and names once, with the hash it had. */
interface ParsedDep {
  kind: string;
  a: string;
  b: string;
  hash: string;
}
/** A flow's dependencies cut once: the message ones apart, and their names as a set. */
interface ParsedDeps {
  others: ParsedDep[];
  messages: ParsedDep[];
  messageNames: Set<string>;
}
const parsedDeps = new WeakMap<readonly (readonly [string, string])[], ParsedDeps>();

function parse(deps: readonly (readonly [string, string])[]): ParsedDeps {
  let parsed = parsedDeps.get(deps);
  if (!parsed) {
    parsed = { others: [], messages: [], messageNames: new Set() };
    for (const [dep, hash] of deps) {
      const kind = dep[0] ?? '';
      const second = kind === 'm' ? dep.indexOf(sep, 2) : -1;
      const a = second === -1 ? dep.slice(2) : dep.slice(2, second);
      const b = second === -1 ? '' : dep.slice(second + 1);
      if (kind === 'm') {
        parsed.messages.push({ kind, a, b, hash });
        parsed.messageNames.add(dep);
      } else parsed.others.push({ kind, a, b, hash });
    }
    parsedDeps.set(deps, parsed);
  }
  return parsed;
}

const hold = (deps: readonly ParsedDep[], source: DepSource, context: string): boolean =>
  deps.every(({ kind, a, b, hash }) => hashOf(kind, a, b, source, context) === hash);

/**
 * Whether every dependency still has its hash: currentHash() of each. `unchanged`, when given, says that
 * every message dependency already held against an earlier project and names the message dependencies
 * whose hash may differ since (changedMessages): those of the flow's that are not named are not looked at.
 * A warm compiler (`flowc build --watch`) keeps each cached flow's deps array, so each is cut once.
 */
export function depsHold(
  deps: readonly (readonly [string, string])[],
  source: DepSource,
  context: string,
  unchanged?: { changed: ReadonlySet<string> },
): boolean {
  const parsed = parse(deps);
  if (!hold(parsed.others, source, context)) return false;
  if (unchanged) {
    let touched = false;
    for (const dep of unchanged.changed) if (parsed.messageNames.has(dep)) touched = true;
    if (!touched) return true;
  }
  return hold(parsed.messages, source, context);
}

/** At most this many changed messages are named (more: every message dependency is checked, as without). */
const namedChangesAtMost = 256;

/**
 * The message dependencies (`m\0locale\0key`) whose hash may differ between two projects' catalogs: an
 * entry added, removed, or with another file, place or text. Undefined when there are too many to name.
 */
export function changedMessages(before: ProjectModel['catalogs'], now: ProjectModel['catalogs']): ReadonlySet<string> | undefined {
  const changed = new Set<string>();
  const name = (locale: string, key: string): boolean => {
    changed.add(`m${sep}${locale}${sep}${key}`);
    return changed.size <= namedChangesAtMost;
  };
  for (const [locale, catalog] of now) {
    const old = before.get(locale);
    for (const [key, e] of catalog) {
      const o = old?.get(key);
      if (o !== undefined && o.text === e.text && o.pointer === e.pointer && o.file.path === e.file.path) continue;
      if (!name(locale, key)) return undefined;
    }
  }
  for (const [locale, catalog] of before) {
    const kept = now.get(locale);
    for (const key of catalog.keys()) if (!kept?.has(key) && !name(locale, key)) return undefined;
  }
  return changed;
}

/** The hash a dependency has now (flow context `x` is passed in: it is computed once per flow). */
export function currentHash(dep: string, source: DepSource, context: string): string {
  const kind = dep[0];
  // The commonest kinds first, without splitting the text (tens of thousands a rebuild).
  if (kind === 'g') return source.global;
  if (kind === 'x') return context;
  // `kind\0name`, or `m\0locale\0key` for a message (a locale has no \0; a name or key may): cut without an array.
  const second = kind === 'm' ? dep.indexOf(sep, 2) : -1;
  const a = second === -1 ? dep.slice(2) : dep.slice(2, second);
  const b = second === -1 ? '' : dep.slice(second + 1);
  return hashOf(kind ?? '', a, b, source, context);
}

function hashOf(kind: string, a: string, b: string, source: DepSource, context: string): string {
  const { model, state } = source;
  switch (kind) {
    case 'g':
      return source.global;
    case 'x':
      return context;
    case 'c':
      return model.catalogs.has(a) ? '1' : '0';
    case 'm':
      return entryHash(model.catalogs.get(a)?.get(b));
    case 'p':
      return fileHash(model.paySets.get(a));
    case 't':
      return fileHash(model.templates.get(a)?.file);
    case 'r':
      return state.reported.has(a) ? '1' : '0';
    case 's':
      return state.checkedPaySets.has(a) ? '1' : '0';
    case 'u':
      return state.failedSites.has(a) ? '1' : '0';
    case 'f':
      return fileHash(source.files.get(a));
    default:
      return '?';
  }
}

/** A flow compiling under observation: its own view of the shared state, recording every dependency. */
export class FlowTrace {
  readonly deps = new Map<string, string>();
  opaque = false;
  readonly state: ResolveState;
  private readonly reported: TracedSet;
  private readonly paySets: TracedSet;
  private readonly failed: TracedSet;

  constructor(source: DepSource, context: string) {
    this.deps.set('g', source.global);
    this.deps.set('x', context);
    const { model, state } = source;
    const whole = (): void => {
      this.opaque = true;
    };
    const record = (dep: string, hash: string): void => {
      if (!this.deps.has(dep)) this.deps.set(dep, hash);
    };
    const catalogViews = new Map<string, TracedMap<string, MessageEntry>>();
    const view: ProjectModel = {
      ...model,
      catalogs: new TracedMap(
        model.catalogs,
        (locale, catalog) => {
          record(`c${sep}${locale}`, catalog ? '1' : '0');
          if (!catalog) return undefined;
          let traced = catalogViews.get(locale);
          if (!traced) {
            traced = new TracedMap(
              catalog,
              (key, entry) => {
                record(`m${sep}${locale}${sep}${key}`, entryHash(entry));
                return entry;
              },
              whole,
            );
            catalogViews.set(locale, traced);
          }
          return traced;
        },
        whole,
      ),
      paySets: new TracedMap(
        model.paySets,
        (key, file) => {
          record(`p${sep}${key}`, fileHash(file));
          return file;
        },
        whole,
      ),
      templates: new TracedMap(
        model.templates,
        (name, t) => {
          record(`t${sep}${name}`, fileHash(t?.file));
          return t;
        },
        whole,
      ),
    };
    modelViews.set(view, { base: model, wholeRead: whole });
    this.reported = new TracedSet(state.reported);
    this.paySets = new TracedSet(state.checkedPaySets);
    this.failed = new TracedSet(state.failedSites);
    this.state = {
      ...state,
      model: view,
      i18n: [],
      usedKeys: new Map(),
      reported: this.reported,
      checkedPaySets: this.paySets,
      failedSites: this.failed,
    };
  }

  /** The shared state after the flow: what it added, to store and to replay. */
  effects(): { reportedAdds: string[]; paySetAdds: string[]; failedAdds: string[]; usedKeys: [string, string][] } {
    const usedKeys: [string, string][] = [];
    for (const [locale, keys] of this.state.usedKeys) for (const key of keys) usedKeys.push([locale, key]);
    return { reportedAdds: this.reported.added, paySetAdds: this.paySets.added, failedAdds: this.failed.added, usedKeys };
  }

  /** Every dependency, including the set queries and the files that the findings point into. */
  finish(findings: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>): [string, string][] | undefined {
    if (this.opaque || this.reported.opaque || this.paySets.opaque || this.failed.opaque) return undefined;
    for (const [key, present] of this.reported.queried) this.deps.set(`r${sep}${key}`, present ? '1' : '0');
    for (const [key, present] of this.paySets.queried) this.deps.set(`s${sep}${key}`, present ? '1' : '0');
    for (const [key, present] of this.failed.queried) this.deps.set(`u${sep}${key}`, present ? '1' : '0');
    for (const d of findings) {
      for (const file of [d.file, ...(d.related ?? []).map((r) => r.file)]) {
        if (file !== undefined && !this.deps.has(`f${sep}${file}`)) this.deps.set(`f${sep}${file}`, fileHash(files.get(file)));
      }
    }
    return [...this.deps];
  }
}

/** Replays a cached flow's effects on the shared state, as if it had just compiled (its i18n records only when collected). */
export function replayEffects(
  state: ResolveState,
  e: { reportedAdds: string[]; paySetAdds: string[]; failedAdds: string[]; usedKeys: [string, string][]; i18n: ResolveState['i18n'] },
  i18n = true,
  /** Given, the used keys are left to the caller (a UsedKeyTally), not added to the state's sets. */
  keysApart = false,
): void {
  for (const k of e.reportedAdds) state.reported.add(k);
  for (const k of e.paySetAdds) state.checkedPaySets.add(k);
  for (const k of e.failedAdds) state.failedSites.add(k);
  if (!keysApart) mergeUsedKeys(state.usedKeys, e.usedKeys);
  if (i18n) state.i18n.push(...e.i18n);
}

export function mergeUsedKeys(into: Map<string, Set<string>>, pairs: readonly [string, string][]): void {
  for (const [locale, key] of pairs) {
    const used = into.get(locale) ?? new Set<string>();
    used.add(key);
    into.set(locale, used);
  }
}

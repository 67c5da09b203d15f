/**
 * The project-wide graph stage: every flow expanded and its data read, the jumps between flows, the graph
 * checks (targets exist, unreachable steps, silent loops, carried data) and the data set on arrival at each
 * step. It reads the flows, the templates, the pay sets and flowc.yaml, never the message catalogs, so a
 * build whose only change is a message (the common edit) takes its result from the cache (GraphRecord):
 * its findings, and per flow what the flow's turn needs (its context hash, whether other flows hand calls
 * over to it, the data set on arrival). A flow that is then compiled is expanded again on its own.
 *
 * The record is keyed by the stage's inputs (graphKey); the stage runs against a view of the shared state
 * that notices any read of the catalogs or any effect on the shared sets (guardedState), and a stage that
 * did either is not recorded, so a record is never used where its inputs could differ.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/source-file.js';
import { checkFlowGraph, checkSilentLoops, type Edge, edgeTargetPointer, flowEdges, projectIndex } from '../lower/flow-graph.js';
import { dataSetAtEntry, jumpsLeavingUnset, type UnsetByJumps } from '../lower/data-flow.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { JumpSite, JumpsUnset } from '../resolve/call-data/jump-arrivals.js';
import type { LookupInfo } from '../resolve/call-data/project-data.js';
import { checkReservedVars, readFlowData } from '../resolve/call-data/flow-data.js';
import type { FlowDoc, ProjectModel, ProjectSettings } from '../resolve/project-model.js';
import { expandFlow, type ResolveState } from '../resolve/resolve-flow.js';
import { checkCarriedData, type DataShape } from './call-data-checks.js';
import { hashText, TracedMap, TracedSet } from './flow-cache.js';
import { fileHash, flowContextHash, mergeUsedKeys } from './flow-deps.js';
import { checkFlowLocales } from './project-checks.js';

/** What a flow's turn needs of the graph stage. */
export interface FlowPlace {
  flow: string;
  /** The flow's `x` dependency (flow-deps.ts); '' without a cache. */
  context: string;
  /** Another flow jumps into it. */
  handedOver: boolean;
  /** step → data set on every path to it (undefined: no call reaches it). */
  setAtEntry: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  /** Data missing at its steps only because a jump from another flow arrives without it (absent: none). */
  jumpsUnset?: JumpsUnset;
}

/** The graph stage's result as the cache keeps it. */
export interface GraphRecord {
  key: string;
  /** Its findings, in the order the stage made them. */
  diagnostics: Diagnostic[];
  /** One per usable flow, in their order. */
  places: FlowPlace[];
}

export interface GraphInput {
  usable: readonly { file: SourceFile; doc: FlowDoc }[];
  settings: ProjectSettings;
  lookups: ReadonlyMap<string, LookupInfo>;
  hoursNames: readonly string[];
  /** Flows whose files have errors of their own (jumps to them are not checked). */
  brokenFlows: ReadonlySet<string>;
  state: ResolveState;
  /** The files that checked cleanly, by path (what the context hashes read). */
  files: ReadonlyMap<string, SourceFile>;
}

export interface GraphResult {
  places: FlowPlace[];
  /** Each usable flow's shape and edges, in their order: each is let go after its flow's turn. */
  shapes: ({ shape: DataShape; edges: Edge[] } | undefined)[];
  /** The stage read nothing outside its key and left the shared state as it was: it may be recorded. */
  recordable: boolean;
}

/**
 * The key of the stage's inputs: the compiler, every loaded file but the message catalogs (path and text),
 * the files that failed, the usable flows in order, the broken flows and templates, the opening hours' names.
 */
export function graphKey(parts: {
  compiler: string;
  files: readonly SourceFile[];
  broken: readonly string[];
  settingsUnknown: boolean;
  usable: readonly { file: SourceFile; doc: FlowDoc }[];
  brokenFlows: ReadonlySet<string>;
  model: ProjectModel;
  hoursNames: readonly string[];
}): string {
  const texts = parts.files.filter((f) => f.kind !== 'messages').map((f) => [f.path, fileHash(f)]);
  return hashText(
    JSON.stringify([
      'graph 1',
      parts.compiler,
      texts,
      [...parts.broken].sort(),
      parts.settingsUnknown,
      parts.usable.map(({ file, doc }) => [file.path, doc.flow]),
      [...parts.brokenFlows].sort(),
      [...parts.model.brokenTemplates].sort(),
      parts.hoursNames,
    ]),
  );
}

/** One flow's shape and edges, made again for a flow compiled after the stage came from the cache. */
export function flowShape(input: Pick<GraphInput, 'settings' | 'lookups' | 'hoursNames' | 'state'>, file: SourceFile, doc: FlowDoc) {
  // Its findings were replayed with the record: these are the same, and dropped.
  const expansion = expandFlow({ ...input.state, diagnostics: [] }, file, doc);
  const flowData = readFlowData(file, doc.flow, doc.data, {
    flowVars: Object.keys(doc.vars ?? {}),
    projectVars: Object.keys(input.settings.vars),
    hours: [...input.hoursNames],
  });
  const shape: DataShape = { file, doc, ...expansion, data: flowData.data };
  return { shape, edges: flowEdges(shape, input.lookups) };
}

/** Runs the stage, its findings pushed to `diagnostics` (the shared state's list); contexts only when `hashContexts`. */
export function runGraphStage(input: GraphInput, diagnostics: Diagnostic[], hashContexts: boolean): GraphResult {
  const guard = guardedState(input.state);
  const state = hashContexts ? guard.state : input.state;
  const shapes: DataShape[] = [];
  for (const { file, doc } of input.usable) {
    diagnostics.push(...checkFlowLocales(file, doc, input.settings));
    const expansion = expandFlow(state, file, doc);
    const flowData = readFlowData(file, doc.flow, doc.data, {
      flowVars: Object.keys(doc.vars ?? {}),
      projectVars: Object.keys(input.settings.vars),
      hours: [...input.hoursNames],
    });
    diagnostics.push(...flowData.diagnostics, ...checkReservedVars(file, doc.vars));
    shapes.push({ file, doc, ...expansion, data: flowData.data });
  }
  const edgesByFlow = shapes.map((s) => flowEdges(s, input.lookups));
  const allEdges = edgesByFlow.flat();
  const index = projectIndex(shapes, allEdges, input.brokenFlows);
  for (const [i, shape] of shapes.entries()) diagnostics.push(...checkFlowGraph(shape, edgesByFlow[i]!, index));
  diagnostics.push(...checkSilentLoops(shapes, allEdges, index), ...checkCarriedData(shapes, allEdges, index));
  const setAtEntry = dataSetAtEntry(shapes, allEdges, index);
  const unset = jumpSites(jumpsLeavingUnset(shapes, allEdges, index, setAtEntry), shapes);
  if (hashContexts) guard.finish();
  const places = shapes.map((shape, i): FlowPlace => {
    const flow = shape.doc.flow;
    const handedOver = index.jumpTargets.has(flow);
    const arrival = setAtEntry.get(flow)!;
    const context = hashContexts ? flowContextHash(shape, edgesByFlow[i]!, arrival, handedOver, input.files) : '';
    const jumpsUnset = unset.get(flow);
    return { flow, context, handedOver, setAtEntry: arrival, ...(jumpsUnset ? { jumpsUnset } : {}) };
  });
  return {
    places,
    shapes: shapes.map((shape, i) => ({ shape, edges: edgesByFlow[i]! })),
    recordable: hashContexts && !guard.touched(),
  };
}

/** The jumps that leave data unset, as plain records (a GraphRecord keeps them): where each is written. */
function jumpSites(unset: UnsetByJumps, shapes: readonly DataShape[]): Map<string, JumpsUnset> {
  const starts = new Map(shapes.map((s) => [s.doc.flow, s.doc.start]));
  const sites = new Map<Edge, JumpSite>();
  const siteOf = (e: Edge): JumpSite => {
    let site = sites.get(e);
    if (site === undefined) {
      const pointer = edgeTargetPointer(e, 'goto');
      const range = rangeAtPointer(e.file.doc, e.file.lineCounter, pointer);
      site = {
        file: e.file.path,
        pointer,
        ...(range ? { range } : {}),
        flow: e.flow,
        step: e.from,
        toFlow: e.toFlow,
        to: e.to,
        toStart: starts.get(e.toFlow) ?? e.to,
      };
      sites.set(e, site);
    }
    return site;
  };
  return new Map(
    [...unset].map(([flow, steps]) => [
      flow,
      new Map([...steps].map(([step, names]) => [step, new Map([...names].map(([name, edges]) => [name, edges.map(siteOf)]))])),
    ]),
  );
}

/**
 * The shared state as the stage may see it: the same model and findings, but any read of the message
 * catalogs (outside the key) and any use of the shared sets or records (effects a replay would miss) is noticed.
 */
export function guardedState(state: ResolveState): { state: ResolveState; touched(): boolean; finish(): void } {
  let touched = false;
  const touch = (): undefined => {
    touched = true;
    return undefined;
  };
  const brokenCatalogs = new TracedSet(state.model.brokenCatalogs);
  const model: ProjectModel = {
    ...state.model,
    catalogs: new TracedMap(
      state.model.catalogs,
      (_key, value) => {
        touched = true;
        return value;
      },
      touch,
    ),
    brokenCatalogs,
  };
  const sets = [new TracedSet(state.reported), new TracedSet(state.checkedPaySets), new TracedSet(state.failedSites)] as const;
  const guarded: ResolveState = {
    ...state,
    model,
    i18n: [],
    usedKeys: new Map(),
    reported: sets[0],
    checkedPaySets: sets[1],
    failedSites: sets[2],
  };
  return {
    state: guarded,
    touched: () =>
      touched ||
      guarded.i18n.length > 0 ||
      guarded.usedKeys.size > 0 ||
      [brokenCatalogs, ...sets].some((s) => s.opaque || s.queried.size > 0 || s.added.length > 0),
    // The records it made, where they belong (the sets' additions went through already).
    finish: () => {
      state.i18n.push(...guarded.i18n);
      for (const [locale, keys] of guarded.usedKeys)
        mergeUsedKeys(
          state.usedKeys,
          [...keys].map((key): [string, string] => [locale, key]),
        );
    },
  };
}

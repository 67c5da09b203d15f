/**
 * Which call data is set on every path to each step (definite assignment over the flow graph, across
 * jumps between flows). Data is set by the transitions that store it: a capture's `stored`, a lookup's
 * `found`, a decision's branch whose condition says so. A call starts with nothing set (built-ins and
 * data with a default are always there and are not tracked here).
 */
import { type Edge, edgeResolves, type FlowShape, type ProjectIndex } from './flow-graph.js';

/** flow → step → data set on entry; a step no call reaches has `undefined` (anything may be assumed). */
export type SetAtEntry = Map<string, Map<string, ReadonlySet<string> | undefined>>;

const id = (flow: string, step: string): string => `${flow}\u0000${step}`;

export function dataSetAtEntry(shapes: readonly FlowShape[], edges: readonly Edge[], index: ProjectIndex): SetAtEntry {
  const entries = new Set<string>();
  const handedOver = new Set(edges.filter((e) => e.toFlow !== e.flow).map((e) => id(e.toFlow, e.to)));
  for (const { doc } of shapes) {
    // Calls start at `start` when the flow has numbers, is placed by the application (outbound), or could be
    // answered some other way (its start is not only where another flow hands calls over).
    const start = id(doc.flow, doc.start);
    if (Object.keys(doc.numbers ?? {}).length > 0 || doc.direction === 'outbound' || !handedOver.has(start)) entries.add(start);
    // A value that fails its check at run time can happen anywhere: nothing is sure on the error step.
    if (doc.onError !== undefined) entries.add(id(doc.flow, doc.onError));
  }
  const incoming = new Map<string, { edge: Edge; fromId: string }[]>();
  const outgoing = new Map<string, string[]>();
  for (const e of edges) {
    if (!edgeResolves(index, e)) continue;
    const to = id(e.toFlow, e.to);
    const from = id(e.flow, e.from);
    (incoming.get(to) ?? incoming.set(to, []).get(to)!).push({ edge: e, fromId: from });
    (outgoing.get(from) ?? outgoing.set(from, []).get(from)!).push(to);
  }
  const state = new Map<string, Set<string> | undefined>();
  const nodes: string[] = [];
  for (const { doc, expanded } of shapes) for (const step of expanded.keys()) nodes.push(id(doc.flow, step));
  for (const n of nodes) state.set(n, entries.has(n) ? new Set() : undefined);

  const work = [...nodes];
  const queued = new Set(work);
  for (let next = 0; next < work.length; next++) {
    const n = work[next]!;
    queued.delete(n);
    let value: Set<string> | undefined = entries.has(n) ? new Set() : undefined;
    for (const e of incoming.get(n) ?? []) {
      const before = state.get(e.fromId);
      if (before === undefined) continue; // not reached (yet): adds no constraint
      if (value !== undefined && value.size === 0) break; // nothing left to lose
      const after = e.edge.sets.length === 0 ? before : new Set([...before, ...e.edge.sets]);
      value = value === undefined ? new Set(after) : new Set([...value].filter((x) => after.has(x)));
    }
    const old = state.get(n);
    const changed = old === undefined ? value !== undefined : value === undefined || value.size !== old.size;
    if (!changed) continue;
    state.set(n, value);
    for (const m of outgoing.get(n) ?? []) {
      if (!queued.has(m)) {
        queued.add(m);
        work.push(m);
      }
    }
  }
  const out: SetAtEntry = new Map();
  for (const { doc, expanded } of shapes) {
    const steps = new Map<string, ReadonlySet<string> | undefined>();
    for (const step of expanded.keys()) steps.set(step, state.get(id(doc.flow, step)));
    out.set(doc.flow, steps);
  }
  return out;
}

/**
 * Which call data is set on every path to each step (definite assignment over the flow graph, across
 * jumps between flows). Data is set by the transitions that store it: a capture's `stored`, a lookup's
 * `found`, a decision's branch whose condition says so. A call starts with nothing set (built-ins and
 * data with a default are always there and are not tracked here).
 */
import { type Edge, edgeResolves, type FlowShape, type ProjectIndex } from './flow-graph.js';

/** flow → step → data set on entry; a step no call reaches has `undefined` (anything may be assumed). */
export type SetAtEntry = Map<string, Map<string, ReadonlySet<string> | undefined>>;

export function dataSetAtEntry(shapes: readonly FlowShape[], edges: readonly Edge[], index: ProjectIndex): SetAtEntry {
  // Steps are numbered (flow → step → node), so that the work below indexes arrays instead of hashing
  // "flow/step" texts made for every edge; the visiting order is the same as by name.
  const nodeOf = new Map<string, Map<string, number>>();
  const nodes: number[] = [];
  let count = 0;
  for (const { doc, expanded } of shapes) {
    let steps = nodeOf.get(doc.flow);
    if (steps === undefined) nodeOf.set(doc.flow, (steps = new Map()));
    for (const step of expanded.keys()) {
      let n = steps.get(step);
      if (n === undefined) steps.set(step, (n = count++));
      nodes.push(n);
    }
  }
  const node = (flow: string, step: string): number | undefined => nodeOf.get(flow)?.get(step);

  const entries = new Set<number>();
  const handedOver = new Set<number>();
  for (const e of edges) {
    if (e.toFlow === e.flow) continue;
    const to = node(e.toFlow, e.to);
    if (to !== undefined) handedOver.add(to);
  }
  for (const { doc } of shapes) {
    // Calls start at `start` when the flow has numbers, is placed by the application (outbound), or could be
    // answered some other way (its start is not only where another flow hands calls over).
    const start = node(doc.flow, doc.start);
    if (start !== undefined && (Object.keys(doc.numbers ?? {}).length > 0 || doc.direction === 'outbound' || !handedOver.has(start)))
      entries.add(start);
    // A value that fails its check at run time can happen anywhere: nothing is sure on the error step.
    const onError = doc.onError === undefined ? undefined : node(doc.flow, doc.onError);
    if (onError !== undefined) entries.add(onError);
  }
  const incoming: { sets: readonly string[]; from: number }[][] = Array.from({ length: count }, () => []);
  const outgoing: number[][] = Array.from({ length: count }, () => []);
  for (const e of edges) {
    if (!edgeResolves(index, e)) continue;
    const to = node(e.toFlow, e.to);
    const from = node(e.flow, e.from);
    if (to === undefined || from === undefined) continue; // a step of a flow that is not being built
    incoming[to]!.push({ sets: e.sets, from });
    outgoing[from]!.push(to);
  }
  const state: (Set<string> | undefined)[] = Array.from({ length: count }, (_, n) => (entries.has(n) ? new Set() : undefined));

  const work = [...nodes];
  const queued = new Set(work);
  for (let next = 0; next < work.length; next++) {
    const n = work[next]!;
    queued.delete(n);
    let value: Set<string> | undefined = entries.has(n) ? new Set() : undefined;
    for (const e of incoming[n]!) {
      const before = state[e.from];
      if (before === undefined) continue; // not reached (yet): adds no constraint
      if (value !== undefined && value.size === 0) break; // nothing left to lose
      const after = e.sets.length === 0 ? before : new Set([...before, ...e.sets]);
      value = value === undefined ? new Set(after) : new Set([...value].filter((x) => after.has(x)));
    }
    const old = state[n];
    const changed = old === undefined ? value !== undefined : value === undefined || value.size !== old.size;
    if (!changed) continue;
    state[n] = value;
    for (const m of outgoing[n]!) {
      if (!queued.has(m)) {
        queued.add(m);
        work.push(m);
      }
    }
  }
  const out: SetAtEntry = new Map();
  for (const { doc, expanded } of shapes) {
    const steps = new Map<string, ReadonlySet<string> | undefined>();
    const numbered = nodeOf.get(doc.flow)!;
    for (const step of expanded.keys()) steps.set(step, state[numbered.get(step)!]);
    out.set(doc.flow, steps);
  }
  return out;
}

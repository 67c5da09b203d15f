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

/** flow → step → data → the jumps from other flows that leave it unset there (see jumpsLeavingUnset). */
export type UnsetByJumps = Map<string, Map<string, Map<string, Edge[]>>>;

/**
 * Data missing at a step only because a jump from another flow arrives without it: every way into the step
 * within its own flow sets it (the flow's start is taken as a way in), but a jump arrives where it is not set
 * and reaches the step without setting it. The jump is the one mistake ("it skips the lookup"); each use of
 * the data after it would otherwise be reported on its own. `setAtEntry` is dataSetAtEntry over all edges.
 */
export function jumpsLeavingUnset(
  shapes: readonly FlowShape[],
  edges: readonly Edge[],
  index: ProjectIndex,
  setAtEntry: SetAtEntry,
): UnsetByJumps {
  const out: UnsetByJumps = new Map();
  const jumps = edges.filter((e) => e.toFlow !== e.flow && edgeResolves(index, e));
  if (jumps.length === 0) return out;
  const within = edges.filter((e) => e.toFlow === e.flow);
  // Without the jumps, every flow's start is a way in: what each step has from its own flow alone.
  const local = dataSetAtEntry(shapes, within, index);
  const next = new Map<string, Map<string, Edge[]>>();
  for (const e of within) {
    if (!edgeResolves(index, e)) continue;
    let steps = next.get(e.flow);
    if (steps === undefined) next.set(e.flow, (steps = new Map()));
    const list = steps.get(e.from);
    if (list === undefined) steps.set(e.from, [e]);
    else list.push(e);
  }
  for (const jump of jumps) {
    const before = setAtEntry.get(jump.flow)?.get(jump.from);
    if (before === undefined) continue; // no call takes it
    const arrival = new Set([...before, ...jump.sets]);
    const flowLocal = local.get(jump.toFlow);
    const flowAll = setAtEntry.get(jump.toFlow);
    if (flowLocal === undefined || flowAll === undefined) continue;
    const candidates = new Set<string>();
    for (const set of flowLocal.values()) for (const name of set ?? []) if (!arrival.has(name)) candidates.add(name);
    for (const name of candidates) {
      // The steps the jump reaches before anything sets the data.
      const seen = new Set([jump.to]);
      const queue = [jump.to];
      for (let i = 0; i < queue.length; i++) {
        const step = queue[i]!;
        const mine = flowLocal.get(step);
        const all = flowAll.get(step);
        if (mine?.has(name) && all !== undefined && !all.has(name)) {
          let steps = out.get(jump.toFlow);
          if (steps === undefined) out.set(jump.toFlow, (steps = new Map()));
          let names = steps.get(step);
          if (names === undefined) steps.set(step, (names = new Map()));
          const list = names.get(name);
          if (list === undefined) names.set(name, [jump]);
          else list.push(jump);
        }
        for (const e of next.get(jump.toFlow)?.get(step) ?? []) {
          if (e.sets.includes(name) || seen.has(e.to)) continue;
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
  }
  return out;
}

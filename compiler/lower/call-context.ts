/**
 * What the validator must know about a step beyond its own NCCO (Payments over the Phone guide:
 * pay only on the first leg, never while the call is recorded).
 */
import type { ExpandedAction } from '../resolve/expand-templates.js';
import { adjacency, type Edge } from './flow-graph.js';
import type { LoweredStep } from './lower-flow.js';

/** NCCO reference, record: without endOnSilence, timeOut or endOnKey the recording runs to the end of the call. */
const recordsToTheEnd = (a: ExpandedAction): boolean =>
  a.name === 'record' && a.body.endOnSilence === undefined && a.body.timeOut === undefined && a.body.endOnKey === undefined;

/** Steps that can run after a step that started a recording which lasts for the rest of the call. */
export function stepsWhileRecording(expanded: ReadonlyMap<string, ExpandedAction[]>, edges: readonly Edge[]): Set<string> {
  const next = adjacency(edges.filter((e) => e.toFlow === e.flow));
  const out = new Set<string>();
  const queue: string[] = [];
  for (const [step, actions] of expanded) {
    if (actions.some(recordsToTheEnd)) for (const e of next.get(step) ?? []) queue.push(e.to);
  }
  while (queue.length > 0) {
    const s = queue.pop()!;
    if (out.has(s)) continue;
    out.add(s);
    for (const e of next.get(s) ?? []) queue.push(e.to);
  }
  return out;
}

/** Keys (`flow/locale/step`) of the steps whose CDN URL a connect endpoint's onAnswer runs on the callee's leg. */
export function stepsRunByOnAnswer(steps: readonly { ncco: LoweredStep['ncco'] }[], cdnUrl: string | undefined): Set<string> {
  const out = new Set<string>();
  if (cdnUrl === undefined) return out;
  const prefix = `${cdnUrl}/`;
  for (const step of steps) {
    for (const action of step.ncco) {
      if (action.action !== 'connect' || !Array.isArray(action.endpoint)) continue;
      for (const endpoint of action.endpoint as unknown[]) {
        const url = (endpoint as { onAnswer?: { url?: unknown } } | null)?.onAnswer?.url;
        if (typeof url === 'string' && url.startsWith(prefix) && url.endsWith('.json')) out.add(url.slice(prefix.length, -'.json'.length));
      }
    }
  }
  return out;
}

/**
 * A flow as a picture, from its route program (the graph the build checked and the router runs): one
 * node per step with what the caller hears first and what the step ends with, one edge per transition
 * labelled with its key, words or outcome (attempt limits as the counted edge and its `then`), jumps
 * to other flows, where the call hangs up, and the steps no call can reach. Pure data; mermaid.ts and
 * dot.ts write it out.
 */
import type { FlowProgram, LookupStep, NccoForm, StepProgram, TextPart } from '../router/runtime/program.mjs';
import { stepTransitions } from '../simulate/program-transitions.js';
import { withoutTags } from '../simulate/spoken-text.js';

export type NodeKind = 'say' | 'menu' | 'pay' | 'connect' | 'notify' | 'decide' | 'lookup' | 'end' | 'jump' | 'start';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** The step name (or, for a jump, flow/step; for start and end, a word). */
  title: string;
  /** Second line: what the caller hears first, the lookup called, the payment… */
  detail?: string;
  unreachable?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  /** The `then` of an attempt limit, or the path taken when nothing else applies. */
  fallback?: boolean;
}

export interface FlowDiagram {
  flow: string;
  locale: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const MAX_DETAIL = 60;

const shorten = (text: string): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= MAX_DETAIL ? t : `${t.slice(0, MAX_DETAIL - 1).trimEnd()}…`;
};

function placeholderText(parts: readonly TextPart[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('if' in p) return placeholderText(p.then);
      return `{${p.helper ? `${p.helper} ` : ''}${p.data}}`;
    })
    .join('');
}

/** The NCCO of a step with call data written as {name}: what it looks like to a reader. */
export function readableNcco(form: NccoForm): Record<string, unknown>[] {
  const text = form
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('state' in part) return '';
      const v = part.value;
      return JSON.stringify('data' in v ? `{${v.data}}` : placeholderText(v.text));
    })
    .join('');
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

const plain = (text: string): string =>
  withoutTags(text)
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

function describeStep(step: StepProgram): { kind: NodeKind; detail?: string } {
  if (step.kind === 'decide') return { kind: 'decide' };
  if (step.kind === 'lookup') return { kind: 'lookup', detail: `lookup ${step.lookup}` };
  const ncco = readableNcco(step.ncco);
  const last = ncco[ncco.length - 1];
  const talk = ncco.find((a) => a.action === 'talk');
  const heard = typeof talk?.text === 'string' ? `“${shorten(plain(talk.text))}”` : undefined;
  switch (last?.action) {
    case 'pay':
      return { kind: 'pay', detail: `pays ${String(last.amount)} ${String(last.currency ?? 'usd')}` };
    case 'connect': {
      const endpoint = Array.isArray(last.endpoint) ? (last.endpoint[0] as Record<string, unknown> | undefined) : undefined;
      return {
        kind: 'connect',
        detail: `connects to ${String(endpoint?.number ?? endpoint?.uri ?? endpoint?.user ?? endpoint?.type ?? '?')}`,
      };
    }
    case 'notify':
      return { kind: 'notify', ...(heard ? { detail: heard } : { detail: 'notifies the application' }) };
    case 'input':
      return { kind: 'menu', ...(heard ? { detail: heard } : {}) };
    case 'record':
      return { kind: 'say', detail: heard ? `${heard} + records` : 'records' };
    case 'conversation':
      return { kind: 'say', detail: `joins conversation ${String(last.name)}` };
    default:
      return { kind: 'say', ...(heard ? { detail: heard } : {}) };
  }
}

/**
 * A step that says something and then calls a lookup is two program steps: `x`, whose NCCO ends with a
 * notify to the router, and `x.lookup` that the notify runs (compiler/lower/lower-flow.ts). The author
 * wrote one step, so it is drawn as one: the lookup, with what the caller hears while it runs.
 */
function lookupAfterTalk(flow: FlowProgram, prefix: string, name: string): LookupStep | undefined {
  const step = flow.steps[prefix + name];
  const lookup = flow.steps[`${prefix}${name}.lookup`];
  if (step?.kind !== 'ncco' || lookup?.kind !== 'lookup') return undefined;
  const out = stepTransitions(step);
  const only = out[0];
  return out.length === 1 && only?.to.flow === flow.flow && only.to.step === `${name}.lookup` ? lookup : undefined;
}

/** The picture of one flow in one locale. `start` is the flow's start step. */
export function flowDiagram(flow: FlowProgram, locale: string, start: string): FlowDiagram {
  const prefix = `${locale}/`;
  const all = Object.keys(flow.steps)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
  // `x.lookup` → `x` where the two are drawn as one step.
  const drawnAs = new Map<string, string>();
  for (const name of all) if (lookupAfterTalk(flow, prefix, name)) drawnAs.set(`${name}.lookup`, name);
  const names = all.filter((name) => !drawnAs.has(name));
  const ids = new Map<string, string>();
  const idOf = (key: string): string => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `n${ids.size}_${key.replace(/[^A-Za-z0-9]/g, '_').slice(0, 40)}`;
      ids.set(key, id);
    }
    return id;
  };
  // Not "start" and "end": Mermaid reserves "end".
  const nodes: DiagramNode[] = [{ id: 'callstart', kind: 'start', title: 'call starts' }];
  const edges: DiagramEdge[] = [{ from: 'callstart', to: idOf(`step:${start}`), label: '' }];
  const jumps = new Map<string, DiagramNode>();
  let hangsUp = false;
  const adjacency = new Map<string, string[]>();
  for (const name of names) {
    const own = flow.steps[prefix + name]!;
    const lookup = lookupAfterTalk(flow, prefix, name);
    const step = lookup ?? own;
    const described = describeStep(own);
    const kind: NodeKind = lookup ? 'lookup' : described.kind;
    const heard = described.detail?.startsWith('“') ? described.detail : undefined;
    const detail = lookup ? (heard ? `${heard} → lookup ${lookup.lookup}` : `lookup ${lookup.lookup}`) : described.detail;
    const id = idOf(`step:${name}`);
    nodes.push({ id, kind, title: name, ...(detail !== undefined ? { detail } : {}) });
    const out = stepTransitions(step);
    if (out.length === 0 && step.kind === 'ncco') {
      hangsUp = true;
      edges.push({ from: id, to: 'hangup', label: '' });
    }
    for (const t of out) {
      let to: string;
      if (t.to.flow !== flow.flow) {
        const key = `jump:${t.to.flow}/${t.to.step}`;
        to = idOf(key);
        if (!jumps.has(key)) jumps.set(key, { id: to, kind: 'jump', title: `${t.to.flow}/${t.to.step}`, detail: 'another flow' });
      } else {
        const target = drawnAs.get(t.to.step) ?? t.to.step;
        to = idOf(`step:${target}`);
        adjacency.set(name, [...(adjacency.get(name) ?? []), target]);
      }
      const switches = t.to.locale !== locale ? ` → ${t.to.locale}` : '';
      edges.push({
        from: id,
        to,
        label: `${t.key}${switches}`,
        ...(t.level > 0 || t.key === 'default' || t.key === 'otherwise' ? { fallback: true } : {}),
      });
    }
  }
  nodes.push(...jumps.values());
  if (hangsUp) nodes.push({ id: 'hangup', kind: 'end', title: 'hang up' });
  // Steps no call reaches from the start (other locales' switches land on steps listed here too).
  const reached = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of adjacency.get(queue.shift()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  for (const node of nodes) {
    if (node.kind !== 'start' && node.kind !== 'end' && node.kind !== 'jump' && !reached.has(node.title)) node.unreachable = true;
  }
  return { flow: flow.flow, locale, nodes, edges: mergeParallel(edges) };
}

/** Edges between the same two steps drawn once, their labels joined ("1, *, timeout"): a 30-step flow stays readable. */
function mergeParallel(edges: readonly DiagramEdge[]): DiagramEdge[] {
  const merged = new Map<string, DiagramEdge>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}>${e.fallback ? 1 : 0}`;
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { ...e });
    else if (e.label !== '') seen.label = seen.label === '' ? e.label : `${seen.label}, ${e.label}`;
  }
  return [...merged.values()];
}

/**
 * Graph checks of a flow: the start step and every transition target exist, transition keys
 * fit the action, unreachable steps, and cycles that need no caller input (infinite loops).
 */
import { isTransitionKey, transitionsByAction } from '../check/schemas/transitions.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import type { ExpandedAction } from '../resolve/expand-templates.js';
import type { FlowDoc, SpeechWords, TransitionTarget } from '../resolve/project-model.js';

/** Transitions that happen without the caller doing anything. */
const needsNoCaller = (action: string, key: string): boolean =>
  (action === 'input' && key === 'timeout') || action === 'notify' || action === 'connect';

export interface Edge {
  from: string;
  to: string;
  locale?: string;
  key: string;
  action: string;
  speech?: SpeechWords;
  file: SourceFile;
  pointer: string;
}

export const targetOf = (t: TransitionTarget): { goto: string; locale?: string; speech?: SpeechWords } =>
  typeof t === 'string' ? { goto: t } : t;

export function flowEdges(expanded: ReadonlyMap<string, ExpandedAction[]>): Edge[] {
  const edges: Edge[] = [];
  for (const [step, actions] of expanded) {
    const last = actions[actions.length - 1];
    if (!last?.on) continue;
    for (const [key, target] of Object.entries(last.on.targets)) {
      const t = targetOf(target);
      edges.push({
        from: step,
        to: t.goto,
        key,
        action: last.name,
        ...(t.locale !== undefined ? { locale: t.locale } : {}),
        ...(t.speech ? { speech: t.speech } : {}),
        file: last.on.file,
        pointer: joinPointer(last.on.pointer, key),
      });
    }
  }
  return edges;
}

export function checkFlowGraph(file: SourceFile, doc: FlowDoc, expanded: ReadonlyMap<string, ExpandedAction[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const steps = [...expanded.keys()];
  const stepSet = new Set(steps);
  const at = (f: SourceFile, p: string, part: 'key' | 'value' = 'value') => rangeAtPointer(f.doc, f.lineCounter, p, part);
  const edges = flowEdges(expanded);

  if (!stepSet.has(doc.start)) {
    const s = didYouMean(doc.start, steps);
    out.push({
      code: 'flow/unknown-start',
      severity: 'error',
      message: `The start step "${doc.start}" does not exist.${s ? ` Did you mean "${s}"?` : ''}`,
      file: file.path,
      pointer: '/start',
      range: at(file, '/start'),
      hint: s ? `Write start: ${s}` : `Use one of: ${steps.join(', ')}.`,
    });
  }
  for (const e of edges) {
    if (!isTransitionKey(e.action, e.key)) {
      out.push({
        code: 'flow/bad-transition-key',
        severity: 'error',
        message: `"${e.key}" is not a result of \`${e.action}\`.`,
        file: e.file.path,
        pointer: e.pointer,
        range: at(e.file, e.pointer, 'key'),
        hint: `For ${e.action}, use ${transitionsByAction[e.action]?.help}.`,
      });
    }
    if (e.speech && e.action !== 'input') {
      out.push({
        code: 'flow/speech-not-input',
        severity: 'error',
        message: 'Speech words only make sense on an input.',
        file: e.file.path,
        pointer: joinPointer(e.pointer, 'speech'),
        range: at(e.file, joinPointer(e.pointer, 'speech'), 'key'),
        hint: 'Remove `speech:` here.',
      });
    }
    if (!stepSet.has(e.to)) {
      const s = didYouMean(e.to, steps);
      out.push({
        code: 'flow/unknown-step',
        severity: 'error',
        message: `There is no step "${e.to}" in flow "${doc.flow}".${s ? ` Did you mean "${s}"?` : ''}`,
        file: e.file.path,
        pointer: e.pointer,
        range: at(e.file, e.pointer),
        hint: s ? `Change it to ${s}.` : `Add a step "${e.to}" under steps:, or use one of: ${steps.join(', ')}.`,
      });
    }
    if (e.locale !== undefined && !doc.locales.includes(e.locale)) {
      out.push({
        code: 'flow/unknown-locale',
        severity: 'error',
        message: `This flow has no locale "${e.locale}".`,
        file: e.file.path,
        pointer: joinPointer(e.pointer, 'locale'),
        range: at(e.file, joinPointer(e.pointer, 'locale')),
        hint: `Use one of: ${doc.locales.join(', ')}, or add it to locales:.`,
      });
    }
  }
  const byStep = adjacency(edges);
  for (const [step, actions] of expanded) {
    const last = actions[actions.length - 1];
    if (last?.name !== 'input' || !last.on) continue;
    const types = Array.isArray(last.body.type) ? (last.body.type as unknown[]) : [];
    if (types.includes('speech') || last.body.speech !== undefined) continue;
    for (const e of (byStep.get(step) ?? []).filter((x) => x.speech)) {
      const p = joinPointer(e.pointer, 'speech');
      out.push({
        code: 'flow/speech-without-speech-input',
        severity: 'warning',
        message: 'These words can never match: the input does not listen for speech.',
        file: e.file.path,
        pointer: p,
        range: at(e.file, p, 'key'),
        hint: 'Add speech to the input: type: [dtmf, speech].',
      });
    }
  }
  for (const [number, locale] of Object.entries(doc.numbers ?? {})) {
    if (!doc.locales.includes(locale)) {
      const p = joinPointer('/numbers', number);
      out.push({
        code: 'flow/unknown-locale',
        severity: 'error',
        message: `Number ${number} starts in "${locale}", which is not one of this flow's locales.`,
        file: file.path,
        pointer: p,
        range: at(file, p),
        hint: `Use one of: ${doc.locales.join(', ')}.`,
      });
    }
  }

  // Reachability from start.
  const next = adjacency(edges.filter((e) => stepSet.has(e.to)));

  const reached = new Set<string>();
  const queue = stepSet.has(doc.start) ? [doc.start] : [];
  while (queue.length) {
    const s = queue.pop()!;
    if (reached.has(s)) continue;
    reached.add(s);
    for (const e of next.get(s) ?? []) queue.push(e.to);
  }
  if (stepSet.has(doc.start)) {
    for (const s of steps) {
      if (reached.has(s)) continue;
      const p = joinPointer('/steps', s);
      out.push({
        code: 'flow/unreachable-step',
        severity: 'warning',
        message: `No transition leads to the step "${s}", so no caller will ever reach it.`,
        file: file.path,
        pointer: p,
        range: at(file, p, 'key'),
        hint: `Add a transition to "${s}" (e.g. in an on: map), or delete the step.`,
      });
    }
  }

  // Cycles made only of transitions that need no caller input loop forever: one finding per cycle.
  const silent = edges.filter((e) => needsNoCaller(e.action, e.key) && stepSet.has(e.to));
  for (const cycle of silentCycles(steps, silent)) {
    const first = cycle.edge;
    out.push({
      code: 'flow/infinite-loop',
      severity: 'error',
      message: `These steps can repeat forever without the caller doing anything: ${[...cycle.path, cycle.path[0]].join(' → ')}.`,
      file: first.file.path,
      pointer: first.pointer,
      range: at(first.file, first.pointer),
      hint: 'Send one of these transitions to a step that ends the call (e.g. after a second timeout, say goodbye).',
    });
  }
  return out;
}

/** Edges by the step they leave. */
export function adjacency(edges: readonly Edge[]): Map<string, Edge[]> {
  const map = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = map.get(e.from);
    if (list) list.push(e);
    else map.set(e.from, [e]);
  }
  return map;
}

/**
 * One cycle per strongly connected component of the silent edges (Tarjan, iterative so that a
 * flow of thousands of steps cannot exhaust the stack), reported from its first step in file order.
 */
function silentCycles(steps: readonly string[], silent: readonly Edge[]): { path: string[]; edge: Edge }[] {
  const next = adjacency(silent);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of steps) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const out = next.get(frame.node) ?? [];
      if (frame.i < out.length) {
        const to = out[frame.i++]!.to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== frame.node);
        components.push(component);
      }
    }
  }
  const order = new Map(steps.map((s, i) => [s, i]));
  const result: { path: string[]; edge: Edge }[] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
    const selfLoop = (next.get(start) ?? []).find((e) => e.to === start);
    if (component.length === 1 && !selfLoop) continue;
    // Walk inside the component from its first step back to it (BFS keeps the path short).
    const prev = new Map<string, Edge>();
    const queue = [start];
    let closing: Edge | undefined = selfLoop;
    while (queue.length && !closing) {
      const s = queue.shift()!;
      for (const e of next.get(s) ?? []) {
        if (!members.has(e.to)) continue;
        if (e.to === start) {
          closing = e;
          break;
        }
        if (!prev.has(e.to)) {
          prev.set(e.to, e);
          queue.push(e.to);
        }
      }
    }
    const path: string[] = [];
    for (let s = closing!.from; s !== start; s = prev.get(s)!.from) path.unshift(s);
    path.unshift(start);
    const edge = path.length > 1 ? prev.get(path[1]!)! : closing!;
    result.push({ path, edge });
  }
  return result.sort((a, b) => order.get(a.path[0]!)! - order.get(b.path[0]!)!);
}

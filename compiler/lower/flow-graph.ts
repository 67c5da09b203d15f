/**
 * Graph checks of the flows: the start step and every transition target exist (also in another flow),
 * transition keys fit the action, every result a capture or a lookup needs is there, unreachable steps,
 * and loops that need no caller (infinite loops), followed across flows the way the router runs them.
 */
import { isTransitionKey, transitionsByAction } from '../check/schemas/transitions.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import type { LookupInfo } from '../resolve/call-data/project-data.js';
import type { ExpandedAction } from '../resolve/expand-templates.js';
import type { FlowDoc, SpeechWords, TransitionTarget } from '../resolve/project-model.js';
import { lookupStoreMap, type StepControl } from '../resolve/step-controls.js';

/** Results of a lookup (flowc.yaml `lookups:`): all three are required. */
export const lookupResults = Object.keys(transitionsByAction.lookup!.keys);

/** One flow as the graph sees it. */
export interface FlowShape {
  file: SourceFile;
  doc: FlowDoc;
  /** step → its NCCO actions (templates expanded). */
  expanded: ReadonlyMap<string, ExpandedAction[]>;
  /** step → its lookup or decision, when it ends with one. */
  controls: ReadonlyMap<string, StepControl>;
}

export interface Edge {
  /** The flow the transition leaves. */
  flow: string;
  from: string;
  /** The flow it goes to (the same one unless it is a jump). */
  toFlow: string;
  to: string;
  locale?: string;
  /** The `on:` key; `if-<n>` / `otherwise` for a decision's branches. */
  key: string;
  action: string;
  speech?: SpeechWords;
  file: SourceFile;
  /** Pointer of the target (a string or a { goto } map; `…/then` for the end of an attempt limit). */
  pointer: string;
  /** Taken without the caller doing anything. */
  silent: boolean;
  /** Ends after `max` times in a call (an attempt limit): cannot loop forever. */
  counted: boolean;
  /** Data set when the call takes it (a capture's `stored`, a lookup's `found`, a decision's branch). */
  sets: readonly string[];
}

export const targetOf = (
  t: TransitionTarget,
): { goto: string; locale?: string; speech?: SpeechWords; flow?: string; max?: number; then?: TransitionTarget } =>
  typeof t === 'string' ? { goto: t } : t;

/** The last action of a step when it has `on:` (the one whose result the router follows). */
export const routedAction = (actions: readonly ExpandedAction[] | undefined): ExpandedAction | undefined => {
  const last = actions?.[actions.length - 1];
  return last?.on ? last : undefined;
};

/** The data an input stores into (its `store:`, when it names data). */
export const storeName = (a: ExpandedAction | undefined): string | undefined =>
  typeof a?.store?.value === 'string' ? a.store.value : undefined;

/** Where an edge's target step, flow or locale is written (in a `{ goto, flow }` map, or the plain step name). */
export function edgeTargetPointer(e: Edge, which: 'goto' | 'flow' | 'locale'): string {
  const node = e.file.value === undefined ? undefined : pointerValue(e.file.value, e.pointer);
  return typeof node === 'object' && node !== null ? joinPointer(e.pointer, which) : e.pointer;
}

/** A data declaration (`date` or `{ type: date, … }`) a capture can store into (steps-with-data.ts: digits and number from keys, text and one-of from words). */
function capturable(declaration: unknown): boolean {
  const type = typeof declaration === 'string' ? declaration : (declaration as { type?: unknown } | null | undefined)?.type;
  return type === 'digits' || type === 'number' || type === 'text' || type === 'one-of';
}

/** Every transition of a flow, attempt limits unfolded into the counted edge and its `then`. */
export function flowEdges(shape: FlowShape, lookups?: ReadonlyMap<string, LookupInfo>): Edge[] {
  const edges: Edge[] = [];
  const flow = shape.doc.flow;
  const add = (
    base: Omit<Edge, 'to' | 'toFlow' | 'counted' | 'pointer' | 'silent'>,
    target: TransitionTarget,
    pointer: string,
    silent: boolean,
  ) => {
    const t = targetOf(target);
    const limited = t.max !== undefined && t.then !== undefined;
    // Built field by field: spreading `base` here was most of the graph's time on large projects.
    const make = (to: string, toFlow: string | undefined, locale: string | undefined, at: string, counted: boolean): Edge => {
      const edge: Edge = {
        flow: base.flow,
        from: base.from,
        key: base.key,
        action: base.action,
        file: base.file,
        sets: base.sets,
        to,
        toFlow: toFlow ?? flow,
        pointer: at,
        silent,
        counted,
      };
      if (locale !== undefined) edge.locale = locale;
      return edge;
    };
    const edge = make(t.goto, t.flow, t.locale, pointer, limited);
    if (t.speech) edge.speech = t.speech;
    edges.push(edge);
    if (limited) {
      const then = targetOf(t.then!);
      edges.push(make(then.goto, then.flow, then.locale, joinPointer(pointer, 'then'), false));
    }
  };
  for (const [step, actions] of shape.expanded) {
    const control = shape.controls.get(step);
    if (control?.kind === 'lookup') {
      const info = lookups?.get(control.lookup);
      const map = lookupStoreMap(control.store) ?? {};
      // An unknown lookup, or an output it does not have, is reported itself; what it would store is taken as
      // stored, so that nothing else is said. An output that may be missing sets nothing. A store into data the
      // flow does not declare, or from an output the lookup does not have, is a misspelling reported there (with
      // its did-you-mean): the name meant is unknown, so every declared piece of data is taken as stored.
      const declared = Object.keys(shape.doc.data ?? {});
      const misspelt =
        info !== undefined && Object.entries(map).some(([out, d]) => info.decl.output[out] === undefined || !declared.includes(d));
      const found = misspelt
        ? declared
        : info
          ? Object.entries(map)
              .filter(([out]) => !info.decl.output[out]?.optional)
              .map(([, d]) => d)
          : Object.values(map);
      for (const [key, target] of Object.entries(control.on ?? {})) {
        add(
          { flow, from: step, key, action: 'lookup', file: control.file, sets: key === 'found' ? found : [] },
          target,
          joinPointer(control.pointer, 'on', key),
          true,
        );
      }
      continue;
    }
    if (control?.kind === 'decide') {
      control.decision.branches.forEach((b, i) => {
        const key = b.otherwise ? 'otherwise' : `if-${i + 1}`;
        const pointer = b.otherwise ? joinPointer(b.pointer, 'otherwise') : b.pointer;
        add({ flow, from: step, key, action: 'decide', file: control.file, sets: [...b.sets] }, b.target, pointer, true);
      });
      continue;
    }
    const last = routedAction(actions);
    if (!last?.on) continue;
    const keys = Object.keys(last.on.targets);
    const hasTimeout = keys.includes('timeout');
    const named = storeName(last);
    // A capture into data the flow does not declare (a misspelling, or a built-in) or of a type no caller can enter
    // (data/cannot-capture) is reported there: the name meant is unknown, so every declared piece of data is taken
    // as stored rather than said missing after it.
    const declared = Object.keys(shape.doc.data ?? {});
    const stored = named === undefined ? [] : capturable(shape.doc.data?.[named]) ? [named] : declared;
    for (const [key, target] of Object.entries(last.on.targets)) {
      const silent =
        (last.name === 'input' && (key === 'timeout' || (key === 'default' && !hasTimeout))) ||
        last.name === 'notify' ||
        last.name === 'connect';
      add(
        { flow, from: step, key, action: last.name, file: last.on.file, sets: key === 'stored' ? stored : [] },
        target,
        joinPointer(last.on.pointer, key),
        silent,
      );
    }
  }
  return edges;
}

/** What the graph checks need to know about the other flows of the project. */
export interface ProjectIndex {
  flows: ReadonlyMap<string, { doc: FlowDoc; file: SourceFile; steps: ReadonlySet<string> }>;
  /** Steps of a flow that another flow jumps to (they count as reached). */
  jumpTargets: ReadonlyMap<string, ReadonlySet<string>>;
  /** Flows whose files have errors of their own: jumps to them are not checked. */
  broken: ReadonlySet<string>;
}

export function projectIndex(shapes: readonly FlowShape[], edges: readonly Edge[], broken: ReadonlySet<string> = new Set()): ProjectIndex {
  const flows = new Map(shapes.map((s) => [s.doc.flow, { doc: s.doc, file: s.file, steps: new Set(s.expanded.keys()) }]));
  const jumpTargets = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.toFlow === e.flow) continue;
    const set = jumpTargets.get(e.toFlow) ?? new Set<string>();
    set.add(e.to);
    jumpTargets.set(e.toFlow, set);
  }
  return { flows, jumpTargets, broken };
}

/** Whether an edge leads to a step that exists. */
export const edgeResolves = (index: ProjectIndex, e: Edge): boolean => index.flows.get(e.toFlow)?.steps.has(e.to) === true;

export function checkFlowGraph(shape: FlowShape, edges: readonly Edge[], index: ProjectIndex): Diagnostic[] {
  const { file, doc, expanded } = shape;
  const out: Diagnostic[] = [];
  const steps = [...expanded.keys()];
  const stepSet = new Set(steps);
  const at = (f: SourceFile, p: string, part: 'key' | 'value' = 'value') => rangeAtPointer(f.doc, f.lineCounter, p, part);

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
  if (doc.onError !== undefined && !stepSet.has(doc.onError)) {
    const s = didYouMean(doc.onError, steps);
    out.push({
      code: 'flow/unknown-step',
      severity: 'error',
      message: `There is no step "${doc.onError}" in flow "${doc.flow}".${s ? ` Did you mean "${s}"?` : ''}`,
      file: file.path,
      pointer: '/onError',
      range: at(file, '/onError'),
      hint: s
        ? `Write onError: ${s}`
        : `Add a step "${doc.onError}" (e.g. one that apologises and offers an agent), or use one of: ${steps.join(', ')}.`,
    });
  }
  const seenKeyErrors = new Set<string>();
  for (const e of edges) {
    const keyPointer = e.pointer.replace(/\/then$/, '');
    const known = transitionsByAction[e.action] !== undefined;
    if (known && !isTransitionKey(e.action, e.key) && !seenKeyErrors.has(keyPointer)) {
      seenKeyErrors.add(keyPointer);
      out.push({
        code: 'flow/bad-transition-key',
        severity: 'error',
        message: `"${e.key}" is not a result of \`${e.action}\`.`,
        file: e.file.path,
        pointer: keyPointer,
        range: at(e.file, keyPointer, 'key'),
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
    const targetPointer = (which: 'goto' | 'flow' | 'locale') => edgeTargetPointer(e, which);
    const other = index.flows.get(e.toFlow);
    if (e.toFlow !== e.flow && other === undefined && index.broken.has(e.toFlow)) continue;
    if (e.toFlow !== e.flow && other === undefined) {
      const s = didYouMean(
        e.toFlow,
        [...index.flows.keys()].filter((f) => f !== e.flow),
      );
      out.push({
        code: 'flow/unknown-flow',
        severity: 'error',
        message: `There is no flow "${e.toFlow}".${s ? ` Did you mean "${s}"?` : ''}`,
        file: e.file.path,
        pointer: targetPointer('flow'),
        range: at(e.file, targetPointer('flow')),
        hint: s ? `Change it to ${s}.` : `The flows are: ${[...index.flows.keys()].join(', ')}.`,
      });
      continue;
    }
    const targetSteps = e.toFlow === e.flow ? stepSet : other!.steps;
    if (!targetSteps.has(e.to)) {
      const s = didYouMean(e.to, targetSteps);
      const where = e.toFlow === e.flow ? `flow "${doc.flow}"` : `flow "${e.toFlow}"`;
      out.push({
        code: 'flow/unknown-step',
        severity: 'error',
        message: `There is no step "${e.to}" in ${where}.${s ? ` Did you mean "${s}"?` : ''}`,
        file: e.file.path,
        pointer: targetPointer('goto'),
        range: at(e.file, targetPointer('goto')),
        hint: s ? `Change it to ${s}.` : `Add a step "${e.to}" under steps:, or use one of: ${[...targetSteps].slice(0, 12).join(', ')}.`,
      });
    }
    const locales = e.toFlow === e.flow ? doc.locales : other!.doc.locales;
    if (e.locale !== undefined && !locales.includes(e.locale)) {
      const s = didYouMean(e.locale, locales);
      out.push({
        code: 'flow/unknown-locale',
        severity: 'error',
        message: `${e.toFlow === e.flow ? 'This flow' : `Flow "${e.toFlow}"`} has no locale "${e.locale}".${s ? ` Did you mean "${s}"?` : ''}`,
        file: e.file.path,
        pointer: targetPointer('locale'),
        range: at(e.file, targetPointer('locale')),
        hint: `Use one of: ${locales.join(', ')}${e.toFlow === e.flow ? ', or add it to locales:' : ''}.`,
      });
    } else if (e.locale === undefined && e.toFlow !== e.flow) {
      const missing = doc.locales.filter((l) => !locales.includes(l));
      if (missing.length > 0) {
        out.push({
          code: 'flow/unknown-locale',
          severity: 'error',
          message: `Flow "${e.toFlow}" does not speak ${missing.join(', ')}, which this flow's calls can be in.`,
          file: e.file.path,
          pointer: targetPointer('flow'),
          range: at(e.file, targetPointer('flow')),
          hint: `Add locale: to say which locale the call continues in (${locales.join(', ')}), or add ${missing.join(', ')} to flow "${e.toFlow}".`,
        });
      }
    }
  }
  const byStep = adjacency(edges);
  // What an input with store: or a lookup must be told: every result it can have.
  for (const [step, actions] of expanded) {
    const control = shape.controls.get(step);
    const last = routedAction(actions) ?? actions[actions.length - 1];
    const required: { keys: readonly string[]; what: string; file: SourceFile; pointer: string; onPointer: string } | undefined =
      control?.kind === 'lookup'
        ? {
            keys: lookupResults,
            what: 'A lookup',
            file: control.file,
            pointer: joinPointer(control.pointer, 'lookup'),
            onPointer: joinPointer(control.pointer, 'on'),
          }
        : control === undefined && last?.name === 'input' && last.store
          ? {
              keys: ['stored', 'invalid'],
              what: 'An input with store:',
              file: last.store.file,
              pointer: last.store.pointer,
              onPointer: last.on?.pointer ?? last.store.pointer,
            }
          : undefined;
    if (required) {
      const given = new Set((byStep.get(step) ?? []).map((e) => e.key));
      const missing = required.keys.filter((k) => !given.has(k));
      if (missing.length > 0) {
        const hasOn = control?.kind === 'lookup' ? control.on !== undefined : last?.on !== undefined;
        const p = hasOn ? required.onPointer : required.pointer;
        out.push({
          code: 'flow/missing-transition',
          severity: 'error',
          message: `${required.what} needs ${missing.map((k) => `\`${k}\``).join(' and ')} in its on: (${required.keys.join(', ')}).`,
          file: required.file.path,
          pointer: p,
          range: at(required.file, p, 'key'),
          hint: `Add ${missing.map((k) => `${k}: <step>`).join(', ')} under on:.`,
        });
      }
    }
    if (control === undefined && last?.name === 'input' && last.on && !last.store) {
      for (const e of (byStep.get(step) ?? []).filter((x) => x.key === 'stored' || x.key === 'invalid')) {
        if (seenKeyErrors.has(e.pointer)) continue;
        seenKeyErrors.add(e.pointer);
        out.push({
          code: 'flow/bad-transition-key',
          severity: 'error',
          message: `"${e.key}" only happens when the input stores what the caller enters.`,
          file: e.file.path,
          pointer: e.pointer,
          range: at(e.file, e.pointer, 'key'),
          hint: 'Add store: <data> next to the input, or use digit keys, timeout and default.',
        });
      }
    }
  }
  for (const [step, actions] of expanded) {
    const last = routedAction(actions);
    if (last?.name !== 'input') continue;
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

  // Reachability from start, and from the steps other flows jump to.
  const next = adjacency(edges.filter((e) => e.toFlow === e.flow && stepSet.has(e.to)));
  const reached = new Set<string>();
  const queue = [
    ...(stepSet.has(doc.start) ? [doc.start] : []),
    ...[...(index.jumpTargets.get(doc.flow) ?? [])].filter((s) => stepSet.has(s)),
  ];
  if (doc.onError !== undefined && stepSet.has(doc.onError)) queue.push(doc.onError);
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
  return out;
}

/** The value at a pointer of plain data (for telling a `goto` map from a step name). */
function pointerValue(root: unknown, pointer: string): unknown {
  let node = root;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const nodeId = (flow: string, step: string): string => `${flow}\u0000${step}`;

/**
 * Loops the caller cannot end, across every flow of the project: cycles of transitions that happen without
 * the caller (silence on an input, a notify, a connect's result, a lookup, a decision), unless an attempt
 * limit counts them; and inputs that ask a silent caller again and again (neither timeout nor default).
 */
export function checkSilentLoops(shapes: readonly FlowShape[], edges: readonly Edge[], index: ProjectIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (f: SourceFile, p: string, part: 'key' | 'value' = 'value') => rangeAtPointer(f.doc, f.lineCounter, p, part);
  for (const shape of shapes) {
    for (const [step, actions] of shape.expanded) {
      if (shape.controls.has(step)) continue;
      const last = routedAction(actions);
      if (last?.name !== 'input' || !last.on) continue;
      const keys = Object.keys(last.on.targets);
      if (keys.includes('timeout') || keys.includes('default')) continue;
      out.push({
        code: 'flow/infinite-loop',
        severity: 'error',
        message: `When the caller says nothing, the input of step "${step}" asks again, and again, forever: it has neither \`timeout\` nor \`default\`.`,
        file: last.on.file.path,
        pointer: last.on.pointer,
        range: at(last.on.file, last.on.pointer, 'key'),
        hint: 'Add timeout: <step>, e.g. { goto: this step, max: 2, then: goodbye } to ask twice more and then end the call.',
      });
    }
  }
  const silent = edges.filter((e) => e.silent && !e.counted && edgeResolves(index, e));
  // Only steps with a silent transition can be in a silent loop; they are visited in file order.
  const involved = new Set<string>();
  for (const e of silent) involved.add(nodeId(e.flow, e.from));
  const order: string[] = [];
  const names = new Map<string, { flow: string; step: string }>();
  for (const shape of shapes) {
    for (const step of shape.expanded.keys()) {
      const id = nodeId(shape.doc.flow, step);
      if (!involved.has(id)) continue;
      order.push(id);
      names.set(id, { flow: shape.doc.flow, step });
    }
  }
  const ids = silent.map((e) => ({ from: nodeId(e.flow, e.from), to: nodeId(e.toFlow, e.to), edge: e }));
  for (const cycle of silentCycles(order, ids)) {
    const first = cycle.edge;
    const label = (id: string) => {
      const n = names.get(id)!;
      return n.flow === first.flow ? n.step : `${n.flow}/${n.step}`;
    };
    out.push({
      code: 'flow/infinite-loop',
      severity: 'error',
      message: `These steps can repeat forever without the caller doing anything: ${[...cycle.path, cycle.path[0]!].map(label).join(' → ')}.`,
      file: first.file.path,
      pointer: first.pointer,
      range: at(first.file, first.pointer),
      hint: 'Send one of these transitions to a step that ends the call, or count it: { goto: step, max: 3, then: goodbye }.',
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

interface IdEdge {
  from: string;
  to: string;
  edge: Edge;
}

/**
 * One cycle per strongly connected component of the silent edges (Tarjan, iterative so that a
 * flow of thousands of steps cannot exhaust the stack), reported from its first step in file order.
 */
function silentCycles(nodes: readonly string[], silent: readonly IdEdge[]): { path: string[]; edge: Edge }[] {
  const next = new Map<string, IdEdge[]>();
  for (const e of silent) {
    const list = next.get(e.from);
    if (list) list.push(e);
    else next.set(e.from, [e]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
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
  const order = new Map(nodes.map((s, i) => [s, i]));
  const result: { path: string[]; edge: Edge }[] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
    const selfLoop = (next.get(start) ?? []).find((e) => e.to === start);
    if (component.length === 1 && !selfLoop) continue;
    // Walk inside the component from its first step back to it (BFS keeps the path short).
    const prev = new Map<string, IdEdge>();
    const queue = [start];
    let closing: IdEdge | undefined = selfLoop;
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
    const edge = path.length > 1 ? prev.get(path[1]!)!.edge : closing!.edge;
    result.push({ path, edge });
  }
  return result.sort((a, b) => order.get(a.path[0]!)! - order.get(b.path[0]!)!);
}

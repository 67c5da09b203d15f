/**
 * Graph checks of a flow: the start step and every transition target exist, transition keys
 * fit the action, unreachable steps, and cycles that need no caller input (infinite loops).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import type { ExpandedAction } from '../resolve/expand-templates.js';
import type { FlowDoc, TransitionTarget } from '../resolve/project-model.js';

/** Which `on:` keys each action's webhook can produce (NCCO reference: input, pay, connect, notify). */
export const allowedTransitionKeys: Record<string, (key: string) => boolean> = {
  input: (k) => /^[0-9*#]{1,20}$/.test(k) || k === 'timeout' || k === 'default',
  pay: (k) => k === 'success' || k === 'failure',
  connect: (k) => ['busy', 'unanswered', 'failed', 'rejected', 'timeout', 'default'].includes(k),
  notify: (k) => k === 'default',
};

const keyHelp: Record<string, string> = {
  input: 'digits the caller presses (e.g. "1"), timeout or default',
  pay: 'success or failure',
  connect: 'busy, unanswered, failed, rejected, timeout or default',
  notify: 'default',
};

/** Transitions that happen without the caller doing anything. */
const needsNoCaller = (action: string, key: string): boolean =>
  (action === 'input' && key === 'timeout') || action === 'notify' || action === 'connect';

export interface Edge {
  from: string;
  to: string;
  locale?: string;
  key: string;
  action: string;
  speech?: string[];
  file: SourceFile;
  pointer: string;
}

export const targetOf = (t: TransitionTarget): { goto: string; locale?: string; speech?: string[] } =>
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
    out.push({ code: 'flow/unknown-start', severity: 'error', message: `The start step "${doc.start}" does not exist.${s ? ` Did you mean "${s}"?` : ''}`, file: file.path, pointer: '/start', range: at(file, '/start'), hint: s ? `Write start: ${s}` : `Use one of: ${steps.join(', ')}.` });
  }
  for (const e of edges) {
    if (!allowedTransitionKeys[e.action]!(e.key)) {
      out.push({ code: 'flow/bad-transition-key', severity: 'error', message: `"${e.key}" is not a result of \`${e.action}\`.`, file: e.file.path, pointer: e.pointer, range: at(e.file, e.pointer, 'key'), hint: `For ${e.action}, use ${keyHelp[e.action]}.` });
    }
    if (e.speech && e.action !== 'input') {
      out.push({ code: 'flow/speech-not-input', severity: 'error', message: 'Speech words only make sense on an input.', file: e.file.path, pointer: joinPointer(e.pointer, 'speech'), range: at(e.file, joinPointer(e.pointer, 'speech'), 'key'), hint: 'Remove `speech:` here.' });
    }
    if (!stepSet.has(e.to)) {
      const s = didYouMean(e.to, steps);
      out.push({ code: 'flow/unknown-step', severity: 'error', message: `There is no step "${e.to}" in flow "${doc.flow}".${s ? ` Did you mean "${s}"?` : ''}`, file: e.file.path, pointer: e.pointer, range: at(e.file, e.pointer), hint: s ? `Change it to ${s}.` : `Add a step "${e.to}" under steps:, or use one of: ${steps.join(', ')}.` });
    }
    if (e.locale !== undefined && !doc.locales.includes(e.locale)) {
      out.push({ code: 'flow/unknown-locale', severity: 'error', message: `This flow has no locale "${e.locale}".`, file: e.file.path, pointer: joinPointer(e.pointer, 'locale'), range: at(e.file, joinPointer(e.pointer, 'locale')), hint: `Use one of: ${doc.locales.join(', ')}, or add it to locales:.` });
    }
  }
  for (const [step, actions] of expanded) {
    const last = actions[actions.length - 1];
    if (last?.name !== 'input' || !last.on) continue;
    const types = Array.isArray(last.body.type) ? (last.body.type as unknown[]) : [];
    if (types.includes('speech') || last.body.speech !== undefined) continue;
    for (const e of edges.filter((x) => x.from === step && x.speech)) {
      const p = joinPointer(e.pointer, 'speech');
      out.push({ code: 'flow/speech-without-speech-input', severity: 'warning', message: 'These words can never match: the input does not listen for speech.', file: e.file.path, pointer: p, range: at(e.file, p, 'key'), hint: 'Add speech to the input: type: [dtmf, speech].' });
    }
  }
  for (const [number, locale] of Object.entries(doc.numbers ?? {})) {
    if (!doc.locales.includes(locale)) {
      const p = joinPointer('/numbers', number);
      out.push({ code: 'flow/unknown-locale', severity: 'error', message: `Number ${number} starts in "${locale}", which is not one of this flow's locales.`, file: file.path, pointer: p, range: at(file, p), hint: `Use one of: ${doc.locales.join(', ')}.` });
    }
  }

  // Reachability from start.
  const reached = new Set<string>();
  const queue = stepSet.has(doc.start) ? [doc.start] : [];
  while (queue.length) {
    const s = queue.pop()!;
    if (reached.has(s)) continue;
    reached.add(s);
    for (const e of edges) if (e.from === s && stepSet.has(e.to)) queue.push(e.to);
  }
  if (stepSet.has(doc.start)) {
    for (const s of steps) {
      if (reached.has(s)) continue;
      const p = joinPointer('/steps', s);
      out.push({ code: 'flow/unreachable-step', severity: 'warning', message: `No transition leads to the step "${s}", so no caller will ever reach it.`, file: file.path, pointer: p, range: at(file, p, 'key'), hint: `Add a transition to "${s}" (e.g. in an on: map), or delete the step.` });
    }
  }

  // Cycles made only of transitions that need no caller input loop forever.
  const silent = edges.filter((e) => needsNoCaller(e.action, e.key) && stepSet.has(e.to));
  const reported = new Set<string>();
  for (const start of steps) {
    const path = findSilentCycle(start, silent);
    if (!path) continue;
    const key = [...path].sort().join('|');
    if (reported.has(key)) continue;
    reported.add(key);
    const first = silent.find((e) => e.from === path[0] && e.to === path[1 % path.length])!;
    out.push({
      code: 'flow/infinite-loop',
      severity: 'error',
      message: `These steps can repeat forever without the caller doing anything: ${[...path, path[0]].join(' → ')}.`,
      file: first.file.path,
      pointer: first.pointer,
      range: at(first.file, first.pointer),
      hint: 'Send one of these transitions to a step that ends the call (e.g. after a second timeout, say goodbye).',
    });
  }
  return out;
}

function findSilentCycle(start: string, silent: readonly Edge[]): string[] | undefined {
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (s: string): string[] | undefined => {
    if (s === start && stack.length > 0) return [...stack];
    if (seen.has(s)) return undefined;
    seen.add(s);
    stack.push(s);
    for (const e of silent) {
      if (e.from !== s) continue;
      const found = visit(e.to);
      if (found) return found;
    }
    stack.pop();
    return undefined;
  };
  return visit(start);
}

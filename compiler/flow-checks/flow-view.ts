/**
 * What the checks of this folder look at: a resolved flow seen as a caller meets it — menus (inputs with
 * choices), where each choice leads, which steps end the call — plus a way to place findings on the YAML.
 */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import type { SourceFile } from '../load/source-file.js';
import { rangeAtPointer } from '../load/source-position.js';
import { flowEdges, type FlowShape, targetOf, type Edge } from '../lower/flow-graph.js';
import type { ExpandedAction } from '../resolve/expand-templates.js';
import type { FlowDoc, ProjectSettings, SpeechWords } from '../resolve/project-model.js';
import type { ResolvedFlow } from '../resolve/resolve-flow.js';

export interface FlowCheckInput {
  file: SourceFile;
  doc: FlowDoc;
  resolved: ResolvedFlow;
  settings: ProjectSettings;
  /** Other flows hand calls over to this one (`{ goto, flow }`): it is reached without numbers of its own. */
  handedOver?: boolean;
}

/** A caller's choice on an input: the keys pressed (not timeout/default, nor a key that fits no input: flow/bad-transition-key). */
export const isChoiceKey = (key: string): boolean => /^[0-9*#]{1,20}$/.test(key);

export interface InputStep {
  step: string;
  input: ExpandedAction;
  on: NonNullable<ExpandedAction['on']>;
  /** The caller's choices: digit keys (each may also have speech words). */
  choices: { key: string; goto: string; locale?: string; speech?: SpeechWords }[];
}

/** Steps that end with an input that has `on:`. A menu is one with at least one choice. */
export function inputSteps(expanded: ReadonlyMap<string, ExpandedAction[]>): InputStep[] {
  const out: InputStep[] = [];
  for (const [step, actions] of expanded) {
    const input = actions[actions.length - 1];
    if (input?.name !== 'input' || !input.on) continue;
    const choices = Object.entries(input.on.targets)
      .filter(([key]) => isChoiceKey(key))
      .map(([key, target]) => ({ key, ...targetOf(target) }));
    out.push({ step, input, on: input.on, choices });
  }
  return out;
}

/** Actions whose result the application's own eventUrl handles when they have no `on:`: the call does not simply end. */
const handedToApp: ReadonlySet<string> = new Set(['input', 'pay', 'notify']);
/** Actions after which the caller talks with someone else (or is moved elsewhere), not with the flow. */
const handedToPerson: ReadonlySet<string> = new Set(['connect', 'conversation', 'transfer']);

/**
 * A step after which Vonage ends the call: its last action has no `on:` and hands the call to nobody. A step that
 * ends with a lookup or a decision (`hasControl`) goes on.
 */
export function endsCall(actions: readonly ExpandedAction[], hasControl = false): boolean {
  if (hasControl) return false;
  const last = actions[actions.length - 1];
  return last !== undefined && !last.on && !handedToApp.has(last.name) && !handedToPerson.has(last.name);
}

/** A step that puts the caller through to a person. */
export const reachesPerson = (actions: readonly ExpandedAction[]): boolean => actions.some((a) => a.name === 'connect');

/** Transitions that happen without a caller's choice and without a new question: notify, connect outcomes, lookups, decisions. */
const isAutomatic = (e: Edge): boolean => e.action === 'notify' || e.action === 'connect' || e.action === 'lookup' || e.action === 'decide';

/** The steps a call goes through from `start` before the caller must choose again. */
export function automaticClosure(start: string, next: ReadonlyMap<string, Edge[]>): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const s = queue.pop()!;
    for (const e of next.get(s) ?? []) {
      if (!isAutomatic(e) || seen.has(e.to)) continue;
      seen.add(e.to);
      queue.push(e.to);
    }
  }
  return seen;
}

/** How many transitions the shortest way from `start` to each reachable step takes (breadth first). */
export function stepDepths(start: string, next: ReadonlyMap<string, Edge[]>): Map<string, number> {
  const depth = new Map<string, number>([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    for (const e of next.get(s) ?? []) {
      if (depth.has(e.to)) continue;
      depth.set(e.to, depth.get(s)! + 1);
      queue.push(e.to);
    }
  }
  return depth;
}

/** Transitions by the step they leave, within the flow (a jump to another flow leaves the flow's graph). */
export function edgesByStep(flow: FlowShape): Map<string, Edge[]> {
  const map = new Map<string, Edge[]>();
  for (const e of flowEdges(flow)) {
    if (e.toFlow !== e.flow) continue;
    const list = map.get(e.from);
    if (list) list.push(e);
    else map.set(e.from, [e]);
  }
  return map;
}

/** A finding placed on a YAML node, with the `use:` sites that brought it in. */
export function findingAt(
  d: Omit<Diagnostic, 'file' | 'range' | 'pointer'>,
  file: SourceFile,
  pointer: string,
  part: 'key' | 'value' = 'key',
  related: RelatedLocation[] = [],
): Diagnostic {
  const range = rangeAtPointer(file.doc, file.lineCounter, pointer, part);
  return { ...d, file: file.path, pointer, ...(range ? { range } : {}), ...(related.length ? { related } : {}) };
}

/** Where an action's options are written (`- talk: {...}` → /steps/x/0/talk). */
export const optionsPointer = (action: ExpandedAction): string => joinPointer(action.pointer, action.name);

export { listWords } from '../diagnostics/list-words.js';

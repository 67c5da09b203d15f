/**
 * Lower stage, second half: a flow's lowered steps and transitions become its route program
 * (compiler/router/runtime/program.mts), the one thing the router reads.
 */
import { createHash } from 'node:crypto';
import {
  eventRoutePath,
  type FlowProgram,
  type NccoForm,
  type ProjectProgram,
  type StepProgram,
  type StepTransitions as ProgramTransitions,
  stepId,
  type Target,
  type Transition,
} from '../router/runtime/program.mjs';
import { asciiJson } from '../router/runtime/render.mjs';
import { foldWords } from '../router/runtime/words.mjs';
import type { RouteTarget, StepTransitions } from './lowered-transitions.js';
import type { LoweredStep } from './lower-flow.js';

/** Marks, inside a JSON string, where the sealed call state goes (JSON.stringify writes it as \u0000). */
const STATE_MARK = '\u0000flowc-state\u0000';
const STATE_MARK_JSON = JSON.stringify(STATE_MARK).slice(1, -1);

const transition = (t: RouteTarget): Transition => ({ to: { flow: t.flow, locale: t.locale, step: t.step } });

/** JSON text with every non-ASCII character as a \u escape: the router then holds one-byte strings. */
export { asciiJson };

/** The NCCO as text with a state hole after the router's eventUrl of its last action (if it has `on:`). */
export function nccoForm(step: LoweredStep, routerUrl: string, hasTransitions: boolean): NccoForm {
  if (!hasTransitions) return [asciiJson(step.ncco)];
  const own = routerUrl + eventRoutePath(step);
  const ncco = step.ncco.map((action, i) => {
    if (i !== step.ncco.length - 1 || !Array.isArray(action.eventUrl) || action.eventUrl[0] !== own) return action;
    return { ...action, eventUrl: [own + STATE_MARK] };
  });
  const text = asciiJson(ncco);
  const at = text.indexOf(STATE_MARK_JSON);
  if (at < 0) return [text];
  return [text.slice(0, at), { state: true }, text.slice(at + STATE_MARK_JSON.length)];
}

function programTransitions(t: StepTransitions): ProgramTransitions {
  switch (t.kind) {
    case 'input':
      return {
        kind: 'input',
        digits: Object.fromEntries(Object.entries(t.digits).map(([k, to]) => [k, transition(to)])),
        speech: t.speech.map((c) => ({ phrases: c.words.map(foldWords).filter((p) => p.length > 0), to: transition(c.target) })),
        ...(t.minConfidence !== undefined ? { minConfidence: t.minConfidence } : {}),
        ...(t.timeout ? { timeout: transition(t.timeout) } : {}),
        ...(t.default ? { default: transition(t.default) } : {}),
      };
    case 'pay':
      return {
        kind: 'pay',
        ...(t.success ? { success: transition(t.success) } : {}),
        ...(t.failure ? { failure: transition(t.failure) } : {}),
      };
    case 'connect':
      return {
        kind: 'connect',
        statuses: Object.fromEntries(Object.entries(t.statuses).map(([k, to]) => [k, transition(to)])),
        ...(t.default ? { default: transition(t.default) } : {}),
      };
    case 'notify':
      return { kind: 'notify', default: transition(t.default) };
  }
}

export interface FlowProgramInput {
  flow: string;
  locales: string[];
  steps: readonly LoweredStep[];
  /** Key `${flow}/${locale}/${step}` → transitions (lowerFlow's table). */
  transitions: Readonly<Record<string, StepTransitions>>;
}

export function lowerFlowProgram(input: FlowProgramInput, routerUrl: string): FlowProgram {
  const steps: Record<string, StepProgram> = {};
  for (const step of input.steps) {
    const t = input.transitions[`${step.flow}/${step.locale}/${step.step}`];
    const program: StepProgram = { kind: 'ncco', ncco: nccoForm(step, routerUrl, t !== undefined), reads: [] };
    if (t) program.on = programTransitions(t);
    steps[stepId(step)] = program;
  }
  return { version: 1, flow: input.flow, locales: [...input.locales], data: {}, steps };
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The project's program: numbers, flows (with the hash of each flow's chunk), hours and lookups. */
export function lowerProjectProgram(
  routerUrl: string,
  flows: readonly FlowProgram[],
  numbers: Readonly<Record<string, RouteTarget>>,
): ProjectProgram {
  const byName = new Map(flows.map((f) => [f.flow, f]));
  const out: ProjectProgram = {
    version: 1,
    projectId: sha256(`flowc-project:${routerUrl}`).slice(0, 16),
    routerUrl,
    numbers: {},
    flows: {},
    hours: {},
    lookups: {},
  };
  for (const number of Object.keys(numbers).sort()) {
    const t = numbers[number]!;
    const start: Target = { flow: t.flow, locale: t.locale, step: t.step };
    const step = byName.get(t.flow)?.steps[stepId(t)];
    const isStatic = step?.kind === 'ncco' && step.reads.length === 0;
    out.numbers[number] = { start, answeredBy: isStatic ? 'cdn' : 'router' };
  }
  for (const f of [...flows].sort((a, b) => (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0))) {
    out.flows[f.flow] = { sha256: sha256(JSON.stringify(f)) };
  }
  return out;
}

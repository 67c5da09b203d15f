/**
 * Lower stage, second half: a flow's lowered steps and transitions become its route program
 * (compiler/router/runtime/program.ts), the one thing the router reads. A step whose NCCO needs call
 * data becomes a form with holes (each with the check the router runs before answering).
 */
import {
  type DataDeclaration,
  type DecideStep,
  eventRoutePath,
  type FlowProgram,
  type Hole,
  type LookupDeclaration,
  type LookupStep,
  type NccoForm,
  type OpeningHours,
  type ProjectProgram,
  type StepProgram,
  type StepTransitions as ProgramTransitions,
  stepId,
  type Target,
  type ValueCheck,
} from '../router/runtime/program.mjs';
import { asciiJson } from '../router/runtime/render.mjs';
import type { RouteTarget } from './lowered-transitions.js';
import { DataForm } from '../resolve/call-data/text-form.js';
import { talkTextLimit } from '../resolve/call-data/check-uses.js';
import type { LoweredStep } from './lower-flow.js';
import type { FlowSummary } from '../router/flow-summary.js';
import { sha256 as sha256Of } from '../sha256.js';

/** Marks, inside a JSON string, where the sealed call state goes (JSON.stringify writes it as \u0000). */
const STATE_MARK = '\u0000flowc-state\u0000';
/** A value that needs call data, while the NCCO is written as JSON: "\u0000flowc-hole-<n>\u0000". */
const holeMark = (n: number): string => `\u0000flowc-hole-${n}\u0000`;
const STATE_MARK_JSON = JSON.stringify(STATE_MARK).slice(1, -1);
const MARKS = /\\u0000flowc-state\\u0000|"\\u0000flowc-hole-(\d+)\\u0000"/g;

/** JSON text with every non-ASCII character as a \u escape: the router then holds one-byte strings. */
export { asciiJson };

/** The check the router runs on a filled-in value, from where it goes (docs/router.md). */
function holeCheck(form: DataForm, pointer: string): ValueCheck | undefined {
  const v = form.value;
  switch (form.place) {
    case 'pay-amount': {
      const t = form.uses.find((u) => 'data' in v && u.name === v.data)?.decl.type;
      return {
        kind: 'pay-amount',
        ...(t?.type === 'money' && t.min !== undefined ? { min: t.min } : {}),
        ...(t?.type === 'money' && t.max !== undefined ? { max: t.max } : {}),
      };
    }
    case 'phone':
      return { kind: 'phone-number' };
    case 'spoken':
      // A talk's text (NCCO reference: talk, at most 1,500 characters); pay prompt texts have no documented limit.
      return /^\/\d+\/text$/.test(pointer) ? { kind: 'text', maxLength: talkTextLimit, ssml: 'text' in v && v.ssml } : undefined;
    default:
      return undefined;
  }
}

/**
 * The NCCO as text with holes: a state hole after the router's eventUrl of its last action (when it has
 * `on:`), and a hole for each value that needs call data.
 */
export function nccoForm(step: LoweredStep, routerUrl: string, hasTransitions: boolean): NccoForm {
  const own = routerUrl + eventRoutePath(step);
  if (!step.form) {
    // A static step: one string, with the state hole after its own eventUrl.
    if (!hasTransitions) return [asciiJson(step.ncco)];
    const ncco = step.ncco.map((action, i) => {
      if (i !== step.ncco.length - 1 || !Array.isArray(action.eventUrl) || action.eventUrl[0] !== own) return action;
      return { ...action, eventUrl: [own + STATE_MARK] };
    });
    const text = asciiJson(ncco);
    const at = text.indexOf(STATE_MARK_JSON);
    return at < 0 ? [text] : [text.slice(0, at), { state: true }, text.slice(at + STATE_MARK_JSON.length)];
  }
  const holes: Hole[] = [];
  const source = step.form;
  const mark = (value: unknown, pointer: string): unknown => {
    if (value instanceof DataForm) {
      const check = holeCheck(value, pointer);
      holes.push({ value: value.value, ...(check ? { check } : {}), pointer });
      return holeMark(holes.length - 1);
    }
    if (Array.isArray(value)) return value.map((v, i) => mark(v, `${pointer}/${i}`));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, mark(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)]),
      );
    }
    return value;
  };
  const ncco = source.map((action, i) => {
    const marked = mark(action, `/${i}`) as Record<string, unknown>;
    if (!hasTransitions || i !== source.length - 1 || !Array.isArray(action.eventUrl) || action.eventUrl[0] !== own) return marked;
    return { ...marked, eventUrl: [own + STATE_MARK] };
  });
  const text = asciiJson(ncco);
  const form: NccoForm = [];
  let at = 0;
  for (const m of text.matchAll(MARKS)) {
    if (m.index > at) form.push(text.slice(at, m.index));
    form.push(m[1] === undefined ? { state: true } : holes[Number(m[1])]!);
    at = m.index + m[0].length;
  }
  if (at < text.length || form.length === 0) form.push(text.slice(at));
  return form;
}

export interface FlowProgramInput {
  flow: string;
  locales: string[];
  data?: Record<string, DataDeclaration>;
  onError?: string;
  steps: readonly LoweredStep[];
  /** `${locale}/${step}` → where the step's webhook leads (lowerFlow's routes). */
  routes: Readonly<Record<string, ProgramTransitions>>;
  reportsInput?: ReadonlySet<string>;
  /** `${locale}/${step}` → lookup and decision steps. */
  controlSteps?: Readonly<Record<string, LookupStep | DecideStep>>;
}

export function lowerFlowProgram(input: FlowProgramInput, routerUrl: string): FlowProgram {
  const steps: Record<string, StepProgram> = {};
  for (const step of input.steps) {
    const key = stepId(step);
    const on = input.routes[key];
    const program: StepProgram = { kind: 'ncco', ncco: nccoForm(step, routerUrl, on !== undefined), reads: [...step.reads] };
    if (on) program.on = on;
    if (input.reportsInput?.has(key)) program.reportsInput = true;
    steps[key] = program;
  }
  for (const [key, control] of Object.entries(input.controlSteps ?? {})) steps[key] = control;
  const sorted: Record<string, StepProgram> = {};
  for (const key of Object.keys(steps).sort()) sorted[key] = steps[key]!;
  const data: Record<string, DataDeclaration> = {};
  for (const name of Object.keys(input.data ?? {}).sort()) data[name] = input.data![name]!;
  return {
    version: 1,
    flow: input.flow,
    locales: [...input.locales],
    data,
    steps: sorted,
    ...(input.onError !== undefined ? { onError: input.onError } : {}),
  };
}

const sha256 = (text: string): string => sha256Of(text, 'hex');

export { isStaticStep, readsAnswerBuiltins } from '../router/flow-summary.js';

/** The project's program: numbers, flows (with the hash of each flow's chunk), hours and lookups. */
export function lowerProjectProgram(
  routerUrl: string,
  flows: readonly FlowSummary[],
  numbers: Readonly<Record<string, RouteTarget>>,
  tables: {
    hours?: ReadonlyMap<string, OpeningHours>;
    lookups?: ReadonlyMap<string, LookupDeclaration>;
    /** Outbound flows (`direction: outbound`) by name, with their start step. */
    outbound?: ReadonlyMap<string, { start: string }>;
  } = {},
): ProjectProgram {
  const byName = new Map(flows.map((f) => [f.flow, f]));
  const out: ProjectProgram = {
    version: 1,
    projectId: sha256(`flowc-project:${routerUrl}`).slice(0, 16),
    routerUrl,
    numbers: {},
    outbound: {},
    flows: {},
    hours: {},
    lookups: {},
  };
  for (const number of Object.keys(numbers).sort()) {
    const t = numbers[number]!;
    const start: Target = { flow: t.flow, locale: t.locale, step: t.step };
    const flow = byName.get(t.flow);
    const cdn = flow?.steps.get(stepId(t)) === true && !flow.readsAnswerBuiltins;
    out.numbers[number] = { start, answeredBy: cdn ? 'cdn' : 'router' };
  }
  for (const name of [...(tables.outbound?.keys() ?? [])].sort()) {
    const flow = byName.get(name);
    if (flow === undefined) continue; // a flow that did not lower has errors: nothing is written
    const start = tables.outbound!.get(name)!.start;
    const cdn = flow.locales.every((locale) => flow.steps.get(stepId({ locale, step: start })) === true) && !flow.readsAnswerBuiltins;
    out.outbound![name] = { start, locales: [...flow.locales], answeredBy: cdn ? 'cdn' : 'router' };
  }
  for (const f of [...flows].sort((a, b) => (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0))) {
    out.flows[f.flow] = { sha256: f.sha256 };
  }
  for (const name of [...(tables.hours?.keys() ?? [])].sort()) out.hours[name] = tables.hours!.get(name)!;
  for (const name of [...(tables.lookups?.keys() ?? [])].sort()) out.lookups[name] = tables.lookups!.get(name)!;
  return out;
}

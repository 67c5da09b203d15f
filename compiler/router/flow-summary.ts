/**
 * What the project's program and the router's entry modules need of one flow's route program, small
 * enough to keep for every flow of a large project: its steps (and which the CDN can serve), the helpers
 * its texts use, its data declarations, the hash of its program, and what its consistency check still
 * needs from other flows (jumps into them, lookups). A streaming build writes each flow's data chunk in
 * its turn and keeps only this (issue 12, "Memory that stays flat"); the result is the same as working
 * from every flow's program.
 */
import {
  type DataDeclaration,
  type FlowProgram,
  type HelperName,
  type StepProgram,
  stepId,
  type Target,
  type TextPart,
  type Transition,
  type ValueForm,
} from './runtime/program.mjs';
import { sha256 as sha256Of } from '../sha256.js';

/** The helpers a text may use, each in its own runtime module (helpers/<name>.mts). */
export const HELPER_NAMES: readonly HelperName[] = ['date', 'digits', 'money', 'pause', 'time'];

/**
 * One item of a flow's consistency check, in the order the check reports problems: a problem already
 * known from the flow alone, or a jump into another flow or a lookup call, checked once every flow is known.
 */
export type FlowCheck = { problem: string } | { key: string; target: Target } | { key: string; lookup: string };

export interface FlowSummary {
  flow: string;
  locales: readonly string[];
  data: Readonly<Record<string, DataDeclaration>>;
  /** Each step (by stepId) and whether the CDN can serve it (isStaticStep). */
  steps: ReadonlyMap<string, boolean>;
  /** The flow reads a built-in only the answer webhook tells (readsAnswerBuiltins). */
  readsAnswerBuiltins: boolean;
  /** The helpers its forms use. */
  helpers: ReadonlySet<HelperName>;
  /** sha256 of the program's JSON (the project program's flows table). */
  sha256: string;
  checks: readonly FlowCheck[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sha256 = (text: string): string => sha256Of(text, 'hex');

/** A program's serialized forms: the sha256 of its JSON (the project program's flows table) and its router data chunk. */
interface SerializedProgram {
  sha256: string;
  /** The chunk's text (router/data/flows/…): the same JSON with every non-ASCII character as a \u escape. */
  chunk: string;
  chunkSha256?: string;
}

/**
 * Per program object (a warm compiler, `flowc build --watch`, keeps the programs of flows served from its
 * cache): the program is stringified once for both its hash and its chunk, which is asciiJson() of the
 * same value (compiler/router/runtime/render.mts) — JSON.stringify once, then the escapes.
 */
const serializedPrograms = new WeakMap<FlowProgram, SerializedProgram>();
function serializedProgram(f: FlowProgram): SerializedProgram {
  let known = serializedPrograms.get(f);
  if (known === undefined) {
    const json = JSON.stringify(f);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: every character above '~' is escaped, as asciiJson does
    const ascii = /[^\x00-\x7e]/.test(json)
      ? json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : json;
    known = { sha256: sha256(json), chunk: `${ascii}\n` };
    serializedPrograms.set(f, known);
  }
  return known;
}

export const programSha256 = (f: FlowProgram): string => serializedProgram(f).sha256;

/** A flow's router data chunk (asciiJson(program) and a newline) and its sha256. */
export function programChunk(f: FlowProgram): { content: string; sha256: string } {
  const known = serializedProgram(f);
  known.chunkSha256 ??= sha256(known.chunk);
  return { content: known.chunk, sha256: known.chunkSha256 };
}

/** A step the CDN can serve: an NCCO that reads no call data. */
export const isStaticStep = (s: StepProgram | undefined): boolean => s?.kind === 'ncco' && s.reads.length === 0;

/**
 * The built-ins only the answer webhook is sure to tell: a notify's webhook, for one, has no `from` or `to`
 * (webhook samples). A flow that reads one must be answered by the router, which seals them into the call's
 * state from the first answer on; from the CDN, a lookup by the calling number would find nobody.
 */
const ANSWER_BUILTINS: ReadonlySet<string> = new Set(['caller', 'called', 'callId']);

/** The data names a value form, text part or condition reads (`data`, `if`, `set`). */
function namesIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) namesIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'data' || key === 'if' || key === 'set') && typeof v === 'string') out.add(v);
      else namesIn(v, out);
    }
  }
}

export function readsAnswerBuiltins(flow: FlowProgram | undefined): boolean {
  if (flow === undefined) return false;
  const names = new Set<string>();
  for (const step of Object.values(flow.steps)) {
    if (step.kind === 'ncco') for (const name of step.reads) names.add(name);
    else namesIn(step.kind === 'lookup' ? step.input : step.branches, names);
  }
  return [...names].some((name) => ANSWER_BUILTINS.has(name));
}

export function transitionsOf(step: StepProgram): Transition[] {
  if (step.kind === 'decide') return [...step.branches.map((b) => b.to), step.otherwise];
  if (step.kind === 'lookup') return [step.found, step.notFound, step.failed];
  const on = step.on;
  if (!on) return [];
  switch (on.kind) {
    case 'input':
      return [
        ...Object.values(on.digits),
        ...on.speech.map((s) => s.to),
        ...[on.timeout, on.default, on.stored, on.invalid].filter((t): t is Transition => t !== undefined),
      ];
    case 'pay':
      return [on.success, on.failure].filter((t): t is Transition => t !== undefined);
    case 'connect':
      return [...Object.values(on.statuses), ...(on.default ? [on.default] : [])];
    case 'notify':
      return [on.default];
  }
}

export function targetsOf(t: Transition): Target[] {
  return t.limit ? [t.to, ...targetsOf(t.limit.then)] : [t.to];
}

function helpersOfText(parts: readonly TextPart[], out: Set<HelperName>): void {
  for (const part of parts) {
    if (typeof part === 'string') continue;
    if ('if' in part) {
      helpersOfText(part.then, out);
      helpersOfText(part.else, out);
    } else if (part.helper !== undefined) out.add(part.helper);
  }
}

const helpersOfValue = (form: ValueForm, out: Set<HelperName>): void => {
  if ('text' in form) helpersOfText(form.text, out);
};

/** Adds the helpers the flow's forms use to `out`. */
export function helpersOfFlow(flow: FlowProgram, out: Set<HelperName>): void {
  for (const step of Object.values(flow.steps)) {
    if (step.kind === 'ncco')
      for (const part of step.ncco) if (typeof part !== 'string' && 'value' in part) helpersOfValue(part.value, out);
    if (step.kind === 'lookup') for (const form of Object.values(step.input)) helpersOfValue(form, out);
  }
}

export const targetName = (t: Target): string => JSON.stringify(`${t.flow}/${t.locale}/${t.step}`);

/** The flow's summary; its consistency within itself is checked now, jumps into other flows and lookups are kept. */
export function summarizeFlow(flow: FlowProgram): FlowSummary {
  const steps = new Map<string, boolean>();
  for (const [key, step] of Object.entries(flow.steps)) steps.set(key, isStaticStep(step));
  const checks: FlowCheck[] = [];
  for (const key of Object.keys(flow.steps).sort(byCodeUnit)) {
    const step = flow.steps[key]!;
    for (const target of transitionsOf(step).flatMap(targetsOf)) {
      if (target.flow !== flow.flow) checks.push({ key, target });
      else if (!Object.hasOwn(flow.steps, stepId(target)))
        checks.push({ problem: `step ${JSON.stringify(`${flow.flow}/${key}`)} goes to ${targetName(target)}, which does not exist` });
    }
    if (step.kind === 'lookup') checks.push({ key, lookup: step.lookup });
  }
  if (flow.onError !== undefined) {
    for (const locale of flow.locales) {
      if (!Object.hasOwn(flow.steps, stepId({ locale, step: flow.onError }))) {
        checks.push({ problem: `flow ${JSON.stringify(flow.flow)} has no error step ${JSON.stringify(flow.onError)} in ${locale}` });
      }
    }
  }
  const helpers = new Set<HelperName>();
  helpersOfFlow(flow, helpers);
  return {
    flow: flow.flow,
    locales: [...flow.locales],
    data: flow.data,
    steps,
    readsAnswerBuiltins: readsAnswerBuiltins(flow),
    helpers,
    sha256: programSha256(flow),
    checks,
  };
}

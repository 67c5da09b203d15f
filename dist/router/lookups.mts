/**
 * Running a lookup the application implements (program.ts, LookupStep): its input made from call data
 * and checked against the declaration, a time limit after which it counts as failed (a caller never
 * waits in silence), and its answer checked field by field before anything is stored. A throw, a hang,
 * a wrong shape or a wrong type all end in `failed`; only the field names are ever reported.
 */
import { isObject } from './payloads.mjs';
import type { DataDeclaration, DataValue, LookupDeclaration, LookupStep } from './program.mjs';
import { misfit, toCents } from './values.mjs';

/** What a lookup implementation receives besides its input. */
export interface LookupContext {
  /** Aborted when the time limit passes: stop the work (e.g. pass it to fetch). */
  signal: AbortSignal;
  flow: string;
  step: string;
  locale: string;
  /** Vonage's call uuid, when known. */
  callId: string | undefined;
}

/** Found: the declared output fields; not found: null. Anything else, a throw or a hang: failed. */
export type LookupFunction<In, Out> = (input: In, context: LookupContext) => Out | null | Promise<Out | null>;

/** Why a lookup took its `failed` transition. */
export type LookupFailure =
  | 'not-implemented'
  | 'bad-input'
  | 'threw'
  | 'timeout'
  | 'wrong-shape'
  | 'wrong-type'
  | 'missing-field'
  | 'does-not-fit';

/** Waits `ms` milliseconds, or until `signal` aborts (then it may never settle). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });

export type LookupOutcome =
  | { kind: 'found'; store: Record<string, DataValue> }
  | { kind: 'notFound' }
  | { kind: 'failed'; reason: LookupFailure; field?: string };

export interface LookupRun {
  step: LookupStep;
  declaration: LookupDeclaration | undefined;
  implementation: unknown;
  /** The lookup's input, already made from call data (undefined where data was missing). */
  input: Record<string, DataValue | undefined>;
  /** The declaration of the flow data a stored field goes to. */
  dataType(name: string): DataDeclaration | undefined;
  context: Omit<LookupContext, 'signal'>;
  /** How the time limit is waited for (default: setTimeout; tools that play calls in simulated time pass theirs). */
  sleep?: Sleep;
}

const TIMEOUT = Symbol('timeout');

export async function runLookup(run: LookupRun): Promise<LookupOutcome> {
  const { step, declaration } = run;
  if (typeof run.implementation !== 'function' || declaration === undefined) return { kind: 'failed', reason: 'not-implemented' };
  const input: Record<string, DataValue> = {};
  for (const [name, decl] of Object.entries(declaration.input)) {
    const value = run.input[name];
    if (value === undefined) {
      if (decl.optional) continue;
      return { kind: 'failed', reason: 'bad-input', field: name };
    }
    if (misfit(value, decl.type) !== undefined) return { kind: 'failed', reason: 'bad-input', field: name };
    input[name] = value;
  }

  const controller = new AbortController();
  const answered = new AbortController();
  const expired = (run.sleep ?? timerSleep)(step.timeoutMs, answered.signal).then(() => TIMEOUT);
  let answer: unknown;
  try {
    const call = (run.implementation as (input: unknown, context: LookupContext) => unknown)(input, {
      ...run.context,
      signal: controller.signal,
    });
    answer = await Promise.race([Promise.resolve(call), expired]);
  } catch {
    return { kind: 'failed', reason: 'threw' };
  } finally {
    answered.abort();
  }
  if (answer === TIMEOUT) {
    controller.abort();
    return { kind: 'failed', reason: 'timeout' };
  }
  if (answer === null || answer === undefined) return { kind: 'notFound' };
  if (!isObject(answer)) return { kind: 'failed', reason: 'wrong-shape' };
  try {
    return checkAnswer(answer, run);
  } catch {
    // A getter that throws, a proxy: not an answer.
    return { kind: 'failed', reason: 'wrong-shape' };
  }
}

function checkAnswer(answer: Record<string, unknown>, run: LookupRun): LookupOutcome {
  const { step } = run;
  const declaration = run.declaration!;
  const store: Record<string, DataValue> = {};
  for (const [field, decl] of Object.entries(declaration.output)) {
    const value = Object.hasOwn(answer, field) ? answer[field] : undefined;
    if (value === undefined || value === null) {
      if (decl.optional) continue;
      return { kind: 'failed', reason: 'missing-field', field };
    }
    if (misfit(value, decl.type) !== undefined) return { kind: 'failed', reason: 'wrong-type', field };
  }
  for (const [field, name] of Object.entries(step.store)) {
    const value = Object.hasOwn(answer, field) ? answer[field] : undefined;
    if (value === undefined || value === null) continue;
    const target = run.dataType(name);
    if (target === undefined || misfit(value, target.type) !== undefined) return { kind: 'failed', reason: 'does-not-fit', field };
    store[name] = target.type.type === 'money' ? toCents(value as number) : (value as DataValue);
  }
  return { kind: 'found', store };
}

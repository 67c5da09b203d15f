/**
 * Which transition a step's webhook takes (docs/router.md, "Which step answers"): digits, speech,
 * silence and captures for `input`; the status for `pay` and `connect`; always `default` for `notify`.
 * Pure: the payload and the step's transitions in, a choice out.
 */
import { digitsOf, speechResultsOf, type Payload } from './payloads.mjs';
import type { ConnectTransitions, DataType, DataValue, InputTransitions, PayTransitions, StepTransitions, Transition } from './program.mjs';
import { captureValue } from './values.mjs';
import { foldWords, matchAlternative } from './words.mjs';

/** What the caller gave an input step, for the application's onInput callback. */
export interface CallerInput {
  digits?: string;
  speech?: string;
}

export type Choice =
  | { kind: 'go'; transition: Transition; input?: CallerInput; stored?: { data: string; value: DataValue } }
  /** An input step with nothing that applies and no default: ask again. */
  | { kind: 'repeat'; input?: CallerInput }
  /** A pay or connect status without a transition. */
  | { kind: 'no-transition'; status: string }
  /** A connect-leg status that is reported, not answered. */
  | { kind: 'no-content' };

/** The call statuses a synchronous connect may answer with an NCCO (NCCO reference: connect). */
const CONNECT_FALLBACK_STATUSES: ReadonlySet<string> = new Set(['timeout', 'failed', 'rejected', 'unanswered', 'busy']);

const go = (transition: Transition | undefined, input: CallerInput): Choice =>
  transition ? { kind: 'go', transition, input } : { kind: 'repeat', input };

function capture(
  on: InputTransitions,
  raw: string,
  from: 'digits' | 'speech',
  typeOf: (name: string) => DataType | undefined,
  input: CallerInput,
): Choice {
  const store = on.store!;
  const type = typeOf(store.data);
  const value = type === undefined ? undefined : captureValue(raw, from, type, (text) => foldWords(text));
  if (value === undefined) return go(on.invalid ?? on.default, input);
  const next = on.stored ?? on.default;
  return next ? { kind: 'go', transition: next, input, stored: { data: store.data, value } } : { kind: 'repeat', input };
}

export function chooseInput(on: InputTransitions, payload: Payload, typeOf: (name: string) => DataType | undefined): Choice {
  const digits = digitsOf(payload);
  if (digits !== '') {
    const input: CallerInput = { digits };
    if (Object.hasOwn(on.digits, digits)) return go(on.digits[digits], input);
    if (on.store?.from === 'digits') return capture(on, digits, 'digits', typeOf, input);
    return go(on.default, input);
  }
  const min = on.minConfidence ?? 0;
  const results = speechResultsOf(payload)
    .filter((r) => r.confidence >= min)
    .sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  if (results.length > 0) {
    const input: CallerInput = { speech: results[0]!.text };
    for (const result of results) {
      const chosen = matchAlternative(foldWords(result.text), on.speech);
      if (chosen !== undefined) return go(on.speech[chosen]!.to, { speech: result.text });
    }
    if (on.store?.from === 'speech') return capture(on, results[0]!.text, 'speech', typeOf, input);
    return go(on.default, input);
  }
  // No digits and no usable speech: silence.
  return go(on.timeout ?? on.default, {});
}

export function choosePay(on: PayTransitions, payload: Payload): Choice {
  const status = typeof payload['status'] === 'string' ? payload['status'] : '';
  const next = status === 'success' ? on.success : status === 'failure' ? on.failure : undefined;
  return next ? { kind: 'go', transition: next } : { kind: 'no-transition', status };
}

export function chooseConnect(on: ConnectTransitions, payload: Payload): Choice {
  const status = typeof payload['status'] === 'string' ? payload['status'] : '';
  if (!CONNECT_FALLBACK_STATUSES.has(status)) return { kind: 'no-content' };
  const next = (Object.hasOwn(on.statuses, status) ? on.statuses[status as keyof typeof on.statuses] : undefined) ?? on.default;
  return next ? { kind: 'go', transition: next } : { kind: 'no-transition', status };
}

export function choose(on: StepTransitions, payload: Payload, typeOf: (name: string) => DataType | undefined): Choice {
  switch (on.kind) {
    case 'input':
      return chooseInput(on, payload, typeOf);
    case 'pay':
      return choosePay(on, payload);
    case 'connect':
      return chooseConnect(on, payload);
    case 'notify':
      return { kind: 'go', transition: on.default };
  }
}

/**
 * A limit's counter name in a flow (`<flow>/<counter>`), made once per limit and flow: a text made per webhook
 * would be hashed again for every lookup of it in the counters.
 */
const counterKeys = new WeakMap<NonNullable<Transition['limit']>, { flow: string; key: string }>();
function counterKey(limit: NonNullable<Transition['limit']>, flow: string): string {
  const known = counterKeys.get(limit);
  if (known !== undefined && known.flow === flow) return known.key;
  const key = `${flow}/${limit.counter}`;
  counterKeys.set(limit, { flow, key });
  return key;
}

/**
 * A transition with its attempt limit applied: the first `max` times it goes to `to`, after that to
 * `then` (itself possibly limited). Counters are per call and per flow.
 */
export function resolveTransition(transition: Transition, flow: string, counters: Record<string, number>): Transition['to'] {
  let t = transition;
  for (let depth = 0; depth < 64; depth++) {
    if (!t.limit) return t.to;
    const key = counterKey(t.limit, flow);
    const taken = counters[key] ?? 0;
    if (taken < t.limit.max) {
      counters[key] = taken + 1;
      return t.to;
    }
    t = t.limit.then;
  }
  throw new Error('flowc router: attempt limits nested more than 64 deep');
}

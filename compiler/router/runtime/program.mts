/**
 * The route program: what the compiler hands to the router. The lower stage builds it from the flows,
 * the generator writes it next to the router (one chunk per flow, loaded when a call first needs it),
 * and the router runtime interprets it for every webhook. Nothing else passes between the two halves,
 * so these types are the contract: the compiler fills them, the runtime trusts their shape but never
 * the values that arrive with a call.
 *
 * Plain JSON only (no functions, no undefined, no Map): a program is written as JSON and read back.
 * Names of flows, locales and steps never contain '/'.
 */

/** A step of a flow in a locale. */
export interface Target {
  flow: string;
  locale: string;
  step: string;
}

/**
 * Where a transition goes. With `limit`, the transition is counted per call: the first `limit.max`
 * times it goes to `to`, after that to `limit.then` (docs/format.md, "Attempt limits").
 */
export interface Transition {
  to: Target;
  limit?: { counter: string; max: number; then: Transition };
}

// ---------------------------------------------------------------------------------------------------
// Call data (docs/format.md, "Call data")

/** The type of one piece of call data, as declared in a flow's `data:` or a lookup's output. */
export type DataType =
  | { type: 'text'; maxLength?: number }
  | { type: 'digits'; minLength: number; maxLength: number }
  | { type: 'number'; min?: number; max?: number; integer?: boolean }
  /** US dollars; at run time a JSON number with at most 2 decimals. */
  | { type: 'money'; min?: number; max?: number }
  /** ISO date, YYYY-MM-DD. */
  | { type: 'date' }
  /** 24-hour HH:MM. */
  | { type: 'time' }
  | { type: 'boolean' }
  | { type: 'one-of'; values: string[] };

export interface DataDeclaration {
  type: DataType;
  /** May be missing at run time: every use was checked at build time to have a fallback. */
  optional?: boolean;
  /**
   * Read when the call has no value for this data yet (so it is never missing). Fits `type`; the build
   * treats data with a default as always set.
   */
  default?: DataValue;
}

/** Call data every flow has without declaring it (reserved names). */
export const BUILTIN_DATA = {
  /** The number that called (E.164 digits, no '+'); for outbound calls, the number called from. */
  caller: { type: { type: 'digits', minLength: 1, maxLength: 20 } },
  /** The number that was called. */
  called: { type: { type: 'digits', minLength: 1, maxLength: 20 } },
  /** Vonage's call uuid. */
  callId: { type: { type: 'text', maxLength: 64 } },
  /** The locale the call is in now (changes on a `goto` with `locale:`). */
  locale: { type: { type: 'text', maxLength: 35 } },
} as const satisfies Record<string, DataDeclaration>;

export type BuiltinName = keyof typeof BUILTIN_DATA;

/** A value at run time: what a text, a lookup or a capture stores. Money and numbers are JSON numbers. */
export type DataValue = string | number | boolean;

// ---------------------------------------------------------------------------------------------------
// Forms: NCCOs and texts prepared at build time, filled in per request without a template engine

/**
 * One piece of a spoken text. A text is `TextPart[]`; literal parts are already escaped for where
 * they go (XML-escaped inside SSML), data parts are escaped by the runtime the same way.
 */
export type TextPart =
  | string
  /** `{{name}}` or `{{helper name arg…}}`: the helper's output for the value (no helper: the value as text). */
  | { data: string; helper?: HelperName; args?: (string | number)[] }
  /**
   * `{{#if name}}…{{else}}…{{/if}}` (and `unless`, with the branches swapped at build time). `then` is taken when
   * the data is set and, for boolean data, true; inside `then` the build has checked uses of `name` need no fallback.
   */
  | { if: string; then: TextPart[]; else: TextPart[] };

/** The helpers a text may use on call data; the router contains only those the project uses. */
export type HelperName = 'money' | 'digits' | 'date' | 'time' | 'pause';

/** A value of an NCCO option that comes from call data. */
export type ValueForm =
  /** Exactly one piece of data, kept as its JSON type (a pay amount stays a number). */
  | { data: string }
  /** A text made of parts; the result is a JSON string. */
  | { text: TextPart[]; ssml: boolean };

/** What the runtime checks about a filled-in value before anything is answered (see ValueCheck uses). */
export type ValueCheck =
  /** pay.amount: a finite number > 0 in whole cents, within the bounds (Payments over the Phone guide). */
  | { kind: 'pay-amount'; min?: number; max?: number }
  /** talk.text and other spoken texts: at most this many characters, SSML tags excluded (NCCO reference: talk). */
  | { kind: 'text'; maxLength: number; ssml: boolean }
  /** connect phone endpoint number: E.164 digits, 7 to 15 of them (NCCO reference: connect). */
  | { kind: 'phone-number' }
  /** Any other string option: at most this many characters. */
  | { kind: 'string'; maxLength: number };

export interface Hole {
  value: ValueForm;
  check?: ValueCheck;
  /** JSON pointer of the option in the NCCO, for reports. */
  pointer: string;
}

/**
 * An NCCO as ready-to-send JSON text with holes: `parts` alternates text and holes. A static NCCO is one
 * string. `{ state: true }` marks where the router appends the sealed call state to an eventUrl
 * (`?s=…`, or nothing when the call has no state), so that even a static step carries the call's data on.
 * Strings are ASCII (non-ASCII characters are JSON `\u` escapes), so the runtime holds one-byte strings.
 */
export type NccoForm = (string | Hole | { state: true })[];

// ---------------------------------------------------------------------------------------------------
// Steps

/** The keys a webhook can produce, per action (NCCO reference: input, pay, connect, notify). */
export interface InputTransitions {
  kind: 'input';
  /** Exact dtmf.digits → transition. Checked before `store`. */
  digits: Record<string, Transition>;
  /** Speech alternatives in this locale, in the author's order; phrases already folded (see `foldWords`). */
  speech: { phrases: string[][]; to: Transition }[];
  /** Minimum speech confidence (0–1) for a result to count; results below it are ignored. */
  minConfidence?: number;
  /** No digits and no usable speech. Absent: silence takes `default`, then re-asks (the build forbids loops). */
  timeout?: Transition;
  /** Anything else. */
  default?: Transition;
  /** `store:` — the digits (or the recognised words) go into this data, checked against its type. */
  store?: { data: string; from: 'digits' | 'speech' };
  /** The input fitted the type and was stored. */
  stored?: Transition;
  /** The input did not fit the type (too short, too long, out of range, not one of the values). */
  invalid?: Transition;
}

export interface PayTransitions {
  kind: 'pay';
  success?: Transition;
  failure?: Transition;
}

export type ConnectStatus = 'timeout' | 'failed' | 'rejected' | 'unanswered' | 'busy';

export interface ConnectTransitions {
  kind: 'connect';
  statuses: Partial<Record<ConnectStatus, Transition>>;
  default?: Transition;
}

export interface NotifyTransitions {
  kind: 'notify';
  default: Transition;
}

export type StepTransitions = InputTransitions | PayTransitions | ConnectTransitions | NotifyTransitions;

/** A step the caller hears: an NCCO, and where its last action's webhook leads. */
export interface NccoStep {
  kind: 'ncco';
  ncco: NccoForm;
  /** The data this step's NCCO reads (empty: a static step, also served from the CDN). */
  reads: string[];
  on?: StepTransitions;
  /** The step's own webhook carries what the caller typed or said: reported through onInput. */
  reportsInput?: boolean;
}

/**
 * A step that calls a lookup the application implements. It says nothing itself: it runs inside the
 * router while a webhook is being answered, then the call goes on to found / notFound / failed. A step
 * that speaks before its lookup is lowered to an NccoStep ending in `notify`, whose default is the lookup step.
 */
export interface LookupStep {
  kind: 'lookup';
  lookup: string;
  /** Lookup input field → value. */
  input: Record<string, ValueForm>;
  /** Lookup output field → the flow data it is stored in. */
  store: Record<string, string>;
  /** After this, the lookup counts as failed and `failed` is taken (a caller never waits in silence). */
  timeoutMs: number;
  found: Transition;
  notFound: Transition;
  failed: Transition;
}

/** A condition of a decision (docs/format.md, "Decisions"). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** `name is set` */
  | { set: string }
  /** Comparison of data with a literal of its type (dates and times as ISO text, money as a number). */
  | { data: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: DataValue }
  | { data: string; op: 'in'; values: DataValue[] }
  /** Opening hours (named in flowc.yaml `hours:`) at the time of the request. */
  | { hours: string; open: boolean };

/** A step that routes on data and says nothing. The first branch whose condition holds is taken. */
export interface DecideStep {
  kind: 'decide';
  branches: { when: Condition; to: Transition }[];
  otherwise: Transition;
}

export type StepProgram = NccoStep | LookupStep | DecideStep;

// ---------------------------------------------------------------------------------------------------
// Flows and the project

/** One flow: loaded by the router when a call first needs it. */
export interface FlowProgram {
  version: 1;
  flow: string;
  locales: string[];
  /** Declared data (built-ins are not listed). */
  data: Record<string, DataDeclaration>;
  /** `${locale}/${step}` → the step. */
  steps: Record<string, StepProgram>;
  /** Where a call goes when something the build could not check fails at run time (a step in each locale). */
  onError?: string;
}

/** Opening hours (flowc.yaml `hours:`). Days are 'mon'…'sun'; times 24-hour HH:MM, `to` exclusive. */
export interface OpeningHours {
  timeZone: string;
  weekly: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { from: string; to: string }[]>>;
  /** Whole days closed, YYYY-MM-DD in the time zone. */
  closed: string[];
}

/** A lookup the application implements (flowc.yaml `lookups:`), for types and checks at run time. */
export interface LookupDeclaration {
  input: Record<string, DataDeclaration>;
  output: Record<string, DataDeclaration>;
  timeoutMs: number;
}

/** How an outbound flow starts. */
export interface OutboundStart {
  start: string;
  locales: string[];
  answeredBy: 'cdn' | 'router';
}

export interface ProjectProgram {
  version: 1;
  /** Identifies the project's call state: a state sealed by another project is refused. */
  projectId: string;
  /** The base URL the eventUrls point at, e.g. https://ivr.example.com/flowc */
  routerUrl: string;
  /** Called number (digits only) → where the call starts, and whether the CDN can answer it. */
  numbers: Record<string, { start: Target; answeredBy: 'cdn' | 'router' }>;
  /**
   * Outbound flows (calls the application places) → their start step, their locales, and who answers the
   * call: the CDN's start file, or the router (`/answer?flow=<flow>&locale=<locale>`) when the flow uses the
   * call's built-ins (caller, called, callId), which only Vonage's answer request tells, or its start step
   * needs call data.
   */
  outbound?: Record<string, OutboundStart>;
  /** Every flow, with the sha256 of its program chunk (so caches and CDNs can tell versions apart). */
  flows: Record<string, { sha256: string }>;
  hours: Record<string, OpeningHours>;
  lookups: Record<string, LookupDeclaration>;
}

/** Key of a step inside its flow's program. */
export const stepId = (t: { locale: string; step: string }): string => `${t.locale}/${t.step}`;

/** The event route of a step, relative to routerUrl (the URL its eventUrl points at). */
export const eventRoutePath = (t: Target): string =>
  `/on/${encodeURIComponent(t.flow)}/${encodeURIComponent(t.locale)}/${encodeURIComponent(t.step)}`;

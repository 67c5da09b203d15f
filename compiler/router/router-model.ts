/**
 * The data the router generator turns into dist/router.ts. Built by the lower stage from
 * the flows; plain JSON so it can be embedded verbatim in the generated module.
 */

export type Ncco = Record<string, unknown>[];

/** Where a transition goes: a step of a flow in a locale (a `goto` may switch locale). */
export interface RouteTarget {
  flow: string;
  locale: string;
  step: string;
}

/** Speech alternatives for one target: matched case-insensitively against speech.results[].text. */
export interface SpeechCase {
  words: string[];
  target: RouteTarget;
}

/** Transitions of a step whose last action is `input` (NCCO reference: input webhook). */
export interface InputTransitions {
  kind: 'input';
  /** Exact `dtmf.digits` → target. */
  digits: Record<string, RouteTarget>;
  speech: SpeechCase[];
  /** No digits and no speech result (dtmf.timed_out, speech timeout, empty). */
  timeout?: RouteTarget;
  /** Anything else. */
  default?: RouteTarget;
}

/** `pay` webhook: status success | failure (Payments over the Phone guide). */
export interface PayTransitions {
  kind: 'pay';
  success?: RouteTarget;
  failure?: RouteTarget;
}

/** `connect` with eventType: synchronous: the status when the endpoint was not reached. */
export type ConnectStatus = 'timeout' | 'failed' | 'rejected' | 'unanswered' | 'busy';
export interface ConnectTransitions {
  kind: 'connect';
  statuses: Partial<Record<ConnectStatus, RouteTarget>>;
  default?: RouteTarget;
}

/** `notify`: the webhook's answer replaces the NCCO. */
export interface NotifyTransitions {
  kind: 'notify';
  default: RouteTarget;
}

export type StepTransitions = InputTransitions | PayTransitions | ConnectTransitions | NotifyTransitions;

export interface RouterModel {
  version: 1;
  /** Base URL the emitted eventUrls point at, e.g. https://ivr.example.com/flowc */
  routerUrl: string;
  /** Inbound number (digits only, E.164 without +) → where the call starts. */
  numbers: Record<string, RouteTarget>;
  /** Key: `${flow}/${locale}/${step}` → that step's NCCO (what is also in dist/ncco). */
  nccos: Record<string, Ncco>;
  /** Key: `${flow}/${locale}/${step}` of a step that ends with `on:` → its transitions. */
  transitions: Record<string, StepTransitions>;
}

/** The path of a step's event route, relative to routerUrl: /on/<flow>/<locale>/<step>. */
export const eventRoutePath = (t: RouteTarget): string =>
  `/on/${encodeURIComponent(t.flow)}/${encodeURIComponent(t.locale)}/${encodeURIComponent(t.step)}`;

export const stepKey = (t: RouteTarget): string => `${t.flow}/${t.locale}/${t.step}`;

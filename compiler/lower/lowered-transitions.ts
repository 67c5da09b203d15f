/**
 * The transitions of a step as the lower stage first collects them from `on:` (speech words as the author
 * wrote them), before lower-program.ts turns them into the route program's transitions
 * (compiler/router/runtime/program.mts), the one shape the router reads.
 */
import type { Target } from '../router/runtime/program.mjs';

export { eventRoutePath } from '../router/runtime/program.mjs';

/** An NCCO: the list of actions Vonage runs (NCCO reference). */
export type Ncco = Record<string, unknown>[];

/** Where a transition goes: a step of a flow in a locale (a `goto` may switch locale). */
export type RouteTarget = Target;

/** Speech alternatives for one target, as written. */
export interface SpeechCase {
  words: string[];
  target: RouteTarget;
}

export interface InputTransitions {
  kind: 'input';
  /** Exact `dtmf.digits` → target. */
  digits: Record<string, RouteTarget>;
  speech: SpeechCase[];
  /** Speech results less confident than this (0–1) are ignored (the route program's minConfidence). */
  minConfidence?: number;
  timeout?: RouteTarget;
  default?: RouteTarget;
}

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

export interface NotifyTransitions {
  kind: 'notify';
  default: RouteTarget;
}

export type StepTransitions = InputTransitions | PayTransitions | ConnectTransitions | NotifyTransitions;

/**
 * What happens in a simulated call, as plain data: what the caller and the world do (acts), what the
 * call waits for (needs), and what is seen of it (events, in order). Scenarios, the terminal and the
 * studio all speak these types; the transcript and the expectations read the events.
 */
import type { Target, Transition } from '../router/runtime/program.mjs';

/** What a connected agent's leg does (NCCO reference: connect; the statuses Vonage reports). */
export type AgentOutcome = 'answers' | 'busy' | 'no-answer' | 'failed' | 'rejected' | 'timeout';

export const agentOutcomes: readonly AgentOutcome[] = ['answers', 'busy', 'no-answer', 'failed', 'rejected', 'timeout'];

/** Something the caller does when the call waits for them. */
export type CallerAct =
  | { kind: 'press'; keys: string }
  | { kind: 'say'; words: string; confidence: number }
  | { kind: 'silence' }
  | { kind: 'hang-up' }
  | { kind: 'pay'; outcome: 'success' | 'failure' }
  | { kind: 'agent'; outcome: AgentOutcome };

/** What the call waits for. */
export type Need =
  | { kind: 'input'; at: Target | undefined; dtmf: boolean; speech: boolean; maxDigits: number; submitOnHash: boolean }
  | { kind: 'pay'; at: Target | undefined; amount: number; currency: string }
  | { kind: 'agent'; at: Target | undefined; endpoint: string }
  /** The caller is in a conversation (or talking to an agent): only hanging up ends it. */
  | { kind: 'talking'; at: Target | undefined; with: string };

/** What a lookup did in a call (the world's answer, as the scenario or the application gave it). */
export type LookupResult = 'found' | 'not-found' | 'failed' | 'slow' | 'returned';

export type CallEvent =
  | { kind: 'start'; to: string; from: string; by: 'number' | 'flow'; flow?: string; locale?: string }
  /** The caller now hears this step's NCCO. */
  | { kind: 'step'; at: Target }
  /** The router passed a decision or a lookup step on its way. */
  | { kind: 'pass'; at: Target; step: 'decide' | 'lookup' }
  | { kind: 'lookup'; name: string; input: Record<string, unknown>; result: LookupResult; output?: unknown }
  | { kind: 'hear'; text: string; raw: string; ssml: boolean; language?: string; style?: number; premium?: boolean; loop?: number }
  | { kind: 'audio'; urls: string[] }
  | { kind: 'act'; act: CallerAct; index?: number; note?: string }
  | { kind: 'world'; what: string; index?: number }
  | { kind: 'pay'; amount: number; currency: string; outcome: 'success' | 'failure'; prompts: string[] }
  | { kind: 'connect'; endpoint: string; outcome: AgentOutcome }
  | { kind: 'record'; url?: string }
  | { kind: 'notify'; payload: unknown; url: string }
  | { kind: 'conversation'; name: string }
  | { kind: 'wait'; seconds: number }
  /** An application callback of the router (onInput, onProblem, onCallStatus). */
  | { kind: 'callback'; name: 'onInput' | 'onProblem' | 'onCallStatus'; event: Record<string, unknown>; routine?: boolean }
  /** A webhook to a URL that is not the router's (a CRM, a recording store). */
  | { kind: 'webhook'; url: string; body: Record<string, unknown> }
  /** Something the router logged, or answered other than with a step. */
  | { kind: 'router'; level: 'warn' | 'error'; message: string; status?: number }
  | { kind: 'end'; reason: EndReason; detail?: string };

export type EndReason =
  /** The NCCO ran out: the flow hung up. */
  | 'hang-up'
  | 'caller-hung-up'
  /** Connected to an agent, and the call went on there. */
  | 'transferred'
  | 'conversation'
  /** Stopped by flowc: a limit, a script that does not fit the call, or a broken answer. */
  | 'stopped';

/** A transition the router took (trace), for coverage and for the studio. */
export interface Taken {
  from: Target;
  transition: Transition;
  to: Target;
}

export interface CallRecord {
  events: CallEvent[];
  taken: Taken[];
  /** How it ended (also the last event). */
  end: { reason: EndReason; detail?: string };
}

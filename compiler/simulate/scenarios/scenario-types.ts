/** A call scenario as flowc test runs it (the file format: docs/testing.md). */
import type { CallerAct, EndReason } from '../call-types.js';

/** Where something was written: for diagnostics and failure reports. */
export interface Place {
  file: string;
  pointer: string;
}

export type TextMatch = { kind: 'whole' | 'part' | 'pattern'; value: string };

export interface HearExpectation {
  match: TextMatch;
  language?: string;
  style?: number;
}

export type ScriptItem = Place &
  (
    | { kind: 'act'; act: CallerAct }
    | { kind: 'clock'; atMs: number; text: string }
    | { kind: 'wait'; ms: number; text: string }
    | { kind: 'hear'; hear: HearExpectation }
    | { kind: 'step'; step: string; flow?: string; locale?: string }
  );

/** What the world answers when a lookup is called (one per call of it, the last one repeated). */
export type LookupAnswer = Place &
  (
    | { kind: 'found'; output: Record<string, unknown>; afterMs: number }
    | { kind: 'not-found'; afterMs: number }
    | { kind: 'fails' }
    | { kind: 'slow' }
    /** Any answer, as the application's code might return it (a wrong shape, a wrong type). */
    | { kind: 'returns'; value: unknown }
  );

export type CallbackName = 'onInput' | 'onProblem' | 'onCallStatus' | 'webhook';

export const callbackNames: readonly CallbackName[] = ['onInput', 'onProblem', 'onCallStatus', 'webhook'];

export interface CallbackExpectation extends Place {
  name: CallbackName;
  /** Fields that must be there with these values (a subset; a webhook may name just its URL). */
  fields: Record<string, unknown>;
}

export interface FinalExpectations {
  end?: Place & { value: EndReason };
  step?: Place & { step: string; flow?: string };
  locale?: Place & { value: string };
  transferred?: Place & { value: string | boolean };
  recorded?: Place & { value: boolean };
  /** Total of successful payments; 0 = nothing charged. */
  charged?: Place & { value: number };
  heard?: (Place & HearExpectation)[];
  notHeard?: (Place & TextMatch)[];
  callbacks?: CallbackExpectation[];
}

export type CallSpec = Place &
  ({ kind: 'number'; number: string } | { kind: 'flow'; flow: string; locales: string[] | 'all'; to?: string });

export interface Scenario extends Place {
  name: string;
  call: CallSpec;
  from: string;
  /** When the call starts: a local time (in timeZone) or an instant. */
  at?: Place & { text: string };
  timeZone?: Place & { value: string };
  lookups: Record<string, Place & { answers: LookupAnswer[] }>;
  script: ScriptItem[];
  expect: FinalExpectations;
}

export interface ScenarioFile {
  path: string;
  scenarios: Scenario[];
}

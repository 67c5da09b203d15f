/**
 * A scenario as the world of a call: its script gives the caller's acts in order (and moves the clock
 * between them), its `lookups:` answer the router's lookups, one answer per call of each.
 */
import type { LookupFunction } from '../../router/runtime/lookups.mjs';
import type { LookupDeclaration } from '../../router/runtime/program.mjs';
import type { CallerAct, CallEvent } from '../call-types.js';
import type { SimClock } from '../clock.js';
import type { ActSource } from '../play-call.js';
import type { LookupAnswer, Scenario } from './scenario-types.js';
import { parseLocalTime } from './scenario-time.js';

export interface ScriptState {
  /** Script indexes of the caller acts handed to the call, in order. */
  consumed: number[];
}

export function scriptSource(scenario: Scenario, timeZone: string, state: ScriptState): ActSource {
  let cursor = 0;
  return {
    async next(_need, call) {
      while (cursor < scenario.script.length) {
        const index = cursor++;
        const item = scenario.script[index]!;
        if (item.kind === 'act') {
          state.consumed.push(index);
          return item.act as CallerAct;
        }
        if (item.kind === 'clock') {
          const ms = parseLocalTime(item.text, timeZone);
          if (ms !== undefined) call.clock.set(ms);
          call.note({ kind: 'world', what: `the clock reads ${item.text}`, index });
        } else if (item.kind === 'wait') {
          call.clock.advance(item.ms);
          call.note({ kind: 'world', what: `${item.text} pass`, index });
        }
      }
      return undefined;
    },
  };
}

/** Lookups a scenario reached without saying what they answer (a failure of the scenario, not of the flow). */
export type Unscripted = { name: string; flow: string; step: string };

export function scriptedLookups(
  scenario: Scenario,
  declared: Readonly<Record<string, LookupDeclaration>>,
  clock: SimClock,
  emit: (event: CallEvent) => void,
  unscripted: Unscripted[],
): Record<string, LookupFunction<object, object>> {
  const out: Record<string, LookupFunction<object, object>> = {};
  for (const name of Object.keys(declared)) {
    const answers: readonly LookupAnswer[] = Object.hasOwn(scenario.lookups, name) ? scenario.lookups[name]!.answers : [];
    let calls = 0;
    out[name] = async (input, context) => {
      const record = input as Record<string, unknown>;
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls += 1;
      if (answer === undefined) {
        unscripted.push({ name, flow: context.flow, step: context.step });
        emit({ kind: 'lookup', name, input: record, result: 'failed' });
        throw new Error(`the scenario does not say what ${name} answers`);
      }
      switch (answer.kind) {
        case 'fails':
          emit({ kind: 'lookup', name, input: record, result: 'failed' });
          throw new Error(`${name} fails (scenario)`);
        case 'slow':
          emit({ kind: 'lookup', name, input: record, result: 'slow' });
          // Never answers: the router's time limit passes in simulated time, and the lookup counts as failed.
          await clock.after(2 * (declared[name]?.timeoutMs ?? 10_000) + 1000, context.signal);
          return null;
        case 'not-found':
          if (answer.afterMs > 0) await clock.after(answer.afterMs, context.signal);
          emit({ kind: 'lookup', name, input: record, result: context.signal.aborted ? 'slow' : 'not-found' });
          return null;
        case 'found':
          if (answer.afterMs > 0) await clock.after(answer.afterMs, context.signal);
          emit({ kind: 'lookup', name, input: record, result: context.signal.aborted ? 'slow' : 'found', output: answer.output });
          return answer.output;
        case 'returns':
          emit({ kind: 'lookup', name, input: record, result: 'returned', output: answer.value });
          return answer.value as object;
      }
    };
  }
  return out;
}

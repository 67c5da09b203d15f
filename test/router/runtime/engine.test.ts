/**
 * The engine on its own: answers without a promise where nothing asynchronous happens, and call data checked
 * against the types of each flow it enters (a remembered state's frozen data too, per flow).
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type Outcome } from '../../../compiler/router/runtime/engine.mjs';
import { allHelpers } from '../../../compiler/router/runtime/helpers/all.mjs';
import type { FlowProgram, Target } from '../../../compiler/router/runtime/program.mjs';
import { memorySource } from '../../../compiler/router/runtime/source.mjs';
import type { CallState, StateSealer } from '../../../compiler/router/runtime/state.mjs';
import { goTo, nccoStep } from '../program-builder.js';

const R = 'https://ivr.example.com/flowc';
const input = { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } };
const at = (flow: string, step: string): Target => ({ flow, locale: 'en-US', step });

// Flow a: `code` is four digits; flow b: `code` is text of at most two characters. Each has a step whose
// webhook goes on to another step of its flow (a/ask → a/say, b/ask → b/static).
const flowA: FlowProgram = {
  version: 1,
  flow: 'a',
  locales: ['en-US'],
  data: { code: { type: { type: 'digits', minLength: 4, maxLength: 4 } } },
  steps: {
    'en-US/ask': nccoStep(R, at('a', 'ask'), [{ action: 'talk', text: 'Press a key.' }, input], {
      kind: 'input',
      digits: {},
      speech: [],
      default: goTo('a', 'en-US', 'say'),
    }),
    'en-US/say': nccoStep(R, at('a', 'say'), [{ action: 'talk', text: 'Thank you.' }, input], {
      kind: 'input',
      digits: {},
      speech: [],
      default: goTo('a', 'en-US', 'say'),
    }),
  },
};
const flowB: FlowProgram = {
  version: 1,
  flow: 'b',
  locales: ['en-US'],
  data: { code: { type: { type: 'text', maxLength: 2 } } },
  steps: {
    'en-US/ask': nccoStep(R, at('b', 'ask'), [{ action: 'talk', text: 'Press a key.' }, input], {
      kind: 'input',
      digits: {},
      speech: [],
      default: goTo('b', 'en-US', 'static'),
    }),
    'en-US/static': nccoStep(R, at('b', 'static'), [{ action: 'talk', text: 'Goodbye.' }]),
  },
};

/** A sealer that answers at once and keeps what it was given to seal. */
function recordingSealer(): { sealer: StateSealer; sealed: CallState[] } {
  const sealed: CallState[] = [];
  return {
    sealed,
    sealer: {
      seal(state) {
        sealed.push({ data: { ...state.data }, counters: { ...state.counters } });
        return `sealed-${sealed.length}`;
      },
      open: () => ({ ok: false, reason: 'tampered' }),
    },
  };
}

async function engineWith() {
  const source = memorySource({
    project: { version: 1, projectId: 'p', routerUrl: R, numbers: {}, flows: {}, hours: {}, lookups: {} } as never,
    flows: [flowA, flowB],
  });
  const { sealer, sealed } = recordingSealer();
  const problems: unknown[] = [];
  const engine = createEngine({
    source,
    helpers: allHelpers,
    lookups: {},
    sealer,
    now: () => 1_700_000_000_000,
    maxInternalSteps: 8,
    problem: (p) => void problems.push(p),
    input: () => undefined,
    repeated: () => undefined,
  });
  const stepAt = async (target: Target) => {
    const found = await engine.eventStep(target);
    if (!found) throw new Error(`no step ${target.flow}/${target.step}`);
    return found;
  };
  // Warm: the flows are then known, and an event answers without a promise.
  await stepAt(at('a', 'ask'));
  await stepAt(at('b', 'ask'));
  /** A webhook on `target` whose call brings `state` back (as a sealer that remembers it hands it out). */
  const webhook = (target: Target, state: CallState) => {
    const found = engine.eventStep(target);
    if (found instanceof Promise || found === undefined) throw new Error('the step was not known at once');
    return engine.onEvent(found, target, { dtmf: { digits: '5' } }, () => ({ ok: true, call: { state, binding: 'CON-1' } }));
  };
  return { webhook, sealed, problems };
}

const frozenState = (code: string): CallState => ({ data: Object.freeze({ code }), counters: Object.freeze({}) });

describe('engine', () => {
  it('answers a webhook without a promise when the flow is known and the sealer answers at once', async () => {
    const { webhook, sealed } = await engineWith();
    const outcome = webhook(at('a', 'ask'), frozenState('1234'));
    expect(outcome).not.toBeInstanceOf(Promise);
    expect((outcome as Outcome).kind).toBe('answer');
    expect((outcome as { body: string }).body).toContain('?s=sealed-1');
    expect(sealed).toEqual([{ data: { code: '1234' }, counters: {} }]);
  });

  it.each([
    [
      'fits flow a, then enters flow b where it does not fit',
      '1234',
      [at('a', 'ask'), at('b', 'ask'), at('a', 'ask')],
      [true, false, true],
    ],
    ['fits flow b, then enters flow a where it does not fit', '12', [at('b', 'ask'), at('a', 'ask'), at('b', 'ask')], [true, false, true]],
    ['never fits flow a, on every webhook', '12', [at('a', 'ask'), at('a', 'ask')], [false, false]],
  ])('checks the same frozen data against each flow it enters: %s', async (_name, code, targets, kept) => {
    const { webhook, sealed } = await engineWith();
    // One frozen state brought back again and again, as a remembered state is.
    const state = frozenState(code);
    for (const target of targets) {
      const outcome = await webhook(target, { data: state.data, counters: state.counters });
      expect(outcome.kind).toBe('answer');
    }
    // Both flows declare data, so every answer seals the state: what each sealed state holds is what its flow kept.
    expect(sealed.map((s) => Object.hasOwn(s.data, 'code'))).toEqual(kept);
    expect(state.data).toEqual({ code }); // never changed in place
  });
});

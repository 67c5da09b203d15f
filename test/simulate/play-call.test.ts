/**
 * The simulator plays calls through the real router runtime: every kind of caller act and world act,
 * on a hand-written program with call data, lookups, decisions, opening hours and attempt limits.
 */
import { describe, expect, it } from 'vitest';
import type { CallerAct, CallEvent } from '../../compiler/simulate/call-types.js';
import { formatTranscript } from '../../compiler/simulate/format-transcript.js';
import type { LookupFunction } from '../../compiler/router/runtime/lookups.mjs';
import type { SimClock } from '../../compiler/simulate/clock.js';
import { fixtureSimulator } from './program-fixture.js';

const MONDAY_10_NY = Date.UTC(2026, 0, 5, 15, 0);
const MONDAY_20_NY = Date.UTC(2026, 0, 6, 1, 0);

type Lookup = (input: Record<string, unknown>, clock: SimClock, signal: AbortSignal) => Promise<unknown>;

async function play(acts: CallerAct[], options: { at?: number; account?: Lookup; number?: string } = {}) {
  const sim = fixtureSimulator();
  const queue = [...acts];
  const record = await sim.play(
    { number: options.number ?? '15550001000', from: '15551234567' },
    {
      atMs: options.at ?? MONDAY_10_NY,
      acts: { next: async () => queue.shift() },
      lookups: (clock, emit) => ({
        account: (async (input: object, context: { signal: AbortSignal }) => {
          const answer = options.account
            ? await options.account(input as Record<string, unknown>, clock, context.signal)
            : { balance: 12.5 };
          emit({ kind: 'lookup', name: 'account', input: input as Record<string, unknown>, result: answer ? 'found' : 'not-found' });
          return answer;
        }) as LookupFunction<object, object>,
      }),
    },
  );
  return { record, text: formatTranscript(record.events), left: queue };
}

const kinds = (events: CallEvent[], kind: CallEvent['kind']) => events.filter((e) => e.kind === kind);
const steps = (events: CallEvent[]) =>
  events.filter((e) => e.kind === 'step').map((e) => (e as Extract<CallEvent, { kind: 'step' }>).at.step);

describe('a call played through the router', () => {
  it('keys → lookup → decision → a rendered pay step → success; the amount comes from the lookup', async () => {
    const { record, text } = await play([
      { kind: 'press', keys: '1' },
      { kind: 'pay', outcome: 'success' },
    ]);
    expect(steps(record.events)).toEqual(['welcome', 'pay', 'paid']);
    expect(kinds(record.events, 'pass').map((e) => (e as { step: string }).step)).toEqual(['lookup', 'decide']);
    expect(kinds(record.events, 'pay')).toEqual([expect.objectContaining({ amount: 12.5, outcome: 'success' })]);
    expect(text).toContain('hears: You owe 12.5.');
    // SSML: tags dropped, entities read, a break keeps the words apart
    expect(text).toContain('hears: Thank you. Goodbye & take care.');
    expect(record.end.reason).toBe('hang-up');
  });

  it('a failed payment retries once (attempt limit), then goes to the agent', async () => {
    const { record } = await play([
      { kind: 'press', keys: '1' },
      { kind: 'pay', outcome: 'failure' },
      { kind: 'pay', outcome: 'failure' },
      { kind: 'agent', outcome: 'answers' },
    ]);
    expect(steps(record.events)).toEqual(['welcome', 'pay', 'pay', 'agent']);
    expect(record.end).toEqual({ reason: 'transferred', detail: 'phone 14155550199' });
  });

  it('a balance of zero takes the other branch of the decision', async () => {
    const { record } = await play([{ kind: 'press', keys: '1' }], { account: async () => ({ balance: 0 }) });
    expect(steps(record.events)).toEqual(['welcome', 'nothing-due']);
  });

  it('a lookup that is not found, that fails, and that is slow (simulated time, no real wait)', async () => {
    const notFound = await play([{ kind: 'press', keys: '1' }], { account: async () => null });
    expect(steps(notFound.record.events)).toEqual(['welcome', 'bye']);
    const fails = await play([{ kind: 'press', keys: '1' }], {
      account: async () => {
        throw new Error('database down');
      },
    });
    expect(steps(fails.record.events)).toEqual(['welcome', 'trouble']);
    expect(fails.record.end).toEqual({ reason: 'conversation', detail: 'help-room' });
    const started = Date.now();
    const slow = await play([{ kind: 'press', keys: '1' }], {
      account: async (_input, clock, signal) => {
        await clock.after(60_000, signal);
        return { balance: 1 };
      },
    });
    expect(steps(slow.record.events)).toEqual(['welcome', 'trouble']);
    expect(kinds(slow.record.events, 'callback')).toContainEqual(
      expect.objectContaining({ name: 'onProblem', event: expect.objectContaining({ kind: 'lookup-failed', reason: 'timeout' }) }),
    );
    expect(Date.now() - started).toBeLessThan(60_000); // a hang guard only: the 3 s limit passed in simulated time
  });

  it('speech: a word above the minimum confidence matches; below it counts as silence', async () => {
    const heard = await play([
      { kind: 'say', words: 'I want to make a payment', confidence: 0.8 },
      { kind: 'pay', outcome: 'success' },
    ]);
    expect(steps(heard.record.events)).toEqual(['welcome', 'pay', 'paid']);
    const unsure = await play([{ kind: 'say', words: 'payment', confidence: 0.2 }, { kind: 'silence' }]);
    // first silence: asked again (counted), second: the limit's then
    expect(steps(unsure.record.events)).toEqual(['welcome', 'welcome', 'bye']);
  });

  it('a capture stores the digits (submitOnHash cuts at #) and reports them to onInput', async () => {
    const { record } = await play([
      { kind: 'press', keys: '2' },
      { kind: 'press', keys: '4321#' },
    ]);
    expect(steps(record.events)).toEqual(['welcome', 'ask-account', 'bye']);
    expect(kinds(record.events, 'callback').filter((e) => (e as { name: string }).name === 'onInput')).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ step: 'ask-account', input: { digits: '4321' }, stored: { account: '4321' } }),
      }),
    ]);
  });

  it('opening hours follow the clock: open on Monday at 10:00 in New York, closed at 20:00', async () => {
    const open = await play([
      { kind: 'press', keys: '3' },
      { kind: 'agent', outcome: 'busy' },
    ]);
    expect(steps(open.record.events)).toEqual(['welcome', 'agent', 'closed']);
    expect(kinds(open.record.events, 'record')).toHaveLength(1);
    expect(kinds(open.record.events, 'webhook')).toEqual([expect.objectContaining({ url: 'https://crm.example.test/voicemail' })]);
    const closed = await play([{ kind: 'press', keys: '3' }], { at: MONDAY_20_NY });
    expect(steps(closed.record.events)).toEqual(['welcome', 'closed']);
  });

  it('connect outcomes: busy goes to its transition, others to default', async () => {
    for (const outcome of ['no-answer', 'failed', 'rejected', 'timeout'] as const) {
      const { record } = await play([
        { kind: 'press', keys: '3' },
        { kind: 'agent', outcome },
      ]);
      expect(steps(record.events)).toEqual(['welcome', 'agent', 'bye']);
    }
  });

  it('stream and notify: the notify answer replaces the NCCO', async () => {
    const { record, text } = await play([{ kind: 'press', keys: '4' }]);
    expect(text).toContain('hears audio: https://cdn.example.test/tone.mp3');
    expect(text).toContain('notify {"event":"alert"}');
    expect(steps(record.events)).toEqual(['welcome', 'alert', 'bye']);
    expect(text).toContain('waits 2 s');
  });

  it('a jump to another flow', async () => {
    const { record } = await play([{ kind: 'press', keys: '5' }]);
    expect(record.events.filter((e) => e.kind === 'step').map((e) => (e as { at: { flow: string } }).at.flow)).toEqual(['desk', 'other']);
  });

  it('the caller hangs up, and a script that runs out hangs up too', async () => {
    const { record } = await play([{ kind: 'hang-up' }]);
    expect(record.end.reason).toBe('caller-hung-up');
    expect((await play([])).record.end.reason).toBe('caller-hung-up');
  });

  it('an act that does not fit what the call waits for stops the call with a clear reason', async () => {
    const { record } = await play([{ kind: 'pay', outcome: 'success' }]);
    expect(record.end.reason).toBe('stopped');
    expect(record.end.detail).toMatch(/waits for the caller’s keys or words at desk\/welcome, but the next act is payment success/);
  });

  it('a call that would never end is stopped after the webhook limit', async () => {
    const sim = fixtureSimulator();
    const queue: CallerAct[] = [{ kind: 'press', keys: '6' }];
    const record = await sim.play(
      { number: '15550001000', from: '15551234567' },
      { atMs: MONDAY_10_NY, maxWebhooks: 10, acts: { next: async () => queue.shift() }, lookups: () => ({}) },
    );
    expect(record.end.reason).toBe('stopped');
    expect(record.end.detail).toMatch(
      /^stopped after 10 webhooks without the call ending: the flow may go round in a loop \(last steps: spin → spin/,
    );
  });

  // `flowc test --max-webhooks 3` stopped every call before its first words: started, ringing and answered counted.
  it('the call-status webhooks around a call do not count against the limit: a limit of 1 still hears the greeting', async () => {
    const sim = fixtureSimulator();
    const record = await sim.play(
      { number: '15550001000', from: '15551234567' },
      { atMs: MONDAY_10_NY, maxWebhooks: 1, acts: { next: async () => undefined }, lookups: () => ({}) },
    );
    expect(kinds(record.events, 'hear').length).toBeGreaterThan(0);
    expect(record.end.reason).toBe('caller-hung-up');
  });

  it('webhooks are signed: a router with another secret refuses them and the call stops', async () => {
    const { createSimulator } = await import('../../compiler/simulate/simulator.js');
    const { fixtureProgram } = await import('./program-fixture.js');
    const { createRouterWith } = await import('../../compiler/router/runtime/router.mjs');
    const { memorySource } = await import('../../compiler/router/runtime/source.mjs');
    const { playCall } = await import('../../compiler/simulate/play-call.js');
    const { createClock } = await import('../../compiler/simulate/clock.js');
    const { createWebSigner } = await import('../../compiler/simulate/sign-web.js');
    void createSimulator;
    const program = fixtureProgram();
    const record = await playCall(
      { to: '15550001000', from: '15551234567', first: { kind: 'answer' }, by: 'number' },
      {
        createRouter: (options) =>
          createRouterWith({ source: memorySource(program), helpers: {} }, { ...options, signatureSecret: 'the-real-secret' }),
        routerUrl: program.project.routerUrl,
        signatureSecret: 'the-real-secret',
        signer: createWebSigner('a-forged-secret'),
        clock: createClock(MONDAY_10_NY),
        acts: { next: async () => undefined },
        lookups: () => ({}),
        callId: 'forged',
      },
    );
    expect(record.end.reason).toBe('stopped');
    expect(record.end.detail).toContain('unauthorized');
  });
  // flowc call and flowc test played such a call with its static start NCCO, so {{called}} was never told and
  // a lookup by the number called got {} where the real router gets the customer's number.
  it('an outbound flow the router answers (it reads {{called}}) is played on the answer route even with a static start', async () => {
    const { createSimulator } = await import('../../compiler/simulate/simulator.js');
    const { fixtureProgram } = await import('./program-fixture.js');
    const program = fixtureProgram();
    const other = program.flows.find((f) => f.flow === 'other');
    if (!other) throw new Error('fixture has no flow other');
    expect(other.steps['en-US/hello']?.kind).toBe('ncco');
    program.project.outbound = { other: { start: 'hello', locales: ['en-US'], answeredBy: 'router' } };
    const sim = createSimulator({
      program,
      flows: [{ name: 'other', start: 'hello', locales: ['en-US'], direction: 'outbound' }],
      helpers: {},
    });
    const resolved = sim.resolveStart({ flow: 'other', locale: 'en-US', from: '15551230000', to: '15557654321' });
    expect(resolved.ok && resolved.start.first).toEqual({ kind: 'answer', query: '?flow=other&locale=en-US' });
    // Answered by the CDN: the start file itself.
    program.project.outbound = { other: { start: 'hello', locales: ['en-US'], answeredBy: 'cdn' } };
    const fromCdn = createSimulator({
      program,
      flows: [{ name: 'other', start: 'hello', locales: ['en-US'], direction: 'outbound' }],
      helpers: {},
    });
    const cdn = fromCdn.resolveStart({ flow: 'other', locale: 'en-US', from: '15551230000', to: '15557654321' });
    expect(cdn.ok && cdn.start.first.kind).toBe('ncco');
  });

  it("an outbound flow whose start needs the router is answered on the router's answer route, as the application places it", async () => {
    const { createSimulator } = await import('../../compiler/simulate/simulator.js');
    const { fixtureProgram } = await import('./program-fixture.js');
    const program = fixtureProgram();
    const other = program.flows.find((f) => f.flow === 'other');
    if (!other) throw new Error('fixture has no flow other');
    // A decision first: the start cannot be a static file, so the manifest's `outbound` says the router answers it.
    other.steps['en-US/start'] = { kind: 'decide', branches: [], otherwise: { to: { flow: 'other', locale: 'en-US', step: 'hello' } } };
    program.project.outbound = { other: { start: 'start', locales: ['en-US'], answeredBy: 'router' } };
    const sim = createSimulator({
      program,
      flows: [{ name: 'other', start: 'start', locales: ['en-US'], direction: 'outbound' }],
      helpers: {},
    });
    const spec = { flow: 'other', locale: 'en-US', from: '15551230000', to: '15557654321' };
    const resolved = sim.resolveStart(spec);
    expect(resolved.ok && resolved.start.first).toEqual({ kind: 'answer', query: '?flow=other&locale=en-US' });
    // Played through: the router answers that route (an unknown flow or locale would get its safe NCCO).
    const record = await sim.play(spec, { atMs: MONDAY_10_NY, acts: { next: async () => undefined }, lookups: () => ({}) });
    expect(kinds(record.events, 'pass').map((e) => (e as { at: { step: string } }).at.step)).toEqual(['start']);
    expect(steps(record.events)).toEqual(['hello']);
    expect(record.end.reason).toBe('hang-up');
  });
});

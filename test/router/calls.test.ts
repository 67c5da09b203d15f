/**
 * Complete calls through a hand-written route program, driven by signed webhooks against the generated
 * router (dist-style files written to disk and imported, as in production): lookups found / not found /
 * throwing / too slow; captured digits valid / invalid / confirmed / rejected; three silent timeouts
 * ending at the agent; opening hours at fixed clock times in two time zones, across a daylight-saving
 * change; tampered / expired / foreign / oversized state; every bad amount; jumps between flows; the
 * error step in the call's locale; the bound on internal steps. Every answer is checked.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import {
  recordingLogger,
  tempDir,
  TEST_FALLBACK,
  TEST_SECRET,
  writeRouter,
  type GeneratedRouterModule,
  type RouterLike,
} from './router-helpers.js';
import {
  AGENT_NUMBER,
  actionsOf,
  Call,
  CALLER,
  lookups,
  NEW_YORK,
  PARIS,
  R,
  talk,
  textsOf,
  utilityProgram,
  type Ncco,
} from './utility-call.js';

// ---------------------------------------------------------------------------------------------------

const temp = tempDir('router-calls');
afterAll(() => temp.cleanup());
const modules = new Map<string, GeneratedRouterModule>();

async function routerFor(
  program: RouterProgram,
  options: Record<string, unknown> = {},
): Promise<{
  router: RouterLike;
  clock: { now: number };
  problems: Record<string, unknown>[];
  inputs: Record<string, unknown>[];
  logs: ReturnType<typeof recordingLogger>;
}> {
  const key = JSON.stringify(program);
  let mod = modules.get(key);
  if (!mod) {
    mod = (await import(pathToFileURL(path.join(writeRouter(program, temp.dir), 'router.mjs')).href)) as GeneratedRouterModule;
    modules.set(key, mod);
  }
  const clock = { now: Date.parse('2026-01-05T15:00:00Z') };
  const problems: Record<string, unknown>[] = [];
  const inputs: Record<string, unknown>[] = [];
  const logs = recordingLogger();
  const router = mod.createRouter({
    signatureSecret: TEST_SECRET,
    now: () => clock.now,
    logger: logs.logger,
    fallbackNcco: () => TEST_FALLBACK,
    lookups: lookups(),
    onProblem: (p) => void problems.push(p),
    onInput: (e) => void inputs.push(e),
    ...options,
  });
  return { router, clock, problems, inputs, logs };
}

const program = utilityProgram(NEW_YORK);

describe('a caller the lookup finds by number', () => {
  it('hears their own balance and due date, pays exactly that amount, and the state never shows it', async () => {
    const { router, clock, problems, logs } = await routerFor(program);
    const call = new Call(router, clock, CALLER.found);
    const balance = await call.answer('14155550111');
    expect(balance).toEqual({
      status: 200,
      ncco: [
        {
          action: 'talk',
          text: 'en-US: Hello Ann. Your balance is 42 dollars and 50 cents, due December 15, 2026. Press 1 to pay it now, or 2 for support.',
          language: 'en-US',
        },
        {
          action: 'input',
          type: ['dtmf'],
          dtmf: { maxDigits: 1, timeOut: 5 },
          eventUrl: [expect.stringMatching(/^https:\/\/ivr\.example\.com\/flowc\/on\/billing\/en-US\/balance\?s=[A-Za-z0-9_-]+$/)],
        },
      ],
    });
    const pay = await call.press('1');
    expect(pay.status).toBe(200);
    expect(pay.ncco[1]).toMatchObject({ action: 'pay', amount: 42.5, currency: 'usd' });
    for (const url of [...(balance.ncco[1]!.eventUrl as string[]), ...(pay.ncco[1]!.eventUrl as string[])]) {
      for (const secret of ['12345678', '42.5', '4250', 'Ann', '15551230001', '2026-12-15']) expect(url).not.toContain(secret);
    }
    expect(await call.pay('success')).toEqual({ status: 200, ncco: [talk('en-US: Thank you, your payment was received.', 'en-US')] });
    expect(problems).toEqual([]);
    expect(logs.calls).toEqual([]);
  });

  it('in Spanish, hears the amount in Spanish', async () => {
    const { router, clock } = await routerFor(program);
    const call = new Call(router, clock, CALLER.found);
    const { ncco } = await call.answer('14155550112');
    expect(textsOf(ncco)).toEqual([
      'es-US: Hello Ann. Your balance is 42 dólares con 50 centavos, due 15 de diciembre de 2026. Press 1 to pay it now, or 2 for support.',
    ]);
  });

  it('may retry a failed payment twice, then goes to an agent (another flow)', async () => {
    const { router, clock } = await routerFor(program);
    const call = new Call(router, clock, CALLER.found);
    await call.answer('14155550111');
    await call.press('1');
    for (let i = 0; i < 2; i++) expect(actionsOf((await call.pay('failure')).ncco)).toEqual(['talk', 'pay']);
    const agent = await call.pay('failure');
    expect(agent.ncco[1]).toMatchObject({ action: 'connect', endpoint: [{ type: 'phone', number: AGENT_NUMBER }] });
    expect(agent.ncco[1]!.eventUrl).toEqual([expect.stringMatching(/^https:\/\/ivr\.example\.com\/flowc\/on\/front\/en-US\/agent\?s=/)]);
    expect(await call.connect('busy')).toEqual({ status: 200, ncco: [talk('en-US: All agents are busy. Goodbye.', 'en-US')] });
  });
});

describe('a caller the lookup does not find: account number entered and confirmed', () => {
  it('too short, then valid; rejected at confirmation; entered again, confirmed, found', async () => {
    const { router, clock, inputs } = await routerFor(program);
    const call = new Call(router, clock, CALLER.notFound);
    expect(textsOf((await call.answer('14155550111')).ncco)).toEqual(['en-US: Enter your 8-digit account number.']);
    expect(textsOf((await call.press('1234')).ncco)).toEqual(['en-US: Enter your 8-digit account number.']);
    const confirm = await call.press('87654321');
    expect(textsOf(confirm.ncco)).toEqual([
      '<speak>en-US: You entered <say-as interpret-as="digits">87654321</say-as>. Press 1 if that is right, 2 to enter it again.</speak>',
    ]);
    expect(confirm.ncco[1]!.eventUrl).not.toEqual([expect.stringContaining('87654321')]);
    expect(textsOf((await call.press('2')).ncco)).toEqual(['en-US: Enter your 8-digit account number.']);
    await call.press('87654321');
    const balance = await call.press('1');
    expect(textsOf(balance.ncco)).toEqual([
      'en-US: Your balance is 120 dollars, due January 31, 2027. Press 1 to pay it now, or 2 for support.',
    ]);
    expect((await call.press('1')).ncco[1]).toMatchObject({ action: 'pay', amount: 120 });
    // What the caller typed reached the application, with flow, step and what was stored.
    expect(inputs).toEqual([
      { flow: 'billing', step: 'ask-account', locale: 'en-US', callId: 'uuid-15551230002', input: { digits: '1234' }, stored: {} },
      {
        flow: 'billing',
        step: 'ask-account',
        locale: 'en-US',
        callId: 'uuid-15551230002',
        input: { digits: '87654321' },
        stored: { account: '87654321' },
      },
      {
        flow: 'billing',
        step: 'ask-account',
        locale: 'en-US',
        callId: 'uuid-15551230002',
        input: { digits: '87654321' },
        stored: { account: '87654321' },
      },
    ]);
  });

  it('three invalid entries end at an agent; an unknown account can be entered again', async () => {
    const { router, clock } = await routerFor(program);
    const call = new Call(router, clock, CALLER.notFound);
    await call.answer('14155550111');
    await call.press('1');
    await call.press('12');
    expect(actionsOf((await call.press('123')).ncco)).toEqual(['talk', 'connect']);
    const other = new Call(router, clock, CALLER.notFound, 'CON-other');
    await other.answer('14155550111');
    await other.press('11112222');
    expect(textsOf((await other.press('1')).ncco)).toEqual(['en-US: We could not find that account. Press 1 to try again.']);
    expect(textsOf((await other.press('1')).ncco)).toEqual(['en-US: Enter your 8-digit account number.']);
  });
});

describe('lookups that fail', () => {
  it.each([
    ['throws', CALLER.throws],
    ['is too slow', CALLER.slow],
  ])('a lookup that %s takes the failure path, reported with flow and step, no value in the logs', async (_label, from) => {
    const { router, clock, problems, logs } = await routerFor(program);
    const call = new Call(router, clock, from);
    expect(await call.answer('14155550111')).toEqual({
      status: 200,
      ncco: [talk('en-US: Sorry, we cannot look up your account right now. Goodbye.', 'en-US')],
    });
    const reason = from === CALLER.throws ? 'threw' : 'timeout';
    expect(problems).toEqual([
      { kind: 'lookup-failed', flow: 'billing', locale: 'en-US', step: 'by-caller', lookup: 'account-by-number', reason },
    ]);
    const logged = JSON.stringify(logs.calls);
    expect(logged).toContain('by-caller');
    expect(logged).not.toContain(from);
    expect(logged).not.toContain('database down');
  });

  it('a missing implementation fails the same way (a JavaScript application without types)', async () => {
    const { router, clock, problems } = await routerFor(program, { lookups: {} });
    const call = new Call(router, clock, CALLER.found);
    expect(textsOf((await call.answer('14155550111')).ncco)).toEqual(['en-US: Sorry, we cannot look up your account right now. Goodbye.']);
    expect(problems).toMatchObject([{ kind: 'lookup-failed', reason: 'not-implemented' }]);
  });
});

describe('silence', () => {
  it('three silent timeouts end at the agent', async () => {
    const { router, clock } = await routerFor(program);
    const call = new Call(router, clock, '15550009999');
    const welcome = [talk('en-US: Welcome. Press 1 for billing.', 'en-US')];
    expect(textsOf((await call.answer('14155550100')).ncco)).toEqual(['en-US: Welcome. Press 1 for billing.']);
    expect(textsOf((await call.silence()).ncco)).toEqual(welcome.map((t) => t.text));
    expect(textsOf((await call.silence()).ncco)).toEqual(welcome.map((t) => t.text));
    const third = await call.silence();
    expect(actionsOf(third.ncco)).toEqual(['talk', 'connect']);
    expect(textsOf(third.ncco)).toEqual(['en-US: Connecting you to an agent.']);
  });

  it('counts per call: another call starts at zero', async () => {
    const { router, clock } = await routerFor(program);
    const a = new Call(router, clock, '15550001111');
    const b = new Call(router, clock, '15550002222');
    await a.answer('14155550100');
    await b.answer('14155550100');
    await a.silence();
    await a.silence();
    expect(actionsOf((await b.silence()).ncco)).toEqual(['talk', 'input']);
    expect(actionsOf((await a.silence()).ncco)).toEqual(['talk', 'connect']);
  });
});

describe('opening hours', () => {
  // Monday 2026-03-09 and the Sundays of the DST changes: New York springs forward on 2026-03-08
  // (02:00 → 03:00), Paris on 2026-03-29; the office is open Mon 09:00–17:00 and Sun 01:00–03:00.
  it.each([
    ['New York, Monday 08:59 EDT', NEW_YORK, '2026-03-09T12:59:00Z', 'voicemail'],
    ['New York, Monday 09:00 EDT', NEW_YORK, '2026-03-09T13:00:00Z', 'agent'],
    ['New York, Monday 09:00 EST', NEW_YORK, '2026-01-05T14:00:00Z', 'agent'],
    ['New York, Monday 08:00 EST (09:00 if DST were applied in winter)', NEW_YORK, '2026-01-05T13:00:00Z', 'voicemail'],
    ['New York, spring-forward Sunday 01:59 EST', NEW_YORK, '2026-03-08T06:59:00Z', 'agent'],
    ['New York, spring-forward Sunday 03:00 EDT (a minute later)', NEW_YORK, '2026-03-08T07:00:00Z', 'voicemail'],
    ['Paris, Monday 09:00 CET', PARIS, '2026-03-09T08:00:00Z', 'agent'],
    ['Paris, Monday 08:59 CET', PARIS, '2026-03-09T07:59:00Z', 'voicemail'],
    ['Paris, spring-forward Sunday 01:59 CET', PARIS, '2026-03-29T00:59:00Z', 'agent'],
    ['Paris, spring-forward Sunday 03:00 CEST (a minute later)', PARIS, '2026-03-29T01:00:00Z', 'voicemail'],
    ['Paris, Monday 09:00 CEST', PARIS, '2026-03-30T07:00:00Z', 'agent'],
  ] as const)('%s → %s', async (_label, hours, iso, where) => {
    const { router, clock } = await routerFor(utilityProgram(hours));
    const call = new Call(router, clock, CALLER.found);
    clock.now = Date.parse(iso) - 30_000;
    await call.answer('14155550111');
    clock.now = Date.parse(iso);
    const { ncco } = await call.press('2');
    if (where === 'agent') expect(actionsOf(ncco)).toEqual(['talk', 'connect']);
    else expect(ncco).toEqual([talk('en-US: Our office is closed. Please leave a message.', 'en-US')]);
  });
});

describe('the call state', () => {
  async function atBalance() {
    const r = await routerFor(program, { stateMaxAgeSeconds: 600 });
    const call = new Call(r.router, r.clock, CALLER.found);
    await call.answer('14155550111');
    return { ...r, call };
  }
  const SAFE = { status: 400, ncco: TEST_FALLBACK };

  it('tampered: refused with the safe NCCO (400), reported', async () => {
    const { call, problems } = await atBalance();
    const sealed = call.url.split('?s=')[1]!;
    const flipped = sealed.slice(0, 30) + (sealed[30] === 'A' ? 'B' : 'A') + sealed.slice(31);
    call.url = `${call.url.split('?s=')[0]}?s=${flipped}`;
    expect(await call.press('1')).toEqual(SAFE);
    expect(problems).toEqual([{ kind: 'state-refused', flow: 'billing', locale: 'en-US', step: 'balance', reason: 'tampered' }]);
  });

  it('expired: refused', async () => {
    const { call, clock, problems } = await atBalance();
    clock.now += 601_000;
    expect(await call.press('1')).toEqual(SAFE);
    expect(problems).toMatchObject([{ kind: 'state-refused', reason: 'expired' }]);
  });

  it('another call’s state: refused', async () => {
    const { call, router, clock } = await atBalance();
    const thief = new Call(router, clock, '15550004444');
    thief.url = call.url;
    expect(await thief.press('1')).toEqual(SAFE);
  });

  it('another project’s state: refused', async () => {
    const { call } = await atBalance();
    const other = await routerFor({ ...program, project: { ...program.project, projectId: 'another-project' } });
    const replay = new Call(other.router, other.clock, CALLER.found);
    replay.url = call.url;
    expect(await replay.press('1')).toEqual(SAFE);
    expect(other.problems).toMatchObject([{ kind: 'state-refused', reason: 'tampered' }]);
  });

  it('oversized: refused with 414', async () => {
    const { call } = await atBalance();
    call.url += 'A'.repeat(3000);
    expect(await call.press('1')).toEqual({ status: 414, ncco: TEST_FALLBACK });
  });

  it('a state that would be too large is not sent; the step is still heard and the problem reported', async () => {
    const { router, clock, problems } = await routerFor(program, { maxStateChars: 40 });
    const call = new Call(router, clock, CALLER.found);
    const { status, ncco } = await call.answer('14155550111');
    expect(status).toBe(200);
    expect(ncco[1]!.eventUrl).toEqual([`${R}/on/billing/en-US/balance`]);
    expect(problems).toEqual([{ kind: 'state-too-large', flow: 'billing', locale: 'en-US', step: 'balance' }]);
  });

  it('a key rotation: a state sealed under the old key still opens', async () => {
    const before = await routerFor(program, { stateSecret: 'old-key' });
    const call = new Call(before.router, before.clock, CALLER.found);
    await call.answer('14155550111');
    const after = await routerFor(program, { stateSecret: ['new-key', 'old-key'] });
    const continued = new Call(after.router, after.clock, CALLER.found);
    continued.url = call.url;
    expect((await continued.press('1')).ncco[1]).toMatchObject({ action: 'pay', amount: 42.5 });
    const dropped = await routerFor(program, { stateSecret: 'new-key' });
    const refused = new Call(dropped.router, dropped.clock, CALLER.found);
    refused.url = call.url;
    expect((await refused.press('1')).status).toBe(400);
  });
});

describe('amounts that must never reach a pay', () => {
  const BAD: [string, unknown][] = [
    ['0', 0],
    ['−5', -5],
    ['12.345', 12.345],
    ['NaN', Number.NaN],
    ['"abc"', 'abc'],
    ['a million', 1_000_000],
  ];

  /** Walks the call as far as it goes, pressing 1 (pay) wherever it asks; every answer must be free of a pay. */
  async function walk(call: Call, number: string): Promise<Ncco> {
    let answer = await call.answer(number);
    for (let i = 0; i < 5 && actionsOf(answer.ncco).includes('input'); i++) {
      expect(answer.status).toBe(200);
      expect(actionsOf(answer.ncco)).not.toContain('pay');
      answer = await call.press('1');
    }
    expect(answer.status).toBe(200);
    expect(actionsOf(answer.ncco)).not.toContain('pay');
    return answer.ncco;
  }

  it.each(BAD)('%s from the lookup, declared money: never reaches the pay; the sorry step', async (label, bad) => {
    const { router, clock, problems } = await routerFor(program, { lookups: lookups(bad) });
    expect(await walk(new Call(router, clock, CALLER.found), '14155550111')).toEqual([
      talk('en-US: Sorry, we cannot look up your account right now. Goodbye.', 'en-US'),
    ]);
    // 0 is a balance a money type allows (nothing owed): the pay's own check stops it.
    expect(problems).toEqual([
      label === '0'
        ? {
            kind: 'render-failed',
            flow: 'billing',
            locale: 'en-US',
            step: 'pay',
            pointer: '/1/amount',
            problem: 'range',
            check: 'pay-amount',
            data: 'balance',
          }
        : {
            kind: 'lookup-failed',
            flow: 'billing',
            locale: 'en-US',
            step: 'by-caller',
            lookup: 'account-by-number',
            reason: 'wrong-type',
            field: 'balance',
          },
    ]);
  });

  it.each(BAD)(
    '%s from the lookup, declared a plain number: never reaches the pay; the error step in the call’s locale',
    async (_label, bad) => {
      const { router, clock, problems, logs } = await routerFor(utilityProgram(NEW_YORK, 'number'), { lookups: lookups(bad) });
      for (const [number, locale] of [
        ['14155550111', 'en-US'],
        ['14155550112', 'es-US'],
      ] as const) {
        const ncco = await walk(new Call(router, clock, CALLER.found, `CON-${locale}`), number);
        expect(ncco).toEqual([talk(`${locale}: Sorry, we cannot look up your account right now. Goodbye.`, locale)]);
      }
      expect(problems).toHaveLength(2);
      for (const p of problems) {
        // Not a number: the lookup refuses it. A number money cannot say: the balance text. 0 and a million: the pay.
        if (typeof bad !== 'number' || Number.isNaN(bad))
          expect(p).toMatchObject({ kind: 'lookup-failed', reason: 'wrong-type', field: 'balance' });
        else if (bad < 0 || bad === 12.345)
          expect(p).toMatchObject({ kind: 'render-failed', step: 'balance', pointer: '/0/text', problem: 'type', data: 'balance' });
        else
          expect(p).toMatchObject({
            kind: 'render-failed',
            step: 'pay',
            pointer: '/1/amount',
            problem: 'range',
            check: 'pay-amount',
            data: 'balance',
          });
      }
      expect(JSON.stringify(logs.calls)).not.toContain(`${String(bad)},`);
    },
  );
});

describe('the router never loops', () => {
  it('a webhook runs at most maxInternalSteps decisions and lookups, then the error step', async () => {
    const { router, clock, problems } = await routerFor(program, { maxInternalSteps: 8 });
    const call = new Call(router, clock, CALLER.found);
    expect(textsOf((await call.answer('14155550122')).ncco)).toEqual(['en-US: Sorry, we cannot look up your account right now. Goodbye.']);
    expect(problems).toEqual([{ kind: 'step-limit', flow: 'billing', locale: 'en-US', step: 'spin', limit: 8 }]);
  });
});

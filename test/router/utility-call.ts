/**
 * A hand-written bill-pay program (two flows, two locales, lookups, captures, decisions, limits, opening
 * hours), the application's side of it (accounts in memory and lookups that misbehave on purpose), and a
 * call driver that sends signed webhooks to whatever eventUrl the last answer gave. Used by calls.test.ts
 * and workerd.test.ts.
 */
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import type {
  DataDeclaration,
  FlowProgram,
  OpeningHours,
  ProjectProgram,
  StepProgram,
  Target,
  Transition,
} from '../../compiler/router/runtime/program.mjs';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { data, goTo, nccoStep, text } from './program-builder.js';
import { TEST_SECRET } from './router-helpers.js';

export const R = 'https://ivr.example.com/flowc';
export const LOCALES = ['en-US', 'es-US'] as const;
export const AGENT_NUMBER = '14155550199';

export const talk = (t: string, locale: string) => ({ action: 'talk', text: t, language: locale });
const input = (maxDigits = 1) => ({ action: 'input', type: ['dtmf'], dtmf: { maxDigits, timeOut: 5 } });
const limited = (to: Transition, counter: string, max: number, then: Transition): Transition => ({ ...to, limit: { counter, max, then } });

export type Loose = 'money' | 'number';

/** The bill-pay line, in two flows and two locales. `amount` is how balances are declared. */
export function utilityProgram(hours: OpeningHours, amount: Loose = 'money'): RouterProgram {
  const balanceType: DataDeclaration = amount === 'money' ? { type: { type: 'money', max: 10_000 } } : { type: { type: 'number' } };
  const accountData: Record<string, DataDeclaration> = {
    account: { type: { type: 'digits', minLength: 8, maxLength: 8 } },
    balance: balanceType,
    due: { type: { type: 'date' } },
    holder: { type: { type: 'text', maxLength: 40 }, optional: true },
  };
  const front: FlowProgram = { version: 1, flow: 'front', locales: [...LOCALES], data: {}, steps: {} };
  const billing: FlowProgram = { version: 1, flow: 'billing', locales: [...LOCALES], data: accountData, steps: {}, onError: 'sorry' };
  for (const L of LOCALES) {
    const f = (step: string): Target => ({ flow: 'front', locale: L, step });
    const b = (step: string): Target => ({ flow: 'billing', locale: L, step });
    const toF = (step: string) => goTo('front', L, step);
    const toB = (step: string) => goTo('billing', L, step);
    const say = (t: string) => talk(`${L}: ${t}`, L);
    front.steps[`${L}/welcome`] = nccoStep(R, f('welcome'), [say('Welcome. Press 1 for billing.'), input()], {
      kind: 'input',
      digits: { '1': toB('start') },
      speech: [],
      timeout: limited(toF('welcome'), 'silence', 2, toF('agent')),
      default: toF('welcome'),
    });
    front.steps[`${L}/agent`] = nccoStep(
      R,
      f('agent'),
      [
        say('Connecting you to an agent.'),
        { action: 'connect', endpoint: [{ type: 'phone', number: AGENT_NUMBER }], eventType: 'synchronous' },
      ],
      { kind: 'connect', statuses: { busy: toF('busy') } },
    );
    front.steps[`${L}/busy`] = nccoStep(R, f('busy'), [say('All agents are busy. Goodbye.')]);

    const steps: Record<string, StepProgram> = {
      start: { kind: 'decide', branches: [{ when: { set: 'caller' }, to: toB('by-caller') }], otherwise: toB('ask-account') },
      'by-caller': {
        kind: 'lookup',
        lookup: 'account-by-number',
        input: { number: { data: 'caller' } },
        store: { account: 'account', balance: 'balance', due: 'due', holder: 'holder' },
        timeoutMs: 100,
        found: toB('balance'),
        notFound: toB('ask-account'),
        failed: toB('sorry'),
      },
      'ask-account': nccoStep(
        R,
        b('ask-account'),
        [say('Enter your 8-digit account number.'), input(8)],
        {
          kind: 'input',
          digits: { '0': toF('agent') },
          speech: [],
          store: { data: 'account', from: 'digits' },
          stored: toB('confirm'),
          invalid: limited(toB('ask-account'), 'invalid', 2, toF('agent')),
          timeout: limited(toB('ask-account'), 'silence', 2, toF('agent')),
        },
        [],
        true,
      ),
      confirm: nccoStep(
        R,
        b('confirm'),
        [
          {
            action: 'talk',
            text: text(
              [
                '<speak>',
                `${L}: You entered `,
                { data: 'account', helper: 'digits' },
                '. Press 1 if that is right, 2 to enter it again.</speak>',
              ],
              {
                ssml: true,
              },
            ),
            language: L,
          },
          input(),
        ],
        { kind: 'input', digits: { '1': toB('by-account'), '2': toB('ask-account') }, speech: [], default: toB('confirm') },
        ['account'],
      ),
      'by-account': {
        kind: 'lookup',
        lookup: 'account-by-id',
        input: { account: { data: 'account' } },
        store: { balance: 'balance', due: 'due', holder: 'holder' },
        timeoutMs: 100,
        found: toB('balance'),
        notFound: toB('unknown-account'),
        failed: toB('sorry'),
      },
      'unknown-account': nccoStep(R, b('unknown-account'), [say('We could not find that account. Press 1 to try again.'), input()], {
        kind: 'input',
        digits: { '1': toB('ask-account') },
        speech: [],
        default: toF('agent'),
      }),
      balance: nccoStep(
        R,
        b('balance'),
        [
          {
            action: 'talk',
            text: text([
              `${L}: `,
              { if: 'holder', then: ['Hello ', { data: 'holder' }, '. '], else: [] },
              'Your balance is ',
              { data: 'balance', helper: 'money' },
              ', due ',
              { data: 'due', helper: 'date' },
              '. Press 1 to pay it now, or 2 for support.',
            ]),
            language: L,
          },
          input(),
        ],
        { kind: 'input', digits: { '1': toB('pay'), '2': toB('support-hours') }, speech: [], default: toB('balance') },
        ['holder', 'balance', 'due'],
      ),
      pay: nccoStep(
        R,
        b('pay'),
        [
          say('Please enter your card details.'),
          { action: 'pay', amount: data('balance', { kind: 'pay-amount', max: 10_000 }), currency: 'usd' },
        ],
        { kind: 'pay', success: toB('paid'), failure: limited(toB('pay'), 'pay', 2, toF('agent')) },
        ['balance'],
      ),
      paid: nccoStep(R, b('paid'), [say('Thank you, your payment was received.')]),
      'support-hours': {
        kind: 'decide',
        branches: [{ when: { hours: 'office', open: true }, to: toF('agent') }],
        otherwise: toB('voicemail'),
      },
      voicemail: nccoStep(R, b('voicemail'), [say('Our office is closed. Please leave a message.')]),
      sorry: nccoStep(R, b('sorry'), [say('Sorry, we cannot look up your account right now. Goodbye.')]),
      spin: { kind: 'decide', branches: [], otherwise: toB('spin') },
    };
    for (const [name, step] of Object.entries(steps)) billing.steps[`${L}/${name}`] = step;
  }
  const accountOutput: Record<string, DataDeclaration> = {
    account: { type: { type: 'digits', minLength: 8, maxLength: 8 } },
    balance: balanceType,
    due: { type: { type: 'date' } },
    holder: { type: { type: 'text', maxLength: 40 }, optional: true },
  };
  const project: ProjectProgram = {
    version: 1,
    projectId: 'utility-test',
    routerUrl: R,
    numbers: {
      '14155550100': { start: { flow: 'front', locale: 'en-US', step: 'welcome' }, answeredBy: 'cdn' },
      '14155550111': { start: { flow: 'billing', locale: 'en-US', step: 'start' }, answeredBy: 'router' },
      '14155550112': { start: { flow: 'billing', locale: 'es-US', step: 'start' }, answeredBy: 'router' },
      '14155550122': { start: { flow: 'billing', locale: 'en-US', step: 'spin' }, answeredBy: 'router' },
    },
    flows: { billing: { sha256: '-' }, front: { sha256: '-' } },
    hours: { office: hours },
    lookups: {
      'account-by-number': {
        input: { number: { type: { type: 'digits', minLength: 7, maxLength: 15 } } },
        output: accountOutput,
        timeoutMs: 100,
      },
      'account-by-id': {
        input: { account: { type: { type: 'digits', minLength: 8, maxLength: 8 } } },
        output: accountOutput,
        timeoutMs: 100,
      },
    },
  };
  return { project, flows: [front, billing] };
}

export const NEW_YORK: OpeningHours = {
  timeZone: 'America/New_York',
  weekly: { mon: [{ from: '09:00', to: '17:00' }], sun: [{ from: '01:00', to: '03:00' }] },
  closed: [],
};
export const PARIS: OpeningHours = {
  timeZone: 'Europe/Paris',
  weekly: { mon: [{ from: '09:00', to: '17:00' }], sun: [{ from: '01:00', to: '03:00' }] },
  closed: [],
};

// ---------------------------------------------------------------------------------------------------
// The application's side: accounts in memory, and lookups that misbehave on purpose.

export const ACCOUNTS: Record<string, { account: string; balance: unknown; due: string; holder?: string }> = {
  '15551230001': { account: '12345678', balance: 42.5, due: '2026-12-15', holder: 'Ann' },
  '87654321': { account: '87654321', balance: 120, due: '2027-01-31' },
};
export const CALLER = { found: '15551230001', notFound: '15551230002', throws: '15551230003', slow: '15551230004' };

export function lookups(bad?: unknown) {
  return {
    'account-by-number': async ({ number }: { number: string }, { signal }: { signal: AbortSignal }) => {
      if (number === CALLER.throws) throw new Error('database down for 15551230003');
      if (number === CALLER.slow) return new Promise((resolve) => signal.addEventListener('abort', () => resolve(null)));
      if (bad !== undefined && number === CALLER.found) return { ...ACCOUNTS[number], balance: bad };
      return ACCOUNTS[number] ?? null;
    },
    'account-by-id': ({ account }: { account: string }) => ACCOUNTS[account] ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------
// A call: signed webhooks to whatever eventUrl the last answer gave.

export type Ncco = Record<string, unknown>[];

export interface FetchLike {
  fetch(request: Request): Promise<Response>;
}

export class Call {
  url = '';
  method: 'GET' | 'POST' = 'POST';
  constructor(
    readonly router: FetchLike,
    readonly clock: { now: number },
    readonly from: string,
    readonly conversation = `CON-${from}`,
  ) {}

  private sign(payload: string): string {
    return `Bearer ${signWebhook(payload, TEST_SECRET, { iat: Math.floor(this.clock.now / 1000) - 1 })}`;
  }

  private async post(url: string, payload: Record<string, unknown>): Promise<{ status: number; ncco: Ncco }> {
    const body = JSON.stringify(payload);
    const res = await this.router.fetch(
      new Request(url, { method: 'POST', body, headers: { authorization: this.sign(body), 'content-type': 'application/json' } }),
    );
    const textBody = await res.text();
    const ncco = (textBody === '' ? [] : JSON.parse(textBody)) as Ncco;
    const last = ncco[ncco.length - 1];
    if (res.status === 200 && Array.isArray(last?.eventUrl)) this.url = (last.eventUrl as string[])[0]!;
    return { status: res.status, ncco };
  }

  answer(to: string) {
    return this.post(`${R}/answer`, { to, from: this.from, uuid: `uuid-${this.from}`, conversation_uuid: this.conversation });
  }
  private event(extra: Record<string, unknown>) {
    return this.post(this.url, {
      from: this.from,
      to: '14155550100',
      uuid: `uuid-${this.from}`,
      conversation_uuid: this.conversation,
      ...extra,
    });
  }
  press(digits: string) {
    return this.event({ dtmf: { digits, timed_out: false }, speech: { results: [] } });
  }
  silence() {
    return this.event({ dtmf: { digits: '', timed_out: true }, speech: { results: [] } });
  }
  pay(status: 'success' | 'failure') {
    return this.event({ type: 'payment', status });
  }
  connect(status: string) {
    return this.event({ status, direction: 'outbound' });
  }
}

export const textsOf = (ncco: Ncco): string[] => ncco.filter((a) => a.action === 'talk').map((a) => String(a.text));
export const actionsOf = (ncco: Ncco): string[] => ncco.map((a) => String(a.action));

/**
 * Programs lowered from small flows, compared field by field: forms with holes and their checks, reads,
 * captures, attempt limits, lookups (with the talk before them), decisions, jumps, hours and lookups.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutput } from '../../compiler/emit/plan-output.js';
import { buildProject, type BuildResult } from '../../compiler/pipeline/build-project.js';
import type { FlowProgram } from '../../compiler/router/runtime/program.mjs';
import { writeProject } from '../helpers/temp-project.js';

const files: Record<string, string> = {
  'flowc.yaml': `routerUrl: https://ivr.example.com/flowc
vars: { company: Acme & Sons }
lookups:
  findAccount:
    input: { phone: { type: digits, min: 7, max: 15, optional: true } }
    output: { balance: { type: money, min: 0, max: 5000 }, name: { type: text, max: 30, optional: true } }
    timeout: 1500ms
hours:
  office:
    timeZone: America/New_York
    open: { mon-fri: ["08:00-12:00", "13:00-17:00"] }
    closed: [2026-12-25]
`,
  'flows/pay.flow.yaml': `flow: pay
locales: [en-US]
numbers: { "14155550100": en-US }
data:
  balance: { type: money, min: 0, max: 5000 }
  name: { type: text, max: 30, optional: true }
  pin: { type: digits, min: 4, max: 6 }
onError: sorry
start: find
steps:
  find:
    - talk: { text: "<speak>Welcome to {{company}}.</speak>" }
    - lookup: findAccount
      with: { phone: "{{caller}}" }
      store: [balance, name]
      on: { found: route, not-found: pin, failed: sorry }
  route:
    - decide:
        - if: balance = 0
          goto: nothing
        - if: office is closed or balance > 1000
          goto: desk
          flow: help
        - otherwise: { goto: pay, max: 2, then: sorry }
  pin:
    - talk: { text: "Enter your PIN.", bargeIn: true }
    - input: { type: [dtmf], dtmf: { maxDigits: 6, submitOnHash: true } }
      store: pin
      on: { stored: sorry, invalid: { goto: pin, max: 1, then: sorry }, timeout: sorry, "*": nothing }
  nothing:
    - talk: { text: "<speak>{{#unless name}}Dear customer{{else}}{{name}}{{/unless}}, you owe nothing. Goodbye.</speak>" }
  pay:
    - talk: { text: "{{money balance}} is due." }
    - pay: { amount: "{{balance}}" }
      on: { success: thanks, failure: sorry }
  thanks:
    - notify: { payload: { paid: "{{balance}}", who: "caller {{caller}}" }, eventUrl: ["https://crm.example.com/paid"] }
    - connect: { from: "{{called}}", endpoint: [{ type: phone, number: "{{caller}}" }] }
  sorry:
    - talk: { text: Sorry. Goodbye. }
`,
  'flows/help.flow.yaml': `flow: help
locales: [en-US]
numbers: { "14155550111": en-US }
data:
  balance: { type: money, min: 0, max: 5000 }
start: start
steps:
  start:
    - lookup: findAccount
      with: { phone: "{{caller}}" }
      store: [balance]
      on: { found: desk, not-found: bye, failed: bye }
  desk:
    - talk: { text: "A person will call you back about {{money balance}}. Goodbye." }
  bye:
    - talk: { text: Goodbye. }
`,
  'flows/notice.flow.yaml': `flow: notice
direction: outbound
locales: [en-US]
start: hello
steps:
  hello:
    - talk: { text: This is a notice from Acme. Goodbye. }
`,
  'flows/remind.flow.yaml': `flow: remind
direction: outbound
locales: [en-US]
data:
  balance: { type: money, min: 0, max: 5000 }
start: hello
steps:
  hello:
    - talk: { text: Hello from Acme. }
    - lookup: findAccount
      with: { phone: "{{called}}" }
      store: [balance]
      on: { found: owed, not-found: bye, failed: bye }
  owed:
    - talk: { text: "You owe {{money balance}}. Goodbye." }
  bye:
    - talk: { text: Goodbye. }
`,
};

let result: BuildResult;
let dir: string;
const flow = (name: string): FlowProgram => result.program.flows.find((f) => f.flow === name)!;
const to = (step: string, flowName = 'pay') => ({ to: { flow: flowName, locale: 'en-US', step } });
const url = (step: string, flowName = 'pay') => `https://ivr.example.com/flowc/on/${flowName}/en-US/${step}`;

beforeAll(async () => {
  dir = await writeProject(files);
  result = await buildProject(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lowering call data to the program', () => {
  it('builds without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('declares the flow data and the error step', () => {
    expect(flow('pay').data).toEqual({
      balance: { type: { type: 'money', min: 0, max: 5000 } },
      name: { type: { type: 'text', maxLength: 30 }, optional: true },
      pin: { type: { type: 'digits', minLength: 4, maxLength: 6 } },
    });
    expect(flow('pay').onError).toBe('sorry');
    expect(flow('help').onError).toBeUndefined();
  });

  it('a talk before a lookup ends in a notify that leads to the lookup step', () => {
    expect(flow('pay').steps['en-US/find']).toEqual({
      kind: 'ncco',
      ncco: [
        `[{"action":"talk","text":"<speak>Welcome to Acme &amp; Sons.</speak>","language":"en-US"},{"action":"notify","payload":{"lookup":"findAccount"},"eventUrl":["${url('find')}`,
        { state: true },
        '"]}]',
      ],
      reads: [],
      on: { kind: 'notify', default: to('find.lookup') },
    });
    expect(flow('pay').steps['en-US/find.lookup']).toEqual({
      kind: 'lookup',
      lookup: 'findAccount',
      input: { phone: { data: 'caller' } },
      store: { balance: 'balance', name: 'name' },
      timeoutMs: 1500,
      found: to('route'),
      notFound: to('pin'),
      failed: to('sorry'),
    });
  });

  it('a step that is only a lookup is a lookup step', () => {
    expect(flow('help').steps['en-US/start']).toEqual({
      kind: 'lookup',
      lookup: 'findAccount',
      input: { phone: { data: 'caller' } },
      store: { balance: 'balance' },
      timeoutMs: 1500,
      found: to('desk', 'help'),
      notFound: to('bye', 'help'),
      failed: to('bye', 'help'),
    });
  });

  it('a decision: typed literals, hours, a jump to another flow and a counted otherwise', () => {
    expect(flow('pay').steps['en-US/route']).toEqual({
      kind: 'decide',
      branches: [
        { when: { data: 'balance', op: '=', value: 0 }, to: to('nothing') },
        {
          when: {
            any: [
              { hours: 'office', open: false },
              { data: 'balance', op: '>', value: 1000 },
            ],
          },
          to: to('desk', 'help'),
        },
      ],
      otherwise: { ...to('pay'), limit: { counter: 'pay/route/otherwise', max: 2, then: to('sorry') } },
    });
  });

  it('a capture: store, stored, a counted invalid, exact keys first', () => {
    const pin = flow('pay').steps['en-US/pin']!;
    expect(pin).toMatchObject({ kind: 'ncco', reads: [], reportsInput: true });
    expect(pin.kind === 'ncco' && pin.on).toEqual({
      kind: 'input',
      digits: { '*': to('nothing') },
      speech: [],
      timeout: to('sorry'),
      store: { data: 'pin', from: 'digits' },
      stored: to('sorry'),
      invalid: { ...to('pin'), limit: { counter: 'pay/pin/invalid', max: 1, then: to('sorry') } },
    });
  });

  it('a spoken text with {{#unless}} inside SSML: branches swapped, literal parts kept as markup', () => {
    expect(flow('pay').steps['en-US/nothing']).toEqual({
      kind: 'ncco',
      ncco: [
        '[{"action":"talk","text":',
        {
          value: {
            text: ['<speak>', { if: 'name', then: [{ data: 'name' }], else: ['Dear customer'] }, ', you owe nothing. Goodbye.</speak>'],
            ssml: true,
          },
          check: { kind: 'text', maxLength: 1500, ssml: true },
          pointer: '/0/text',
        },
        ',"language":"en-US"}]',
      ],
      reads: ['name'],
    });
  });

  it('a pay amount keeps its JSON type and carries the declared bounds', () => {
    const pay = flow('pay').steps['en-US/pay']!;
    expect(pay.kind === 'ncco' && pay.ncco).toEqual([
      '[{"action":"talk","text":',
      {
        value: { text: [{ data: 'balance', helper: 'money' }, ' is due.'], ssml: false },
        check: { kind: 'text', maxLength: 1500, ssml: false },
        pointer: '/0/text',
      },
      ',"language":"en-US"},{"action":"pay","amount":',
      { value: { data: 'balance' }, check: { kind: 'pay-amount', min: 0, max: 5000 }, pointer: '/1/amount' },
      `,"voice":{"language":"en-US","style":0},"eventUrl":["${url('pay')}`,
      { state: true },
      '"]}]',
    ]);
    expect(pay.kind === 'ncco' && pay.reads).toEqual(['balance']);
  });

  it('notify payloads and connect numbers from call data', () => {
    expect(flow('pay').steps['en-US/thanks']).toEqual({
      kind: 'ncco',
      ncco: [
        '[{"action":"notify","payload":{"paid":',
        { value: { data: 'balance' }, pointer: '/0/payload/paid' },
        ',"who":',
        { value: { text: ['caller ', { data: 'caller' }], ssml: false }, pointer: '/0/payload/who' },
        '},"eventUrl":["https://crm.example.com/paid"]},{"action":"connect","from":',
        { value: { data: 'called' }, check: { kind: 'phone-number' }, pointer: '/1/from' },
        ',"endpoint":[{"type":"phone","number":',
        { value: { data: 'caller' }, check: { kind: 'phone-number' }, pointer: '/1/endpoint/0/number' },
        '}]}]',
      ],
      reads: ['balance', 'called', 'caller'],
    });
  });

  it('the project: numbers answered by the CDN or the router, hours and lookups', () => {
    const project = result.program.project;
    expect(project.numbers).toEqual({
      // Its start is static, but it looks the caller up by {{caller}}: only the answer webhook is sure to tell it.
      '14155550100': { start: { flow: 'pay', locale: 'en-US', step: 'find' }, answeredBy: 'router' },
      '14155550111': { start: { flow: 'help', locale: 'en-US', step: 'start' }, answeredBy: 'router' },
    });
    expect(project.hours).toEqual({
      office: {
        timeZone: 'America/New_York',
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
            d,
            [
              { from: '08:00', to: '12:00' },
              { from: '13:00', to: '17:00' },
            ],
          ]),
        ),
        closed: ['2026-12-25'],
      },
    });
    expect(project.lookups).toEqual({
      findAccount: {
        input: { phone: { type: { type: 'digits', minLength: 7, maxLength: 15 }, optional: true } },
        output: {
          balance: { type: { type: 'money', min: 0, max: 5000 } },
          name: { type: { type: 'text', maxLength: 30 }, optional: true },
        },
        timeoutMs: 1500,
      },
    });
  });

  it('outbound flows: from the CDN, or through the router when they use what only the answer request tells ({{called}})', () => {
    expect(result.program.project.outbound).toEqual({
      notice: { start: 'hello', locales: ['en-US'], answeredBy: 'cdn' },
      remind: { start: 'hello', locales: ['en-US'], answeredBy: 'router' },
    });
    // Outbound flows have no numbers.
    expect(Object.values(result.program.project.numbers).map((n) => n.start.flow)).toEqual(['pay', 'help']);
  });

  it('steps that read call data are not files for the CDN', () => {
    const manifest = () =>
      JSON.parse(planOutput(result.steps, result.program, result.cdnUrl).find((f) => f.path === 'manifest.json')!.content);
    const dynamic = result.steps.filter((s) => s.reads.length > 0).map((s) => `${s.flow}/${s.step}`);
    expect(dynamic.sort()).toEqual(['help/desk', 'pay/nothing', 'pay/pay', 'pay/thanks', 'remind/owed']);
    const files = planOutput(result.steps, result.program, result.cdnUrl)
      .map((f) => f.path)
      .filter((p) => p.startsWith('ncco/'));
    expect(files).toEqual([
      'ncco/help/en-US/bye.json',
      'ncco/notice/en-US/hello.json',
      'ncco/pay/en-US/find.json',
      'ncco/pay/en-US/pin.json',
      'ncco/pay/en-US/sorry.json',
      'ncco/remind/en-US/bye.json',
      'ncco/remind/en-US/hello.json',
    ]);
    expect(manifest().outbound).toEqual({
      notice: { 'en-US': { step: 'hello', answeredBy: 'cdn', file: 'ncco/notice/en-US/hello.json' } },
      remind: {
        'en-US': { step: 'hello', answeredBy: 'router', answerUrl: 'https://ivr.example.com/flowc/answer?flow=remind&locale=en-US' },
      },
    });
    expect(manifest().numbers['14155550111']).toEqual({
      flow: 'help',
      locale: 'en-US',
      step: 'start',
      answeredBy: 'router',
      file: 'ncco/help/en-US/start.json',
      answerUrl: 'https://ivr.example.com/flowc/answer',
    });
  });
});

describe('capturing words into one-of and text data', () => {
  it('stores from speech, with the words an input listens for', async () => {
    const project = await writeProject({
      'flowc.yaml': 'routerUrl: https://ivr.example.com/flowc\n',
      'flows/s.flow.yaml': `flow: s
locales: [en-US]
numbers: { "14155550122": en-US }
data:
  service: { type: one-of, values: [gas, electricity] }
start: ask
steps:
  ask:
    - talk: { text: Gas or electricity?, bargeIn: true }
    - input: { type: [speech], speech: { endOnSilence: 1 } }
      store: service
      on: { stored: thanks, invalid: { goto: ask, max: 1, then: bye }, timeout: bye }
  thanks:
    - talk: { text: "You chose {{service}}. Goodbye." }
  bye:
    - talk: { text: Goodbye. }
`,
    });
    try {
      const built = await buildProject(project);
      expect(built.diagnostics).toEqual([]);
      const ask = built.program.flows[0]!.steps['en-US/ask']!;
      expect(ask.kind === 'ncco' && ask.on).toMatchObject({ kind: 'input', store: { data: 'service', from: 'speech' } });
      const thanks = built.program.flows[0]!.steps['en-US/thanks']!;
      expect(thanks.kind === 'ncco' && thanks.reads).toEqual(['service']);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});

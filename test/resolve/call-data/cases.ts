/**
 * Failing and passing cases of every call-data diagnostic: each `bad` project gives exactly the listed
 * `code@file:line:col`, the `good` one (the fix) gives none. Line numbers count from the flow's first line.
 */
import { flow, flowcYaml } from './helpers.js';

export const dataHead = `data:
  account: { type: digits, length: 8 }
  balance: { type: money, min: 0, max: 10000 }
  dueDate: date
  name: { type: text, optional: true, max: 40 }
  service: { type: one-of, values: [gas, electricity] }
onError: sorry
start: find
`;

/** Steps of a small line: look the caller up, then pay; `over` replaces or adds steps (raw YAML). */
export const lineSteps = (over: Record<string, string> = {}): string => {
  const steps: Record<string, string> = {
    find: `    - lookup: findAccount
      with: { phone: "{{caller}}" }
      store: [account, balance, dueDate, name]
      on: { found: pay, not-found: sorry, failed: sorry }`,
    pay: `    - talk: { text: "You owe {{money balance}}." }
    - pay: { amount: "{{balance}}" }
      on: { success: bye, failure: sorry }`,
    sorry: `    - talk: { text: "Sorry, we cannot help right now. Goodbye." }`,
    bye: `    - talk: { text: Goodbye. }`,
    ...over,
  };
  return Object.entries(steps)
    .map(([name, body]) => `  ${name}:\n${body}\n`)
    .join('');
};

export const line = (over: Record<string, string> = {}, head = dataHead): Record<string, string> => ({
  'flows/a.flow.yaml': flow(head, lineSteps(over)),
});

export interface Case {
  name: string;
  bad: Record<string, string>;
  good: Record<string, string>;
  expect: string[];
}

const F = 'flows/a.flow.yaml';

export const cases: Case[] = [
  {
    name: 'data/unknown-type: a type name that does not exist, with a did-you-mean',
    bad: line({}, dataHead.replace('dueDate: date', 'dueDate: dat')),
    good: line(),
    expect: [`data/unknown-type@${F}:7:12`],
  },
  {
    name: 'data/bad-declaration: an option of another type',
    bad: line({}, dataHead.replace('account: { type: digits, length: 8 }', 'account: { type: digits, length: 8, values: [a] }')),
    good: line(),
    expect: [`data/bad-declaration@${F}:5:39`],
  },
  {
    name: 'data/bad-declaration: min above max',
    bad: line({}, dataHead.replace('balance: { type: money, min: 0, max: 10000 }', 'balance: { type: money, min: 100, max: 10 }')),
    good: line(),
    expect: [`data/bad-declaration@${F}:6:32`],
  },
  {
    name: 'data/bad-declaration: a default that does not fit the type',
    bad: line({}, dataHead.replace('name: { type: text, optional: true, max: 40 }', 'name: { type: text, max: 4, default: customer }')),
    good: line({}, dataHead.replace('name: { type: text, optional: true, max: 40 }', 'name: { type: text, max: 40, default: customer }')),
    expect: [`data/bad-declaration@${F}:8:40`],
  },
  {
    name: 'data/name-conflict: a built-in name declared again',
    bad: line({}, dataHead.replace('  dueDate: date\n', '  dueDate: date\n  caller: digits\n')),
    good: line(),
    expect: [`data/name-conflict@${F}:8:3`],
  },
  {
    name: 'data/name-conflict: a data name that is also a var',
    bad: line({}, `vars: { dueDate: "2026-12-15" }\n${dataHead}`),
    good: line({}, `vars: { due: "2026-12-15" }\n${dataHead}`),
    expect: [`data/name-conflict@${F}:8:3`],
  },
  {
    name: 'data/name-conflict: a var named like built-in call data',
    bad: line({}, `vars: { locale: fr }\n${dataHead}`),
    good: line({}, `vars: { language: fr }\n${dataHead}`),
    expect: [`data/name-conflict@${F}:4:9`],
  },
  {
    name: 'template/unknown-variable: a misspelt data name gets a did-you-mean',
    bad: line({ sorry: '    - talk: { text: "Sorry {{nme}}. Goodbye." }' }),
    good: line({ sorry: '    - talk: { text: "Sorry{{#if name}} {{name}}{{/if}}. Goodbye." }' }),
    expect: [`template/unknown-variable@${F}:23:30`],
  },
  {
    name: 'data/helper-mismatch: money of a text',
    bad: line({ bye: '    - talk: { text: "Goodbye{{#if name}} {{money name}}{{/if}}." }' }),
    good: line({ bye: '    - talk: { text: "Goodbye{{#if name}} {{name}}{{/if}}." }' }),
    expect: [`data/helper-mismatch@${F}:25:50`],
  },
  {
    name: 'data/helper-mismatch: a date said without {{date}}',
    bad: line({ bye: '    - talk: { text: "Pay by {{dueDate}}. Goodbye." }' }),
    good: line({ bye: '    - talk: { text: "Pay by {{date dueDate}}. Goodbye." }' }),
    expect: [`data/helper-mismatch@${F}:25:31`],
  },
  {
    name: 'data/option-type: a text as a pay amount',
    bad: line({ pay: '    - pay: { amount: "{{name}}" }\n      on: { success: bye, failure: sorry }' }),
    good: line({ pay: '    - pay: { amount: "{{balance}}" }\n      on: { success: bye, failure: sorry }' }),
    expect: [`data/maybe-missing@${F}:19:25`, `data/option-type@${F}:19:25`],
  },
  {
    name: 'data/option-type: a one-of as a connect number',
    bad: line({
      bye: '    - connect: { from: "14155550100", endpoint: [{ type: phone, number: "{{service}}" }] }',
    }),
    good: line({
      bye: '    - connect: { from: "14155550100", endpoint: [{ type: phone, number: "{{caller}}" }] }',
    }),
    expect: [`data/maybe-missing@${F}:25:76`, `data/option-type@${F}:25:76`],
  },
  {
    name: 'data/not-allowed-here: call data in an option that must be fixed',
    bad: line({ bye: '    - talk: { text: Goodbye., language: "{{locale}}" }' }),
    good: line({ bye: '    - talk: { text: Goodbye., language: en-US }' }),
    expect: [`data/not-allowed-here@${F}:25:44`],
  },
  {
    name: 'data/maybe-missing: optional data without a fallback',
    bad: line({ bye: '    - talk: { text: "Goodbye {{name}}." }' }),
    good: line({ bye: '    - talk: { text: "Goodbye{{#if name}} {{name}}{{else}}, dear customer{{/if}}." }' }),
    expect: [`data/maybe-missing@${F}:25:32`],
  },
  {
    name: 'data/maybe-missing: data not stored on every path to the step',
    bad: line({
      find: `    - lookup: findAccount
      with: { phone: "{{caller}}" }
      store: [account, balance, dueDate, name]
      on: { found: pay, not-found: pay, failed: sorry }`,
    }),
    good: line(),
    expect: [`data/maybe-missing@${F}:19:38`, `data/maybe-missing@${F}:20:25`],
  },
  {
    name: 'data/maybe-missing: a default is a fallback',
    bad: line({ bye: '    - talk: { text: "Goodbye {{name}}." }' }),
    good: line(
      { bye: '    - talk: { text: "Goodbye {{name}}." }' },
      dataHead.replace('name: { type: text, optional: true, max: 40 }', 'name: { type: text, max: 40, default: dear customer }'),
    ),
    expect: [`data/maybe-missing@${F}:25:32`],
  },
  {
    name: 'data/text-length: text data without a max in a talk (warning)',
    bad: line(
      { bye: '    - talk: { text: "Goodbye{{#if name}} {{name}}{{/if}}." }' },
      dataHead.replace('name: { type: text, optional: true, max: 40 }', 'name: { type: text, optional: true }'),
    ),
    good: line({ bye: '    - talk: { text: "Goodbye{{#if name}} {{name}}{{/if}}." }' }),
    expect: [`data/text-length@${F}:25:44`],
  },
  {
    name: 'data/no-error-step: checked values without onError (warning)',
    bad: line({}, dataHead.replace('onError: sorry\n', '')),
    good: line(),
    expect: [`data/no-error-step@${F}:4:1`],
  },
  {
    name: 'data/cannot-capture: a date cannot be typed on the keypad',
    bad: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: dueDate
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    good: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: account
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    expect: [`data/cannot-capture@${F}:24:14`],
  },
  {
    name: 'data/cannot-capture: maxDigits too small for the data',
    bad: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 4 } }
      store: account
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    good: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: account
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    expect: [`data/cannot-capture@${F}:23:49`],
  },
  {
    name: 'data/read-only: storing into a built-in',
    bad: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: caller
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    good: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: account
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    expect: [`data/read-only@${F}:24:14`],
  },
  {
    name: 'data/unknown-name: storing into undeclared data',
    bad: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: acount
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    good: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: account
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    expect: [`data/unknown-name@${F}:24:14`],
  },
  {
    name: 'lookup/unknown: a lookup flowc.yaml does not declare',
    bad: line({ find: lineSteps().split('\n').slice(1, 5).join('\n').replace('findAccount', 'findAcount') }),
    good: line(),
    expect: [`lookup/unknown@${F}:14:15`],
  },
  {
    name: 'lookup/unknown-field: an input the lookup does not have',
    bad: line({ find: lineSteps().split('\n').slice(1, 5).join('\n').replace('phone:', 'fone:') }),
    good: line(),
    expect: [`lookup/unknown-field@${F}:15:15`],
  },
  {
    name: 'lookup/unknown-field: an output the lookup does not have',
    bad: line({ find: lineSteps().split('\n').slice(1, 5).join('\n').replace('dueDate, name]', 'due, name]') }),
    good: line(),
    expect: [`lookup/unknown-field@${F}:16:33`],
  },
  {
    name: 'lookup/missing-input: a required input is not given',
    bad: {
      'flowc.yaml': flowcYaml().replace(
        'phone: { type: digits, min: 7, max: 15, optional: true }',
        'phone: { type: digits, min: 7, max: 15 }',
      ),
      ...line({ find: lineSteps().split('\n').slice(1, 5).join('\n').replace('with: { phone: "{{caller}}" }', 'with: {}') }),
    },
    good: line(),
    expect: [`lookup/missing-input@${F}:14:15`],
  },
  {
    name: 'lookup/input-type: data that can never fit the input',
    bad: line({ find: lineSteps().split('\n').slice(1, 5).join('\n').replace('{{caller}}', '{{service}}') }),
    good: line(),
    expect: [`lookup/input-type@${F}:15:22`],
  },
  {
    name: 'lookup/store-type: an output stored into data of another type',
    bad: line({}, dataHead.replace('dueDate: date', 'dueDate: time')),
    good: line(),
    expect: [`lookup/store-type@${F}:16:33`],
  },
  {
    name: 'lookup/store-type: an optional output into data that is not optional',
    bad: line({}, dataHead.replace('name: { type: text, optional: true, max: 40 }', 'name: { type: text, max: 40 }')),
    good: line(),
    expect: [`lookup/store-type@${F}:16:42`],
  },
  {
    name: 'lookup/bad-timeout: a time without a unit',
    bad: { 'flowc.yaml': flowcYaml().replace('timeout: 2s', 'timeout: "2"'), ...line() },
    good: line(),
    expect: ['lookup/bad-timeout@flowc.yaml:13:14'],
  },
  {
    name: 'lookup/bad-timeout: longer than a caller should wait',
    bad: { 'flowc.yaml': flowcYaml().replace('timeout: 2s', 'timeout: 30s'), ...line() },
    good: line(),
    expect: ['lookup/bad-timeout@flowc.yaml:13:14'],
  },
  {
    name: 'lookup/position: a lookup that is not the last item',
    bad: line({ find: `${lineSteps().split('\n').slice(1, 5).join('\n')}\n    - talk: { text: Goodbye. }` }),
    good: line({ find: `    - talk: { text: Hi }\n${lineSteps().split('\n').slice(1, 5).join('\n')}` }),
    expect: [`lookup/position@${F}:14:7`, `flow/unreachable-step@${F}:19:3`, `flow/unreachable-step@${F}:25:3`],
  },
  {
    name: 'lookup/position: an input before a lookup',
    bad: line({ find: `    - input: { type: [dtmf] }\n${lineSteps().split('\n').slice(1, 5).join('\n')}` }),
    good: line({ find: `    - talk: { text: Hi }\n${lineSteps().split('\n').slice(1, 5).join('\n')}` }),
    expect: [`lookup/position@${F}:14:7`],
  },
  {
    name: 'flow/missing-transition: a lookup without failed',
    bad: line({ find: lineSteps().split('\n').slice(1, 5).join('\n').replace(', failed: sorry', '') }),
    good: line(),
    expect: [`flow/missing-transition@${F}:17:7`],
  },
  {
    name: 'flow/missing-transition: a capture without invalid',
    bad: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: account
      on: { stored: bye, timeout: bye, default: bye }`,
    }),
    good: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      store: account
      on: { stored: bye, invalid: bye, timeout: bye }`,
    }),
    expect: [`flow/missing-transition@${F}:25:7`],
  },
  {
    name: 'flow/bad-transition-key: stored without store',
    bad: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      on: { stored: bye, timeout: bye, default: bye }`,
    }),
    good: line({
      sorry: `    - input: { type: [dtmf], dtmf: { maxDigits: 8 } }
      on: { "1": bye, timeout: bye, default: bye }`,
    }),
    expect: [`flow/bad-transition-key@${F}:24:13`],
  },
];

const hoursYaml = (office: string): string => flowcYaml().replace(/hours:\n {2}office:\n[\s\S]*$/, `hours:\n  office:\n${office}`);
const goodOffice = `    timeZone: America/New_York
    open: { mon-fri: "08:00-18:00", sat: "09:00-13:00" }
    closed: [2026-12-25]
`;

/** A decision step after the lookup; `branches` is its YAML list (indented under decide:). */
const decide = (branches: string): Record<string, string> =>
  line({
    find: `    - lookup: findAccount
      with: { phone: "{{caller}}" }
      store: [account, balance, dueDate, name]
      on: { found: check, not-found: sorry, failed: sorry }`,
    check: `    - decide:\n${branches}`,
  });
const branch = (cond: string, to = 'pay'): string => `        - if: ${JSON.stringify(cond)}\n          goto: ${to}\n`;
const otherwise = '        - otherwise: sorry\n';

cases.push(
  {
    name: 'hours/bad-time-zone: a time zone Intl does not know, with a did-you-mean',
    bad: { 'flowc.yaml': hoursYaml(goodOffice.replace('America/New_York', 'America/New_Yrok')), ...line() },
    good: { 'flowc.yaml': hoursYaml(goodOffice), ...line() },
    expect: ['hours/bad-time-zone@flowc.yaml:16:15'],
  },
  {
    name: 'hours/bad-day: a day that does not exist',
    bad: { 'flowc.yaml': hoursYaml(goodOffice.replace('mon-fri', 'mon-fir')), ...line() },
    good: { 'flowc.yaml': hoursYaml(goodOffice), ...line() },
    expect: ['hours/bad-day@flowc.yaml:17:13'],
  },
  {
    name: 'hours/bad-time: a range that closes before it opens',
    bad: { 'flowc.yaml': hoursYaml(goodOffice.replace('"09:00-13:00"', '"13:00-09:00"')), ...line() },
    good: { 'flowc.yaml': hoursYaml(goodOffice), ...line() },
    expect: ['hours/bad-time@flowc.yaml:17:42'],
  },
  {
    name: 'hours/bad-time: not a time range',
    bad: { 'flowc.yaml': hoursYaml(goodOffice.replace('"08:00-18:00"', '"8 to 6"')), ...line() },
    good: { 'flowc.yaml': hoursYaml(goodOffice), ...line() },
    expect: ['hours/bad-time@flowc.yaml:17:22'],
  },
  {
    name: 'hours/bad-time: a day given overlapping hours',
    bad: { 'flowc.yaml': hoursYaml(goodOffice.replace('sat: "09:00-13:00"', 'fri: "09:00-13:00"')), ...line() },
    good: { 'flowc.yaml': hoursYaml(goodOffice), ...line() },
    expect: ['hours/bad-time@flowc.yaml:17:37'],
  },
  {
    name: 'hours/bad-date: a closed day that is not a date',
    bad: { 'flowc.yaml': hoursYaml(goodOffice.replace('2026-12-25', '2026-12-32')), ...line() },
    good: { 'flowc.yaml': hoursYaml(goodOffice), ...line() },
    expect: ['hours/bad-date@flowc.yaml:18:14'],
  },
  {
    name: 'hours/unknown: a decision on opening hours flowc.yaml does not declare',
    bad: decide(branch('ofice is open') + otherwise),
    good: decide(branch('office is open') + otherwise),
    expect: [`hours/unknown@${F}:28:16`],
  },
  {
    name: 'decide/syntax: a comparison with no value, at the word',
    bad: decide(branch('balance > and office is open') + otherwise),
    good: decide(branch('balance > 0 and office is open') + otherwise),
    expect: [`decide/syntax@${F}:28:26`],
  },
  {
    name: 'decide/type: a literal that is not money',
    bad: decide(branch('balance > lots') + otherwise),
    good: decide(branch('balance > 100') + otherwise),
    expect: [`decide/type@${F}:28:26`],
  },
  {
    name: 'decide/type: a date written YYYY-MM-DD that is no day of the calendar',
    bad: decide(branch('dueDate is set and dueDate < 2026-02-30') + otherwise),
    good: decide(branch('dueDate is set and dueDate < 2026-02-28') + otherwise),
    expect: [`decide/type@${F}:28:45`],
  },
  {
    name: 'decide/type: an order on a one-of',
    bad: decide(branch('service is set and service < gas') + otherwise),
    good: decide(branch('service is set and service is gas') + otherwise),
    expect: [`decide/type@${F}:28:35`],
  },
  {
    name: 'decide/never-true: a one-of value that is not in the list',
    bad: decide(branch('service is set and service is gaz') + otherwise),
    good: decide(branch('service is set and service is gas') + otherwise),
    expect: [`decide/never-true@${F}:28:46`],
  },
  {
    name: 'decide/never-true: a bound outside the declared range',
    bad: decide(branch('balance > 20000') + otherwise),
    good: decide(branch('balance > 2000') + otherwise),
    expect: [`decide/never-true@${F}:28:16`],
  },
  {
    name: 'decide/always-true: later branches are never taken',
    bad: decide(branch('balance >= 0') + branch('balance > 100', 'bye') + otherwise),
    good: decide(branch('balance = 0', 'bye') + branch('balance > 100') + otherwise),
    expect: [`decide/always-true@${F}:28:16`],
  },
  {
    name: 'decide/duplicate: the same condition twice',
    bad: decide(branch('office is open') + branch('office is open', 'bye') + otherwise),
    good: decide(branch('office is open') + branch('office is closed', 'bye') + otherwise),
    expect: [`decide/duplicate@${F}:30:16`],
  },
  {
    name: 'decide/no-otherwise: a decision without otherwise',
    bad: decide(branch('office is open')),
    good: decide(branch('office is open') + otherwise),
    expect: [`decide/no-otherwise@${F}:28:11`],
  },
  {
    name: 'decide/bad-branch: a branch without goto',
    bad: decide('        - if: office is open\n' + otherwise),
    good: decide(branch('office is open') + otherwise),
    // Errors first (main's diagnostics order), then the warnings that follow from the branch going nowhere.
    expect: [`decide/bad-branch@${F}:28:11`, `flow/unreachable-step@${F}:18:3`, `flow/unreachable-step@${F}:24:3`],
  },
  {
    name: 'decide/not-alone: a decision with a talk in its step',
    bad: decide(`${branch('office is open')}${otherwise}    - talk: { text: Hi }\n`),
    good: decide(branch('office is open') + otherwise),
    expect: [`decide/not-alone@${F}:27:7`],
  },
  {
    name: 'data/maybe-missing: a decision on optional data without "is set"',
    bad: decide(branch('name = "Ann"') + otherwise),
    good: decide(branch('name is set and name = "Ann"') + otherwise),
    expect: [`data/maybe-missing@${F}:28:15`],
  },
  {
    name: 'template/param-type: call data of the wrong type passed to a number parameter',
    bad: {
      ...line({ bye: '    - use: notice\n      with: { amount: "{{dueDate}}" }' }),
      'templates/notice.yaml':
        'params: { amount: { type: number, required: true } }\nactions:\n  - talk: { text: "That is {{money amount}}. Goodbye." }\n',
    },
    good: {
      ...line({ bye: '    - use: notice\n      with: { amount: "{{balance}}" }' }),
      'templates/notice.yaml':
        'params: { amount: { type: number, required: true } }\nactions:\n  - talk: { text: "That is {{money amount}}. Goodbye." }\n',
    },
    expect: [`template/param-type@${F}:26:24`],
  },
);

/** Two flows: `a` jumps to `b` (which declares `bDecl` for balance). */
const twoFlows = (
  target: string,
  bDecl = 'balance: { type: money, min: 0, max: 10000 }',
  bLocales = '[en-US]',
): Record<string, string> => ({
  ...line({
    bye: `    - input: { type: [dtmf], dtmf: { maxDigits: 1 } }\n      on: { "1": ${target}, "0": sorry, timeout: sorry, default: sorry }`,
  }),
  'flows/b.flow.yaml': `flow: b\nlocales: ${bLocales}\ndata:\n  ${bDecl}\nstart: hello\nsteps:\n  hello:\n    - talk: { text: ${bLocales.includes('es-US') ? 'Adiós.' : 'Goodbye.'} }\n`,
});

cases.push(
  {
    name: 'flow/unknown-flow: a jump to a flow that does not exist',
    bad: twoFlows('{ goto: hello, flow: c }'),
    good: twoFlows('{ goto: hello, flow: b }'),
    // Flow b is then handed no calls: nobody can reach it.
    expect: [`flow/unknown-flow@${F}:26:39`, 'flow/no-numbers@flows/b.flow.yaml:1:1'],
  },
  {
    name: 'flow/unknown-step: a jump to a step the other flow does not have',
    bad: twoFlows('{ goto: helo, flow: b }'),
    good: twoFlows('{ goto: hello, flow: b }'),
    expect: [`flow/unknown-step@${F}:26:26`],
  },
  {
    name: 'flow/unknown-locale: the other flow does not speak the call locale',
    bad: twoFlows('{ goto: hello, flow: b }', undefined, '[es-US]'),
    good: twoFlows('{ goto: hello, flow: b, locale: es-US }', undefined, '[es-US]'),
    expect: [`flow/unknown-locale@${F}:26:39`],
  },
  {
    name: 'data/flow-mismatch: data carried over with another type',
    bad: twoFlows('{ goto: hello, flow: b }', 'balance: { type: money, min: 0, max: 500 }'),
    good: twoFlows('{ goto: hello, flow: b }'),
    expect: [`data/flow-mismatch@${F}:26:18`],
  },
);

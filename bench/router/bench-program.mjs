// The route program the router benchmarks run: a static step and a step rendered with call data, side by
// side in one router. Written by hand (as the compiler's lowering would) so that the benchmark measures
// the router, not a particular example.
//
//   static/en-US/menu    a static NCCO (talk + input); its input webhook goes back to it: no state at all
//   data/en-US/start     a decision, then a lookup (in memory), then the balance step
//   data/en-US/balance   talk with {{money balance}} and {{date due}} from the call state, + input; its
//                        webhook unseals the state, renders the step again and seals the state again
export const ROUTER_URL = 'https://ivr.example.com/flowc';

const json = (value) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const route = (flow, step) => `${ROUTER_URL}/on/${flow}/en-US/${step}`;
const go = (flow, step) => ({ to: { flow, locale: 'en-US', step } });

const TALK = 'Thank you for calling Acme Energy. To pay your balance, press 1. To hear your due date, press 2. For an agent, press 0.';

function inputForm(flow, step, talkPart) {
  const input = json({ action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1, timeOut: 5 } }).slice(0, -1);
  return [`[${talkPart},${input},"eventUrl":["${route(flow, step)}`, { state: true }, '"]}]'];
}

export function benchProgram() {
  const staticFlow = {
    version: 1,
    flow: 'static',
    locales: ['en-US'],
    data: {},
    steps: {
      'en-US/menu': {
        kind: 'ncco',
        ncco: inputForm('static', 'menu', json({ action: 'talk', text: TALK, language: 'en-US' })),
        reads: [],
        on: { kind: 'input', digits: { 1: go('static', 'menu') }, speech: [], default: go('static', 'menu') },
      },
    },
  };
  const talkWithData = [
    '{"action":"talk","text":',
    {
      value: {
        text: [
          'Your balance is ',
          { data: 'balance', helper: 'money' },
          ', due ',
          { data: 'due', helper: 'date' },
          '. To pay it now, press 1. To hear it again, press 2. For an agent, press 0.',
        ],
        ssml: false,
      },
      check: { kind: 'text', maxLength: 1500, ssml: false },
      pointer: '/0/text',
    },
    ',"language":"en-US"}',
  ];
  const [head, state, tail] = inputForm('data', 'balance', '');
  const dataFlow = {
    version: 1,
    flow: 'data',
    locales: ['en-US'],
    data: {
      account: { type: { type: 'digits', minLength: 8, maxLength: 8 } },
      balance: { type: { type: 'money', max: 10000 } },
      due: { type: { type: 'date' } },
    },
    steps: {
      'en-US/start': {
        kind: 'decide',
        branches: [{ when: { set: 'caller' }, to: go('data', 'lookup') }],
        otherwise: go('data', 'balance'),
      },
      'en-US/lookup': {
        kind: 'lookup',
        lookup: 'account',
        input: { number: { data: 'caller' } },
        store: { account: 'account', balance: 'balance', due: 'due' },
        timeoutMs: 1000,
        found: go('data', 'balance'),
        notFound: go('data', 'balance'),
        failed: go('data', 'balance'),
      },
      'en-US/balance': {
        kind: 'ncco',
        ncco: ['[', ...talkWithData, head.slice(1), state, tail],
        reads: ['balance', 'due'],
        // Counted, so that every webhook changes the state and it is sealed anew (the worst case).
        on: {
          kind: 'input',
          digits: { 1: { ...go('data', 'balance'), limit: { counter: 'again', max: 1e9, then: go('data', 'balance') } } },
          speech: [],
          default: go('data', 'balance'),
        },
      },
    },
  };
  const project = {
    version: 1,
    projectId: 'bench',
    routerUrl: ROUTER_URL,
    numbers: {
      14155550100: { start: { flow: 'static', locale: 'en-US', step: 'menu' }, answeredBy: 'cdn' },
      14155550111: { start: { flow: 'data', locale: 'en-US', step: 'start' }, answeredBy: 'router' },
    },
    flows: { data: { sha256: '-' }, static: { sha256: '-' } },
    hours: {},
    lookups: {
      account: {
        input: { number: { type: { type: 'digits', minLength: 7, maxLength: 15 } } },
        output: {
          account: { type: { type: 'digits', minLength: 8, maxLength: 8 } },
          balance: { type: { type: 'money', max: 10000 } },
          due: { type: { type: 'date' } },
        },
        timeoutMs: 1000,
      },
    },
  };
  return { project, flows: [staticFlow, dataFlow] };
}

/** The application's lookup for the benchmark: one account, in memory. */
export const benchLookups = {
  account: () => ({ account: '12345678', balance: 42.5, due: '2026-12-15' }),
};

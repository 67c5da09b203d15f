/**
 * A small route program written by hand, with every kind of step (talk, menu with keys and speech, a
 * capture, pay, connect, record, notify, a lookup, a decision on data and on opening hours, attempt
 * limits, a jump to another flow), so the simulator is tested on call data before the example project has it.
 */
import {
  eventRoutePath,
  stepId,
  type FlowProgram,
  type NccoForm,
  type ProjectProgram,
  type StepProgram,
  type StepTransitions,
  type Target,
  type Transition,
} from '../../compiler/router/runtime/program.mjs';
import { createSimulator, type Simulator } from '../../compiler/simulate/simulator.js';

export const ROUTER = 'https://ivr.example.test/flowc';

const at = (flow: string, step: string, locale = 'en-US'): Target => ({ flow, locale, step });
const go = (flow: string, step: string, locale = 'en-US'): Transition => ({ to: at(flow, step, locale) });

/** A form whose last action's eventUrl (if `on`) carries the state hole, as lower-program.ts makes it. */
function form(target: Target, actions: Record<string, unknown>[], on: boolean): NccoForm {
  if (!on) return [JSON.stringify(actions)];
  const url = ROUTER + eventRoutePath(target);
  const last = { ...actions[actions.length - 1], eventUrl: [`${url}\u0000`] };
  const text = JSON.stringify([...actions.slice(0, -1), last]);
  const mark = '\\u0000';
  const i = text.indexOf(mark);
  return [text.slice(0, i), { state: true }, text.slice(i + mark.length)];
}

function ncco(target: Target, actions: Record<string, unknown>[], on?: StepTransitions, reads: string[] = []): StepProgram {
  return { kind: 'ncco', ncco: form(target, actions, on !== undefined), reads, ...(on ? { on } : {}) };
}

const talk = (text: string, extra: Record<string, unknown> = {}) => ({ action: 'talk', text, language: 'en-US', style: 2, ...extra });

export function fixtureProgram(): { project: ProjectProgram; flows: FlowProgram[] } {
  const F = 'desk';
  const s = (name: string) => at(F, name);
  const steps: Record<string, StepProgram> = {};
  const put = (name: string, step: StepProgram) => {
    steps[stepId(s(name))] = step;
  };
  put(
    'welcome',
    ncco(
      s('welcome'),
      [
        talk('Welcome to the desk.', { bargeIn: true }),
        { action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 1, timeOut: 5 }, speech: { endOnSilence: 1 } },
      ],
      {
        kind: 'input',
        digits: {
          '1': go(F, 'find'),
          '2': go(F, 'ask-account'),
          '3': go(F, 'hours'),
          '4': go(F, 'alert'),
          '5': go('other', 'hello'),
          '6': go(F, 'spin'),
        },
        speech: [{ phrases: [['pay'], ['payment']], to: go(F, 'find') }],
        minConfidence: 0.5,
        timeout: { to: s('welcome'), limit: { counter: 'welcome-timeout', max: 1, then: go(F, 'bye') } },
        default: go(F, 'bye'),
      },
    ),
  );
  put('find', {
    kind: 'lookup',
    lookup: 'account',
    input: { phone: { data: 'caller' } },
    store: { balance: 'balance' },
    timeoutMs: 3000,
    found: go(F, 'check'),
    notFound: go(F, 'bye'),
    failed: go(F, 'trouble'),
  });
  put('check', {
    kind: 'decide',
    branches: [{ when: { data: 'balance', op: '=', value: 0 }, to: go(F, 'nothing-due') }],
    otherwise: go(F, 'pay'),
  });
  put('nothing-due', ncco(s('nothing-due'), [talk('You owe nothing.')]));
  put('pay', {
    kind: 'ncco',
    ncco: [
      '[{"action":"talk","text":',
      { value: { text: ['You owe ', { data: 'balance' }, '.'], ssml: false }, pointer: '/0/text' },
      ',"language":"en-US","style":2},{"action":"pay","amount":',
      { value: { data: 'balance' }, check: { kind: 'pay-amount' }, pointer: '/1/amount' },
      `,"eventUrl":["${ROUTER}${eventRoutePath(s('pay'))}`,
      { state: true },
      '"]}]',
    ],
    reads: ['balance'],
    on: { kind: 'pay', success: go(F, 'paid'), failure: { to: s('pay'), limit: { counter: 'pay-failure', max: 1, then: go(F, 'agent') } } },
  });
  put('paid', ncco(s('paid'), [talk('<speak>Thank you.<break time="300ms"/>Goodbye &amp; take care.</speak>')]));
  put(
    'ask-account',
    ncco(
      s('ask-account'),
      [talk('Enter your account number.'), { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 4, timeOut: 5, submitOnHash: true } }],
      {
        kind: 'input',
        digits: { '0': go(F, 'agent') },
        speech: [],
        store: { data: 'account', from: 'digits' },
        stored: go(F, 'bye'),
        invalid: go(F, 'bye'),
        default: go(F, 'bye'),
      },
    ),
  );
  (steps[stepId(s('ask-account'))] as Extract<StepProgram, { kind: 'ncco' }>).reportsInput = true;
  put('hours', { kind: 'decide', branches: [{ when: { hours: 'office', open: true }, to: go(F, 'agent') }], otherwise: go(F, 'closed') });
  put(
    'closed',
    ncco(s('closed'), [
      talk('We are closed.'),
      { action: 'record', endOnSilence: 3, eventUrl: ['https://crm.example.test/voicemail'] },
      talk('Message received.'),
    ]),
  );
  put(
    'agent',
    ncco(
      s('agent'),
      [talk('Connecting you.'), { action: 'connect', eventType: 'synchronous', endpoint: [{ type: 'phone', number: '14155550199' }] }],
      {
        kind: 'connect',
        statuses: { busy: go(F, 'closed') },
        default: go(F, 'bye'),
      },
    ),
  );
  put(
    'alert',
    ncco(
      s('alert'),
      [
        { action: 'stream', streamUrl: ['https://cdn.example.test/tone.mp3'] },
        { action: 'notify', payload: { event: 'alert' } },
      ],
      { kind: 'notify', default: go(F, 'bye') },
    ),
  );
  // A loop no caller can leave (the build forbids it; the simulator must still stop it).
  put('spin', ncco(s('spin'), [{ action: 'notify', payload: { again: true } }], { kind: 'notify', default: go(F, 'spin') }));
  put('trouble', ncco(s('trouble'), [talk('Something went wrong.'), { action: 'conversation', name: 'help-room' }]));
  put('bye', ncco(s('bye'), [talk('Goodbye.'), { action: 'wait', timeout: 2 }]));
  const desk: FlowProgram = {
    version: 1,
    flow: F,
    locales: ['en-US'],
    data: { balance: { type: { type: 'money', min: 0, max: 1000 } }, account: { type: { type: 'digits', minLength: 4, maxLength: 4 } } },
    steps,
  };
  const other: FlowProgram = {
    version: 1,
    flow: 'other',
    locales: ['en-US'],
    data: {},
    steps: { 'en-US/hello': ncco(at('other', 'hello'), [talk('Hello from the other flow.')]) },
  };
  const project: ProjectProgram = {
    version: 1,
    projectId: 'fixture',
    routerUrl: ROUTER,
    numbers: { '15550001000': { start: s('welcome'), answeredBy: 'cdn' } },
    flows: { desk: { sha256: 'x' }, other: { sha256: 'y' } },
    hours: { office: { timeZone: 'America/New_York', weekly: { mon: [{ from: '09:00', to: '17:00' }] }, closed: [] } },
    lookups: {
      account: {
        input: { phone: { type: { type: 'digits', minLength: 1, maxLength: 20 } } },
        output: { balance: { type: { type: 'money', min: 0, max: 1000 } } },
        timeoutMs: 3000,
      },
    },
  };
  return { project, flows: [desk, other] };
}

export function fixtureSimulator(): Simulator {
  const program = fixtureProgram();
  return createSimulator({
    program,
    flows: [
      { name: 'desk', start: 'welcome', locales: ['en-US'], direction: 'inbound' },
      { name: 'other', start: 'hello', locales: ['en-US'], direction: 'outbound' },
    ],
    helpers: {},
  });
}

import { describe, expect, it } from 'vitest';
import type { DataType, InputTransitions, Transition } from '../../../compiler/router/runtime/program.mjs';
import { chooseConnect, chooseInput, choosePay, resolveTransition } from '../../../compiler/router/runtime/transitions.mjs';

const go = (step: string): Transition => ({ to: { flow: 'f', locale: 'en-US', step } });
const types: Record<string, DataType> = {
  account: { type: 'digits', minLength: 8, maxLength: 8 },
  fuel: { type: 'one-of', values: ['gas', 'power'] },
};
const typeOf = (n: string): DataType | undefined => types[n];

const menu: InputTransitions = {
  kind: 'input',
  digits: { '1': go('pay'), '0': go('agent') },
  speech: [
    { phrases: [['support']], to: go('support') },
    { phrases: [['technical', 'support']], to: go('tech') },
    { phrases: [['si'], ['yes']], to: go('yes') },
  ],
  minConfidence: 0.5,
  timeout: go('again'),
  default: go('invalid'),
};
const capture: InputTransitions = {
  kind: 'input',
  digits: { '0': go('agent') },
  speech: [],
  store: { data: 'account', from: 'digits' },
  stored: go('confirm'),
  invalid: go('retry'),
  timeout: go('again'),
};
const speech = (...results: [string, number | string][]) => ({
  speech: { results: results.map(([text, confidence]) => ({ text, confidence })) },
});

describe('chooseInput', () => {
  it.each([
    ['a listed key', menu, { dtmf: { digits: '1' } }, 'pay', undefined],
    ['an unlisted key', menu, { dtmf: { digits: '7' } }, 'invalid', undefined],
    ['silence', menu, { dtmf: { digits: '', timed_out: true } }, 'again', undefined],
    ['a phrase', menu, speech(['I need support', 0.9]), 'support', undefined],
    ['the most specific phrase', menu, speech(['I need technical support', 0.9]), 'tech', undefined],
    ['an accent folded', menu, speech(['Sí', 0.9]), 'yes', undefined],
    ['below the confidence threshold: silence', menu, speech(['yes', 0.3]), 'again', undefined],
    ['at the threshold', menu, speech(['yes', '0.5']), 'yes', undefined],
    ['the confident result first', menu, speech(['support', 0.6], ['yes', 0.95]), 'yes', undefined],
    ['a low result ignored, a higher one taken', menu, speech(['yes', 0.2], ['support', 0.7]), 'support', undefined],
    ['digits stored', capture, { dtmf: { digits: '12345678' } }, 'confirm', { data: 'account', value: '12345678' }],
    ['digits too short', capture, { dtmf: { digits: '1234' } }, 'retry', undefined],
    ['digits with a hash', capture, { dtmf: { digits: '1234567#' } }, 'retry', undefined],
    ['a listed key before storing', capture, { dtmf: { digits: '0' } }, 'agent', undefined],
    ['silence on a capture', capture, {}, 'again', undefined],
  ] as const)('%s', (_label, on, payload, step, stored) => {
    const choice = chooseInput(on, payload, typeOf);
    expect(choice.kind).toBe('go');
    if (choice.kind !== 'go') return;
    expect(choice.transition.to.step).toBe(step);
    expect(choice.stored).toEqual(stored);
  });

  it('stores recognised words into one-of data', () => {
    const on: InputTransitions = {
      kind: 'input',
      digits: {},
      speech: [],
      store: { data: 'fuel', from: 'speech' },
      stored: go('ok'),
      invalid: go('no'),
    };
    expect(chooseInput(on, speech(['Gas', 0.9]), typeOf)).toMatchObject({ transition: go('ok'), stored: { data: 'fuel', value: 'gas' } });
    expect(chooseInput(on, speech(['water', 0.9]), typeOf)).toMatchObject({ transition: go('no') });
  });

  it('asks again when nothing applies and there is no default', () => {
    const on: InputTransitions = { kind: 'input', digits: { '1': go('a') }, speech: [] };
    expect(chooseInput(on, { dtmf: { digits: '2' } }, typeOf)).toEqual({ kind: 'repeat', input: { digits: '2' } });
    expect(chooseInput(on, {}, typeOf)).toEqual({ kind: 'repeat', input: {} });
  });
});

describe('pay and connect', () => {
  it.each([
    ['success', { kind: 'go', transition: go('paid') }],
    ['failure', { kind: 'go', transition: go('failed') }],
    ['other', { kind: 'no-transition', status: 'other' }],
  ])('pay %s', (status, choice) => {
    expect(choosePay({ kind: 'pay', success: go('paid'), failure: go('failed') }, { status })).toEqual(choice);
  });

  it.each([
    ['busy', 'voicemail'],
    ['timeout', 'retry'],
    ['ringing', undefined],
    ['__proto__', undefined],
  ])('connect %s', (status, step) => {
    const choice = chooseConnect({ kind: 'connect', statuses: { busy: go('voicemail') }, default: go('retry') }, { status });
    expect(choice).toEqual(step ? { kind: 'go', transition: go(step) } : { kind: 'no-content' });
  });
});

describe('attempt limits', () => {
  const limited: Transition = {
    to: { flow: 'f', locale: 'en-US', step: 'menu' },
    limit: { counter: 'silence', max: 2, then: { to: { flow: 'f', locale: 'en-US', step: 'agent' } } },
  };
  it('goes to `to` max times, then to `then`, counting per call and per flow', () => {
    const counters: Record<string, number> = {};
    expect([1, 2, 3, 4].map(() => resolveTransition(limited, 'f', counters).step)).toEqual(['menu', 'menu', 'agent', 'agent']);
    expect(counters).toEqual({ 'f/silence': 2 });
    const other: Record<string, number> = { 'g/silence': 5 };
    expect(resolveTransition(limited, 'f', other).step).toBe('menu');
  });

  it('counts the same limit apart in each flow that takes it', () => {
    const counters: Record<string, number> = {};
    const taken = ['f', 'g', 'f', 'g', 'f', 'f'].map((flow) => resolveTransition(limited, flow, counters).step);
    expect(taken).toEqual(['menu', 'menu', 'menu', 'menu', 'agent', 'agent']);
    expect(counters).toEqual({ 'f/silence': 2, 'g/silence': 2 });
  });

  it('chains limits', () => {
    const chained: Transition = {
      ...limited,
      limit: { counter: 'a', max: 1, then: { ...limited, limit: { counter: 'b', max: 1, then: go('last') } } },
    };
    const counters: Record<string, number> = {};
    expect([1, 2, 3].map(() => resolveTransition(chained, 'f', counters).step)).toEqual(['menu', 'menu', 'last']);
  });
});

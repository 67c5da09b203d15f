/** What a person types in `flowc call`: the caller's acts for what the call waits for, and lookup answers. */
import { describe, expect, it } from 'vitest';
import type { Need } from '../../compiler/simulate/call-types.js';
import { parseAct, parseLookupAnswer } from '../../compiler/simulate/typed-acts.js';

const input: Need = { kind: 'input', at: undefined, dtmf: true, speech: true, maxDigits: 8, submitOnHash: true };
const pay: Need = { kind: 'pay', at: undefined, amount: 42.5, currency: 'usd' };

describe('parseLookupAnswer', () => {
  it.each([
    ['not-found', { kind: 'not-found' }],
    [' fails ', { kind: 'fails' }],
    ['slow', { kind: 'slow' }],
    ['{"balance": 42.5}', { kind: 'found', output: { balance: 42.5 } }],
    ['found {"account": "40012345"}', { kind: 'found', output: { account: '40012345' } }],
    ['found: {"account": "40012345"}', { kind: 'found', output: { account: '40012345' } }],
  ])('%s', (line, value) => {
    expect(parseLookupAnswer(line)).toEqual({ ok: true, value });
  });

  it.each(['found', '[1, 2]', '42', 'notfound', '{broken'])('%s is refused with what to type', (line) => {
    const parsed = parseLookupAnswer(line);
    expect(parsed.ok).toBe(false);
  });
});

describe('parseAct', () => {
  it.each([
    ['1234#', input, { kind: 'press', keys: '1234#' }],
    ['press 5', input, { kind: 'press', keys: '5' }],
    ['', input, { kind: 'silence' }],
    ['say pay my bill', input, { kind: 'say', words: 'pay my bill', confidence: 0.9 }],
    ['say@0.4 outage', input, { kind: 'say', words: 'outage', confidence: 0.4 }],
    ['hang-up', pay, { kind: 'hang-up' }],
    ['success', pay, { kind: 'pay', outcome: 'success' }],
    ['f', pay, { kind: 'pay', outcome: 'failure' }],
  ])('%j', (line, need, value) => {
    expect(parseAct(line, need)).toEqual({ ok: true, value });
  });

  it('an act that does not fit what the call waits for is refused', () => {
    expect(parseAct('success', input).ok).toBe(false);
    expect(parseAct('1', pay).ok).toBe(false);
  });
});

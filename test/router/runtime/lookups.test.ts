import { describe, expect, it } from 'vitest';
import { runLookup, type LookupRun } from '../../../compiler/router/runtime/lookups.mjs';
import type { DataDeclaration, LookupDeclaration, LookupStep } from '../../../compiler/router/runtime/program.mjs';

const to = { to: { flow: 'f', locale: 'en-US', step: 'x' } };
const step: LookupStep = {
  kind: 'lookup',
  lookup: 'account',
  input: { number: { data: 'caller' } },
  store: { balance: 'balance', name: 'holder' },
  timeoutMs: 50,
  found: to,
  notFound: to,
  failed: to,
};
const declaration: LookupDeclaration = {
  input: { number: { type: { type: 'digits', minLength: 7, maxLength: 15 } } },
  output: {
    balance: { type: { type: 'money', max: 10_000 } },
    name: { type: { type: 'text', maxLength: 40 }, optional: true },
  },
  timeoutMs: 50,
};
const flowData: Record<string, DataDeclaration> = {
  balance: { type: { type: 'money', min: 1, max: 5_000 } },
  holder: { type: { type: 'text', maxLength: 40 } },
};

const run = (implementation: unknown, input: Record<string, unknown> = { number: '15551234567' }): Promise<unknown> =>
  runLookup({
    step,
    declaration,
    implementation,
    input: input as LookupRun['input'],
    dataType: (name) => flowData[name],
    context: { flow: 'f', step: 's', locale: 'en-US', callId: 'u1' },
  });

describe('runLookup', () => {
  it.each([
    ['found', () => ({ balance: 42.5, name: 'Ann' }), { kind: 'found', store: { balance: 42.5, holder: 'Ann' } }],
    ['found, async, optional field absent', async () => ({ balance: 10 }), { kind: 'found', store: { balance: 10 } }],
    ['found, money to whole cents', () => ({ balance: 1.1 + 2.2 }), { kind: 'found', store: { balance: 3.3 } }],
    ['not found (null)', () => null, { kind: 'notFound' }],
    ['not found (async undefined)', async () => undefined, { kind: 'notFound' }],
    [
      'throws',
      () => {
        throw new Error('db down');
      },
      { kind: 'failed', reason: 'threw' },
    ],
    ['rejects', () => Promise.reject(new Error('db down')), { kind: 'failed', reason: 'threw' }],
    ['hangs', () => new Promise(() => undefined), { kind: 'failed', reason: 'timeout' }],
    ['answers too late', () => new Promise((r) => setTimeout(() => r({ balance: 1 }), 200)), { kind: 'failed', reason: 'timeout' }],
    ['answers a string', () => 'ok', { kind: 'failed', reason: 'wrong-shape' }],
    ['answers a list', () => [{ balance: 1 }], { kind: 'failed', reason: 'wrong-shape' }],
    ['misses a field', () => ({ name: 'Ann' }), { kind: 'failed', reason: 'missing-field', field: 'balance' }],
    ['balance as text', () => ({ balance: '42.50' }), { kind: 'failed', reason: 'wrong-type', field: 'balance' }],
    ['balance NaN', () => ({ balance: Number.NaN }), { kind: 'failed', reason: 'wrong-type', field: 'balance' }],
    ['balance 12.345', () => ({ balance: 12.345 }), { kind: 'failed', reason: 'wrong-type', field: 'balance' }],
    ['balance −5', () => ({ balance: -5 }), { kind: 'failed', reason: 'wrong-type', field: 'balance' }],
    [
      'balance a million (above the declaration)',
      () => ({ balance: 1_000_000 }),
      { kind: 'failed', reason: 'wrong-type', field: 'balance' },
    ],
    ['balance 0 (fits the lookup, not the flow)', () => ({ balance: 0 }), { kind: 'failed', reason: 'does-not-fit', field: 'balance' }],
    [
      'balance 6,000 (fits the lookup, not the flow)',
      () => ({ balance: 6000 }),
      { kind: 'failed', reason: 'does-not-fit', field: 'balance' },
    ],
    [
      'a getter that throws',
      () =>
        Object.defineProperty({}, 'balance', {
          enumerable: true,
          get() {
            throw new Error('x');
          },
        }),
      { kind: 'failed', reason: 'wrong-shape' },
    ],
    ['not a function', { balance: 1 }, { kind: 'failed', reason: 'not-implemented' }],
  ])('%s', async (_label, implementation, outcome) => {
    expect(await run(implementation)).toEqual(outcome);
  });

  it.each([
    ['missing', {}],
    ['of the wrong type', { number: 15551234567 }],
    ['too short', { number: '123' }],
  ])('fails without calling the application when an input is %s', async (_label, input) => {
    let called = false;
    expect(
      await run(() => {
        called = true;
        return { balance: 1 };
      }, input),
    ).toEqual({ kind: 'failed', reason: 'bad-input', field: 'number' });
    expect(called).toBe(false);
  });

  it('aborts the signal when the time limit passes, and hands the context over', async () => {
    let seen: { signal: AbortSignal; flow: string; step: string; callId: string | undefined } | undefined;
    const outcome = await run((_input: unknown, context: typeof seen) => {
      seen = context;
      return new Promise(() => undefined);
    });
    expect(outcome).toEqual({ kind: 'failed', reason: 'timeout' });
    expect(seen?.signal.aborted).toBe(true);
    expect(seen).toMatchObject({ flow: 'f', step: 's', callId: 'u1' });
  });

  it('passes only declared input, as declared', async () => {
    let received: unknown;
    await run(
      (input: unknown) => {
        received = input;
        return null;
      },
      { number: '15551234567', extra: 'x' },
    );
    expect(received).toEqual({ number: '15551234567' });
  });
});

/** Declarations of call data, what may flow into what, durations, days and time zones. */
import { describe, expect, it } from 'vitest';
import { cannotFit, readDeclaration, valueOfType } from '../../../compiler/resolve/call-data/data-types.js';
import { isTimeZone, parseDays, parseDuration, setAsideIn } from '../../../compiler/resolve/call-data/project-data.js';
import type { DataType } from '../../../compiler/router/runtime/program.mjs';

describe('readDeclaration', () => {
  it.each([
    ['text', { type: { type: 'text' } }],
    ['digits', { type: { type: 'digits', minLength: 1, maxLength: 20 } }],
    [{ type: 'digits', length: 8 }, { type: { type: 'digits', minLength: 8, maxLength: 8 } }],
    [{ type: 'digits', min: 4, max: 6 }, { type: { type: 'digits', minLength: 4, maxLength: 6 } }],
    [{ type: 'money', min: 0.01, max: 10000 }, { type: { type: 'money', min: 0.01, max: 10000 } }],
    [{ type: 'number', min: 0, max: 10, integer: true }, { type: { type: 'number', min: 0, max: 10, integer: true } }],
    [{ type: 'one-of', values: ['gas', 'electricity'] }, { type: { type: 'one-of', values: ['gas', 'electricity'] } }],
    [
      { type: 'text', max: 40, optional: true },
      { type: { type: 'text', maxLength: 40 }, optional: true },
    ],
    [
      { type: 'text', default: 'customer' },
      { type: { type: 'text' }, default: 'customer' },
    ],
    ['date', { type: { type: 'date' } }],
    ['time', { type: { type: 'time' } }],
    ['boolean', { type: { type: 'boolean' } }],
  ])('%j', (raw, decl) => {
    expect(readDeclaration('x', raw, { allowDefault: true })).toEqual({ decl, problems: [] });
  });

  it.each([
    ['dat', 'data/unknown-type', ''],
    [{ type: 'digit' }, 'data/unknown-type', '/type'],
    [{ length: 8 }, 'data/unknown-type', ''],
    [{ type: 'digits', length: 8, min: 4 }, 'data/bad-declaration', '/length'],
    [{ type: 'digits', values: ['a'] }, 'data/bad-declaration', '/values'],
    [{ type: 'money', min: -1 }, 'data/bad-declaration', '/min'],
    [{ type: 'money', max: 10.005 }, 'data/bad-declaration', '/max'],
    [{ type: 'number', min: 5, max: 1 }, 'data/bad-declaration', '/min'],
    [{ type: 'one-of', values: [] }, 'data/bad-declaration', '/values'],
    [{ type: 'one-of', values: ['gas', 'gas'] }, 'data/bad-declaration', '/values/1'],
    [{ type: 'date', default: '2026-02-30' }, 'data/bad-declaration', '/default'],
    [{ type: 'digits', length: 65 }, 'data/bad-declaration', '/length'],
    [42, 'data/bad-declaration', ''],
  ])('%j is refused (%s at %s)', (raw, code, at) => {
    const { decl, problems } = readDeclaration('x', raw, { allowDefault: true });
    expect(decl).toBeUndefined();
    expect(problems.map((p) => [p.code, p.at])).toEqual([[code, at]]);
  });

  it('a lookup field has no default', () => {
    expect(readDeclaration('x', { type: 'text', default: 'a' }, { allowDefault: false }).problems.map((p) => p.at)).toEqual(['/default']);
  });
});

const T = {
  text: { type: 'text' },
  text10: { type: 'text', maxLength: 10 },
  d8: { type: 'digits', minLength: 8, maxLength: 8 },
  d7to15: { type: 'digits', minLength: 7, maxLength: 15 },
  d1to20: { type: 'digits', minLength: 1, maxLength: 20 },
  d3: { type: 'digits', minLength: 3, maxLength: 3 },
  money: { type: 'money' },
  money100: { type: 'money', min: 0, max: 100 },
  money200plus: { type: 'money', min: 200 },
  date: { type: 'date' },
  gas: { type: 'one-of', values: ['gas', 'water'] },
  power: { type: 'one-of', values: ['power'] },
} satisfies Record<string, DataType>;

describe('cannotFit: only types with no value in common are refused (the rest is checked when the call runs)', () => {
  it.each([
    ['d1to20', 'd7to15', true],
    ['d3', 'd7to15', false],
    ['money', 'money100', true],
    ['money200plus', 'money100', false],
    ['date', 'text', false],
    ['gas', 'text', true],
    ['d8', 'text10', true],
    ['gas', 'power', false],
    ['text', 'gas', true],
    ['money', 'date', false],
  ] as const)('%s → %s fits: %s', (from, to, fits) => {
    expect(cannotFit(T[from], T[to]) === undefined).toBe(fits);
  });
});

describe('valueOfType', () => {
  it.each([
    [T.money100, 42.5, true],
    [T.money100, 42.505, false],
    [T.money100, 101, false],
    [T.d8, '12345678', true],
    [T.d8, '1234', false],
    [T.date, '2026-12-15', true],
    [T.date, '2026-12-32', false],
    [T.gas, 'gas', true],
    [T.gas, 'oil', false],
  ] as const)('%j %j → %s', (t, v, ok) => {
    expect(valueOfType(t, v).ok).toBe(ok);
  });
});

describe('durations, days and time zones', () => {
  it.each([
    ['3s', 3000],
    ['2.5s', 2500],
    ['1500ms', 1500],
    [' 10s ', 10000],
    ['3', undefined],
    ['3 seconds', undefined],
    ['0.0001s', undefined],
    [3, undefined],
  ])('%j → %s ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['mon', ['mon']],
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['fri-mon', ['fri', 'sat', 'sun', 'mon']],
    ['Sat', ['sat']],
    ['mon-fir', undefined],
    ['weekdays', undefined],
  ])('%s → %j', (key, expected) => {
    expect(parseDays(key)).toEqual(expected);
  });

  it.each([
    ['America/New_York', true],
    ['Europe/Paris', true],
    ['UTC', true],
    ['America/New_Yrok', false],
    ['EST5EDT ', false],
    ['', false],
  ])('%s is a time zone: %s', (zone, ok) => {
    expect(isTimeZone(zone)).toBe(ok);
  });
});

describe('setAsideIn', () => {
  it('names the lookups or opening hours the settings check set aside, or the whole section', () => {
    const dropped = ['/lookups/findAccount', '/lookups/other/output/balance', '/hours/office/open', '/vars/company'];
    expect(setAsideIn(dropped, 'lookups')).toEqual({ all: false, names: new Set(['findAccount', 'other']) });
    expect(setAsideIn(dropped, 'hours')).toEqual({ all: false, names: new Set(['office']) });
    expect(setAsideIn(['/lookups'], 'lookups')).toEqual({ all: true, names: new Set() });
    expect(setAsideIn(['/lookupsX/a'], 'lookups')).toEqual({ all: false, names: new Set() });
  });
});

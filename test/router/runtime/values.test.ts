import { describe, expect, it } from 'vitest';
import type { DataType, ValueCheck } from '../../../compiler/router/runtime/program.mjs';
import {
  captureValue,
  codePoints,
  failsCheck,
  isIsoDate,
  isWholeCents,
  misfit,
  spokenLength,
} from '../../../compiler/router/runtime/values.mjs';
import { foldWords } from '../../../compiler/router/runtime/words.mjs';

const fold = (t: string): string[] => foldWords(t);

describe('codePoints: counted as the string iterator counts them', () => {
  it.each(['', 'abc', '😀', 'a😀b', '\ud800', '\udc00', 'x\ud800y', '\udc00\ud800', '\ud800\ud800\udc00', '😀\ud83d', 'é̀ 中文'])(
    '%j',
    (text) => expect(codePoints(text)).toBe([...text].length),
  );
});

describe('misfit: a value against its declared type', () => {
  const text: DataType = { type: 'text', maxLength: 5 };
  const digits: DataType = { type: 'digits', minLength: 4, maxLength: 6 };
  const number: DataType = { type: 'number', min: 1, max: 10, integer: true };
  const money: DataType = { type: 'money', min: 1, max: 5000 };
  const oneOf: DataType = { type: 'one-of', values: ['gas', 'power'] };
  it.each([
    [text, 'hello', undefined],
    [text, 'hello!', 'range'],
    [text, '😀😀😀😀😀', undefined],
    [text, 'a\u0000b', 'type'],
    [text, '\ud800', 'type'],
    [text, 'line\nbreak', 'range'],
    [text, 5, 'type'],
    [digits, '1234', undefined],
    [digits, '123', 'range'],
    [digits, '1234567', 'range'],
    [digits, '12a4', 'type'],
    [digits, 1234, 'type'],
    [number, 3, undefined],
    [number, 3.5, 'type'],
    [number, 11, 'range'],
    [number, Number.NaN, 'type'],
    [number, '3', 'type'],
    [money, 42.5, undefined],
    [money, 1.1 + 2.2, undefined],
    [money, 12.345, 'type'],
    [money, 0, 'range'],
    [money, -5, 'range'],
    [money, 1_000_000, 'range'],
    [money, Number.NaN, 'type'],
    [money, Number.POSITIVE_INFINITY, 'type'],
    [money, 'abc', 'type'],
    [money, '42.50', 'type'],
    [{ type: 'date' }, '2026-02-28', undefined],
    [{ type: 'date' }, '2026-02-29', 'type'],
    [{ type: 'date' }, '2028-02-29', undefined],
    [{ type: 'date' }, '2026-13-01', 'type'],
    [{ type: 'time' }, '23:59', undefined],
    [{ type: 'time' }, '24:00', 'type'],
    [{ type: 'time' }, '9:30', 'type'],
    [{ type: 'boolean' }, false, undefined],
    [{ type: 'boolean' }, 'false', 'type'],
    [oneOf, 'gas', undefined],
    [oneOf, 'water', 'range'],
  ] as [DataType, unknown, string | undefined][])('%j ← %j: %s', (type, value, expected) => {
    expect(misfit(value, type)).toBe(expected);
  });

  it.each([
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
  ])('isIsoDate(%s) = %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));

  it('isIsoDate answers as the pattern it replaced, for every day of 1600–2400 and texts near dates', () => {
    const texts: string[] = ['', '2026-12-15\n', '\n2026-12-15', '2026-12-1', '2026-12-155', '2026/12/15', '２０２６-12-15', '2026-1２-15'];
    for (let year = 1600; year <= 2400; year += year < 1610 || year > 2390 || year % 100 === 0 ? 1 : 7)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) texts.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    for (const base of ['2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31'])
      for (let i = 0; i < base.length; i++)
        for (const c of ['0', '9', '-', '/', ' ', 'a', '+', '.', ':', '\u0660', '\uff10'])
          texts.push(base.slice(0, i) + c + base.slice(i + 1), base.slice(0, i) + c + base.slice(i));
    for (const text of texts) expect(isIsoDate(text), JSON.stringify(text)).toBe(isIsoDateByPattern(text));
  });

  /** isIsoDate as it was written first, with a pattern. */
  function isIsoDateByPattern(text: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m === null) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1) return false;
    const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return day <= (days[month - 1] ?? 0);
  }

  it.each([
    [42.5, true],
    [19.99, true],
    [1.005, false],
    [0.07, true],
    [1e21, false],
  ])('isWholeCents(%d) = %s', (n, ok) => expect(isWholeCents(n)).toBe(ok));
});

describe('captureValue: what the caller typed or said, as a value of its type', () => {
  it.each([
    ['digits', '12345678', { type: 'digits', minLength: 8, maxLength: 8 }, '12345678'],
    ['digits', '1234', { type: 'digits', minLength: 8, maxLength: 8 }, undefined],
    ['digits', '1234#', { type: 'digits', minLength: 4, maxLength: 8 }, undefined],
    ['speech', '1 2 3 4', { type: 'digits', minLength: 4, maxLength: 4 }, '1234'],
    ['speech', '12-34', { type: 'digits', minLength: 4, maxLength: 4 }, '1234'],
    ['speech', 'one two', { type: 'digits', minLength: 2, maxLength: 4 }, undefined],
    ['digits', '0042', { type: 'number', min: 1, max: 100 }, 42],
    ['digits', '0', { type: 'number', min: 1, max: 100 }, undefined],
    ['digits', '250', { type: 'money', max: 500 }, 250],
    ['speech', 'Gas', { type: 'one-of', values: ['gas', 'power'] }, 'gas'],
    ['speech', 'électricité', { type: 'one-of', values: ['gas', 'Electricité'] }, 'Electricité'],
    ['digits', '2', { type: 'one-of', values: ['1', '2'] }, '2'],
    ['speech', ' my name is Ann ', { type: 'text', maxLength: 20 }, 'my name is Ann'],
    ['speech', 'yes', { type: 'boolean' }, undefined],
  ] as ['digits' | 'speech', string, DataType, unknown][])('%s %j as %j → %j', (from, raw, type, expected) => {
    expect(captureValue(raw, from, type, fold)).toEqual(expected);
  });
});

describe('failsCheck: filled-in options', () => {
  const pay: ValueCheck = { kind: 'pay-amount', max: 10_000 };
  it.each([
    [pay, 42.5, undefined],
    [pay, 0, 'range'],
    [pay, -5, 'range'],
    [pay, 12.345, 'type'],
    [pay, Number.NaN, 'type'],
    [pay, 'abc', 'type'],
    [pay, '42.50', 'type'],
    [pay, 1_000_000, 'range'],
    [{ kind: 'pay-amount' }, 1_000_000, undefined],
    [{ kind: 'pay-amount', min: 1 }, 0.5, 'range'],
    [{ kind: 'text', maxLength: 5, ssml: false }, 'hello', undefined],
    [{ kind: 'text', maxLength: 5, ssml: false }, 'hello!', 'length'],
    [{ kind: 'text', maxLength: 5, ssml: true }, '<speak>hello<break time="1s"/></speak>', undefined],
    [{ kind: 'text', maxLength: 5, ssml: true }, '<speak>a &amp; b</speak>', undefined],
    [{ kind: 'phone-number' }, '14155550100', undefined],
    [{ kind: 'phone-number' }, '+14155550100', 'type'],
    [{ kind: 'phone-number' }, '012345678', 'type'],
    [{ kind: 'phone-number' }, '123456', 'type'],
    [{ kind: 'phone-number' }, '1234567890123456', 'type'],
    [{ kind: 'phone-number' }, 14155550100, 'type'],
    [{ kind: 'string', maxLength: 3 }, 'abcd', 'length'],
    [{ kind: 'string', maxLength: 3 }, 'abc', undefined],
  ] as [ValueCheck, unknown, string | undefined][])('%j ← %j: %s', (check, value, expected) => {
    expect(failsCheck(value, check)).toBe(expected);
  });

  it('counts spoken characters the way the build does (tags, comments and entities)', () => {
    expect(spokenLength('<speak>Hi <!-- x --><b>there</b> &amp;</speak>', true)).toBe(10);
    expect(spokenLength('<b>x</b>', false)).toBe(8);
  });
});

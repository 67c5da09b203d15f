import { describe, expect, it } from 'vitest';
import { allHelpers } from '../../../compiler/router/runtime/helpers/all.mjs';
import type { DataValue, NccoForm } from '../../../compiler/router/runtime/program.mjs';
import {
  asciiJson,
  createHoleCache,
  joinOwnRendered,
  joinRendered,
  renderForm,
  xmlEscape,
} from '../../../compiler/router/runtime/render.mjs';

const ctx = (data: Record<string, DataValue>, locale = 'en-US') => ({
  get: (name: string) => (name === 'locale' ? locale : data[name]),
  locale,
  helpers: allHelpers,
});

/** A talk action whose text is a hole, and a pay whose amount is one, then a state hole in the eventUrl. */
const form = (text: NccoForm[number], amount: NccoForm[number]): NccoForm => [
  '[{"action":"talk","text":',
  text,
  '},{"action":"pay","amount":',
  amount,
  ',"eventUrl":["https://x.example/on/f/en-US/pay',
  { state: true },
  '"]}]',
];

const render = (f: NccoForm, data: Record<string, DataValue>, locale?: string, state = '') => {
  const r = renderForm(f, ctx(data, locale));
  return r.ok ? JSON.parse(joinRendered(r.rendered, state)) : r.failure;
};

const amount = { value: { data: 'balance' }, check: { kind: 'pay-amount' as const, max: 10_000 }, pointer: '/1/amount' };
const text = (parts: NccoForm[number] extends infer _ ? unknown[] : never, ssml = false, maxLength = 1500) => ({
  value: { text: parts as never, ssml },
  check: { kind: 'text' as const, maxLength, ssml },
  pointer: '/0/text',
});

describe('renderForm', () => {
  it('fills data holes with their JSON value and text holes with a JSON string, then the state', () => {
    const f = form(text(['You owe ', { data: 'balance', helper: 'money' }, '.']), amount);
    expect(render(f, { balance: 42.5 }, 'en-US', '?s=abc')).toEqual([
      { action: 'talk', text: 'You owe 42 dollars and 50 cents.' },
      { action: 'pay', amount: 42.5, eventUrl: ['https://x.example/on/f/en-US/pay?s=abc'] },
    ]);
  });

  it.each([
    ['es-US', 'Debe 42 dólares con 50 centavos.'],
    ['fr-CA', 'Debe 42 dollars et 50 cents.'],
  ])('speaks money in the call’s locale (%s)', (locale, said) => {
    const f = form(text(['Debe ', { data: 'balance', helper: 'money' }, '.']), amount);
    expect(render(f, { balance: 42.5 }, locale)[0].text).toBe(said);
  });

  it('escapes call data inside SSML, but not the markup a helper makes on purpose', () => {
    const f = form(text(['<speak>Hi ', { data: 'name' }, ', account ', { data: 'account', helper: 'digits' }, '</speak>'], true), amount);
    expect(render(f, { name: 'Tom & <Jerry> "T\'s"', account: '1234', balance: 1 })[0].text).toBe(
      '<speak>Hi Tom &amp; &lt;Jerry&gt; &quot;T&apos;s&quot;, account <say-as interpret-as="digits">1234</say-as></speak>',
    );
  });

  it('takes {{#if}} branches on the value’s truthiness', () => {
    const f = form(text([{ if: 'due', then: ['Due ', { data: 'due', helper: 'date' }], else: ['Nothing due'] }]), amount);
    expect(render(f, { due: '2026-12-15', balance: 1 })[0].text).toBe('Due December 15, 2026');
    expect(render(f, { balance: 1 })[0].text).toBe('Nothing due');
    expect(render(f, { due: '', balance: 1 })[0].text).toBe('Nothing due');
  });

  it.each([
    [['Due ', { data: 'due', helper: 'date' }, '\uE000', 'Press 1.'], 'Due December 15, 2026, Press 1.'],
    [['It is ', { data: 'at', helper: 'time' }, '.\uE000 Press 1.'], 'It is 2:30 PM. Press 1.'],
    [['\uE000Hello', { data: 'pause', helper: 'pause' }], 'Hello'],
  ])('joins plain-text pauses once the text is known, as the build does: %j', (parts, said) => {
    const f = form(text(parts as never), amount);
    expect(render(f, { due: '2026-12-15', at: '14:30', pause: 700, balance: 1 })[0].text).toBe(said);
  });

  it('sends a pay amount as its whole cents', () => {
    expect(render(form(text(['x']), amount), { balance: 1.1 + 2.2 })[1].amount).toBe(3.3);
  });

  it.each([
    ['missing', {}, { pointer: '/1/amount', problem: 'missing', data: 'balance' }],
    ['zero', { balance: 0 }, { pointer: '/1/amount', problem: 'range', check: 'pay-amount', data: 'balance' }],
    ['negative', { balance: -5 }, { pointer: '/1/amount', problem: 'range', check: 'pay-amount', data: 'balance' }],
    ['three decimals', { balance: 12.345 }, { pointer: '/1/amount', problem: 'type', check: 'pay-amount', data: 'balance' }],
    ['NaN', { balance: Number.NaN }, { pointer: '/1/amount', problem: 'type', check: 'pay-amount', data: 'balance' }],
    ['a text', { balance: 'abc' }, { pointer: '/1/amount', problem: 'type', check: 'pay-amount', data: 'balance' }],
    ['a million', { balance: 1_000_000 }, { pointer: '/1/amount', problem: 'range', check: 'pay-amount', data: 'balance' }],
  ] as [string, Record<string, DataValue>, unknown][])('never renders a pay amount that is %s', (_label, data, failure) => {
    expect(render(form(text(['x']), amount), data)).toEqual(failure);
  });

  it('fails on a text that is too long, naming the option, never the value', () => {
    const f = form(text(['Hello ', { data: 'name' }], false, 10), amount);
    expect(render(f, { name: 'Bartholomew', balance: 1 })).toEqual({ pointer: '/0/text', problem: 'length', check: 'text' });
  });

  it('fails when a helper does not fit the value, or the router lacks it', () => {
    const f = form(text([{ data: 'due', helper: 'date' }]), amount);
    expect(render(f, { due: 'soon', balance: 1 })).toEqual({ pointer: '/0/text', problem: 'type', data: 'due' });
    const none = renderForm(f, { get: () => '2026-01-01', locale: 'en-US', helpers: {} });
    expect(none).toEqual({ ok: false, failure: { pointer: '/0/text', problem: 'helper', data: 'due' } });
  });

  it('joins a static form without copying', () => {
    expect(joinRendered(['[1]'], '?s=x')).toBe('[1]');
    expect(joinOwnRendered(['[1]'], '?s=x')).toBe('[1]');
  });

  it.each([
    [['[{"a":"', null, '"},', '2', ']'], '?s=abc', '[{"a":"?s=abc"},2]'],
    [['[', null, ',', null, ']'], '?s=x', '[?s=x,?s=x]'],
    [['[', null, ']'], '', '[]'],
    [['[1,', '2]'], '?s=x', '[1,2]'],
  ] as const)('joins a fresh render in place as joinRendered joins it: %j', (parts, query, expected) => {
    const shared = [...parts];
    expect(joinRendered(shared, query)).toBe(expected);
    expect(shared).toEqual(parts); // joinRendered leaves a shared form as it was
    expect(joinOwnRendered([...parts], query)).toBe(expected);
  });

  it('asciiJson escapes everything above "~", including U+2028', () => {
    expect(asciiJson({ a: 'é\u2028😀\u007f' })).toBe('{"a":"\\u00e9\\u2028\\ud83d\\ude00\\u007f"}');
    expect(JSON.parse(asciiJson({ a: 'é\u2028😀' }))).toEqual({ a: 'é\u2028😀' });
    expect(xmlEscape(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});

describe('filled holes kept by the values they read (createHoleCache)', () => {
  const cached = () => createHoleCache();
  const hole = text([
    { if: 'due', then: ['Due ', { data: 'due', helper: 'date' }, '. '], else: ['Nothing due. '] },
    'You owe ',
    { data: 'balance', helper: 'money' },
    ', account ',
    { data: 'account' },
    '.',
  ]);
  const f = form(hole, amount);
  const values: Record<string, DataValue | undefined>[] = [];
  for (const due of [undefined, '', '2026-12-15', '2027-01-02', 'soon'])
    for (const balance of [42.5, 1, '1', 0, 12.345])
      for (const account of ['12345678', 1, true, 'true']) values.push({ due, balance, account });
  const data = (v: Record<string, DataValue | undefined>): Record<string, DataValue> =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Record<string, DataValue>;

  it('renders exactly what an uncached render does, whatever the values, their types and the order they come in', () => {
    const fill = cached();
    for (const round of [0, 1, 2]) {
      const order = round === 1 ? [...values].reverse() : values;
      for (const v of order) {
        const expected = renderForm(f, ctx(data(v)));
        expect(renderForm(f, ctx(data(v)), fill), JSON.stringify(v)).toEqual(expected);
      }
    }
  });

  it('keeps nothing for a hole that fails, and renders for each locale and helper set of its own', () => {
    const fill = cached();
    const failing = text([{ data: 'due', helper: 'date' }]);
    for (let i = 0; i < 10; i++) expect(fill(failing, ctx({ due: 'soon' })).ok).toBe(false);
    expect(fill.entries(failing)).toBe(0);
    const money = text([{ data: 'balance', helper: 'money' }]);
    expect(fill(money, ctx({ balance: 42.5 }))).toEqual({ ok: true, json: '"42 dollars and 50 cents"' });
    expect(fill(money, ctx({ balance: 42.5 }, 'es-US'))).toEqual({ ok: true, json: '"42 d\\u00f3lares con 50 centavos"' });
    expect(fill(money, { ...ctx({ balance: 42.5 }), helpers: {} })).toEqual({
      ok: false,
      failure: { pointer: '/0/text', problem: 'helper', data: 'balance' },
    });
    expect(fill(money, ctx({ balance: 42.5 }))).toEqual({ ok: true, json: '"42 dollars and 50 cents"' });
  });

  it('stays bounded however many different values come, and still renders right after it forgets', () => {
    const fill = cached();
    const two = text([{ data: 'first' }, ' and ', { data: 'second' }]);
    for (let i = 0; i < 2000; i++) {
      const v = { first: `a${i}`, second: i % 3 === 0 ? `b${i}` : 'same' };
      expect(fill(two, ctx(v))).toEqual({ ok: true, json: JSON.stringify(`a${i} and ${v.second}`) });
      expect(fill.entries(two)).toBeLessThanOrEqual(256);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, type TemplateIssue } from '../../../compiler/resolve/template-engine/index.js';

const render = (source: string, vars: Record<string, unknown>, locale: string) => {
  const { template, issues } = parseTemplate(source);
  expect(issues).toEqual([]);
  return renderTemplate(template!, { vars, locale });
};
const spoken = (source: string, value: unknown, locale: string): string => {
  const r = render(source, { v: value }, locale);
  expect(r.issues).toEqual([]);
  return r.value;
};
const codes = (issues: TemplateIssue[]) => issues.map((i) => [i.code, i.offset, i.length]);

describe('money', () => {
  it.each([
    ['en-US', 42.5, '42 dollars and 50 cents'],
    ['en-US', '42.50', '42 dollars and 50 cents'],
    ['en-US', 1, '1 dollar'],
    ['en-US', 42, '42 dollars'],
    ['en-US', '42.00', '42 dollars'],
    ['en-US', 0.99, '99 cents'],
    ['en-US', 0.01, '1 cent'],
    ['en-US', 1.01, '1 dollar and 1 cent'],
    ['en-US', 0, '0 dollars'],
    ['en-US', 1234.05, '1234 dollars and 5 cents'],
    ['en-US', ' 007.1 ', '7 dollars and 10 cents'],
    ['en-GB', 42.5, '42 dollars and 50 cents'],
    ['es-US', 42.5, '42 dólares con 50 centavos'],
    ['es-US', 1, '1 dólar'],
    ['es-US', 0.99, '99 centavos'],
    ['es-MX', 1.01, '1 dólar con 1 centavo'],
    ['fr-CA', 42.5, '42 dollars et 50 cents'],
    ['fr-CA', 1, '1 dollar'],
    ['fr-CA', 0.99, '99 cents'],
    ['fr-FR', 1.01, '1 dollar et 1 cent'],
    ['de-DE', 42.5, '42 Dollar und 50 Cent'],
    ['de-DE', 1.01, '1 Dollar und 1 Cent'],
    ['pt-BR', 42.5, '42 dólares e 50 centavos'],
    ['pt-PT', 1.01, '1 dólar e 1 centavo'],
    ['it-IT', 42.5, '42 dollari e 50 centesimi'],
    ['it-IT', 1.01, '1 dollaro e 1 centesimo'],
    // Other languages fall back to the English words.
    ['nl-NL', 42.5, '42 dollars and 50 cents'],
    ['ja-JP', 1, '1 dollar'],
  ])('%s %j → %s', (locale, amount, expected) => {
    expect(spoken('{{money v}}', amount, locale)).toBe(expected);
  });

  it.each([
    -1,
    -0.5,
    '1,234.00',
    '$5',
    '5 USD',
    1.005,
    '1.005',
    'abc',
    '',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e21,
    true,
    null,
    {},
    [],
    '.5',
  ])('rejects %j at the helper call', (amount) => {
    const r = render('Pay {{money v}} now', { v: amount }, 'en-US');
    expect(r.value).toBe('');
    expect(codes(r.issues)).toEqual([['template/helper-value', 4, 11]]);
  });
});

describe('digits', () => {
  it.each([
    [1234, '1 2 3 4'],
    ['0042', '0 0 4 2'],
    ['555-0100', '5 5 5 0 1 0 0'],
    ['1234 5678', '1 2 3 4 5 6 7 8'],
    [0, '0'],
  ])('plain text %j → %s', (value, expected) => {
    expect(spoken('{{digits v}}', value, 'en-US')).toBe(expected);
    expect(spoken('{{digits v}}', value, 'es-US')).toBe(expected);
  });

  it.each([
    [1234, '<speak><say-as interpret-as="digits">1234</say-as></speak>'],
    ['0042', '<speak><say-as interpret-as="digits">0042</say-as></speak>'],
    ['555-0100', '<speak><say-as interpret-as="digits">5550100</say-as></speak>'],
  ])('SSML %j', (value, expected) => {
    expect(spoken('<speak>{{digits v}}</speak>', value, 'fr-CA')).toBe(expected);
  });

  // A 10-digit phone number (11 with the +1 country code) is read in the groups people use in that locale.
  it.each([
    ['en-US', '8005550142', '8 0 0, 5 5 5, 0 1 4 2'],
    ['en-US', '18005550142', '1, 8 0 0, 5 5 5, 0 1 4 2'],
    ['es-US', '800-555-0142', '8 0 0, 5 5 5, 0 1 4 2'],
    ['fr-CA', 15145550100, '1, 5 1 4, 5 5 5, 0 1 0 0'],
    ['fr-FR', '0123456789', '0 1, 23, 45, 67, 89'],
    ['fr-FR', '0605040302', '0 6, 0 5, 0 4, 0 3, 0 2'],
    ['pt-BR', '1134567890', '1 1, 3 4 5 6, 7 8 9 0'],
    ['it-IT', '3331234567', '3 3 3, 1 2 3, 4 5 6 7'],
    ['de-DE', '3012345678', '3 0 1, 2 3 4, 5 6 7 8'],
    // 11 digits are a phone number only with the +1 country code in a +1 region.
    ['en-GB', '18005550142', '1 8 0 0 5 5 5 0 1 4 2'],
    ['en-US', '28005550142', '2 8 0 0 5 5 5 0 1 4 2'],
    ['en-US', '123456789', '1 2 3 4 5 6 7 8 9'],
  ])('%s phone number %j → %s', (locale, value, expected) => {
    expect(spoken('{{digits v}}', value, locale)).toBe(expected);
  });

  it.each([
    ['en-US', '18005550142', '1|800|555|0142'],
    ['fr-FR', '0123456789', '01|23|45|67|89'],
  ])('SSML phone number %s %j', (locale, value, groups) => {
    const expected = groups
      .split('|')
      .map((g) => (g.startsWith('0') || locale !== 'fr-FR' ? `<say-as interpret-as="digits">${g}</say-as>` : g))
      .join(', ');
    expect(spoken('<speak>{{digits v}}</speak>', value, locale)).toBe(`<speak>${expected}</speak>`);
  });

  it.each([12.5, -1, 2 ** 53, '12a', '', '1--2', '-12', true])('rejects %j', (value) => {
    expect(codes(render('{{digits v}}', { v: value }, 'en-US').issues)).toEqual([['template/helper-value', 0, 12]]);
  });
});

describe('date', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each([
    ['en-US', 'November 21, 2026'],
    ['en-GB', '21 November 2026'],
    ['es-US', '21 de noviembre de 2026'],
    ['fr-CA', '21 novembre 2026'],
    ['de-DE', '21. November 2026'],
    ['pt-BR', '21 de novembro de 2026'],
    ['it-IT', '21 novembre 2026'],
  ])('%s → %s', (locale, expected) => {
    expect(spoken('{{date v}}', '2026-11-21', locale)).toBe(expected);
  });

  // The first of the month is an ordinal where native speakers say one ("premier", "primeiro", "primo").
  it.each([
    ['fr-CA', '2026-11-01', '1er novembre 2026'],
    ['fr-FR', '2026-11-01', '1er novembre 2026'],
    ['pt-BR', '2026-03-01', '1º de março de 2026'],
    ['pt-PT', '2026-03-01', '1º de março de 2026'],
    ['it-IT', '2026-01-01', '1º gennaio 2026'],
    ['en-US', '2026-11-01', 'November 1, 2026'],
    ['es-US', '2026-11-01', '1 de noviembre de 2026'],
    ['de-DE', '2026-11-01', '1. November 2026'],
    ['fr-CA', '2026-11-02', '2 novembre 2026'],
    ['it-IT', '2026-01-11', '11 gennaio 2026'],
    ['pt-BR', '2026-03-21', '21 de março de 2026'],
  ])('%s %s → %s', (locale, value, expected) => {
    expect(spoken('{{date v}}', value, locale)).toBe(expected);
  });

  it('does not depend on the machine time zone', () => {
    process.env.TZ = 'Pacific/Pago_Pago'; // UTC-11: local time of 2026-11-21T00:00Z is the 20th
    expect(spoken('{{date v}}', '2026-11-21', 'en-US')).toBe('November 21, 2026');
    expect(spoken('{{date v}}', new Date(Date.UTC(2026, 0, 1)), 'en-US')).toBe('January 1, 2026');
  });

  it("a variable may share a helper's name when it is given to a helper", () => {
    expect(render('{{date date}}', { date: '2026-11-21' }, 'en-US')).toEqual({ value: 'November 21, 2026', issues: [] });
  });

  it('accepts leap days that exist', () => {
    expect(spoken('{{date v}}', '2024-02-29', 'en-US')).toBe('February 29, 2024');
  });

  it.each(['2026-02-29', '2026-13-01', '2026-11-31', '21/11/2026', '2026-11-21T10:00:00Z', 20261121, new Date(Number.NaN), null])(
    'rejects %j',
    (value) => {
      expect(codes(render('{{date v}}', { v: value }, 'en-US').issues)).toEqual([['template/helper-value', 0, 10]]);
    },
  );
});

describe('time', () => {
  it.each([
    ['en-US', '14:30', '2:30 PM'],
    ['en-US', '09:05', '9:05 AM'],
    ['en-US', '0:00', '12:00 AM'],
    // US Spanish: the 12-hour clock with the part of the day, as US Spanish speakers say it.
    ['es-US', '14:30', '2:30 de la tarde'],
    ['es-US', '18:30', '6:30 de la tarde'],
    ['es-US', '21:00', '9 de la noche'],
    ['es-US', '9:05', '9:05 de la mañana'],
    ['es-US', '3:15', '3:15 de la madrugada'],
    ['es-US', '12:00', '12 del mediodía'],
    ['es-US', '0:00', '12 de la noche'],
    ['es-US', '0:45', '12:45 de la noche'],
    ['es-ES', '9:05', '9:05'],
    ['es-MX', '14:30', '14:30'],
    ['fr-CA', '14:30', '14 h 30'],
    // Canadian French says "21 h" on the hour, not "21 h 00".
    ['fr-CA', '21:00', '21 h'],
    ['fr-CA', '9:05', '9 h 05'],
    ['fr-CA', '0:00', '0 h'],
    ['fr-FR', '14:30', '14:30'],
    ['de-DE', '14:30', '14:30'],
    ['pt-BR', '14:30', '14:30'],
    ['it-IT', '23:59', '23:59'],
  ])('%s %s → %s', (locale, value, expected) => {
    expect(spoken('{{time v}}', value, locale)).toBe(expected);
  });

  it.each(['24:00', '14:60', '2:30 PM', '14.30', '14:30:00', 870, ''])('rejects %j', (value) => {
    expect(codes(render('{{time v}}', { v: value }, 'en-US').issues)).toEqual([['template/helper-value', 0, 10]]);
  });
});

describe('pause', () => {
  it.each([
    ['Hello{{pause}}welcome', {}, 'Hello, welcome'],
    ['Hello{{pause 700}}welcome', {}, 'Hello, welcome'],
    ['<speak>Hello{{pause}}welcome</speak>', {}, '<speak>Hello<break time="500ms"/>welcome</speak>'],
    ['<speak>{{pause 1500}}</speak>', {}, '<speak><break time="1500ms"/></speak>'],
    ['<speak>{{pause p}}</speak>', { p: '100' }, '<speak><break time="100ms"/></speak>'],
    ['<speak>{{pause p}}</speak>', { p: 10000 }, '<speak><break time="10000ms"/></speak>'],
    // Where the text already pauses, a plain-text pause adds a space, never ".," ("PM., You").
    ['Back by 6:30 PM.{{pause}}You can', {}, 'Back by 6:30 PM. You can'],
    ['Back by 6:30 PM. {{pause}} You can', {}, 'Back by 6:30 PM. You can'],
    ['Is that right?{{pause}}Press 1.', {}, 'Is that right? Press 1.'],
    ['Hello, {{pause}}welcome', {}, 'Hello, welcome'],
    ['Hello {{pause}} welcome', {}, 'Hello, welcome'],
    ['He said "stop."{{pause}}Then', {}, 'He said "stop." Then'],
    ['Hello{{pause}}{{pause}} {{pause}}welcome', {}, 'Hello, welcome'],
    // At the start or the end, plain text has nothing to pause between.
    ['{{pause}}Welcome.', {}, 'Welcome.'],
    ['Welcome.{{pause}}', {}, 'Welcome.'],
    ['Goodbye{{pause}}', {}, 'Goodbye'],
    ['{{pause}}', {}, ''],
    ['Hi {{name}}.{{pause}}Bye', { name: 'Ann' }, 'Hi Ann. Bye'],
    ['<speak>PM.{{pause}}You</speak>', {}, '<speak>PM.<break time="500ms"/>You</speak>'],
  ])('%j', (source, vars, expected) => {
    expect(render(source, vars, 'en-US')).toEqual({ value: expected, issues: [] });
  });

  it('warns that plain text cannot pause long', () => {
    const r = render('Wait{{pause 2000}}now', {}, 'en-US');
    expect(r.value).toBe('Wait, now');
    expect(r.issues.map((i) => [i.code, i.severity, i.offset, i.length])).toEqual([['template/pause-plain-text', 'warning', 4, 14]]);
  });

  it.each([99, 10001, 500.5, '1s', null])('rejects %j', (value) => {
    expect(codes(render('{{pause p}}', { p: value }, 'en-US').issues)).toEqual([['template/helper-value', 0, 11]]);
  });
});

describe('locales', () => {
  it.each(['{{money v}}', '{{date v}}', '{{time v}}'])('%s needs a valid language code', (source) => {
    const r = render(`x ${source}`, { v: source.includes('date') ? '2026-11-21' : source.includes('time') ? '14:30' : 1 }, 'en_US');
    expect(codes(r.issues)).toEqual([['template/locale', 2, source.length]]);
  });

  it('digits and pause need no valid language code', () => {
    expect(render('{{digits v}}{{pause}}x', { v: 12 }, 'en_US')).toEqual({ value: '1 2, x', issues: [] });
    expect(render('{{digits v}}', { v: '8005550142' }, 'en_US')).toEqual({ value: '8 0 0, 5 5 5, 0 1 4 2', issues: [] });
  });

  it('a language ICU does not know is spoken like en-US', () => {
    expect(render('{{date d}} {{time t}} {{money m}}', { d: '2026-11-21', t: '14:30', m: 2 }, 'tlh')).toEqual({
      value: 'November 21, 2026 2:30 PM 2 dollars',
      issues: [],
    });
  });
});

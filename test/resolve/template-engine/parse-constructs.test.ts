import { describe, expect, it } from 'vitest';
import { knownHelpers, parseTemplate } from '../../../compiler/resolve/template-engine/index.js';

/** What authors may not write: each is an error at the construct, with a hint. */
const rejected: { source: string; code: string; offset: number; length: number }[] = [
  { source: 'x {{> part}}', code: 'template/unsupported', offset: 2, length: 10 },
  { source: '{{#> layout}}x{{/layout}}', code: 'template/unsupported', offset: 0, length: 25 },
  { source: '{{{raw}}}', code: 'template/unsupported', offset: 0, length: 9 },
  { source: 'a {{&raw}}', code: 'template/unsupported', offset: 2, length: 8 },
  { source: '{{{{raw}}}} {{x}} {{{{/raw}}}}', code: 'template/unsupported', offset: 0, length: 9 },
  { source: '{{@root.a}}', code: 'template/unsupported', offset: 2, length: 7 },
  { source: '{{@index}}', code: 'template/unsupported', offset: 2, length: 6 },
  { source: '{{#if a}}{{../b}}{{/if}}', code: 'template/unsupported', offset: 11, length: 4 },
  { source: '{{this}}', code: 'template/unsupported', offset: 2, length: 4 },
  { source: '{{this.a}}', code: 'template/unsupported', offset: 2, length: 6 },
  { source: '{{./a}}', code: 'template/unsupported', offset: 2, length: 3 },
  { source: '{{#each items}}x{{/each}}', code: 'template/unsupported', offset: 0, length: 15 },
  { source: '{{#with a}}x{{/with}}', code: 'template/unsupported', offset: 0, length: 11 },
  { source: '{{lookup a "b"}}', code: 'template/unsupported', offset: 2, length: 6 },
  { source: '{{log a}}', code: 'template/unsupported', offset: 2, length: 3 },
  { source: '{{if a}}', code: 'template/unsupported', offset: 2, length: 2 },
  { source: '{{*dec}}', code: 'template/unsupported', offset: 0, length: 8 },
  { source: '{{#*inline "x"}}a{{/inline}}', code: 'template/unsupported', offset: 0, length: 16 },
  { source: '{{"text"}}', code: 'template/unsupported', offset: 0, length: 10 },
  { source: '{{money (digits a)}}', code: 'template/unsupported', offset: 8, length: 10 },
  { source: '{{#if x as |y|}}a{{/if}}', code: 'template/unsupported', offset: 0, length: 16 },
  { source: '{{constructor}}', code: 'template/reserved-name', offset: 2, length: 11 },
  { source: '{{__proto__}}', code: 'template/reserved-name', offset: 2, length: 9 },
  { source: '{{balance.constructor}}', code: 'template/reserved-name', offset: 2, length: 19 },
  { source: '{{money a.__proto__.x}}', code: 'template/reserved-name', offset: 8, length: 13 },
  { source: '{{#if prototype}}x{{/if}}', code: 'template/reserved-name', offset: 6, length: 9 },
  { source: 'Pay {{mony balance}}', code: 'template/unknown-helper', offset: 6, length: 4 },
  { source: '{{first name}}', code: 'template/unknown-helper', offset: 2, length: 5 },
  { source: '{{a.b c}}', code: 'template/unknown-helper', offset: 2, length: 3 },
  { source: '{{#fi a}}x{{/fi}}', code: 'template/unknown-helper', offset: 0, length: 9 },
  { source: '{{money}}', code: 'template/helper-args', offset: 0, length: 9 },
  { source: '{{money a b}}', code: 'template/helper-args', offset: 0, length: 13 },
  { source: '{{pause 500 600}}', code: 'template/helper-args', offset: 0, length: 17 },
  { source: '{{money a cur="x"}}', code: 'template/helper-args', offset: 10, length: 7 },
  { source: '{{money true}}', code: 'template/helper-args', offset: 8, length: 4 },
  { source: '{{digits null}}', code: 'template/helper-args', offset: 9, length: 4 },
  { source: '{{#if a b}}x{{/if}}', code: 'template/helper-args', offset: 0, length: 11 },
  { source: '{{#unless}}x{{/unless}}', code: 'template/helper-args', offset: 0, length: 11 },
  { source: '{{#if "x"}}x{{/if}}', code: 'template/helper-args', offset: 6, length: 3 },
  { source: '{{#if a includeZero=true}}x{{/if}}', code: 'template/helper-args', offset: 0, length: 26 },
  { source: '{{#money a}}x{{/money}}', code: 'template/helper-args', offset: 0, length: 12 },
  // Fixed values are judged at build time.
  { source: '{{money "abc"}}', code: 'template/helper-value', offset: 0, length: 15 },
  { source: 'x {{money -1}}', code: 'template/helper-value', offset: 2, length: 12 },
  { source: '{{money 1.005}}', code: 'template/helper-value', offset: 0, length: 15 },
  { source: '{{pause 50}}', code: 'template/helper-value', offset: 0, length: 12 },
  { source: '{{pause 10001}}', code: 'template/helper-value', offset: 0, length: 15 },
  { source: '{{date "2026-02-30"}}', code: 'template/helper-value', offset: 0, length: 21 },
  { source: '{{time "24:00"}}', code: 'template/helper-value', offset: 0, length: 16 },
  { source: '{{digits "12a"}}', code: 'template/helper-value', offset: 0, length: 16 },
];

describe('parseTemplate: rejected constructs', () => {
  it.each(rejected)('$code: $source', ({ source, code, offset, length }) => {
    const { template, issues } = parseTemplate(source);
    expect(template).toBeUndefined();
    expect(issues.map((i) => [i.code, i.offset, i.length])).toEqual([[code, offset, length]]);
    expect(issues[0]!.severity).toBe('error');
    expect(issues[0]!.hint ?? issues[0]!.message).not.toBe('');
  });

  it('suggests the closest helper', () => {
    expect(parseTemplate('{{mony balance}}').issues[0]!.hint).toMatch(/Did you mean "money"\?/);
    expect(parseTemplate('{{digit acct}}').issues[0]!.hint).toMatch(/Did you mean "digits"\?/);
    expect(parseTemplate('{{#iff a}}x{{/iff}}').issues[0]!.hint).toMatch(/Did you mean "\{\{#if\}\}"\?/);
  });

  it('reports every problem of a text, in order', () => {
    const { issues } = parseTemplate('{{> p}} {{mony a}} {{money}}');
    expect(issues.map((i) => [i.code, i.offset])).toEqual([
      ['template/unsupported', 0],
      ['template/unknown-helper', 10],
      ['template/helper-args', 19],
    ]);
  });
});

/** What authors may write. */
const accepted: {
  source: string;
  variables: [string, number, number][];
  helpers: [string, number, number][];
}[] = [
  { source: 'Your balance is {{money balance}}.', variables: [['balance', 24, 7]], helpers: [['money', 18, 5]] },
  { source: '{{balance.total}}', variables: [['balance', 2, 7]], helpers: [] },
  {
    source: '{{a.[b c].d}} {{[my var]}}',
    variables: [
      ['a', 2, 1],
      ['my var', 16, 8],
    ],
    helpers: [],
  },
  { source: '{{a/b}}', variables: [['a', 2, 1]], helpers: [] },
  {
    source: '{{pause}}{{pause 1500}}{{pause "700"}}',
    variables: [],
    helpers: [
      ['pause', 2, 5],
      ['pause', 11, 5],
      ['pause', 25, 5],
    ],
  },
  { source: '{{digits "555-0100"}}', variables: [], helpers: [['digits', 2, 6]] },
  {
    source: '{{#if due}}Due {{date due}}{{else if late}}Late{{else}}{{name}}{{/if}}',
    variables: [
      ['due', 6, 3],
      ['due', 22, 3],
      ['late', 37, 4],
      ['name', 57, 4],
    ],
    helpers: [
      ['if', 3, 2],
      ['date', 17, 4],
      ['if', 34, 2],
    ],
  },
  { source: '{{#unless paid}}Pay now{{/unless}}', variables: [['paid', 10, 4]], helpers: [['unless', 3, 6]] },
  { source: '{{^if paid}}Pay now{{/if}}', variables: [['paid', 6, 4]], helpers: [['if', 3, 2]] },
  { source: 'Hi {{! a comment }}{{!-- and {{another}} --}}there', variables: [], helpers: [] },
  { source: 'Say \\{{name}} literally', variables: [], helpers: [] },
  { source: 'a {{~name~}} b', variables: [['name', 5, 4]], helpers: [] },
  {
    source: 'line 1\r\nline 2 {{x}}\nline 3 {{y}}',
    variables: [
      ['x', 17, 1],
      ['y', 30, 1],
    ],
    helpers: [],
  },
];

describe('parseTemplate: accepted texts', () => {
  it.each(accepted)('$source', ({ source, variables, helpers }) => {
    const { template, issues } = parseTemplate(source);
    expect(issues).toEqual([]);
    expect(template?.isStatic).toBe(false);
    expect(template?.variables.map((v) => [v.name, v.offset, v.length])).toEqual(variables);
    expect(template?.helpers.map((h) => [h.name, h.offset, h.length])).toEqual(helpers);
    for (const span of [...template!.variables, ...template!.helpers]) {
      expect(source.slice(span.offset, span.offset + span.length).replace(/^\[|\]$/g, '')).toBe(span.name);
    }
  });

  it.each(['', 'Press 1 to pay.', "A & B = C's <b>", 'one } brace and }} two', '<speak>Hi<break time="1s"/></speak>', 'nul \0 char'])(
    'no {{ at all is static: %j',
    (source) => {
      const { template, issues } = parseTemplate(source);
      expect(issues).toEqual([]);
      expect(template).toMatchObject({ source, isStatic: true, variables: [], helpers: [] });
    },
  );

  it('caches per source string', () => {
    const a = parseTemplate('{{money balance}} cached');
    const b = parseTemplate('{{money balance}} cached');
    expect(b.template).toBe(a.template);
    expect(b.issues).not.toBe(a.issues); // callers get their own array
    expect(Object.isFrozen(a.template)).toBe(true);
    const broken = parseTemplate('{{mony x}}').issues;
    broken[0]!.offset += 10; // the lead may shift offsets: issues are the caller's own
    expect(parseTemplate('{{mony x}}').issues[0]!.offset).toBe(2);
  });

  it('exports the helper names authors may call', () => {
    expect([...knownHelpers].sort()).toEqual(['date', 'digits', 'money', 'pause', 'time']);
  });
});

import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import {
  clearTemplateCache,
  parseTemplate,
  templateCacheSize,
  renderTemplate,
  type ParsedTemplate,
  type TemplateIssue,
} from '../../../compiler/resolve/template-engine/index.js';

const parsed = (source: string): ParsedTemplate => {
  const { template, issues } = parseTemplate(source);
  expect(issues).toEqual([]);
  return template!;
};
const render = (source: string, vars: Record<string, unknown>, locale = 'en-US') => renderTemplate(parsed(source), { vars, locale });
const codes = (issues: TemplateIssue[]) => issues.map((i) => [i.code, i.offset, i.length]);

describe('renderTemplate: escaping', () => {
  const vars = { name: `Tom & "Jerry" <it's>`, n: 5 };
  it.each([
    // Plain text: nothing is escaped, ever.
    ['Hi {{name}}', `Hi Tom & "Jerry" <it's>`],
    ["A = B & C's {{n}}", `A = B & C's 5`],
    ['<b>{{name}}</b>', `<b>Tom & "Jerry" <it's></b>`],
    // SSML: every interpolated value is XML-escaped, the author's markup is kept.
    ["<speak>Hi {{name}}<break time='1s'/></speak>", `<speak>Hi Tom &amp; &quot;Jerry&quot; &lt;it&apos;s&gt;<break time='1s'/></speak>`],
    ['  \n<speak>{{name}}</speak>', `  \n<speak>Tom &amp; &quot;Jerry&quot; &lt;it&apos;s&gt;</speak>`],
    ['<speak xml:lang="en-US">{{name}}</speak>', `<speak xml:lang="en-US">Tom &amp; &quot;Jerry&quot; &lt;it&apos;s&gt;</speak>`],
    ['<speak><prosody rate="{{n}}%">x</prosody></speak>', '<speak><prosody rate="5%">x</prosody></speak>'],
    // Not SSML: <speak> must come first.
    ['Hi <speak>{{name}}</speak>', `Hi <speak>Tom & "Jerry" <it's></speak>`],
  ])('%j', (source, expected) => {
    expect(render(source, vars)).toEqual({ value: expected, issues: [] });
  });

  it('escapes helper text inside SSML but keeps helper markup', () => {
    expect(render('<speak>{{money amt}}{{digits acct}}{{pause}}</speak>', { amt: 1.01, acct: '12 34' })).toEqual({
      value: '<speak>1 dollar and 1 cent<say-as interpret-as="digits">1234</say-as><break time="500ms"/></speak>',
      issues: [],
    });
  });

  it('keeps "\\{{" escapes and drops comments', () => {
    expect(render('Say \\{{name}} {{! note }}to {{n}}', { n: 1 }).value).toBe('Say {{name}} to 1');
  });

  it('honours whitespace control', () => {
    expect(render('a {{~n~}} b', { n: 1 }).value).toBe('a1b');
  });
});

describe('renderTemplate: adjacent numbers are never added', () => {
  it('the Handlebars 4.x trap exists with noEscape', () => {
    const raw = Handlebars.create().compile('{{a}}{{b}}', { noEscape: true });
    expect(raw({ a: 1, b: 2 })).toBe('3');
  });

  it.each([
    ['{{a}}{{b}}', { a: 1, b: 2 }, '12'],
    ['{{a}}{{b}}{{c}}', { a: 1, b: 2, c: 3 }, '123'],
    ['{{a}}{{b}} items', { a: 1.5, b: 2 }, '1.52 items'],
    ['{{a}}{{b}}', { a: 0, b: 0 }, '00'],
    ['{{#if a}}{{a}}{{b}}{{/if}}', { a: 1, b: 2 }, '12'],
    ['<speak>{{a}}{{b}}</speak>', { a: 1, b: 2 }, '<speak>12</speak>'],
  ])('%j', (source, vars, expected) => {
    expect(render(source, vars).value).toBe(expected);
  });
});

describe('renderTemplate: prototype access', () => {
  it.each(['{{constructor}}', '{{__proto__}}', '{{balance.constructor}}', '{{a.__proto__.polluted}}', '{{money prototype}}'])(
    '%s is rejected before rendering',
    (source) => {
      const { template, issues } = parseTemplate(source);
      expect(template).toBeUndefined();
      expect(issues.map((i) => i.code)).toEqual(['template/reserved-name']);
    },
  );

  it.each([
    ['{{toString}}', {}, 'template/unknown-variable', 2, 8],
    ['{{hasOwnProperty}}', { a: 1 }, 'template/unknown-variable', 2, 14],
    ['{{balance.toFixed}}', { balance: 1 }, 'template/unknown-variable', 2, 15],
    ['{{name.length}}', { name: 'abc' }, 'template/unknown-variable', 2, 11],
    ['{{inherited}}', Object.create({ inherited: 'leak' }) as Record<string, unknown>, 'template/unknown-variable', 2, 9],
    ['{{a.inherited}}', { a: Object.create({ inherited: 'leak' }) }, 'template/unknown-variable', 2, 11],
  ])('only own properties are visible: %s', (source, vars, code, offset, length) => {
    const r = render(source, vars);
    expect(r.value).toBe('');
    expect(codes(r.issues)).toEqual([[code, offset, length]]);
  });

  it('own array indexes and length are data', () => {
    expect(render('{{items.length}}: {{items.[0]}}, {{items.[1]}}', { items: ['a', 'b'] }).value).toBe('2: a, b');
  });
});

describe('renderTemplate: variables at render time', () => {
  it.each([
    ['{{balnce}}', { balance: 1 }, [['template/unknown-variable', 2, 6]], 'Did you mean "balance"?'],
    ['x\n  {{a.bb}}', { a: { b: 1, c: 2 } }, [['template/unknown-variable', 6, 4]], 'Did you mean "b"?'],
    ['{{a.b.c}}', { a: { b: 1 } }, [['template/unknown-variable', 2, 5]], undefined],
    ['{{money amount}}', {}, [['template/unknown-variable', 8, 6]], undefined],
    ['{{#if missing}}x{{/if}}', {}, [['template/unknown-variable', 6, 7]], undefined],
    ['{{flag}}', { flag: true }, [['template/value', 2, 4]], undefined],
    ['{{x}}', { x: null }, [['template/value', 2, 1]], undefined],
    ['{{x}}', { x: { y: 1 } }, [['template/value', 2, 1]], undefined],
    ['{{x}}', { x: [1, 2] }, [['template/value', 2, 1]], undefined],
    ['{{x}}', { x: Number.NaN }, [['template/value', 2, 1]], undefined],
    ['{{x}}', { x: () => 'called' }, [['template/value', 2, 1]], undefined],
    ['{{#if x}}y{{/if}}', { x: () => 'called' }, [['template/value', 6, 1]], undefined],
    [
      '{{a}} {{b}}',
      {},
      [
        ['template/unknown-variable', 2, 1],
        ['template/unknown-variable', 8, 1],
      ],
      undefined,
    ],
  ])('%j', (source, vars, expected, hint) => {
    const r = render(source, vars);
    expect(r.value).toBe('');
    expect(codes(r.issues)).toEqual(expected);
    if (hint !== undefined) expect(r.issues[0]!.hint).toBe(hint);
  });

  it('a variable only needed in a branch not taken is not required', () => {
    const source = '{{#if account}}Hello {{account.name}}{{else}}Hello{{/if}}';
    expect(render(source, { account: null })).toEqual({ value: 'Hello', issues: [] });
    expect(render(source, { account: { name: 'Ann' } })).toEqual({ value: 'Hello Ann', issues: [] });
    expect(codes(render(source, { account: { nom: 'Ann' } }).issues)).toEqual([['template/unknown-variable', 23, 12]]);
  });
});

describe('renderTemplate: places of helper issues', () => {
  it('points at the right one of two identical calls', () => {
    const source = '{{#if a}}{{money x}}{{else}}{{money x}}{{/if}}';
    expect(codes(render(source, { a: 1, x: -1 }).issues)).toEqual([['template/helper-value', 9, 11]]);
    expect(codes(render(source, { a: 0, x: -1 }).issues)).toEqual([['template/helper-value', 28, 11]]);
  });

  it('texts of the same shape share one compiled function but keep their own words', () => {
    clearTemplateCache();
    expect(render('Hello {{name}}, bye.', { name: 'Ann' }).value).toBe('Hello Ann, bye.');
    expect(render('Hola {{name}}, adiós.', { name: 'Ana' }).value).toBe('Hola Ana, adiós.');
    expect(render('Hi {{company}}.', { company: 'Acme' }).value).toBe('Hi Acme.');
    expect(templateCacheSize()).toEqual({ sources: 3, compiled: 2 });
  });
});

describe('renderTemplate: if / unless follow Handlebars truthiness', () => {
  const source = '{{#if v}}yes{{else}}no{{/if}}/{{#unless v}}U{{/unless}}';
  it.each([
    [true, 'yes/'],
    [false, 'no/U'],
    [0, 'no/U'],
    [1, 'yes/'],
    ['', 'no/U'],
    ['0', 'yes/'],
    [null, 'no/U'],
    [[], 'no/U'],
    [[0], 'yes/'],
    [{}, 'yes/'],
  ])('%j → %s', (v, expected) => {
    expect(render(source, { v })).toEqual({ value: expected, issues: [] });
  });

  it('else if chains', () => {
    const chain = '{{#if a}}A{{else if b}}B{{else unless c}}notC{{else}}C{{/if}}';
    expect(render(chain, { a: 0, b: 1, c: 0 }).value).toBe('B');
    expect(render(chain, { a: 0, b: 0, c: 0 }).value).toBe('notC');
    expect(render(chain, { a: 0, b: 0, c: 1 }).value).toBe('C');
  });
});

describe('renderTemplate: static texts and safety', () => {
  it('a static text is returned as it is', () => {
    const t = parsed('Press 1 & pay <now>');
    expect(renderTemplate(t, { vars: {}, locale: 'xx_bad' })).toEqual({ value: 'Press 1 & pay <now>', issues: [] });
  });

  it('renders a hand-built ParsedTemplate by its source', () => {
    const t: ParsedTemplate = { source: 'Hi {{name}}', isStatic: false, variables: [], helpers: [] };
    expect(renderTemplate(t, { vars: { name: 'Ann' }, locale: 'en-US' })).toEqual({ value: 'Hi Ann', issues: [] });
    const broken: ParsedTemplate = { source: 'Hi {{name}', isStatic: false, variables: [], helpers: [] };
    expect(codes(renderTemplate(broken, { vars: {}, locale: 'en-US' }).issues)).toEqual([['template/syntax', 9, 1]]);
  });

  it('never throws, even for hostile input', () => {
    const t = parsed('{{a.b}}');
    const hostile = {
      get a(): unknown {
        throw new Error('boom');
      },
    };
    const r = renderTemplate(t, { vars: hostile, locale: 'en-US' });
    expect(r.value).toBe('');
    expect(r.issues.map((i) => i.code)).toEqual(['template/render']);
    expect(JSON.stringify(r.issues)).not.toMatch(/\n\s+at /); // no stack trace
    expect(() => renderTemplate(t, undefined as never)).not.toThrow();
  });

  it('uses an isolated Handlebars environment', () => {
    parsed('{{money a}}'); // loads and registers flowc's helpers
    expect(Object.keys(Handlebars.helpers)).not.toContain('money');
  });
});

describe('renderTemplate: outcomes kept by source, locale and values', () => {
  it('gives the same outcome again, with issues of its own', () => {
    const first = render('{{money amount}} for {{name}}', { amount: -1, name: 'Ann' });
    expect(codes(first.issues)).toHaveLength(1);
    first.issues[0]!.offset = 99; // the caller's copy
    const again = render('{{money amount}} for {{name}}', { amount: -1, name: 'Ann' });
    expect(again).toEqual({ ...first, issues: [{ ...first.issues[0]!, offset: 0 }] });
  });

  it('tells apart values that print alike, locales, and absent variables', () => {
    expect(render('{{n}}|{{#if n}}yes{{else}}no{{/if}}', { n: '0' }).value).toBe('0|yes');
    expect(render('{{n}}|{{#if n}}yes{{else}}no{{/if}}', { n: 0 }).value).toBe('0|no');
    expect(render('{{money n}}', { n: 1 }, 'es-US').value).toBe('1 dólar');
    expect(render('{{money n}}', { n: 1 }, 'en-US').value).toBe('1 dollar');
    expect(render('{{#if n}}yes{{else}}no{{/if}}', { n: undefined }).issues).toEqual([]);
    expect(codes(render('{{#if n}}yes{{else}}no{{/if}}', {}).issues)).toEqual(codes(render('{{#if n}}yes{{else}}no{{/if}}', {}).issues));
  });

  it('renders values that are objects or getters every time', () => {
    const list = { total: 1 };
    expect(render('{{list.total}}', { list }).value).toBe('1');
    list.total = 2;
    expect(render('{{list.total}}', { list }).value).toBe('2');
    let n = 0;
    const counting = {
      get v(): number {
        n += 1;
        return n;
      },
    };
    const first = render('{{v}}', counting).value;
    expect(render('{{v}}', counting).value).not.toBe(first);
  });

  it('forgets them with clearTemplateCache()', () => {
    render('{{name}}!', { name: 'Bo' });
    clearTemplateCache();
    expect(render('{{name}}!', { name: 'Bo' })).toEqual({ value: 'Bo!', issues: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { checkRouterModel, eraseTypes, generateRouter, routerBasePath } from '../../compiler/router/generate-router.js';
import { ROUTER_TEMPLATE } from '../../compiler/router/router-template.js';
import type { RouterModel } from '../../compiler/router/router-model.js';
import { loadFixtureModel } from './router-helpers.js';

const model = loadFixtureModel();

/** The same model with every map built in reverse order. */
function reversed(m: RouterModel): RouterModel {
  const rev = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).reverse());
  const transitions = Object.fromEntries(
    Object.entries(m.transitions)
      .reverse()
      .map(([key, t]) => [
        key,
        t.kind === 'input' ? { ...t, digits: rev(t.digits) } : t.kind === 'connect' ? { ...t, statuses: rev(t.statuses) } : t,
      ]),
  );
  return { version: 1, routerUrl: m.routerUrl, numbers: rev(m.numbers), nccos: rev(m.nccos), transitions };
}

describe('generateRouter', () => {
  it.each(['ts', 'js'] as const)('is deterministic whatever the map order (%s)', (language) => {
    const a = generateRouter(model, { language });
    expect(generateRouter(structuredClone(model), { language })).toBe(a);
    expect(generateRouter(reversed(model), { language })).toBe(a);
  });

  it.each(['ts', 'js'] as const)('imports nothing and leaves no type markers (%s)', (language) => {
    const code = generateRouter(model, { language });
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/@@[A-Z_]+@@/);
    // « » only where the data has them (French prompts).
    expect(code.replace(/« facturation » ou « assistance technique »/g, '')).not.toMatch(/[«»]/);
  });

  it('erases the types for js and keeps them for ts', () => {
    const tsCode = generateRouter(model, { language: 'ts' });
    const jsCode = generateRouter(model, { language: 'js' });
    expect(tsCode).toMatch(/export interface RouterOptions \{/);
    expect(tsCode).toMatch(/export function createRouter\(options: RouterOptions = \{\}\): Router \{/);
    expect(jsCode).not.toMatch(/\binterface\b|^\s*(export )?type\s/m);
    expect(jsCode).toMatch(/export function createRouter\(options = \{\}\) \{/);
  });

  it('embeds the sorted route table and the NCCOs', () => {
    const code = generateRouter(model, { language: 'ts' });
    const table = code.indexOf('export const routeTable: RouteTable = ');
    expect(table).toBeGreaterThan(0);
    expect(code).toContain('"basePath": "/flowc"');
    const routes = [...code.matchAll(/^ {4}"(\/on\/[^"]+)": \{$/gm)].map((m) => m[1]);
    expect(routes).toEqual([...routes].sort());
    expect(routes).toHaveLength(Object.keys(model.transitions).length);
    expect(code).toContain('"bill-pay/es-US/pay-now": [');
  });

  it('keeps data text with « » and $ patterns intact', () => {
    const m = structuredClone(model);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text an author wrote, with a ${…} on purpose
    const text = 'Tapez « 1 » — $& $1 $$ /*@@NCCOS@@*/ `x` ${y}';
    m.nccos['support/fr-FR/thanks'] = [{ action: 'talk', text, language: 'fr-FR' }];
    for (const language of ['ts', 'js'] as const) expect(generateRouter(m, { language })).toContain(JSON.stringify(text));
  });

  it('throws on an inconsistent model, listing every problem', () => {
    const m = structuredClone(model);
    delete m.nccos['bill-pay/en-US/agent'];
    m.numbers['1415x'] = { flow: 'support', locale: 'de-DE', step: 'menu' };
    expect(() => generateRouter(m, { language: 'ts' })).toThrow(/inconsistent router model/);
    expect(checkRouterModel(m)).toEqual([
      'number 1415x is not digits only',
      'number 1415x starts at support/de-DE/menu, which has no NCCO',
      'step bill-pay/en-US/agent has transitions but no NCCO',
      'step bill-pay/en-US/invalid goes to bill-pay/en-US/agent, which has no NCCO',
      'step bill-pay/en-US/pay-now goes to bill-pay/en-US/agent, which has no NCCO',
      'step bill-pay/en-US/welcome goes to bill-pay/en-US/agent, which has no NCCO',
    ]);
  });

  it.each([
    ['not a url', ['routerUrl "not a url" holds characters other than printable ASCII', 'routerUrl "not a url" is not a URL']],
    [
      'https://x.example/flowc\nglobalThis.x=1//',
      ['routerUrl "https://x.example/flowc\\nglobalThis.x=1//" holds characters other than printable ASCII'],
    ],
    ['ftp://x.example/flowc', ['routerUrl ftp://x.example/flowc is not http(s)']],
    ['https://x.example/flowc?a=1', ['routerUrl https://x.example/flowc?a=1 has a query or fragment']],
    ['https://x.example/flowc', []],
  ])('checks routerUrl %s', (routerUrl, problems) => {
    expect(checkRouterModel({ ...model, routerUrl })).toEqual(problems);
  });
});

describe('routerBasePath', () => {
  it.each([
    ['https://ivr.example.com', ''],
    ['https://ivr.example.com/', ''],
    ['https://ivr.example.com/flowc', '/flowc'],
    ['https://ivr.example.com/a/b/', '/a/b'],
  ])('%s → "%s"', (url, base) => expect(routerBasePath(url)).toBe(base));
});

describe('eraseTypes', () => {
  it.each([
    ['function f(a«: string»)«: number» {', 'function f(a) {', 'function f(a: string): number {'],
    ['new Map«<string, number>»()', 'new Map()', 'new Map<string, number>()'],
    ['x« as Foo»;', 'x;', 'x as Foo;'],
    ['a\n«interface A {\n  b: string;\n}\n»\n\n\nb', 'a\n\nb', 'a\ninterface A {\n  b: string;\n}\n\n\n\nb'],
  ])('%j', (source, js, ts) => {
    expect(eraseTypes(source, 'js')).toBe(js);
    expect(eraseTypes(source, 'ts')).toBe(ts);
  });

  it('the template has balanced markers and no backtick', () => {
    let depth = 0;
    for (const ch of ROUTER_TEMPLATE) {
      if (ch === '«') depth++;
      if (ch === '»') depth--;
      expect(depth === 0 || depth === 1).toBe(true);
    }
    expect(depth).toBe(0);
    expect(ROUTER_TEMPLATE).not.toContain('`');
  });
});

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  checkProgram,
  flowChunkFile,
  generatedSha256,
  generateRouterFiles,
  usedHelpers,
  type RouterProgram,
} from '../../compiler/router/generate-router.js';
import { summarizeFlow } from '../../compiler/router/flow-summary.js';
import { flowFileKey, numberShard, shardCountFor } from '../../compiler/router/runtime/layout.mjs';
import type { FlowProgram } from '../../compiler/router/runtime/program.mjs';
import { loadFixtureProgram } from './router-helpers.js';

const program = loadFixtureProgram();

/** The same program with every map built in reverse order. */
function reversed(p: RouterProgram): RouterProgram {
  const rev = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).reverse());
  return {
    project: { ...p.project, numbers: rev(p.project.numbers), flows: rev(p.project.flows) },
    flows: [...p.flows].reverse(),
  };
}

const byPath = (files: { path: string; content: string }[]): Map<string, string> => new Map(files.map((f) => [f.path, f.content]));

describe('generateRouterFiles', () => {
  it('is deterministic whatever the map order', () => {
    const a = generateRouterFiles(program);
    expect(generateRouterFiles(structuredClone(program))).toEqual(a);
    expect(generateRouterFiles(reversed(program))).toEqual(a);
    expect(a.map((f) => f.path)).toEqual(a.map((f) => f.path).sort());
  });

  it('writes an entry, the runtime modules in pairs, one chunk per flow and the number shards', () => {
    const files = byPath(generateRouterFiles(program));
    expect([...files.keys()].filter((p) => !p.startsWith('router/') || p.startsWith('router/data/'))).toEqual([
      'router.mjs',
      'router.ts',
      'router/data/flows/bill-pay.json',
      'router/data/flows/support.json',
      'router/data/numbers/0.json',
    ]);
    const modules = [...files.keys()].filter((p) => /^router\/[^/]+\.m[jt]s$/.test(p));
    for (const m of modules) expect(files.has(m.replace(/\.mjs$/, '.mts').replace(/\.mts$/, '.mjs'))).toBe(true);
    expect(modules).toContain('router/index.mts');
    expect(JSON.parse(files.get('router/data/numbers/0.json')!)).toEqual(program.project.numbers);
    expect(JSON.parse(files.get('router/data/flows/bill-pay.json')!)).toEqual(program.flows.find((f) => f.flow === 'bill-pay'));
  });

  it('leaves out the helpers the project does not use, and their modules', () => {
    const files = byPath(generateRouterFiles(program));
    expect([...files.keys()].filter((p) => p.startsWith('router/helpers/'))).toEqual([]);
    expect(files.get('router.ts')).toContain('const helpers = {};');
  });

  it('imports nothing but its own runtime, which imports nothing but itself', () => {
    for (const file of generateRouterFiles(program)) {
      if (!/\.(m?ts|mjs)$/.test(file.path)) continue;
      const specifiers = [...file.content.matchAll(/^(?:(?:import|export)\b[^\n]*?|\} )from '([^']+)'|^import '([^']+)'/gm)];
      expect(specifiers.length, file.path).toBeGreaterThan(file.path.endsWith('index.mts') ? 10 : file.path === 'router.ts' ? 1 : -1);
      for (const m of specifiers) expect(m[1] ?? m[2], file.path).toMatch(/^\.\.?\/[^']*\.mjs$/);
      expect(file.content, file.path).not.toMatch(/\bimport\s*\(['\x60"]/);
      expect(file.content, file.path).not.toMatch(/\brequire\(/);
    }
  });

  it('data files are one-byte text (every non-ASCII character escaped)', () => {
    for (const file of generateRouterFiles(program)) {
      if (file.path.startsWith('router/data/') || file.path === 'router.ts' || file.path === 'router.mjs') {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII up to '~' is the point
        expect(file.content, file.path).toMatch(/^[\x00-\x7e]*$/);
      }
    }
  });

  it('throws on an inconsistent program, listing every problem', () => {
    const p = structuredClone(program);
    const bill = p.flows.find((f) => f.flow === 'bill-pay')!;
    delete bill.steps['en-US/agent'];
    p.project.numbers['1415x'] = { start: { flow: 'support', locale: 'de-DE', step: 'menu' }, answeredBy: 'cdn' };
    expect(() => generateRouterFiles(p)).toThrow(/inconsistent route program/);
    expect(checkProgram(p)).toEqual([
      'number "1415x" is not digits only',
      'number 1415x starts at "support/de-DE/menu", which does not exist',
      'step "bill-pay/en-US/invalid" goes to "bill-pay/en-US/agent", which does not exist',
      'step "bill-pay/en-US/pay-now" goes to "bill-pay/en-US/agent", which does not exist',
      'step "bill-pay/en-US/welcome" goes to "bill-pay/en-US/agent", which does not exist',
    ]);
  });

  it("gives the same files from the flows' summaries and their data files made one by one (a streaming build)", () => {
    const summaries = program.flows.map(summarizeFlow);
    const rest = generateRouterFiles({ project: program.project, flows: [], summaries });
    const chunks = program.flows.map(flowChunkFile);
    expect(byPath([...rest, ...chunks])).toEqual(byPath(generateRouterFiles(program)));
    expect(rest.some((f) => f.path.startsWith('router/data/flows/'))).toBe(false);
    for (const chunk of chunks) expect(generatedSha256(chunk)).toBe(createHash('sha256').update(chunk.content).digest('hex'));
  });

  it('checks jumps into other flows and lookups from the summaries as from the programs', () => {
    const p = structuredClone(program);
    const bill = p.flows.find((f) => f.flow === 'bill-pay')!;
    const step = Object.values(bill.steps).find((s) => s.kind === 'ncco' && s.on?.kind === 'input')!;
    if (step.kind !== 'ncco' || step.on?.kind !== 'input') throw new Error('fixture: no input step');
    step.on.default = { to: { flow: 'support', locale: 'en-US', step: 'nowhere' } };
    bill.onError = 'no-such-step';
    const problems = checkProgram(p);
    expect(problems).toContain('flow "bill-pay" has no error step "no-such-step" in en-US');
    expect(problems.filter((x) => x.includes('"support/en-US/nowhere"'))).toHaveLength(1);
    expect(checkProgram({ project: p.project, flows: [], summaries: p.flows.map(summarizeFlow) })).toEqual(problems);
    expect(checkProgram({ ...p, summaries: [...p.flows].reverse().map(summarizeFlow) })).not.toEqual([]);
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
    expect(checkProgram({ ...program, project: { ...program.project, routerUrl } })).toEqual(problems);
  });

  it('finds the helpers a program uses, in texts, conditions and lookup inputs', () => {
    const flow: FlowProgram = {
      version: 1,
      flow: 'f',
      locales: ['en-US'],
      data: {},
      steps: {
        'en-US/a': {
          kind: 'ncco',
          reads: ['x'],
          ncco: [
            '[{"text":',
            { pointer: '/0/text', value: { ssml: false, text: [{ if: 'x', then: [{ data: 'x', helper: 'money' }], else: [] }] } },
            '}]',
          ],
        },
        'en-US/b': {
          kind: 'lookup',
          lookup: 'l',
          input: { q: { ssml: false, text: [{ data: 'x', helper: 'digits' }] } },
          store: {},
          timeoutMs: 100,
          found: { to: { flow: 'f', locale: 'en-US', step: 'a' } },
          notFound: { to: { flow: 'f', locale: 'en-US', step: 'a' } },
          failed: { to: { flow: 'f', locale: 'en-US', step: 'a' } },
        },
      },
    };
    expect(usedHelpers([flow])).toEqual(['digits', 'money']);
  });
});

describe('layout', () => {
  it.each([
    ['bill-pay', 'bill-pay'],
    ['a.b', 'a%2Eb'],
    ['..', '%2E%2E'],
    ['a/b', 'a%2Fb'],
    ['Ünï', '%C3%9Cn%C3%AF'],
    ['x"\n', 'x%22%0A'],
  ])('flow %j is stored as %s', (flow, key) => expect(flowFileKey(flow)).toBe(key));

  it.each([
    [0, 1],
    [512, 1],
    [513, 2],
    [3_600, 8],
    [18_000, 64],
  ])('%i numbers → %i shards', (n, shards) => expect(shardCountFor(n)).toBe(shards));

  it('spreads numbers over the shards', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[numberShard(String(14155550000 + i), 8)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(numberShard('14155550100', 1)).toBe(0);
  });
});

describe('planOutput: the router files, the manifest’s numbers and the Workers files', () => {
  it('says which answer URL each number needs: the CDN file for a static start, the router’s /answer otherwise', async () => {
    const { planOutput } = await import('../../compiler/emit/plan-output.js');
    const { utilityProgram, NEW_YORK } = await import('./utility-call.js');
    const files = planOutput([], utilityProgram(NEW_YORK), 'https://cdn.example.com/ncco', { wrangler: true });
    const manifest = JSON.parse(files.find((f) => f.path === 'manifest.json')!.content) as { numbers: Record<string, unknown> };
    expect(manifest.numbers).toEqual({
      '14155550100': {
        flow: 'front',
        locale: 'en-US',
        step: 'welcome',
        answeredBy: 'cdn',
        file: 'ncco/front/en-US/welcome.json',
        answerUrl: 'https://cdn.example.com/ncco/front/en-US/welcome.json',
      },
      '14155550111': {
        flow: 'billing',
        locale: 'en-US',
        step: 'start',
        answeredBy: 'router',
        file: 'ncco/billing/en-US/start.json',
        answerUrl: 'https://ivr.example.com/flowc/answer',
      },
      '14155550112': {
        flow: 'billing',
        locale: 'es-US',
        step: 'start',
        answeredBy: 'router',
        file: 'ncco/billing/es-US/start.json',
        answerUrl: 'https://ivr.example.com/flowc/answer',
      },
      '14155550122': {
        flow: 'billing',
        locale: 'en-US',
        step: 'spin',
        answeredBy: 'router',
        file: 'ncco/billing/en-US/spin.json',
        answerUrl: 'https://ivr.example.com/flowc/answer',
      },
    });
    const paths = files.map((f) => f.path);
    expect(paths).toContain('worker.mjs');
    expect(paths).toContain('wrangler.jsonc');
    expect(paths).toContain('router/helpers/money.mjs');
    expect(paths).toContain('router/helpers/date.mts');
    expect(paths).toContain('router/helpers/digits.mjs');
    expect(paths).not.toContain('router/helpers/time.mjs');
    expect(paths).not.toContain('router/helpers/all.mjs');
    const wrangler = files.find((f) => f.path === 'wrangler.jsonc')!.content;
    expect(JSON.parse(wrangler.replace(/^\s*\/\/.*$/gm, ''))).toEqual({
      name: 'flowc-utility-test',
      main: 'worker.mjs',
      compatibility_date: '2025-01-01',
      assets: { directory: 'router/data', binding: 'FLOWC_DATA', run_worker_first: true },
    });
  });
});

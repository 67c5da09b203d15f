/**
 * flowc diagram: the model (shapes, labels, merged edges, attempt limits, jumps, hang-ups, unreachable
 * steps), Mermaid rendered by the real mermaid package in headless Chromium (Debian's chromium driven
 * by puppeteer-core, offline), DOT laid out by Graphviz (`dot`), and the --check of a committed file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramDocument } from '../../compiler/diagram/diagram-document.js';
import { flowDiagram } from '../../compiler/diagram/flow-diagram.js';
import { formatDot } from '../../compiler/diagram/format-dot.js';
import { formatMermaid } from '../../compiler/diagram/format-mermaid.js';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import type { FlowProgram } from '../../compiler/router/runtime/program.mjs';
import { runFlowc } from '../helpers/temp-project.js';
import { fixtureProgram } from '../simulate/program-fixture.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** A 30-step flow: a menu of menus, each with keys, a timeout with an attempt limit and a default. */
function bigFlow(): FlowProgram {
  const steps: FlowProgram['steps'] = {};
  const to = (step: string) => ({ to: { flow: 'big', locale: 'en-US', step } });
  for (let i = 0; i < 30; i++) {
    const name = `step-${i}`;
    const next = (k: number) => `step-${Math.min(29, i + k)}`;
    steps[`en-US/${name}`] =
      i === 29
        ? { kind: 'ncco', ncco: [JSON.stringify([{ action: 'talk', text: 'Goodbye.' }])], reads: [] }
        : {
            kind: 'ncco',
            ncco: [
              JSON.stringify([
                { action: 'talk', text: `Menu ${i}: press 1, 2 or 3.` },
                { action: 'input', type: ['dtmf'] },
              ]),
            ],
            reads: [],
            on: {
              kind: 'input',
              digits: { '1': to(next(1)), '2': to(next(2)), '3': to(next(3)), '*': to(name) },
              speech: [],
              timeout: { ...to(name), limit: { counter: `t${i}`, max: 2, then: to('step-29') } },
              default: to('step-0'),
            },
          };
  }
  return { version: 1, flow: 'big', locales: ['en-US'], data: {}, steps };
}

describe('the diagram model', () => {
  it('draws every kind of step and transition of the fixture program', () => {
    const { flows } = fixtureProgram();
    const d = flowDiagram(flows[0]!, 'en-US', 'welcome');
    const byTitle = new Map(d.nodes.map((n) => [n.title, n]));
    expect(byTitle.get('welcome')).toMatchObject({ kind: 'menu', detail: '“Welcome to the desk.”' });
    expect(byTitle.get('find')).toMatchObject({ kind: 'lookup', detail: 'lookup account' });
    expect(byTitle.get('check')).toMatchObject({ kind: 'decide' });
    expect(byTitle.get('pay')).toMatchObject({ kind: 'pay', detail: 'pays {balance} usd' });
    expect(byTitle.get('agent')).toMatchObject({ kind: 'connect', detail: 'connects to 14155550199' });
    expect(byTitle.get('other/hello')).toMatchObject({ kind: 'jump' });
    expect(byTitle.get('hang up')).toMatchObject({ kind: 'end' });
    const label = (from: string, to: string) =>
      d.edges.filter((e) => e.from === byTitle.get(from)!.id && e.to === byTitle.get(to)!.id).map((e) => e.label);
    expect(label('check', 'nothing-due')).toEqual(['if balance = 0']);
    expect(label('hours', 'agent')).toEqual(['if office is open']);
    expect(label('welcome', 'welcome')).toEqual(['timeout (up to 1×)']);
    expect(label('welcome', 'bye')).toEqual(['timeout (after 1), default']);
    expect(label('pay', 'agent')).toEqual(['failure (after 1)']);
    expect(label('find', 'trouble')).toEqual(['failed']);
    expect(label('welcome', 'find')).toEqual(['1, say “pay”…']);
  });

  it('draws a step that speaks and then calls a lookup as one lookup step (the example billing line)', async () => {
    const built = await buildProject(repo);
    const flow = built.program.flows.find((f) => f.flow === 'bill-pay')!;
    const d = flowDiagram(flow, 'en-US', 'welcome');
    const byTitle = new Map(d.nodes.map((n) => [n.title, n]));
    expect(byTitle.get('welcome')).toMatchObject({
      kind: 'lookup',
      detail: '“Thank you for calling Acme Energy billing.” → lookup findAccount',
    });
    expect(byTitle.get('find-account')).toMatchObject({
      kind: 'lookup',
      detail: '“One moment while I find your account.” → lookup findAccount',
    });
    expect([...byTitle.keys()].filter((t) => t.endsWith('.lookup'))).toEqual([]);
    const label = (from: string, to: string) =>
      d.edges.filter((e) => e.from === byTitle.get(from)?.id && e.to === byTitle.get(to)?.id).map((e) => e.label);
    expect(label('welcome', 'menu')).toEqual(['found']);
    expect(label('welcome', 'ask-account')).toEqual(['not-found, failed']);
    expect(label('find-account', 'ask-account')).toEqual(['not-found (up to 2×)']);
    expect(label('find-account', 'agent')).toEqual(['not-found (after 2)']);
    expect(label('confirm-account', 'find-account')).toEqual(['1']);
    expect(d.nodes.filter((n) => n.unreachable)).toEqual([]);
  });

  it('marks the steps no call reaches', () => {
    const flow: FlowProgram = {
      version: 1,
      flow: 'f',
      locales: ['en-US'],
      data: {},
      steps: {
        'en-US/a': { kind: 'ncco', ncco: ['[{"action":"talk","text":"A"}]'], reads: [] },
        'en-US/orphan': { kind: 'ncco', ncco: ['[{"action":"talk","text":"B"}]'], reads: [] },
      },
    };
    const d = flowDiagram(flow, 'en-US', 'a');
    expect(d.nodes.find((n) => n.title === 'orphan')?.unreachable).toBe(true);
    expect(d.nodes.find((n) => n.title === 'a')?.unreachable).toBeUndefined();
    expect(formatMermaid(d)).toMatch(/class n\d+_step_orphan unreachable/);
    expect(formatDot(d)).toMatch(/n\d+_step_orphan \[label="orphan\\n“B”", shape=box, style=dashed/);
  });

  it('a 30-step flow keeps one edge per pair of steps', () => {
    const d = flowDiagram(bigFlow(), 'en-US', 'step-0');
    const pairs = new Set(d.edges.map((e) => `${e.from}>${e.to}>${e.fallback}`));
    expect(pairs.size).toBe(d.edges.length);
    expect(d.nodes.filter((n) => n.kind === 'menu')).toHaveLength(29);
  });
});

describe('flowc diagram --check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-diagram-'));
    for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a Markdown page, passes --check, and fails it with a hint once a flow changes', async () => {
    expect((await runFlowc(['diagram', '--out', 'flows.md'], dir)).exitCode).toBe(0);
    const page = await readFile(path.join(dir, 'flows.md'), 'utf8');
    expect(page).toContain('## bill-pay (en-US)\n\n```mermaid\nflowchart TD');
    expect((await runFlowc(['diagram', '--out', 'flows.md', '--check'], dir)).exitCode).toBe(0);
    const flow = path.join(dir, 'flows/bill-pay.flow.yaml');
    await writeFile(flow, (await readFile(flow, 'utf8')).replace('"*": menu', '"*": goodbye'));
    const stale = await runFlowc(['diagram', '--out', 'flows.md', '--check'], dir);
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('error[diagram/stale] flows.md');
    expect(stale.stderr).toContain('Run "flowc diagram --out flows.md" and commit the result.');
  });

  // `flowc diagram > flows.dot` must not write the findings into the diagram.
  it('says a project with errors on standard error, and prints no diagram', async () => {
    const catalog = path.join(dir, 'flows/messages/es-US.yaml');
    const text = await readFile(catalog, 'utf8');
    await writeFile(catalog, text.replace(/^ {2}paid: .*\n/m, ''));
    try {
      const run = await runFlowc(['diagram', 'bill-pay', '--format', 'dot'], dir);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('error[i18n/missing-message]');
    } finally {
      await writeFile(catalog, text);
    }
  });

  // One flow is pictured while another is being fixed; a flow with an error of its own is not.
  it('draws one flow while another flow has an error, said on standard error; not the flow with the error', async () => {
    const other = path.join(dir, 'flows/payment-reminder.flow.yaml');
    const text = await readFile(other, 'utf8');
    await writeFile(other, text.replace('say: reminder.hello', 'say: reminder.helo'));
    try {
      const drawn = await runFlowc(['diagram', 'bill-pay'], dir);
      expect(drawn.exitCode).toBe(0);
      expect(drawn.stdout).toContain('flowchart TD');
      expect(drawn.stderr).toContain('error[i18n/missing-message] flows/payment-reminder.flow.yaml:20:20');
      expect(drawn.stderr).toContain('(These errors are in other flows: bill-pay is drawn.)');
      const refused = await runFlowc(['diagram', 'payment-reminder'], dir);
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('error[i18n/missing-message] flows/payment-reminder.flow.yaml:20:20');
      const all = await runFlowc(['diagram'], dir);
      expect(all.exitCode).toBe(1);
      expect(all.stdout).toBe('');
      // A schema error leaves the other flow unread (in no list of flows): still not this flow's.
      await writeFile(other, text.replace('start: find', 'start: [find]'));
      const unread = await runFlowc(['diagram', 'bill-pay'], dir);
      expect(unread.exitCode).toBe(0);
      expect(unread.stdout).toContain('flowchart TD');
      expect(unread.stderr).toContain('flows/payment-reminder.flow.yaml');
      expect((await runFlowc(['diagram', 'payment-reminder'], dir)).exitCode).toBe(1);
    } finally {
      await writeFile(other, text);
    }
  });

  it('usage errors: an unknown flow (did-you-mean), locale or format; --check without --out', async () => {
    expect((await runFlowc(['diagram', 'bil-pay'], dir)).stderr).toContain('There is no flow "bil-pay". Did you mean "bill-pay"?');
    expect((await runFlowc(['diagram', 'bill-pay', '--locale', 'de-DE'], dir)).exitCode).toBe(2);
    expect((await runFlowc(['diagram', '--format', 'png'], dir)).exitCode).toBe(2);
    expect((await runFlowc(['diagram', '--check'], dir)).exitCode).toBe(2);
  });
});

const dotInstalled = spawnSync('dot', ['-V']).status === 0;
describe.skipIf(!dotInstalled)('DOT through Graphviz', () => {
  it('lays out every example flow, the fixture and a 30-step flow without a warning', async () => {
    const built = await buildProject(repo);
    const programs = [...built.program.flows, ...fixtureProgram().flows, bigFlow()];
    const starts = new Map([
      ...built.flows.map((f) => [f.name, f.start] as const),
      ['desk', 'welcome'],
      ['other', 'hello'],
      ['big', 'step-0'],
    ]);
    const text = diagramDocument({ flows: programs, starts, format: 'dot' });
    const out = spawnSync('dot', ['-Tsvg'], { input: text, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect((out.stdout.match(/<svg/g) ?? []).length).toBe(programs.length);
  });
});
if (!dotInstalled) it('Graphviz is not installed (Debian: graphviz): the DOT layout check was skipped', () => {});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
describe.skipIf(!chromium)('Mermaid rendered by mermaid in headless Chromium', () => {
  it('parses and renders every example flow, the fixture and a 30-step flow', async () => {
    const puppeteer = await import('puppeteer-core');
    const browser = await puppeteer.launch({ executablePath: chromium!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
      await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
      const built = await buildProject(repo);
      const diagrams = [
        ...built.program.flows.flatMap((f) => f.locales.map((l) => flowDiagram(f, l, built.flows.find((b) => b.name === f.flow)!.start))),
        ...fixtureProgram().flows.map((f) => flowDiagram(f, 'en-US', f.flow === 'desk' ? 'welcome' : 'hello')),
        flowDiagram(bigFlow(), 'en-US', 'step-0'),
      ];
      for (const d of diagrams) {
        const text = formatMermaid(d);
        const result = await page.evaluate(async (source: string) => {
          const m = (
            globalThis as unknown as {
              mermaid: {
                initialize(o: object): void;
                parse(t: string): Promise<unknown>;
                render(id: string, t: string): Promise<{ svg: string }>;
              };
            }
          ).mermaid;
          m.initialize({ startOnLoad: false, securityLevel: 'strict' });
          try {
            await m.parse(source);
            const { svg } = await m.render(`d${Math.random().toString(36).slice(2)}`, source);
            return { ok: true, svg };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        }, text);
        expect(result, `${d.flow} ${d.locale}:\n${text}`).toMatchObject({ ok: true });
        for (const n of d.nodes) expect(result.svg).toContain(n.title.replace(/&/g, '&amp;'));
      }
    } finally {
      await browser.close();
    }
  });
});
if (!chromium) it('Chromium is not installed (Debian: chromium): the Mermaid rendering check was skipped', () => {});

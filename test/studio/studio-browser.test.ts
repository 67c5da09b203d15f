/**
 * flowc studio in a real browser: Debian's Chromium, headless, driven by puppeteer-core, on a copy of
 * the example project. A diagram for every flow; a step's Spanish text; a whole Spanish payment call
 * clicked through, with the same transcript as the Node simulator plays, the path on the diagram, and the
 * call saved as a scenario that `flowc test` passes; a flow broken on disk shows its error on the right
 * step and loses it once fixed, without a reload; every flow and a busy generated one fit their pane at
 * 1280×800 and 1366×768 with no two arrow labels overlapping, and the zoom works from the keyboard; a
 * call is saved into the project; the exported site works too (and downloads a saved call). It takes the screenshots
 * of docs/studio.md (written there with FLOWC_UPDATE_SCREENSHOTS=1). Waits are watchdogs, not timings.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio } from '../../compiler/cli/studio-command.js';
import { loadSimulator } from '../../compiler/cli/load-simulator.js';
import type { CallerAct } from '../../compiler/simulate/call-types.js';
import { transcriptLines } from '../../compiler/simulate/format-transcript.js';
import { parseLocalTime } from '../../compiler/simulate/scenarios/scenario-time.js';
import type { StudioModel } from '../../compiler/studio/model/studio-types.js';
import type { StudioServer } from '../../compiler/studio/server/studio-server.js';
import { runFlowc } from '../helpers/temp-project.js';
import { busyFlowYaml } from './busy-flow.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
/** Generous: the machine is shared and busy. Only a hang reaches it. */
const WATCHDOG = 90_000;
const shots = process.env.FLOWC_UPDATE_SCREENSHOTS === '1' ? path.join(repo, 'docs', 'studio') : undefined;

describe.skipIf(!chromium)('flowc studio in headless Chromium', () => {
  let dir: string;
  let server: StudioServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const shot = async (name: string) => {
    // Outside the project: a file written into it would make the studio rebuild and redraw under the clicks.
    const file = path.join(shots ?? path.dirname(dir), `${name}.png`);
    await page.screenshot({ path: file as `${string}.png` });
    expect((await readFile(file)).subarray(1, 4).toString()).toBe('PNG');
  };
  const text = (selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

  beforeAll(async () => {
    // The folder's name is the project's name in the page (and the screenshots).
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'flowc-studio-browser-')), 'acme-energy');
    for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
    server = await openStudio(dir, { port: 0, host: '127.0.0.1' });
    const puppeteer = await import('puppeteer-core');
    browser = await puppeteer.launch({ executablePath: chromium!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    page.setDefaultTimeout(WATCHDOG);
    await page.setViewport({ width: 1280, height: 800 });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    // Offline: nothing but the studio itself is ever asked for.
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
        problems.push(`request to ${r.url()}`);
    });
  }, WATCHDOG);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it(
    'shows a diagram for every flow, with a box for every step',
    async () => {
      await page.goto(server.url);
      await page.waitForSelector('svg .node');
      const model = server.model();
      for (const flow of model.flows) {
        await page.click(`.flowlist button[data-flow="${flow.name}"]`);
        await page.waitForFunction(`document.querySelector('.toolbar strong')?.textContent === ${JSON.stringify(flow.name)}`);
        const steps = await page.$$eval('svg .node[data-step]', (nodes) => nodes.map((n) => n.getAttribute('data-step')));
        const expected = flow.diagrams[flow.locales[0]!]!.nodes.filter((n) => n.step !== undefined).map((n) => n.step);
        expect(steps.sort()).toEqual(expected.sort());
      }
      expect(problems).toEqual([]);
    },
    WATCHDOG,
  );

  /** The diagram pane's overflow and every pair of arrow labels whose boxes (as drawn on screen) intersect. */
  const layoutNow = (on: Page = page) =>
    on.evaluate(`(() => {
      const pane = document.getElementById('diagram');
      const svg = pane.querySelector('svg');
      const labels = [...svg.querySelectorAll('text.edge-label')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      const overlaps = [];
      for (const [i, a] of labels.entries())
        for (const b of labels.slice(i + 1))
          if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom)
            overlaps.push(a.text + ' × ' + b.text);
      const frame = svg.getBoundingClientRect();
      const outside = labels.filter((l) => l.box.left < frame.left - 0.5 || l.box.right > frame.right + 0.5).map((l) => l.text);
      return {
        scrollWidth: pane.scrollWidth,
        clientWidth: pane.clientWidth,
        svgWidth: frame.width,
        labels: labels.length,
        overlaps,
        outside,
        level: document.getElementById('zoom-level')?.textContent ?? '',
      };
    })()`) as Promise<{
      scrollWidth: number;
      clientWidth: number;
      svgWidth: number;
      labels: number;
      overlaps: string[];
      outside: string[];
      level: string;
    }>;

  it(
    'fits every flow, and a busy generated one, to the pane at 1280×800 and 1366×768, with no two arrow labels on each other',
    async () => {
      // A project of its own (the example plus the busy flow), so that the other tests' project does not change.
      const busyDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'flowc-studio-busy-')), 'acme-energy');
      for (const part of ['flows', 'templates', 'flowc.yaml'])
        await cp(path.join(repo, part), path.join(busyDir, part), { recursive: true });
      await writeFile(path.join(busyDir, 'flows', 'busy.flow.yaml'), busyFlowYaml(12));
      const busyServer = await openStudio(busyDir, { port: 0, host: '127.0.0.1' });
      const busyPage = await browser.newPage();
      busyPage.setDefaultTimeout(WATCHDOG);
      busyPage.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
      try {
        const flows = busyServer.model().flows.map((f) => f.name);
        expect(flows).toContain('busy');
        expect(flows).toHaveLength(server.model().flows.length + 1);
        for (const viewport of [
          { width: 1280, height: 800 },
          { width: 1366, height: 768 },
        ]) {
          await busyPage.setViewport(viewport);
          for (const flow of flows) {
            // A fresh load of the page on that flow (a hash alone would not load it again).
            await busyPage.goto(`${busyServer.url}#view=flows&flow=${flow}`);
            await busyPage.reload();
            await busyPage.waitForFunction(`document.querySelector('.toolbar strong')?.textContent === ${JSON.stringify(flow)}`);
            await busyPage.waitForSelector('#diagram svg .node');
            const at = await layoutNow(busyPage);
            const where = `${flow} at ${viewport.width}×${viewport.height}`;
            expect(at.scrollWidth, where).toBeLessThanOrEqual(at.clientWidth);
            expect(at.svgWidth, where).toBeLessThanOrEqual(at.clientWidth);
            expect(at.overlaps, where).toEqual([]);
            expect(at.outside, where).toEqual([]);
            expect(at.labels, where).toBeGreaterThan(0);
            expect(at.level, where).toMatch(/^\d+%$/);
          }
        }
        // The busy flow's 12 branches: labels on the menu's arrows and on the arrows back to it.
        await busyPage.setViewport({ width: 1280, height: 800 });
        await busyPage.goto(`${busyServer.url}#view=flows&flow=busy`);
        await busyPage.waitForFunction(`document.querySelector('.toolbar strong')?.textContent === 'busy'`);
        expect((await layoutNow(busyPage)).labels).toBeGreaterThanOrEqual(24);
      } finally {
        await busyPage.close();
        await busyServer.close();
        await rm(path.dirname(busyDir), { recursive: true, force: true });
      }
      expect(problems).toEqual([]);
    },
    WATCHDOG * 3,
  );

  it(
    'zooms with the keyboard alone: named buttons, shortcut keys, a visible focus',
    async () => {
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(`${server.url}#view=flows&flow=bill-pay&locale=en-US`);
      await page.waitForFunction(`document.querySelector('.toolbar strong')?.textContent === 'bill-pay'`);
      await page.waitForSelector('#diagram svg .node');
      // bill-pay is wider than its pane at 1280 px: fitted by default.
      const fitted = await layoutNow();
      expect(fitted.scrollWidth).toBeLessThanOrEqual(fitted.clientWidth);
      expect(Number.parseInt(fitted.level, 10)).toBeLessThan(100);
      expect(await page.$eval('#zoom-fit', (b) => b.getAttribute('aria-pressed'))).toBe('true');
      const names = await page.$$eval('.zoom button', (bs) =>
        bs.map((b) => [b.getAttribute('aria-label') ?? b.textContent, b.getAttribute('aria-keyshortcuts')]),
      );
      expect(names).toEqual([
        ['Zoom out', '-'],
        ['Zoom in', '+'],
        ['Fit to width', 'W'],
        ['Zoom to 100%', '0'],
      ]);
      // 0: 100%, wider than the pane (scrolls); + zooms in further, - out; W fits again.
      await page.$eval('#diagram svg .node[data-step="welcome"]', (n) => (n as unknown as { focus(): void }).focus());
      await page.keyboard.press('0');
      let now = await layoutNow();
      expect(now.level).toBe('100%');
      expect(now.scrollWidth).toBeGreaterThan(now.clientWidth);
      await page.keyboard.press('+');
      expect((await layoutNow()).level).toBe('125%');
      await page.keyboard.press('-');
      await page.keyboard.press('-');
      expect((await layoutNow()).level).toBe('90%');
      await page.keyboard.press('w');
      now = await layoutNow();
      expect(now.level).toBe(fitted.level);
      expect(now.scrollWidth).toBeLessThanOrEqual(now.clientWidth);
      // The buttons are reached with Tab and show where the focus is.
      await page.$eval('#zoom-out', (b) => (b as unknown as { focus(): void }).focus());
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(`(() => {
        const el = document.activeElement;
        return { id: el.id, visible: el.matches(':focus-visible'), outline: getComputedStyle(el).outlineStyle };
      })()`);
      expect(focused).toEqual({ id: 'zoom-fit', visible: true, outline: 'solid' });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect((await layoutNow()).level).toBe('100%');
      // Typing in a field is not zooming.
      await page.click('#tab-call');
      await page.waitForSelector('#call-dial');
      await page.click('#zoom-fit');
      await page.focus('#call-from');
      await page.keyboard.press('0');
      expect((await layoutNow()).level).toBe(fitted.level);
      expect(await page.$eval('#call-from', (i) => (i as unknown as { value: string }).value)).toMatch(/0$/);
      expect(problems).toEqual([]);
    },
    WATCHDOG,
  );

  it(
    'opens a step with the keyboard and reads its Spanish text',
    async () => {
      await page.goto(`${server.url}#view=flows&flow=bill-pay&locale=es-US`);
      await page.waitForSelector('svg .node[data-step="welcome"]');
      await page.$eval('svg .node[data-step="welcome"]', (n) => (n as unknown as { focus(): void }).focus());
      await page.keyboard.press('Enter');
      await page.waitForSelector('#step-detail section[data-locale="es-US"]');
      const spanish = await text('#step-detail section[data-locale="es-US"]');
      expect(spanish).toContain('Gracias por llamar al departamento de facturación');
      expect(spanish).toContain('voice es-US');
      const expected = server
        .model()
        .flows.find((f) => f.name === 'bill-pay')!
        .steps.welcome!.locales['es-US']!.says.map((s) => s.text);
      const shown = await page.$$eval('#step-detail section[data-locale="es-US"] .said .text', (els) => els.map((e) => e.textContent));
      expect(shown).toEqual(expected);
      // The exits: the lookup's outcomes.
      expect(await text('#step-detail table.exits')).toMatch(/found\s*→ menu/);
      await shot('flow');
    },
    WATCHDOG,
  );

  it(
    'plays a whole Spanish payment call by clicking, as the simulator of flowc call plays it',
    async () => {
      const account = { account: '23456789', balance: 118.75, dueDate: '2027-01-05', name: 'Lucía' };
      await page.goto(`${server.url}#view=flows&flow=bill-pay&locale=es-US&panel=call`);
      await page.waitForSelector('#call-dial');
      await page.select('#call-number', '14155550101');
      await page.click('#call-dial');
      // welcome looks the caller up by their number (findAccount): it finds Lucía's account.
      await page.waitForSelector('#lookup-json');
      await page.$eval('#lookup-json', (el, v) => ((el as unknown as { value: string }).value = v), JSON.stringify(account));
      await page.click('#lookup-found');
      await page.waitForSelector('.keypad button[data-key="1"]');
      await page.click('.keypad button[data-key="1"]');
      await page.waitForSelector('#pay-success');
      await shot('call');
      await page.click('#pay-success');
      await page.waitForFunction(`document.querySelector('.call h2')?.textContent === 'Call ended'`);
      const shown = (await page.$$eval('#transcript > div', (els) => els.map((e) => e.textContent ?? ''))).filter((l) => l !== '');

      // The same call in Node, through the same engine.
      const loaded = await loadSimulator({ stdout: () => {}, stderr: () => {}, cwd: dir, env: {}, color: false }, dir);
      const acts: CallerAct[] = [
        { kind: 'press', keys: '1' },
        { kind: 'pay', outcome: 'success' },
      ];
      const record = await loaded.simulator!.play(
        { number: '14155550101', from: '15555550100' },
        {
          atMs: parseLocalTime('2026-01-05T10:00', 'America/New_York') ?? 0,
          lookups: (_clock, emit) => ({
            findAccount: async (input) => {
              emit({ kind: 'lookup', name: 'findAccount', input: input as Record<string, unknown>, result: 'found', output: account });
              return account;
            },
          }),
          acts: { next: async () => acts.shift() },
        },
      );
      expect(shown).toEqual(transcriptLines(record.events));
      const heard = shown.filter((l) => /^\s+hears/.test(l));
      expect(heard[0]).toContain('Gracias por llamar al departamento de facturación');
      expect(shown.some((l) => /pays 118\.75 usd: success/.test(l))).toBe(true);
      expect(heard.at(-1)).toMatch(/Adiós/);
      expect(shown.at(-1)).toBe('ends: the flow hung up');

      // The path on the diagram.
      const visited = await page.$$eval('svg .node.visited', (nodes) => nodes.map((n) => n.getAttribute('data-step')));
      expect(visited).toEqual(expect.arrayContaining(['welcome', 'menu', 'check-balance', 'pay-now', 'paid']));
      expect((await page.$$('svg .edge.taken')).length).toBeGreaterThanOrEqual(2);

      // Saved into the project as a scenario (and its transcript) that flowc test passes as it is.
      await page.click('#scenario-name', { count: 3 });
      await page.type('#scenario-name', 'A Spanish caller pays from the studio');
      await page.click('#scenario-file', { count: 3 });
      await page.type('#scenario-file', 'studio-call');
      await page.click('#scenario-save');
      await page.waitForSelector('#scenario-message.ok');
      expect(await text('#scenario-message')).toContain('Saved flows/studio-call.test.yaml');
      await shot('call-ended');
      const yaml = await text('#scenario-yaml');
      expect(yaml).toContain('call: "14155550101"');
      expect(await readFile(path.join(dir, 'flows', 'studio-call.test.yaml'), 'utf8')).toBe(yaml);
      const run = await runFlowc(['test', '--filter', 'from the studio'], dir);
      expect(run.stdout).toContain('1 passed, 0 failed');
      expect(run.exitCode).toBe(0);

      // Saving again under the same name asks first; Replace (with the keyboard) replaces it.
      await page.click('#scenario-name', { count: 3 });
      await page.type('#scenario-name', 'The same call, renamed');
      await page.click('#scenario-save');
      await page.waitForSelector('#scenario-message.ask');
      expect(await text('#scenario-message')).toContain('flows/studio-call.test.yaml already exists');
      expect(await readFile(path.join(dir, 'flows', 'studio-call.test.yaml'), 'utf8')).toBe(yaml);
      expect(await page.evaluate('document.activeElement.id')).toBe('scenario-replace');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#scenario-message.ok');
      expect(await text('#scenario-message')).toContain('Replaced flows/studio-call.test.yaml');
      expect(await readFile(path.join(dir, 'flows', 'studio-call.test.yaml'), 'utf8')).toContain('The same call, renamed');
      expect((await runFlowc(['test', '--filter', 'The same call'], dir)).stdout).toContain('1 passed, 0 failed');

      // A name that is not a plain file name is refused in the page (and by the server: studio-server.test.ts).
      await page.click('#scenario-file', { count: 3 });
      await page.type('#scenario-file', '../outside');
      await page.click('#scenario-save');
      await page.waitForSelector('#scenario-message.error');
      expect(await text('#scenario-message')).toContain('letters, digits, - and _');
      await rm(path.join(dir, 'flows', 'studio-call.test.yaml'));
      await rm(path.join(dir, 'flows', 'studio-call.test.transcripts.txt'));
      expect(problems.filter((p) => !p.includes('/helpers/'))).toEqual([]);
    },
    WATCHDOG * 2,
  );

  it(
    'shows an error on the right step after a save, and takes it away after the fix, without a reload',
    async () => {
      const file = path.join(dir, 'flows', 'bill-pay.flow.yaml');
      const good = await readFile(file, 'utf8');
      await page.goto(`${server.url}#view=flows&flow=bill-pay&locale=en-US`);
      await page.waitForSelector('svg .node[data-step="welcome"]');
      await page.evaluate(() => ((globalThis as unknown as { marker: boolean }).marker = true));
      const version = Number(await page.$eval('body', (b) => b.dataset.version));
      // The first "found: menu" is in the welcome step (its lookup's outcomes).
      await writeFile(file, good.replace('found: menu,', 'found: menuu,'));
      await page.waitForSelector('svg .node.has-error[data-step="welcome"]');
      expect(await page.$$eval('svg .node.has-error', (n) => n.map((x) => x.getAttribute('data-step')))).toEqual(['welcome']);
      expect(Number(await page.$eval('body', (b) => b.dataset.version))).toBeGreaterThan(version);
      await page.click('svg .node[data-step="welcome"]');
      await page.waitForSelector('#step-detail .problem[data-code="flow/unknown-step"]');
      expect(await text('#step-detail .problem')).toContain('menuu');
      await shot('step-error');
      await page.click('nav a[data-view="diagnostics"]');
      await page.waitForSelector('#problems .problem[data-code="flow/unknown-step"]');
      const card = await text('#problems .problem[data-code="flow/unknown-step"]');
      expect(card).toMatch(/flows\/bill-pay\.flow\.yaml:30:\d+/);
      expect(card).toContain('How to fix it');
      expect(card).toContain('bill-pay › welcome');
      await shot('problems');
      await writeFile(file, good);
      await page.waitForFunction(`document.body.dataset.errors === '0'`);
      await page.click('nav a[data-view="flows"]');
      await page.waitForSelector('svg .node[data-step="welcome"]');
      expect(await page.$$('svg .node.has-error')).toHaveLength(0);
      // The same page all along: no reload.
      expect(await page.evaluate(() => (globalThis as unknown as { marker?: boolean }).marker)).toBe(true);
    },
    WATCHDOG * 2,
  );

  it(
    'shows the translations with where each text is spoken',
    async () => {
      await page.goto(`${server.url}#view=translations`);
      await page.waitForSelector('#translations tr[data-key="bill-pay.greeting"]');
      const row = await text('#translations tr[data-key="bill-pay.greeting"]');
      expect(row).toContain('Gracias por llamar');
      expect(row).toContain('bill-pay › welcome');
      await shot('translations');
    },
    WATCHDOG,
  );

  it(
    'serves the exported site as a static page with the same diagrams and calls',
    async () => {
      expect((await runFlowc(['studio', '--export', 'site'], dir)).exitCode).toBe(0);
      const site = path.join(dir, 'site');
      const types: Record<string, string> = {
        '.html': 'text/html',
        '.js': 'text/javascript',
        '.mjs': 'text/javascript',
        '.css': 'text/css',
        '.json': 'application/json',
      };
      const files: Server = createServer((req, res) => {
        const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/$/, '/index.html');
        readFile(path.join(site, path.normalize(rel).replace(/^(\.\.[/\\])+/, '')))
          .then((body) => {
            res.writeHead(200, { 'Content-Type': types[path.extname(rel)] ?? 'text/plain' });
            res.end(body);
          })
          .catch(() => {
            res.writeHead(404);
            res.end();
          });
      });
      await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/`;
        const exported = await browser.newPage();
        exported.setDefaultTimeout(WATCHDOG);
        await exported.goto(`${url}#view=flows&flow=bill-pay&locale=es-US&panel=call`);
        await exported.waitForSelector('svg .node[data-step="pay-now"]');
        expect(await exported.$eval('#status', (e) => e.textContent)).toContain('Exported');
        await exported.click('#call-dial');
        await exported.waitForSelector('#transcript');
        expect(await exported.$eval('#transcript', (e) => e.textContent)).toContain('hears');
        // No server to write to: the scenario is downloaded.
        await exported.waitForSelector('#lookup-not-found');
        await exported.click('#lookup-not-found');
        await exported.waitForSelector('#act-hang-up');
        await exported.click('#act-hang-up');
        await exported.waitForSelector('#scenario-save');
        expect(await exported.$('#scenario-file')).toBeNull();
        await exported.click('#scenario-save');
        await exported.waitForSelector('#scenario-download');
        expect(await exported.$eval('#scenario-download', (a) => a.getAttribute('download'))).toMatch(/\.test\.yaml$/);
        expect(await exported.$('#scenario-message')).toBeNull();
        await exported.close();
      } finally {
        await new Promise<void>((resolve) => files.close(() => resolve()));
      }
      const model = JSON.parse(await readFile(path.join(site, 'model.json'), 'utf8')) as StudioModel;
      expect(model.flows.length).toBe(server.model().flows.length);
    },
    WATCHDOG * 2,
  );
});
if (!chromium) it('Chromium is not installed (Debian: chromium): the studio browser tests were skipped', () => {});

#!/usr/bin/env node
/**
 * How long `flowc studio` takes to show a save: the time from writing a flow file on disk to the page
 * showing the new diagnostic on its step, and then its disappearance after the fix — without a reload.
 * The real thing end to end: the built `flowc studio` (a child process) on a copy of the example project,
 * Debian's Chromium (headless, through puppeteer-core), the page as a person has it open.
 *
 *   npm run build:compiler && node bench/studio/reload.mjs [--rounds 10] [--flowc build/compiler/cli/bin.js]
 *     [--chromium /usr/bin/chromium] [--results bench/out/studio-reload-results.json]
 *
 * Each round breaks bill-pay.flow.yaml (the welcome step's lookup goes to a step that does not exist),
 * waits for the error on that step, then writes the file back and waits for the error to go. For each, it
 * records (in the page, by a MutationObserver; the page's clock and this process's are the same machine's):
 * the server-sent event announcing the new model (a second EventSource the benchmark opens in the page), and
 * the diagram showing the change. It also reads the CPU the studio process used in the round (/proc).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    flowc: { type: 'string', default: path.join(repo, 'build', 'compiler', 'cli', 'bin.js') },
    chromium: { type: 'string', default: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? '' },
    results: { type: 'string', default: path.join(repo, 'bench', 'out', 'studio-reload-results.json') },
  },
});
const rounds = Number(values.rounds);
const flowcBin = path.resolve(values.flowc);
if (!existsSync(flowcBin)) {
  process.stderr.write(`${flowcBin} does not exist: build the compiler first (npm run build:compiler).\n`);
  process.exit(2);
}
if (!values.chromium || !existsSync(values.chromium)) {
  process.stderr.write('Chromium is not installed (Debian: apt-get install chromium), or give --chromium.\n');
  process.exit(2);
}

const project = mkdtempSync(path.join(os.tmpdir(), 'flowc-studio-bench-'));
for (const part of ['flows', 'templates', 'flowc.yaml']) cpSync(path.join(repo, part), path.join(project, part), { recursive: true });
const flowFile = path.join(project, 'flows', 'bill-pay.flow.yaml');
const good = readFileSync(flowFile, 'utf8');
const broken = good.replace('found: menu,', 'found: menuu,');
if (broken === good) throw new Error('bill-pay.flow.yaml no longer has "found: menu,": update the benchmark');

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadStart = load();

// The studio, as a user starts it.
const studio = spawn(process.execPath, [flowcBin, 'studio', '--port', '0'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
studio.stdout.resume();
let said = '';
const url = await new Promise((resolve, reject) => {
  studio.stderr.on('data', (d) => {
    said += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(said);
    if (m) resolve(m[1]);
  });
  studio.on('exit', (code) => reject(new Error(`flowc studio exited (${code}):\n${said}`)));
});
const ticks = 100; // USER_HZ on Linux (utime and stime in /proc/PID/stat are in its ticks)
const cpuMs = () => {
  const fields = readFileSync(`/proc/${studio.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
};

const puppeteer = await import('puppeteer-core');
const browser = await puppeteer.launch({ executablePath: values.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
page.setDefaultTimeout(60_000);
await page.setViewport({ width: 1280, height: 800 });
await page.goto(`${url}#view=flows&flow=bill-pay&locale=en-US`);
await page.waitForSelector('svg .node[data-step="welcome"]');
await page.evaluate(() => {
  globalThis.benchMarker = true;
  // When the server announces a new model (the same stream the page follows).
  globalThis.benchEvents = [];
  new EventSource('api/events').addEventListener('model', (e) => {
    globalThis.benchEvents.push({ at: performance.timeOrigin + performance.now(), version: JSON.parse(e.data).version });
  });
});
await page.waitForFunction(() => globalThis.benchEvents.length > 0);

/** Resolves in the page with the time at which the welcome step first has (or no longer has) an error. */
const armWatch = (wantError) =>
  page.evaluate((want) => {
    globalThis.benchSeen = new Promise((resolve) => {
      const test = () => (document.querySelector('svg .node.has-error[data-step="welcome"]') !== null) === want;
      const observer = new MutationObserver(() => {
        if (test()) {
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        }
      });
      observer.observe(document.getElementById('main'), { subtree: true, childList: true, attributes: true });
    });
  }, wantError);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });
const fmt = (s) => `${s.median} ms (${s.min}–${s.max})`;

process.stdout.write(`flowc studio reload benchmark: the example project, ${rounds} rounds; load average ${loadStart}\n`);
const results = { break: [], fix: [] };
for (let n = 1; n <= rounds; n++) {
  for (const [kind, text, wantError] of [
    ['break', broken, true],
    ['fix', good, false],
  ]) {
    await armWatch(wantError);
    const eventsBefore = await page.evaluate(() => globalThis.benchEvents.length);
    const cpuBefore = cpuMs();
    const wrote = performance.timeOrigin + performance.now();
    writeFileSync(flowFile, text);
    const shown = await page.evaluate(() => globalThis.benchSeen);
    const event = await page.evaluate((i) => globalThis.benchEvents[i], eventsBefore);
    // The studio may still be busy after the page changed (another rebuild of the same burst): let it settle.
    await new Promise((r) => setTimeout(r, 300));
    const r = { shownMs: shown - wrote, eventMs: event ? event.at - wrote : Number.NaN, cpuMs: cpuMs() - cpuBefore };
    results[kind].push(r);
    process.stdout.write(
      `round ${n}, ${kind}: shown ${Math.round(r.shownMs)} ms after the write (event ${Math.round(r.eventMs)} ms), studio CPU ${Math.round(r.cpuMs)} ms\n`,
    );
  }
}
if (!(await page.evaluate(() => globalThis.benchMarker))) throw new Error('the page was reloaded');
await browser.close();
studio.kill('SIGINT');
await new Promise((resolve) => studio.on('exit', resolve));
rmSync(project, { recursive: true, force: true });

const summary = Object.fromEntries(
  Object.entries(results).map(([kind, rs]) => [
    kind,
    { shown: stat(rs.map((r) => r.shownMs)), event: stat(rs.map((r) => r.eventMs)), cpu: stat(rs.map((r) => r.cpuMs)) },
  ]),
);
const loadEnd = load();
process.stdout.write(
  `\nFrom the write to the page, median (min–max) of ${rounds}:\n` +
    `  error appears:    ${fmt(summary.break.shown)} (the server's event ${fmt(summary.break.event)}; studio CPU ${fmt(summary.break.cpu)})\n` +
    `  error disappears: ${fmt(summary.fix.shown)} (the server's event ${fmt(summary.fix.event)}; studio CPU ${fmt(summary.fix.cpu)})\n` +
    `  target ≤ 1000 ms: ${summary.break.shown.median <= 1000 && summary.fix.shown.median <= 1000 ? 'met' : 'NOT met'}\n` +
    `Load average: ${loadStart} at the start, ${loadEnd} at the end (${os.availableParallelism?.() ?? os.cpus().length} cores).\n`,
);
mkdirSync(path.dirname(values.results), { recursive: true });
writeFileSync(
  values.results,
  `${JSON.stringify({ generatedAt: new Date().toISOString(), rounds, loadStart, loadEnd, node: process.version, summary, results }, null, 2)}\n`,
);

#!/usr/bin/env node
/**
 * How long `flowc studio` takes to show a save: the time from writing a flow file on disk to the page
 * showing the new diagnostic on its step, and then its disappearance after the fix — without a reload.
 * End to end: a studio process (bench/studio/studio-child.mjs, the API `flowc studio` runs) on a copy of
 * the example project, Debian's Chromium (headless, through puppeteer-core), the page as a person has it.
 *
 *   npm run build:compiler && node bench/studio/reload.mjs [--rounds 10] [--flowc build/compiler/cli/bin.js]
 *     [--chromium /usr/bin/chromium] [--results bench/out/studio-reload-results.json]
 *
 * Two contenders, each its own studio and page, interleaved (A B, then B A): `warm`, what `flowc studio`
 * does (the parse of every unchanged file kept between rebuilds), and `cold` (every file parsed afresh
 * after a save, as before). Each round breaks bill-pay.flow.yaml (the welcome step's lookup goes to a step
 * that does not exist), waits for the error on that step, then writes the file back and waits for the
 * error to go. Recorded in the page (a MutationObserver; the page's clock and this process's are the same
 * machine's): when the server's event announcing the new model arrived (a second EventSource the
 * benchmark opens), and when the diagram showed the change; and the CPU the studio process used (/proc).
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

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadStart = load();
const compilerDir = path.dirname(path.dirname(flowcBin));

/** A studio on its own copy of the example project, through the API `flowc studio` runs (studio-child.mjs). */
async function startStudio(mode) {
  const project = mkdtempSync(path.join(os.tmpdir(), `flowc-studio-bench-${mode}-`));
  for (const part of ['flows', 'templates', 'flowc.yaml']) cpSync(path.join(repo, part), path.join(project, part), { recursive: true });
  const args = [path.join(here, 'studio-child.mjs'), project, mode, compilerDir];
  const child = spawn(process.execPath, args, { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
  let said = '';
  const url = await new Promise((resolve, reject) => {
    const look = (d) => {
      said += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(said);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`the studio exited (${code}):\n${said}`)));
  });
  const flowFile = path.join(project, 'flows', 'bill-pay.flow.yaml');
  const good = readFileSync(flowFile, 'utf8');
  const broken = good.replace('found: menu,', 'found: menuu,');
  if (broken === good) throw new Error('bill-pay.flow.yaml no longer has "found: menu,": update the benchmark');
  return { mode, project, child, url, flowFile, good, broken };
}

const ticks = 100; // USER_HZ on Linux (utime and stime in /proc/PID/stat are in its ticks)
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
};

const puppeteer = await import('puppeteer-core');
const browser = await puppeteer.launch({ executablePath: values.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });

/** The page of one studio, open on bill-pay, with the benchmark's own listener for the server's events. */
async function openPage(studio) {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${studio.url}#view=flows&flow=bill-pay&locale=en-US`);
  await page.waitForSelector('svg .node[data-step="welcome"]');
  await page.evaluate(() => {
    globalThis.benchMarker = true;
    globalThis.benchEvents = [];
    new EventSource('api/events').addEventListener('model', (e) => {
      globalThis.benchEvents.push({ at: performance.timeOrigin + performance.now(), version: JSON.parse(e.data).version });
    });
  });
  await page.waitForFunction(() => globalThis.benchEvents.length > 0);
  return page;
}

/** Resolves in the page with the time at which the welcome step first has (or no longer has) an error. */
const armWatch = (page, wantError) =>
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

/** One save and what the page shows after it. */
async function measure(studio, page, kind) {
  const [text, wantError] = kind === 'break' ? [studio.broken, true] : [studio.good, false];
  await armWatch(page, wantError);
  const eventsBefore = await page.evaluate(() => globalThis.benchEvents.length);
  const cpuBefore = cpuMs(studio.child.pid);
  const wrote = performance.timeOrigin + performance.now();
  writeFileSync(studio.flowFile, text);
  const shown = await page.evaluate(() => globalThis.benchSeen);
  const event = await page.evaluate((i) => globalThis.benchEvents[i], eventsBefore);
  // The studio may still be busy after the page changed (another rebuild of the same burst): let it settle.
  await new Promise((r) => setTimeout(r, 400));
  return { shownMs: shown - wrote, eventMs: event ? event.at - wrote : Number.NaN, cpuMs: cpuMs(studio.child.pid) - cpuBefore };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });
const fmt = (s) => `${s.median} ms (${s.min}–${s.max})`;

const contenders = ['warm', 'cold'];
process.stdout.write(
  `flowc studio reload benchmark: the example project, ${rounds} rounds, contenders ${contenders.join(' and ')} interleaved; load average ${loadStart}\n`,
);
const studios = [];
for (const mode of contenders) studios.push(await startStudio(mode));
const pages = [];
for (const studio of studios) pages.push(await openPage(studio));
const results = Object.fromEntries(contenders.map((m) => [m, { break: [], fix: [] }]));
for (let n = 1; n <= rounds; n++) {
  // A B, then B A: neither always goes first.
  const order = n % 2 ? [0, 1] : [1, 0];
  for (const i of order) {
    const studio = studios[i];
    for (const kind of ['break', 'fix']) {
      const r = await measure(studio, pages[i], kind);
      results[studio.mode][kind].push(r);
      process.stdout.write(
        `round ${n}, ${studio.mode}, ${kind}: shown ${Math.round(r.shownMs)} ms after the write (event ${Math.round(r.eventMs)} ms), studio CPU ${Math.round(r.cpuMs)} ms\n`,
      );
    }
  }
}
for (const page of pages) if (!(await page.evaluate(() => globalThis.benchMarker))) throw new Error('a page was reloaded');
await browser.close();
for (const studio of studios) {
  studio.child.kill('SIGINT');
  await new Promise((resolve) => studio.child.on('exit', resolve));
  rmSync(studio.project, { recursive: true, force: true });
}

const summary = Object.fromEntries(
  contenders.map((mode) => [
    mode,
    Object.fromEntries(
      Object.entries(results[mode]).map(([kind, rs]) => [
        kind,
        { shown: stat(rs.map((r) => r.shownMs)), event: stat(rs.map((r) => r.eventMs)), cpu: stat(rs.map((r) => r.cpuMs)) },
      ]),
    ),
  ]),
);
const loadEnd = load();
let report = `\nFrom the write to the page, median (min–max) of ${rounds}:\n`;
for (const mode of contenders) {
  const s = summary[mode];
  report +=
    `  ${mode}: error appears    ${fmt(s.break.shown)} (the server's event ${fmt(s.break.event)}; studio CPU ${fmt(s.break.cpu)})\n` +
    `  ${mode}: error disappears ${fmt(s.fix.shown)} (the server's event ${fmt(s.fix.event)}; studio CPU ${fmt(s.fix.cpu)})\n`;
}
const warm = summary.warm;
report +=
  `  target ≤ 1000 ms (warm, the default): ${warm.break.shown.median <= 1000 && warm.fix.shown.median <= 1000 ? 'met' : 'NOT met'}\n` +
  `Load average: ${loadStart} at the start, ${loadEnd} at the end (${os.availableParallelism?.() ?? os.cpus().length} cores).\n`;
process.stdout.write(report);
mkdirSync(path.dirname(values.results), { recursive: true });
writeFileSync(
  values.results,
  `${JSON.stringify({ generatedAt: new Date().toISOString(), rounds, loadStart, loadEnd, node: process.version, summary, results }, null, 2)}\n`,
);

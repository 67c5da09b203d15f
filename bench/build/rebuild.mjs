#!/usr/bin/env node
/**
 * The incremental build benchmark: how long a one-message change takes to rebuild, from the CLI (a new
 * `flowc build` process that finds the cache in .flowc-cache/) and in `flowc build --watch` (a warm
 * compiler), on the synthetic project (bench/build/generate-project.mjs).
 *
 *   npx tsc -p tsconfig.build.json && node bench/build/rebuild.mjs [--flows 1000] [--rounds 5]
 *     [--locales 4] [--steps 8] [--seed 1] [--flowc build/compiler/cli/bin.js] [--results bench/out/rebuild-results.json]
 *
 * Each round changes the greeting of one flow (a message only that flow says) in flows/messages/en-US.yaml,
 * alternating between two texts, and measures: the CLI rebuild (wall from spawn to exit, user and system
 * CPU from /usr/bin/time -v), then — in a `--watch` process started once — the time from writing the file
 * to the watch's "built" line, and the build time the watch itself reports. Also measured once: the first
 * build (no cache yet: it compiles every flow and writes the cache) and a build where nothing changed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    locales: { type: 'string', default: '4' },
    steps: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    flowc: { type: 'string', default: path.join(repo, 'build', 'compiler', 'cli', 'bin.js') },
    results: { type: 'string', default: path.join(repo, 'bench', 'out', 'rebuild-results.json') },
  },
});
const flows = Number(values.flows);
const rounds = Number(values.rounds);
const flowcBin = path.resolve(values.flowc);
if (!existsSync(flowcBin)) {
  process.stderr.write(`${flowcBin} does not exist: build the compiler first (npx tsc -p tsconfig.build.json).\n`);
  process.exit(2);
}

const dir = path.join(repo, 'bench', 'out', `rebuild-${flows}`);
const project = path.join(dir, 'project');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const gen = spawnSync(
  process.execPath,
  [
    path.join(here, 'generate-project.mjs'),
    '--flows',
    String(flows),
    '--locales',
    values.locales,
    '--steps',
    values.steps,
    '--seed',
    values.seed,
    '--out',
    project,
  ],
  { encoding: 'utf8' },
);
if (gen.status !== 0) throw new Error(`generating the project failed:\n${gen.stderr}`);
rmSync(path.join(project, '.bench-generated.json'));

const usageFile = path.join(dir, 'usage.txt');
const fieldOf = (text, label) => new RegExp(`${label}[^:]*:\\s*(.+)`).exec(text)?.[1]?.trim();

/** One `flowc build` process: wall, CPU, peak RSS, and what it printed. */
function cliBuild() {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-v', '-o', usageFile, process.execPath, flowcBin, 'build'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = readFileSync(usageFile, 'utf8');
  if (run.status !== 0) throw new Error(`flowc build failed:\n${run.stdout}\n${run.stderr}`);
  return {
    wallMs,
    userMs: Number(fieldOf(usage, 'User time')) * 1000,
    sysMs: Number(fieldOf(usage, 'System time')) * 1000,
    rssMb: Number(fieldOf(usage, 'Maximum resident set size')) / 1024,
    said: run.stdout.trim().split('\n').pop(),
  };
}

const catalogFile = path.join(project, 'flows/messages/en-US.yaml');
const original = readFileSync(catalogFile, 'utf8');
const section = /^((?:billing|info|support)-\d{5}):\n {2}greeting: /m.exec(original)?.[1];
if (!section) throw new Error('no flow greeting found in the generated catalog');
/** Round n's catalog: the greeting of one flow, in one of two texts. */
const edited = (n) =>
  original.replace(new RegExp(`^(${section}:\\n {2}greeting: )`, 'm'), `$1${n % 2 ? 'Welcome back. ' : 'Hello again. '}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });
const fmt = (s) => `${s.median} ms (${s.min}–${s.max})`;

process.stdout.write(
  `rebuild benchmark: ${flows} flows × ${values.locales} locales × ${values.steps} steps; load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}\n`,
);
const first = cliBuild();
process.stdout.write(
  `first build (compiles every flow, writes the cache): ${Math.round(first.wallMs)} ms, user ${Math.round(first.userMs)} ms, sys ${Math.round(first.sysMs)} ms, ${Math.round(first.rssMb)} MB\n`,
);
const same = cliBuild();
process.stdout.write(
  `nothing changed: ${Math.round(same.wallMs)} ms, user ${Math.round(same.userMs)} ms, sys ${Math.round(same.sysMs)} ms — ${same.said}\n`,
);

const cli = [];
for (let n = 1; n <= rounds; n++) {
  writeFileSync(catalogFile, edited(n));
  const r = cliBuild();
  cli.push(r);
  process.stdout.write(
    `CLI, one message, round ${n}: ${Math.round(r.wallMs)} ms wall, user ${Math.round(r.userMs)} ms, sys ${Math.round(r.sysMs)} ms, ${Math.round(r.rssMb)} MB — ${r.said}\n`,
  );
}

// The watch: one process, one message changed per round.
const watch = spawn(process.execPath, [flowcBin, 'build', '--watch'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
let stderr = '';
let waiter;
watch.stderr.on('data', (d) => {
  stderr += d;
  waiter?.();
});
watch.stdout.resume();
const nextBuilt = async (from) => {
  for (;;) {
    const m = /\[flowc --watch\] built in ([\d.]+) (ms|s)([^\n]*)\n/.exec(stderr.slice(from));
    if (m)
      return {
        at: process.hrtime.bigint(),
        reportedMs: Number(m[1]) * (m[2] === 's' ? 1000 : 1),
        text: m[0].trim(),
        end: from + m.index + m[0].length,
      };
    if (/build failed/.test(stderr.slice(from))) throw new Error(`the watch build failed:\n${stderr}`);
    await new Promise((resolve) => {
      waiter = resolve;
      setTimeout(resolve, 1000);
    });
  }
};
let seen = (await nextBuilt(0)).end;
const watched = [];
for (let n = rounds + 1; n <= 2 * rounds; n++) {
  const started = process.hrtime.bigint();
  writeFileSync(catalogFile, edited(n));
  const built = await nextBuilt(seen);
  seen = built.end;
  const r = { wallMs: Number(built.at - started) / 1e6, reportedMs: built.reportedMs };
  watched.push(r);
  process.stdout.write(
    `watch, one message, round ${n - rounds}: ${Math.round(r.wallMs)} ms from save to "built" (the watch says ${built.text})\n`,
  );
}
watch.kill('SIGINT');
await new Promise((resolve) => watch.on('exit', resolve));
writeFileSync(catalogFile, original);

const report = {
  generatedAt: new Date().toISOString(),
  flows,
  locales: Number(values.locales),
  steps: Number(values.steps),
  machine: { nproc: os.availableParallelism?.() ?? os.cpus().length, node: process.version, loadavgEnd: os.loadavg() },
  first,
  nothingChanged: same,
  cli: {
    wall: stat(cli.map((r) => r.wallMs)),
    user: stat(cli.map((r) => r.userMs)),
    sys: stat(cli.map((r) => r.sysMs)),
    rssMb: stat(cli.map((r) => r.rssMb)),
  },
  watch: { saveToBuilt: stat(watched.map((r) => r.wallMs)), reported: stat(watched.map((r) => r.reportedMs)) },
};
process.stdout.write(
  `\nOne-message rebuild at ${flows} flows, median (min–max) of ${rounds}:\n` +
    `  CLI:   ${fmt(report.cli.wall)} wall; user ${fmt(report.cli.user)}, sys ${fmt(report.cli.sys)}; target ≤ 1000 ms: ${report.cli.wall.median <= 1000 ? 'met' : 'NOT met'}\n` +
    `  watch: ${fmt(report.watch.saveToBuilt)} from save to built (build itself ${fmt(report.watch.reported)}); target ≤ 200 ms: ${report.watch.saveToBuilt.median <= 200 ? 'met' : 'NOT met'}\n` +
    `Load average at end ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}.\n`,
);
mkdirSync(path.dirname(values.results), { recursive: true });
writeFileSync(values.results, JSON.stringify(report, null, 2) + '\n');
rmSync(usageFile, { force: true });

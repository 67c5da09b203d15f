#!/usr/bin/env node
/**
 * The incremental build benchmark: how long a one-message change takes to rebuild, from the CLI (a new
 * `flowc build` process that finds the cache in .flowc-cache/) and in `flowc build --watch` (a warm
 * compiler), on the synthetic project (bench/build/generate-project.mjs).
 *
 *   npm run build:compiler && node bench/build/rebuild.mjs [--flows 1000] [--rounds 5]
 *     [--locales 4] [--steps 8] [--seed 1] [--flowc build/compiler/cli/bin.js] [--baseline <another bin.js>]
 *     [--results bench/out/rebuild-results.json] [--keep]
 *
 * The projects, their outputs and caches (bench/out/rebuild-<flows>, some 70,000 files at 1,000 flows) are deleted
 * at the end unless --keep is given (to profile a rebuild by hand afterwards): large leftovers slow the file
 * system for every later measurement on the machine (docs/performance.md).
 *
 * The compiler is copied into bench/out first, so that rebuilding it during the run changes nothing. With
 * --baseline (e.g. a copy of an older build/ folder), both compilers are measured on their own copy of the
 * project, interleaved (A B A B …) round by round, so that both see the same load.
 *
 * Each round changes the greeting of one flow (a message only that flow says) in flows/messages/en-US.yaml,
 * alternating between two texts, and measures: the CLI rebuild (wall from spawn to exit, user and system
 * CPU from /usr/bin/time -v), then — in a `--watch` process started once — the time from writing the file
 * to the watch's "built" line, and the build time the watch itself reports. Also measured once: the first
 * build (no cache yet: it compiles every flow and writes the cache) and a build where nothing changed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    baseline: { type: 'string' },
    results: { type: 'string', default: path.join(repo, 'bench', 'out', 'rebuild-results.json') },
    keep: { type: 'boolean', default: false },
  },
});
const flows = Number(values.flows);
const rounds = Number(values.rounds);
const dir = path.join(repo, 'bench', 'out', `rebuild-${flows}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/**
 * A copy of the compiler whose bin.js is `bin` (…/compiler/cli/bin.js), with the package.json the
 * compiler's fingerprint reads, under bench/out (node_modules is found in the repository above).
 */
function copyCompiler(name, bin) {
  const abs = path.resolve(bin);
  if (!existsSync(abs)) {
    process.stderr.write(`${abs} does not exist: build the compiler first (npm run build:compiler).\n`);
    process.exit(2);
  }
  const root = path.resolve(abs, '..', '..', '..');
  const to = path.join(dir, 'compilers', name);
  cpSync(root, path.join(to, 'build'), { recursive: true });
  const pkg = [path.join(root, 'package.json'), path.join(root, '..', 'package.json')].find((p) => existsSync(p));
  if (pkg) cpSync(pkg, path.join(to, 'package.json'));
  return path.join(to, 'build', path.relative(root, abs));
}

const gen = spawnSync(
  process.execPath,
  [
    path.join(here, 'generate-project.mjs'),
    ...['--flows', String(flows), '--locales', values.locales, '--steps', values.steps, '--seed', values.seed],
    ...['--out', path.join(dir, 'generated')],
  ],
  { encoding: 'utf8' },
);
if (gen.status !== 0) throw new Error(`generating the project failed:\n${gen.stderr}`);
rmSync(path.join(dir, 'generated', '.bench-generated.json'));

/** Each contender: its compiler copy and its own copy of the project. */
const contenders = [
  { name: 'flowc', bin: copyCompiler('flowc', values.flowc) },
  ...(values.baseline ? [{ name: 'baseline', bin: copyCompiler('baseline', values.baseline) }] : []),
].map((c) => {
  const project = path.join(dir, `project-${c.name}`);
  cpSync(path.join(dir, 'generated'), project, { recursive: true });
  return { ...c, project, catalogFile: path.join(project, 'flows/messages/en-US.yaml'), cli: [], watched: [] };
});

const usageFile = path.join(dir, 'usage.txt');
const fieldOf = (text, label) => new RegExp(`${label}[^:]*:\\s*(.+)`).exec(text)?.[1]?.trim();

/** One `flowc build` process: wall, CPU, peak RSS, and what it printed. */
function cliBuild(c) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-v', '-o', usageFile, process.execPath, c.bin, 'build'], {
    cwd: c.project,
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

const original = readFileSync(path.join(dir, 'generated', 'flows/messages/en-US.yaml'), 'utf8');
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
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const line = (r) =>
  `${Math.round(r.wallMs)} ms wall, user ${Math.round(r.userMs)} ms, sys ${Math.round(r.sysMs)} ms, ${Math.round(r.rssMb)} MB — ${r.said}`;

process.stdout.write(
  `rebuild benchmark: ${flows} flows × ${values.locales} locales × ${values.steps} steps; ${contenders.map((c) => c.name).join(' vs ')}; load ${load()}\n`,
);
for (const c of contenders) {
  c.first = cliBuild(c);
  process.stdout.write(`${c.name}: first build (compiles every flow, writes the cache): ${line(c.first)}\n`);
}
for (const c of contenders) {
  c.same = cliBuild(c);
  process.stdout.write(`${c.name}: nothing changed: ${line(c.same)}\n`);
}
for (let n = 1; n <= rounds; n++) {
  for (const c of contenders) {
    writeFileSync(c.catalogFile, edited(n));
    const r = cliBuild(c);
    c.cli.push(r);
    process.stdout.write(`${c.name}: CLI, one message, round ${n}: ${line(r)}\n`);
  }
}

// The watch: one process per contender, one message changed per round, the contenders in turn.
for (const c of contenders) {
  c.watch = spawn(process.execPath, [c.bin, 'build', '--watch'], { cwd: c.project, env: { ...process.env, NO_COLOR: '1' } });
  c.stderr = '';
  c.watch.stderr.on('data', (d) => {
    c.stderr += d;
    c.waiter?.();
  });
  c.watch.stdout.resume();
}
const nextBuilt = async (c, from) => {
  for (;;) {
    const m = /\[flowc --watch\] built in ([\d.]+) (ms|s)([^\n]*)\n/.exec(c.stderr.slice(from));
    if (m)
      return {
        at: process.hrtime.bigint(),
        reportedMs: Number(m[1]) * (m[2] === 's' ? 1000 : 1),
        text: m[0].trim(),
        end: from + m.index + m[0].length,
      };
    if (/build failed/.test(c.stderr.slice(from))) throw new Error(`the watch build failed:\n${c.stderr}`);
    await new Promise((resolve) => {
      c.waiter = resolve;
      setTimeout(resolve, 1000);
    });
  }
};
for (const c of contenders) c.seen = (await nextBuilt(c, 0)).end;
for (let n = rounds + 1; n <= 2 * rounds; n++) {
  for (const c of contenders) {
    const started = process.hrtime.bigint();
    writeFileSync(c.catalogFile, edited(n));
    const built = await nextBuilt(c, c.seen);
    c.seen = built.end;
    const r = { wallMs: Number(built.at - started) / 1e6, reportedMs: built.reportedMs };
    c.watched.push(r);
    process.stdout.write(
      `${c.name}: watch, one message, round ${n - rounds}: ${Math.round(r.wallMs)} ms from save to "built" (the watch says ${built.text})\n`,
    );
  }
}
for (const c of contenders) {
  c.watch.kill('SIGINT');
  await new Promise((resolve) => c.watch.on('exit', resolve));
}

const report = {
  generatedAt: new Date().toISOString(),
  flows,
  locales: Number(values.locales),
  steps: Number(values.steps),
  machine: { nproc: os.availableParallelism?.() ?? os.cpus().length, node: process.version, loadavgEnd: os.loadavg() },
  contenders: Object.fromEntries(
    contenders.map((c) => [
      c.name,
      {
        first: c.first,
        nothingChanged: c.same,
        cli: {
          wall: stat(c.cli.map((r) => r.wallMs)),
          user: stat(c.cli.map((r) => r.userMs)),
          sys: stat(c.cli.map((r) => r.sysMs)),
          rssMb: stat(c.cli.map((r) => r.rssMb)),
        },
        watch: { saveToBuilt: stat(c.watched.map((r) => r.wallMs)), reported: stat(c.watched.map((r) => r.reportedMs)) },
      },
    ]),
  ),
};
process.stdout.write(`\nOne-message rebuild at ${flows} flows, median (min–max) of ${rounds}:\n`);
for (const c of contenders) {
  const r = report.contenders[c.name];
  process.stdout.write(
    `  ${c.name} CLI:   ${fmt(r.cli.wall)} wall; user ${fmt(r.cli.user)}, sys ${fmt(r.cli.sys)}; target ≤ 1000 ms: ${r.cli.wall.median <= 1000 ? 'met' : 'NOT met'}\n` +
      `  ${c.name} watch: ${fmt(r.watch.saveToBuilt)} from save to built (build itself ${fmt(r.watch.reported)}); target ≤ 200 ms: ${r.watch.saveToBuilt.median <= 200 ? 'met' : 'NOT met'}\n`,
  );
}
process.stdout.write(`Load average at end ${load()}.\n`);
mkdirSync(path.dirname(values.results), { recursive: true });
writeFileSync(values.results, JSON.stringify(report, null, 2) + '\n');
rmSync(usageFile, { force: true });
if (!values.keep) rmSync(dir, { recursive: true, force: true });

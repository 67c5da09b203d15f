#!/usr/bin/env node
/**
 * The build benchmark: for each size (default 100, 1,000 and 5,000 flows, 4 locales, 8 steps),
 * generate the project once, then time `flowc build` and the baseline (bench/build/baseline.mjs)
 * as child processes, interleaved, several times each. Prints a table of medians and writes
 * bench/out/build-results.json.
 *
 *   npx tsc -p tsconfig.build.json && node bench/build/run.mjs [--flows 100,1000,5000] [--runs N]
 *     [--locales 4] [--steps 8] [--seed 1] [--budget-minutes 20] [--flowc build/compiler/cli/bin.js]
 *     [--results bench/out/build-results.json] [--keep] [--before bench/out/flowc-old/compiler/cli/bin.js]
 *
 * --before adds an earlier compiler as a third contender: each round runs flowc, the earlier flowc and
 * the baseline, one after the other, so "before" and "after" are measured under the same load.
 *
 * Every build is a full one (`flowc build --no-cache`: every flow compiled) into a fresh output folder
 * that no earlier run used, so neither contender pays for files just deleted (which costs this
 * machine's file system more than writing them); the folders are removed when a size is done, and
 * `sync` runs before each run, outside the timing. `--tmpfs` puts the output folders on /dev/shm. Peak RSS and CPU time (user, system) come from GNU `/usr/bin/time -v`, or
 * else from bench/build/report-rss.mjs preloaded into the child. Runs per size: 5 up to 1,000 flows, 3 above; fewer when the time
 * budget would be exceeded, but every size is measured at least once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const outRoot = path.join(repo, 'bench', 'out');

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '100,1000,5000' },
    locales: { type: 'string', default: '4' },
    steps: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string' },
    'budget-minutes': { type: 'string', default: '20' },
    flowc: { type: 'string', default: path.join(repo, 'build', 'compiler', 'cli', 'bin.js') },
    before: { type: 'string' },
    results: { type: 'string', default: path.join(outRoot, 'build-results.json') },
    keep: { type: 'boolean', default: false },
    tmpfs: { type: 'boolean', default: false },
  },
});

const sizes = values.flows.split(',').map((s) => Number(s.trim()));
const locales = Number(values.locales);
const steps = Number(values.steps);
const seed = Number(values.seed);
const budgetMs = Number(values['budget-minutes']) * 60_000;
const flowcBin = path.resolve(values.flowc);
/** --before: an earlier compiler (its cli/bin.js, e.g. a copy in bench/out/), measured in the same rounds. */
const beforeBin = values.before === undefined ? undefined : path.resolve(values.before);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--flows takes whole numbers, e.g. 100,1000,5000');
if (!existsSync(flowcBin)) {
  process.stderr.write(`${flowcBin} does not exist: build the compiler first (npx tsc -p tsconfig.build.json).\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Measuring one child process

/** FLOWC_BENCH_NO_GNU_TIME=1 forces the fallback (to test it where /usr/bin/time exists). */
const gnuTime = (() => {
  if (process.env.FLOWC_BENCH_NO_GNU_TIME === '1' || !existsSync('/usr/bin/time')) return false;
  const probe = spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr);
})();

/** "1:02.03" or "0:02.03" or "1:02:03" → seconds */
const parseClock = (s) => s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);

function parseGnuTime(text) {
  const field = (label) => {
    const m = new RegExp(`${label}[^:]*:\\s*(.+)`).exec(text);
    return m ? m[1].trim() : undefined;
  };
  return {
    maxRssKb: Number(field('Maximum resident set size')),
    userMs: Number(field('User time')) * 1000,
    systemMs: Number(field('System time')) * 1000,
    elapsedMs: parseClock(field('Elapsed \\(wall clock\\) time') ?? '0') * 1000,
  };
}

/** Runs `node args…`; wall time from spawn to exit, peak RSS and CPU of the node process. */
function measure(args, usageFile) {
  rmSync(usageFile, { force: true });
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime ? ['-v', '-o', usageFile, process.execPath, ...args] : ['--import', path.join(here, 'report-rss.mjs'), ...args];
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FLOWC_BENCH_USAGE_FILE: usageFile },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let usage = { maxRssKb: NaN, userMs: NaN, systemMs: NaN };
      try {
        const text = readFileSync(usageFile, 'utf8');
        usage = gnuTime ? parseGnuTime(text) : JSON.parse(text);
      } catch {
        /* reported as NaN */
      }
      // GNU time reports "Command exited with non-zero status N" and still exits with N.
      resolve({
        code,
        wallMs,
        rssMb: usage.maxRssKb / 1024,
        userMs: usage.userMs,
        sysMs: usage.systemMs,
        stdout,
        stderr: stderr.slice(-4000),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Flush the previous run's dirty pages (and the removal of its output) so they are not billed to the next run. */
const settle = () => spawnSync('sync', { stdio: 'ignore' });

function listOutput(dir) {
  const files = [];
  const walk = (abs, rel) => {
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else files.push([r, statSync(path.join(abs, e.name)).size]);
    }
  };
  walk(dir, '');
  return files;
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const fmtS = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-');
const fmtMb = (mb) => (Number.isFinite(mb) ? mb.toFixed(0) : '-');
const loadavg = () => os.loadavg().map((x) => round(x, 2));

function summarise(runs) {
  return {
    runs: runs.length,
    wallMs: round(median(runs.map((r) => r.wallMs)), 0),
    wallMinMs: round(Math.min(...runs.map((r) => r.wallMs)), 0),
    wallMaxMs: round(Math.max(...runs.map((r) => r.wallMs)), 0),
    userMs: round(median(runs.map((r) => r.userMs)), 0),
    sysMs: round(median(runs.map((r) => r.sysMs)), 0),
    peakRssMb: round(median(runs.map((r) => r.rssMb)), 0),
    all: runs.map((r) => ({
      wallMs: round(r.wallMs, 0),
      userMs: round(r.userMs, 0),
      sysMs: round(r.sysMs, 0),
      rssMb: round(r.rssMb, 0),
      load1: r.load1,
    })),
  };
}

// ---------------------------------------------------------------------------------------------

async function benchSize(flows, deadline) {
  const dir = path.join(outRoot, `build-${flows}`);
  const project = path.join(dir, 'project');
  // Fresh folders for every run (see the top): on /dev/shm with --tmpfs.
  const runsDir = values.tmpfs ? mkdtempSync(path.join('/dev/shm', `flowc-bench-${flows}-`)) : path.join(dir, 'runs');
  rmSync(runsDir, { recursive: true, force: true });
  mkdirSync(runsDir, { recursive: true });
  const listingFile = path.join(dir, 'output.json');
  const usageFile = path.join(dir, 'usage.txt');
  mkdirSync(dir, { recursive: true });

  const genStart = Date.now();
  const gen = spawnSync(
    process.execPath,
    [
      path.join(here, 'generate-project.mjs'),
      '--flows',
      String(flows),
      '--locales',
      String(locales),
      '--steps',
      String(steps),
      '--seed',
      String(seed),
      '--out',
      project,
    ],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`generating ${flows} flows failed:\n${gen.stderr}`);
  const generated = JSON.parse(gen.stdout.trim().split('\n').pop());
  const genMs = Date.now() - genStart;
  process.stdout.write(
    `\n${flows} flows × ${locales} locales × ${steps} steps: ${generated.files} files, ${(generated.bytes / 1e6).toFixed(1)} MB of YAML (generated in ${fmtS(genMs)} s)\n`,
  );

  const wanted = values.runs ? Number(values.runs) : flows <= 1000 ? 5 : 3;
  const flowcRuns = [];
  const beforeRuns = [];
  const baseRuns = [];
  let output;
  for (let i = 0; i < wanted; i++) {
    if (i > 0) {
      const pairMs = median(flowcRuns.map((r) => r.wallMs)) + median(baseRuns.map((r) => r.wallMs));
      if (Date.now() + pairMs * 1.2 > deadline) {
        process.stdout.write(`  stopping after ${i} run(s): the next one would pass the time budget\n`);
        break;
      }
    }
    const dist = path.join(runsDir, `flowc-${i}`);
    const baseOut = path.join(runsDir, `baseline-${i}`);
    settle();
    const load1 = os.loadavg()[0];
    const f = await measure([flowcBin, 'build', project, '--out', dist, '--no-cache'], usageFile);
    if (f.code !== 0 || !/Wrote \d+ files/.test(f.stdout)) {
      throw new Error(`flowc build failed on ${flows} flows (exit ${f.code}):\n${f.stdout.slice(-3000)}\n${f.stderr}`);
    }
    flowcRuns.push({ ...f, load1: round(load1, 2) });
    if (!output) {
      const files = listOutput(dist);
      output = { files: files.length, bytes: files.reduce((a, [, n]) => a + n, 0) };
      writeFileSync(listingFile, JSON.stringify({ files }));
    }
    let before;
    if (beforeBin) {
      settle();
      const load1c = os.loadavg()[0];
      before = await measure([beforeBin, 'build', project, '--out', path.join(runsDir, `before-${i}`), '--no-cache'], usageFile);
      if (before.code !== 0) throw new Error(`the earlier flowc failed on ${flows} flows (exit ${before.code}):\n${before.stderr}`);
      beforeRuns.push({ ...before, load1: round(load1c, 2) });
    }
    settle();
    const load1b = os.loadavg()[0];
    const b = await measure([path.join(here, 'baseline.mjs'), '--project', project, '--like', listingFile, '--out', baseOut], usageFile);
    if (b.code !== 0) throw new Error(`baseline failed on ${flows} flows (exit ${b.code}):\n${b.stderr}`);
    const written = JSON.parse(b.stdout.trim().split('\n').pop());
    if (written.files !== output.files || written.bytes !== output.bytes)
      throw new Error(`baseline wrote ${written.files} files / ${written.bytes} bytes, flowc ${output.files} / ${output.bytes}`);
    baseRuns.push({ ...b, load1: round(load1b, 2) });
    const usage = (r) => `${fmtS(r.wallMs)} s (user ${fmtS(r.userMs)} s, sys ${fmtS(r.sysMs)} s, ${fmtMb(r.rssMb)} MB)`;
    process.stdout.write(
      `  run ${i + 1}: flowc ${usage(f)}${before ? `   before ${usage(before)}` : ''}   baseline ${usage(b)}   load ${load1.toFixed(1)}\n`,
    );
  }
  if (!values.keep) rmSync(runsDir, { recursive: true, force: true });
  rmSync(usageFile, { force: true });
  const flowc = summarise(flowcRuns);
  const baseline = summarise(baseRuns);
  return {
    flows,
    locales,
    steps,
    seed,
    project: {
      files: generated.files,
      bytes: generated.bytes,
      generateMs: genMs,
      kinds: {
        billing: generated.billing,
        support: generated.support,
        info: generated.info,
        reminder: generated.reminder,
        pay: generated.pay,
      },
    },
    output,
    flowc,
    baseline,
    ...(beforeRuns.length > 0
      ? (() => {
          const before = summarise(beforeRuns);
          return {
            before,
            beforeRatio: round(before.wallMs / baseline.wallMs, 2),
            beforeCpuRatio: round((before.userMs + before.sysMs) / (baseline.userMs + baseline.sysMs), 2),
          };
        })()
      : {}),
    ratio: round(flowc.wallMs / baseline.wallMs, 2),
    userRatio: round(flowc.userMs / baseline.userMs, 2),
    cpuRatio: round((flowc.userMs + flowc.sysMs) / (baseline.userMs + baseline.sysMs), 2),
    cpuPerFlowMs: round((flowc.userMs + flowc.sysMs) / flows, 2),
    outputOn: values.tmpfs ? 'tmpfs (/dev/shm)' : 'disk, a fresh folder per run',
  };
}

async function main() {
  const started = Date.now();
  const deadline = started + budgetMs;
  const machine = {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    rssFrom: gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS (bench/build/report-rss.mjs)',
    loadavgStart: loadavg(),
  };
  process.stdout.write(
    `flowc build benchmark: ${machine.nproc} CPUs (${machine.cpu}), node ${machine.node}, peak RSS from ${machine.rssFrom}, load ${machine.loadavgStart.join(' ')}\n`,
  );
  const results = [];
  const failures = [];
  for (const [k, flows] of sizes.entries()) {
    // Leave each remaining size a fair share of what is left of the budget, but always measure once.
    const left = deadline - Date.now();
    const share = Date.now() + left / (sizes.length - k);
    try {
      results.push(await benchSize(flows, k === sizes.length - 1 ? deadline : share));
    } catch (err) {
      // One size failing (e.g. a compiler change broke the build) still leaves the others measured.
      const error = err instanceof Error ? err.message : String(err);
      process.stdout.write(`  ${flows} flows: FAILED: ${error.split('\n')[0]}\n`);
      failures.push({ flows, error });
    }
  }
  machine.loadavgEnd = loadavg();

  const growth = results.slice(1).map((r, i) => {
    const prev = results[i];
    return {
      from: prev.flows,
      to: r.flows,
      flowsFactor: round(r.flows / prev.flows, 1),
      timeFactor: round(r.flowc.wallMs / prev.flowc.wallMs, 2),
      userFactor: round(r.flowc.userMs / prev.flowc.userMs, 2),
      rssFactor: round(r.flowc.peakRssMb / prev.flowc.peakRssMb, 2),
      cpuPerFlowFactor: round(r.cpuPerFlowMs / prev.cpuPerFlowMs, 2),
    };
  });
  const target = results.find((r) => r.flows === 1000 && r.locales === 4 && r.steps === 8);
  const big = results.find((r) => r.flows === 5000 && r.locales === 4 && r.steps === 8);
  const targets = target
    ? {
        wallWithin15x: target.ratio <= 1.5,
        cpuWithin15x: target.cpuRatio <= 1.5,
        wallMs: target.flowc.wallMs,
        ratio: target.ratio,
        cpuRatio: target.cpuRatio,
        ...(big
          ? {
              cpuPerFlow5000Within15pc: big.cpuPerFlowMs <= target.cpuPerFlowMs * 1.15,
              cpuPerFlowFactor: round(big.cpuPerFlowMs / target.cpuPerFlowMs, 2),
              rss5000Under1GB: big.flowc.peakRssMb <= 1024,
              rss5000Mb: big.flowc.peakRssMb,
            }
          : {}),
      }
    : null;

  const header = [
    'flows',
    'NCCOs',
    'out files',
    'out MB',
    'flowc s',
    'min–max s',
    'user s',
    'sys s',
    'RSS MB',
    'base s',
    'user s',
    'sys s',
    'RSS MB',
    'ratio',
    'user ratio',
    'CPU ratio',
    'CPU/flow ms',
    'runs',
  ];
  const rows = results.map((r) =>
    [
      r.flows,
      r.flows * r.locales * r.steps,
      r.output.files,
      (r.output.bytes / 1e6).toFixed(1),
      fmtS(r.flowc.wallMs),
      `${fmtS(r.flowc.wallMinMs)}–${fmtS(r.flowc.wallMaxMs)}`,
      fmtS(r.flowc.userMs),
      fmtS(r.flowc.sysMs),
      fmtMb(r.flowc.peakRssMb),
      fmtS(r.baseline.wallMs),
      fmtS(r.baseline.userMs),
      fmtS(r.baseline.sysMs),
      fmtMb(r.baseline.peakRssMb),
      `${r.ratio.toFixed(2)}×`,
      `${r.userRatio.toFixed(2)}×`,
      `${r.cpuRatio.toFixed(2)}×`,
      r.cpuPerFlowMs.toFixed(1),
      `${r.flowc.runs}`,
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  process.stdout.write(
    `\nMedians (wall time; user/sys = CPU seconds; RSS = peak resident memory; "base" = the baseline)\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`,
  );
  for (const r of results.filter((r) => r.before))
    process.stdout.write(
      `${r.flows} flows, the earlier flowc (--before): ${fmtS(r.before.wallMs)} s (${fmtS(r.before.wallMinMs)}–${fmtS(r.before.wallMaxMs)}), user ${fmtS(r.before.userMs)} s, sys ${fmtS(r.before.sysMs)} s, ${fmtMb(r.before.peakRssMb)} MB; ratio ${r.beforeRatio.toFixed(2)}×, CPU ratio ${r.beforeCpuRatio.toFixed(2)}×\n`,
    );
  for (const g of growth)
    process.stdout.write(
      `${g.from} → ${g.to} flows (×${g.flowsFactor}): time ×${g.timeFactor}, user CPU ×${g.userFactor}, peak RSS ×${g.rssFactor}, CPU per flow ×${g.cpuPerFlowFactor}\n`,
    );
  if (targets) {
    process.stdout.write(
      `Targets at 1,000 × 4 × 8: within 1.5× the baseline in wall time: ${targets.wallWithin15x ? 'yes' : 'NO'} (${targets.ratio.toFixed(2)}×), in CPU: ${targets.cpuWithin15x ? 'yes' : 'NO'} (${targets.cpuRatio.toFixed(2)}×)\n`,
    );
    if (targets.cpuPerFlowFactor !== undefined)
      process.stdout.write(
        `At 5,000 flows: CPU per flow within 15 % of 1,000: ${targets.cpuPerFlow5000Within15pc ? 'yes' : 'NO'} (×${targets.cpuPerFlowFactor}); peak RSS ≤ 1 GB: ${targets.rss5000Under1GB ? 'yes' : 'NO'} (${fmtMb(targets.rss5000Mb)} MB)\n`,
      );
  }
  process.stdout.write(
    `Load average at start ${machine.loadavgStart.join(' ')}, at end ${machine.loadavgEnd.join(' ')} (other work on the machine inflates wall times).\n`,
  );

  for (const f of failures) process.stdout.write(`${f.flows} flows: not measured, the run failed (see build-results.json).\n`);
  const report = {
    generatedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    machine,
    flowc: path.relative(repo, flowcBin),
    ...(beforeBin ? { before: path.relative(repo, beforeBin) } : {}),
    results,
    failures,
    growth,
    targets,
  };
  const resultsFile = path.resolve(values.results);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`Wrote ${path.relative(process.cwd(), resultsFile)} (${fmtS(report.durationMs)} s in all).\n`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

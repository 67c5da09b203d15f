#!/usr/bin/env node
/**
 * The simulator benchmark (docs/performance.md, "Playing calls"):
 *
 *  1. `flowc test` on a project of 1,000 scenarios of ~10 caller acts each, side by side with
 *     `flowc build` of the same project, in one run: the whole run and the time per scenario.
 *  2. `flowc diagram` (Markdown with Mermaid, and DOT) on the 1,000-flow benchmark project.
 *
 *   npm run build:compiler && node bench/simulate/run.mjs [--flows 100] [--scenarios 1000] [--acts 10]
 *     [--diagram-flows 1000] [--runs 3] [--seed 1] [--keep]
 *
 * The projects come from bench/build/generate-project.mjs. The scenarios are found by playing random
 * calls with the simulator itself (each act picked among those the call waits for) and writing the
 * acts down as scenario scripts: they are valid calls of ~10 acts, deterministic for a seed. Every
 * command is a child process (`node build/compiler/cli/bin.js …`), timed from spawn to exit; medians
 * of --runs runs are printed and written to bench/out/simulate-results.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const outRoot = path.join(repo, 'bench', 'out');
const bin = path.join(repo, 'build', 'compiler', 'cli', 'bin.js');

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '100' },
    scenarios: { type: 'string', default: '1000' },
    acts: { type: 'string', default: '10' },
    'diagram-flows': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const flows = Number(values.flows);
const scenarioCount = Number(values.scenarios);
const actsPerScenario = Number(values.acts);
const diagramFlows = Number(values['diagram-flows']);
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!existsSync(bin)) {
  process.stderr.write(`${bin} does not exist: run "npm run build:compiler" first.\n`);
  process.exit(2);
}

function generate(count, out) {
  const r = spawnSync(
    process.execPath,
    [
      path.join(repo, 'bench/build/generate-project.mjs'),
      '--flows',
      String(count),
      '--locales',
      '4',
      '--steps',
      '8',
      '--seed',
      String(seed),
      '--out',
      out,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error(`generating ${out} failed`);
}

function time(args, cwd) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - started) / 1e6, stdout, stderr }));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** mulberry32 */
function rng(seedValue) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const yamlString = (s) => JSON.stringify(s);

/** Random valid calls, written down as scenarios (one file per flow called). */
async function writeScenarios(project) {
  const { buildProject } = await import(path.join(repo, 'build/compiler/pipeline/build-project.js'));
  const { createSimulator } = await import(path.join(repo, 'build/compiler/simulate/simulator.js'));
  const built = await buildProject(project);
  const sim = createSimulator({ program: built.program, flows: built.flows, helpers: {} });
  const numbers = Object.keys(built.program.project.numbers).sort();
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const files = new Map();
  let acts = 0;
  async function randomCall(number) {
    const script = [];
    await sim.play(
      { number, from: '15551230001' },
      {
        atMs: Date.UTC(2026, 0, 5, 15),
        lookups: () => ({}),
        acts: {
          async next(need) {
            if (script.length >= actsPerScenario) return undefined;
            let line;
            if (need.kind === 'pay') line = `pay: ${random() < 0.7 ? 'success' : 'failure'}`;
            else if (need.kind === 'agent') line = `agent: ${pick(['answers', 'busy', 'no-answer', 'failed'])}`;
            else if (need.kind === 'talking') return undefined;
            else {
              const r = random();
              if (r < 0.12) line = 'silence';
              else if (need.speech && r < 0.25)
                line = `say: ${yamlString(pick(['billing', 'outage', 'agent', 'repeat', 'payment', 'help']))}`;
              else line = `press: ${yamlString(pick(['1', '2', '3', '0', '9', '*', '*', '5']))}`;
            }
            script.push(line);
            return parseLine(line);
          },
        },
      },
    );
    return script;
  }
  for (let i = 0; i < scenarioCount; i++) {
    // Random calls often end early (a goodbye, a transfer): keep the first of up to 40 tries that makes
    // about --acts acts, else the longest.
    let number;
    let script = [];
    for (let attempt = 0; attempt < 40 && script.length < actsPerScenario - 1; attempt++) {
      const tryNumber = pick(numbers);
      const tried = await randomCall(tryNumber);
      if (tried.length > script.length) {
        script = tried;
        number = tryNumber;
      }
    }
    acts += script.length;
    const flow = built.program.project.numbers[number].start.flow;
    const lines = files.get(flow) ?? [];
    lines.push(
      `  call ${i + 1}:`,
      `    call: ${yamlString(number)}`,
      '    script:',
      ...(script.length ? script.map((l) => `      - ${l}`) : ['      - hang-up']),
    );
    files.set(flow, lines);
  }
  for (const [flow, lines] of files) writeFileSync(path.join(project, 'flows', `${flow}.test.yaml`), `scenarios:\n${lines.join('\n')}\n`);
  return { files: files.size, acts };
}

function parseLine(line) {
  const [key, ...rest] = line.split(': ');
  const value = rest.join(': ');
  switch (key) {
    case 'silence':
      return { kind: 'silence' };
    case 'press':
      return { kind: 'press', keys: JSON.parse(value) };
    case 'say':
      return { kind: 'say', words: JSON.parse(value), confidence: 0.9 };
    case 'pay':
      return { kind: 'pay', outcome: value };
    case 'agent':
      return { kind: 'agent', outcome: value };
    default:
      throw new Error(line);
  }
}

mkdirSync(outRoot, { recursive: true });
const results = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, runs };

// 1. flowc test vs flowc build
const project = path.join(outRoot, `simulate-p${flows}`);
rmSync(project, { recursive: true, force: true });
generate(flows, project);
const written = await writeScenarios(project);
const first = await time(['test', '--update'], project);
if (first.code !== 0) {
  process.stderr.write(first.stdout.slice(-4000));
  throw new Error('flowc test --update failed on the generated scenarios');
}
const build = [];
const test = [];
for (let r = 0; r < runs; r++) {
  rmSync(path.join(project, 'dist'), { recursive: true, force: true });
  build.push((await time(['build'], project)).ms);
  const t = await time(['test', '--format', 'json'], project);
  if (t.code !== 0) throw new Error(`flowc test failed: ${t.stdout.slice(0, 2000)}`);
  const report = JSON.parse(t.stdout);
  test.push({
    ms: t.ms,
    scenarios: report.scenarios.length,
    playMs: report.scenarios.reduce((s, x) => s + x.ms, 0),
    coverage: report.coverage.percent,
  });
}
const testMs = median(test.map((t) => t.ms));
const playMs = median(test.map((t) => t.playMs));
results.test = {
  flows,
  locales: 4,
  steps: 8,
  scenarios: test[0].scenarios,
  acts: written.acts,
  actsPerScenario: written.acts / test[0].scenarios,
  buildMs: median(build),
  testMs,
  playMs,
  perScenarioMs: playMs / test[0].scenarios,
  coveragePercent: test[0].coverage,
};

// 2. flowc diagram on the 1,000-flow project
const big = path.join(outRoot, `simulate-p${diagramFlows}`);
rmSync(big, { recursive: true, force: true });
generate(diagramFlows, big);
const markdown = [];
const dot = [];
for (let r = 0; r < runs; r++) {
  const m = await time(['diagram', '--format', 'markdown', '--out', 'flows.md'], big);
  const d = await time(['diagram', '--format', 'dot', '--out', 'flows.dot'], big);
  if (m.code !== 0 || d.code !== 0) throw new Error(`flowc diagram failed: ${m.stderr}${d.stderr}`);
  markdown.push(m.ms);
  dot.push(d.ms);
}
const buildBig = (await time(['check'], big)).ms;
results.diagram = { flows: diagramFlows, markdownMs: median(markdown), dotMs: median(dot), checkMs: buildBig };

writeFileSync(path.join(outRoot, 'simulate-results.json'), `${JSON.stringify(results, null, 2)}\n`);
const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  [
    `flowc test: ${results.test.scenarios} scenarios (${results.test.actsPerScenario.toFixed(1)} acts each on average) on ${flows} flows × 4 locales × 8 steps`,
    `  flowc build of the project      ${f(results.test.buildMs)}`,
    `  flowc test, whole run            ${f(results.test.testMs)}  (build in memory + ${f(results.test.playMs)} playing calls)`,
    `  per scenario (playing)           ${results.test.perScenarioMs.toFixed(2)} ms`,
    `  coverage of the random calls     ${results.test.coveragePercent}%`,
    `flowc diagram on ${diagramFlows} flows`,
    `  flowc check (for comparison)     ${f(buildBig)}`,
    `  --format markdown (Mermaid)      ${f(results.diagram.markdownMs)}`,
    `  --format dot                     ${f(results.diagram.dotMs)}`,
    '',
  ].join('\n'),
);
if (!values.keep) {
  rmSync(project, { recursive: true, force: true });
  rmSync(big, { recursive: true, force: true });
}

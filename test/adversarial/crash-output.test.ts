/**
 * Crash test of the output (issue 10 #4): the built binary is killed with SIGKILL — at each named
 * point of the write (FLOWC_CRASH_AT: before the commit, right after it, in the middle of applying it,
 * during the recovery itself) and at random moments — many times. After the next flowc command
 * (`flowc build --check`, which finishes or cleans up what the killed build left), dist/ must be
 * exactly the old output or exactly the new one, and no work folder may be left.
 *
 * Old output: 30 flows. New output: a message every flow uses changed in one of two locales (about half
 * the files), 4 flows removed, 4 added — so the journal puts, replaces and removes, some 250 steps.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeHashes } from '../helpers/tree-hashes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../build/compiler/cli/bin.js');
/** Hang watchdog for one run of the binary, not a timing assertion. */
const WATCHDOG_MS = 180_000;

const projectFile =
  'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US: { language: en-US, style: 2 }\n  es-US: { language: es-US, style: 2 }\n';

function flow(name: string): string {
  const steps = Array.from(
    { length: 5 },
    (_, i) =>
      `  s${i}:\n    - talk: { say: greeting }\n    - input: { type: [dtmf], dtmf: { maxDigits: 1 } }\n      on: { "1": s${(i + 1) % 5}, timeout: bye, default: bye }\n`,
  );
  steps.push('  bye:\n    - talk: { say: greeting }\n');
  return `flow: ${name}\nlocales: [en-US, es-US]\nnumbers: { "1415555${String(1000 + Number(name.slice(1))).padStart(4, '0')}": en-US }\nstart: s0\nsteps:\n${steps.join('')}`;
}

function writeVersion(dir: string, version: 'old' | 'new'): void {
  rmSync(path.join(dir, 'flows'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'flows/messages'), { recursive: true });
  writeFileSync(path.join(dir, 'flowc.yaml'), projectFile);
  const greeting = version === 'old' ? 'Hello.' : 'Welcome back.';
  writeFileSync(path.join(dir, 'flows/messages/en-US.yaml'), `greeting: ${greeting}\n`);
  writeFileSync(path.join(dir, 'flows/messages/es-US.yaml'), `greeting: ${version === 'old' ? 'Hola.' : 'Hola.'}\n`);
  const names = version === 'old' ? range(0, 30) : range(4, 34);
  for (const i of names) writeFileSync(path.join(dir, `flows/f${i}.flow.yaml`), flow(`f${i}`));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

const snapshot = treeHashes;

const same = (a: Map<string, string> | undefined, b: Map<string, string> | undefined): boolean =>
  a !== undefined && b !== undefined && a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** Runs the binary without blocking the test worker (a blocked worker misses vitest's heartbeats). */
function run(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(watchdog);
      resolve({ status, signal, stderr });
    });
  });
}

/** Runs a build and kills it with SIGKILL after `delayMs`; resolves with how it ended. */
function buildKilledAfter(cwd: string, delayMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '.'], { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, delayMs);
    const watchdog = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      resolve({ killed: killed && signal === 'SIGKILL', code });
    });
  });
}

let work = '';
let project = '';
let oldDist: Map<string, string> | undefined;
let newDist: Map<string, string> | undefined;
let oldCopy = '';
let buildMs = 0;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'flowc-crash-'));
  project = path.join(work, 'project');
  oldCopy = path.join(work, 'old-dist');
  mkdirSync(project);
  // The new output, built clean elsewhere.
  const fresh = path.join(work, 'fresh');
  mkdirSync(fresh);
  writeVersion(fresh, 'new');
  expect((await run(['build', '.'], fresh)).status).toBe(0);
  newDist = snapshot(path.join(fresh, 'dist'));
  // The old output, kept as a copy to start every round from.
  writeVersion(project, 'old');
  expect((await run(['build', '.'], project)).status).toBe(0);
  oldDist = snapshot(path.join(project, 'dist'));
  cpSync(path.join(project, 'dist'), oldCopy, { recursive: true });
  writeVersion(project, 'new');
  const start = Date.now();
  expect((await run(['build', '.'], project)).status).toBe(0);
  buildMs = Date.now() - start;
  expect(same(snapshot(path.join(project, 'dist')), newDist), 'an uninterrupted build gives the new output').toBe(true);
  expect(same(oldDist, newDist)).toBe(false);
}, 4 * WATCHDOG_MS);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function resetToOld(): void {
  rmSync(path.join(project, 'dist'), { recursive: true, force: true });
  rmSync(path.join(project, '.dist.flowc'), { recursive: true, force: true });
  cpSync(oldCopy, path.join(project, 'dist'), { recursive: true });
}

/** The next flowc command after the kill, then the check: old or new, complete, nothing left over. */
async function recoverAndCheck(label: string): Promise<'old' | 'new'> {
  const next = await run(['build', '.', '--check', '--format', 'json'], project);
  expect(next.status, `${label}: build --check ended with ${next.status}: ${next.stderr.slice(0, 500)}`).not.toBe(3);
  expect(next.status, label).not.toBeNull();
  const now = snapshot(path.join(project, 'dist'));
  const isOld = same(now, oldDist);
  const isNew = same(now, newDist);
  expect(isOld || isNew, `${label}: dist/ is neither the old nor the new output (${now?.size ?? 'no'} files)`).toBe(true);
  expect(
    readdirSync(project).filter((n) => n.endsWith('.flowc')),
    `${label}: work folders left`,
  ).toEqual([]);
  return isNew ? 'new' : 'old';
}

describe('a killed build leaves the old or the new output (kill -9 of the binary)', () => {
  // Before the commit: the old output. From the commit on: the new one (rolled forward).
  const points: [string, 'old' | 'new'][] = [
    ['staged', 'old'],
    ['committed', 'new'],
    ['apply:0', 'new'],
    ['apply:1', 'new'],
    ['apply:100', 'new'],
    ['apply:200', 'new'],
    ['applied', 'new'],
  ];
  for (const [point, outcome] of points) {
    it(`killed at ${point}: the ${outcome} output after the next command`, { timeout: 4 * WATCHDOG_MS }, async () => {
      resetToOld();
      const killed = await run(['build', '.'], project, { FLOWC_CRASH_AT: point });
      expect(killed.signal, `the build was killed at ${point}`).toBe('SIGKILL');
      expect(await recoverAndCheck(point)).toBe(outcome);
    });
  }

  it('killed during the recovery itself, then recovered by the command after it', { timeout: 4 * WATCHDOG_MS }, async () => {
    resetToOld();
    expect((await run(['build', '.'], project, { FLOWC_CRASH_AT: 'apply:100' })).signal).toBe('SIGKILL');
    expect((await run(['build', '.', '--check'], project, { FLOWC_CRASH_AT: 'recover:200' })).signal).toBe('SIGKILL');
    expect(await recoverAndCheck('recover:200')).toBe('new');
  });

  it('a failed build (an error in a flow) still finishes what a killed one committed', { timeout: 4 * WATCHDOG_MS }, async () => {
    resetToOld();
    expect((await run(['build', '.'], project, { FLOWC_CRASH_AT: 'apply:50' })).signal).toBe('SIGKILL');
    writeFileSync(path.join(project, 'flows/broken.flow.yaml'), 'flow: broken\nsteps: 42\n');
    const failed = await run(['build', '.'], project);
    rmSync(path.join(project, 'flows/broken.flow.yaml'));
    expect(failed.status).toBe(1);
    expect(same(snapshot(path.join(project, 'dist')), newDist)).toBe(true);
  });

  it('a first build killed before its one rename leaves no output; after it, the whole output', { timeout: 4 * WATCHDOG_MS }, async () => {
    for (const [point, outcome] of [
      ['staged', undefined],
      ['renamed', 'new'],
    ] as const) {
      rmSync(path.join(project, 'dist'), { recursive: true, force: true });
      expect((await run(['build', '.'], project, { FLOWC_CRASH_AT: point })).signal).toBe('SIGKILL');
      await run(['build', '.', '--check'], project);
      if (outcome === undefined) expect(existsSync(path.join(project, 'dist'))).toBe(false);
      else expect(same(snapshot(path.join(project, 'dist')), newDist)).toBe(true);
      expect(readdirSync(project).filter((n) => n.endsWith('.flowc'))).toEqual([]);
    }
  });

  it('killed at 16 random moments', { timeout: 20 * WATCHDOG_MS }, async () => {
    // Seeded, so that a failure can be replayed; the moments spread over a whole uninterrupted build.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes: string[] = [];
    for (let round = 0; round < 16; round++) {
      resetToOld();
      // Half over the whole build, half over its end, where the output is written.
      const delay = Math.floor(buildMs * (round % 2 === 0 ? next() * 1.2 : 0.7 + next() * 0.4));
      const run = await buildKilledAfter(project, delay);
      const result = await recoverAndCheck(`round ${round}, killed after ${delay} ms`);
      outcomes.push(`${run.killed ? 'killed' : 'finished'}→${result}`);
    }
    // Reported, not asserted: where the kills land depends on the machine's load.
    console.log(`crash test (uninterrupted build ${buildMs} ms): ${outcomes.join(', ')}`);
  });
});

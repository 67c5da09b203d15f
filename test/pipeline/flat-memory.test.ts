/**
 * Memory that stays flat (issue 12): a build given an output sink keeps none of a flow's steps once
 * it has handed them on, and a streamed `flowc build` writes the same bytes as a build planned whole.
 * No memory figure here (that is the benchmark's, bench/build/run.mjs): the check is that what the
 * build handed on can be collected while the build is still running.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../compiler/cli/build-command.js';
import type { CliIo } from '../../compiler/cli/cli-io.js';
import { planOutput } from '../../compiler/emit/plan-output.js';
import { writeOutput } from '../../compiler/emit/write-output.js';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import type { OutputStep } from '../../compiler/pipeline/flow-cache.js';
import type { FlowProgram } from '../../compiler/router/runtime/program.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-flat-memory-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const flows = 24;
const project = path.join(temp, 'project');
execFileSync(process.execPath, [
  path.join(repo, 'bench/build/generate-project.mjs'),
  ...['--flows', String(flows), '--locales', '2', '--steps', '8', '--out', project],
]);

/** A full garbage collection on demand (the test process was not started with --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const files = (dir: string): Map<string, string> => {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(path.join(dir, r), 'utf8'));
    }
  };
  walk('');
  return out;
};

describe('memory that stays flat', () => {
  it('each flow handed to the output sink (steps and route program) is collectable before the build ends; the result keeps no steps or programs', async () => {
    const gc = collector();
    const collected = new Set<string>();
    // A FinalizationRegistry, not WeakRefs: a WeakRef keeps its target alive to the end of the job,
    // and the build's compile loop is one job.
    const registry = new FinalizationRegistry<string>((held) => collected.add(held));
    const handed: string[] = [];
    const programs: string[] = [];
    const result = await buildProject(project, {
      output: {
        flow(steps: readonly OutputStep[]) {
          const flow = steps[0]?.flow ?? `#${handed.length}`;
          handed.push(flow);
          registry.register(steps, `${flow} steps`);
          for (const s of steps) registry.register(s.ncco, `${flow} ${s.locale}/${s.step}`);
          // On the last flow, while the build still runs: every earlier flow's steps must be garbage.
          if (handed.length === flows) gc();
        },
        // Called before flow() for the same flow: its program is handed on, only its summary kept.
        program(program: FlowProgram) {
          registry.register(program, `${program.flow} program`);
          programs.push(program.flow);
        },
        restart() {
          handed.length = 0;
        },
      },
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(handed).toHaveLength(flows);
    expect(result.steps).toEqual([]);
    expect(programs).toEqual(handed);
    expect(result.program.flows).toEqual([]);
    expect(result.program.summaries.map((s) => s.flow)).toEqual(handed);
    // Let the registry's callbacks run (no collection is asked for after the build).
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const kept = handed.slice(0, -1).filter((flow) => !collected.has(`${flow} steps`));
    expect(kept).toEqual([]);
    const nccosKept = handed.slice(0, -1).filter((flow) => ![...collected].some((c) => c.startsWith(`${flow} `) && !c.endsWith(' steps')));
    expect(nccosKept).toEqual([]);
    // The last flow's program is handed on after the collection: every earlier one must be gone.
    const programsKept = handed.slice(0, -1).filter((flow) => !collected.has(`${flow} program`));
    expect(programsKept).toEqual([]);
  });

  it('the sink receives every step a build without one returns, in the same order, with the same diagnostics', async () => {
    const whole = await buildProject(project);
    const streamed: OutputStep[] = [];
    const result = await buildProject(project, {
      output: { flow: (steps) => streamed.push(...steps), restart: () => (streamed.length = 0) },
    });
    expect(result.diagnostics).toEqual(whole.diagnostics);
    expect(streamed.map(({ flow, locale, step, ncco, reads }) => ({ flow, locale, step, ncco, reads }))).toEqual(
      whole.steps.map(({ flow, locale, step, ncco, reads }) => ({ flow, locale, step, ncco, reads })),
    );
  });

  it('flowc build (streamed into the output folder) writes what writeOutput of the whole plan writes', async () => {
    const out = path.join(temp, 'streamed');
    const io: CliIo = { cwd: temp, env: {}, stdout: () => {}, stderr: () => {}, color: false };
    expect(await runBuild(io, project, { out, cache: false })).toBe(0);
    const whole = await buildProject(project);
    const planned = path.join(temp, 'planned');
    await writeOutput(planned, planOutput(whole.steps, whole.program, whole.cdnUrl));
    expect(files(out)).toEqual(files(planned));
    // Built again into the same folder: nothing changes, and no work folder is left behind.
    expect(await runBuild(io, project, { out, cache: false })).toBe(0);
    expect(files(out)).toEqual(files(planned));
    expect(readdirSync(temp).filter((n) => n.includes('.flowc'))).toEqual([]);
  });
});

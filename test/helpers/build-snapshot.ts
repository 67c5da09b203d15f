/** What the cached-against-clean build tests compare: a build's findings and planned output as one text. */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { type OutputFile, planOutput } from '../../compiler/emit/plan-output.js';
import { buildProject, type BuildOptions } from '../../compiler/pipeline/build-project.js';

const repo = path.resolve(import.meta.dirname, '..', '..');

/** A copy of the repository's example project (flowc.yaml, flows/, templates/) in `out`. */
export function copyExampleProject(out: string): string {
  for (const part of ['flowc.yaml', 'flows', 'templates']) cpSync(path.join(repo, part), path.join(out, part), { recursive: true });
  return out;
}

/**
 * Diagnostics and output files, as a user sees them. `write` is handed the planned files (even with errors,
 * which `flowc build` would not write: where the writing is what is tested).
 */
export async function buildSnapshot(dir: string, options: BuildOptions, write?: (files: OutputFile[]) => Promise<void>): Promise<string> {
  const result = await buildProject(dir, options);
  let files: unknown;
  try {
    files = planOutput(result.steps, result.program, result.cdnUrl);
    if (write) await write(files as OutputFile[]);
  } catch (err) {
    // Whatever planning the output says (even a failure of flowc's own, or a build with errors), both builds
    // must say the same.
    files = `planOutput failed: ${(err as Error).message}`;
  }
  return JSON.stringify({ diagnostics: result.diagnostics, files });
}

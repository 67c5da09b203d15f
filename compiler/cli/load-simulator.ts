/** The I/O edge of flowc test, call and diagram: build the project in memory and make its simulator. */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildProject, type BuildResult } from '../pipeline/build-project.js';
import { loadRuntimeHelpers } from '../simulate/runtime-helpers.js';
import { createSimulator, type Simulator } from '../simulate/simulator.js';
import type { CliIo } from './cli-io.js';
import { checkProjectFolder } from './check-paths.js';
import { findProjectRoot } from './project-root.js';

export interface LoadedSimulator {
  root: string;
  built: BuildResult;
  /** Undefined when the build has errors (they are in diagnostics). */
  simulator?: Simulator;
  diagnostics: Diagnostic[];
}

export async function loadSimulator(io: CliIo, dir: string | undefined): Promise<LoadedSimulator> {
  const root = findProjectRoot(io.cwd, dir);
  checkProjectFolder(root);
  const built = await buildProject(root);
  const diagnostics = built.diagnostics;
  if (hasErrors(diagnostics)) return { root, built, diagnostics };
  const simulator = createSimulator({ program: built.program, flows: built.flows, helpers: await loadRuntimeHelpers() });
  return { root, built, simulator, diagnostics };
}

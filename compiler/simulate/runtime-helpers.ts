/**
 * The router runtime's text helpers (money, date, …) that a project's call data needs at run time.
 * The generated router imports the ones the project uses from router/helpers/; the simulator takes
 * them from the same runtime modules.
 */
import type { HelperName } from '../router/runtime/program.mjs';
import type { Helpers } from '../router/runtime/render.mjs';

const HELPER_NAMES: readonly HelperName[] = ['date', 'digits', 'money', 'pause', 'time'];

export async function loadRuntimeHelpers(): Promise<Helpers> {
  const helpers: Helpers = {};
  for (const name of HELPER_NAMES) {
    // A specifier in a variable: the helpers are runtime modules (compiled next to this one), not all present in every build.
    const specifier = `../router/runtime/helpers/${name}.mjs`;
    try {
      const module = (await import(specifier)) as Record<string, unknown>;
      const helper = module[name];
      if (typeof helper === 'function') helpers[name] = helper as NonNullable<Helpers[typeof name]>;
    } catch {
      // this runtime has no such helper
    }
  }
  return helpers;
}

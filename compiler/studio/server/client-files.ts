/**
 * The compiled modules the page loads: its own, and the simulator, router runtime and diagram it runs
 * (all Web-API only). Nothing else of the build is served or exported.
 */
const PREFIXES = ['studio/client/', 'studio/call/', 'studio/model/', 'simulate/', 'router/runtime/', 'diagram/'];
const EXCEPTIONS = ['simulate/scenarios/scenario-time.js'];
const EXCLUDED = ['simulate/scenarios/', 'simulate/report/'];

/** `rel` is relative to build/compiler, with forward slashes. */
export function isClientModule(rel: string): boolean {
  if (!/\.m?js$/.test(rel)) return false;
  if (EXCEPTIONS.includes(rel)) return true;
  if (EXCLUDED.some((p) => rel.startsWith(p))) return false;
  return PREFIXES.some((p) => rel.startsWith(p));
}

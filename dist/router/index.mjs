import { createRouterWith, } from './router.mjs';
import { dataSource, memorySource, nodeDataLoader } from './source.mjs';
export { fetcherDataLoader } from './source.mjs';
export { createWorker } from './workers.mjs';
export { toNodeHandler } from './node.mjs';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CLOCK_SKEW_SECONDS, DEFAULT_MAX_INTERNAL_STEPS, DEFAULT_MAX_STATE_CHARS, DEFAULT_MAX_TOKEN_AGE_SECONDS, DEFAULT_STATE_MAX_AGE_SECONDS, SAFE_NCCO, UNKNOWN_NUMBER_NCCO, } from './router.mjs';
export const DEFAULT_MAX_CACHED_FLOWS = 1000;
/** The router of a built project: its core tables, the helpers it uses, its data read on demand. */
export function createProjectRouter(core, helpers, options) {
    const load = options.loadData ?? nodeDataLoader();
    if (load === undefined) {
        throw new Error('flowc router: this runtime has no file system to read dist/router/data/ from. Pass loadData, e.g. ' +
            'fetcherDataLoader(env.FLOWC_DATA) on Cloudflare Workers (docs/hosting.md).');
    }
    const maxCachedFlows = options.maxCachedFlows ?? DEFAULT_MAX_CACHED_FLOWS;
    if (!Number.isInteger(maxCachedFlows) || maxCachedFlows < 1)
        throw new Error('flowc router: maxCachedFlows must be a positive integer.');
    return createRouterWith({ source: dataSource(core, load, { maxCachedFlows }), helpers }, options);
}
/** A router over a program held in memory (`buildProject(…).program`, or one written by hand). */
export function createProgramRouter(program, helpers, options = {}) {
    return createRouterWith({ source: memorySource(program), helpers }, options);
}

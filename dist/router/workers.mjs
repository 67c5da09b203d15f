import { fetcherDataLoader } from './source.mjs';
/**
 * `export default createWorker((env, base) => createRouter({ ...base, lookups }))`. `env` holds every
 * binding, for lookups that read a database or KV.
 */
export function createWorker(make) {
    let router;
    return {
        fetch(request, env) {
            if (router === undefined) {
                if (env.FLOWC_DATA === undefined) {
                    throw new Error('flowc router: the FLOWC_DATA binding (static assets of dist/router/data/) is missing: see docs/hosting.md.');
                }
                const base = { loadData: fetcherDataLoader(env.FLOWC_DATA) };
                if (env.VONAGE_SIGNATURE_SECRET !== undefined)
                    base.signatureSecret = env.VONAGE_SIGNATURE_SECRET;
                if (env.FLOWC_STATE_SECRET !== undefined)
                    base.stateSecret = env.FLOWC_STATE_SECRET;
                router = make(env, base);
            }
            return router.fetch(request);
        },
    };
}

/**
 * Cloudflare Workers: a module worker's default export around a project's createRouter. The router is
 * made once per isolate, on the first request (secrets and bindings only exist then), with the flows
 * read from the static-assets binding that holds dist/router/data/ (docs/hosting.md).
 */
import type { Router } from './router.mjs';
import { fetcherDataLoader, type FetcherLike, type LoadData } from './source.mjs';

/** The bindings the worker reads: secrets set with `wrangler secret put`, and the data assets. */
export interface WorkerEnv {
  VONAGE_SIGNATURE_SECRET?: string;
  FLOWC_STATE_SECRET?: string;
  /** Static assets (wrangler.jsonc: assets.binding) serving dist/router/data/. */
  FLOWC_DATA?: FetcherLike;
}

/** What createWorker passes on: the options every worker needs, from the bindings. */
export interface WorkerBase {
  signatureSecret?: string;
  stateSecret?: string;
  loadData: LoadData;
}

export interface WorkerHandler<E> {
  fetch(request: Request, env: E): Promise<Response>;
}

/**
 * `export default createWorker((env, base) => createRouter({ ...base, lookups }))`. `env` holds every
 * binding, for lookups that read a database or KV.
 */
export function createWorker<E extends WorkerEnv>(make: (env: E, base: WorkerBase) => Router): WorkerHandler<E> {
  let router: Router | undefined;
  return {
    fetch(request, env) {
      if (router === undefined) {
        if (env.FLOWC_DATA === undefined) {
          throw new Error('flowc router: the FLOWC_DATA binding (static assets of dist/router/data/) is missing: see docs/hosting.md.');
        }
        const base: WorkerBase = { loadData: fetcherDataLoader(env.FLOWC_DATA) };
        if (env.VONAGE_SIGNATURE_SECRET !== undefined) base.signatureSecret = env.VONAGE_SIGNATURE_SECRET;
        if (env.FLOWC_STATE_SECRET !== undefined) base.stateSecret = env.FLOWC_STATE_SECRET;
        router = make(env, base);
      }
      return router.fetch(request);
    },
  };
}

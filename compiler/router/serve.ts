/**
 * `flowc serve`: runs the generated dist/router.mjs with node:http on localhost. The router
 * module is loaded as it will run in production (no TypeScript, no flowc code in between): it reads
 * its flows from dist/router/data/ next to it.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface StartServerOptions {
  /** The build output holding router.mjs. */
  distDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the router is meant to sit behind a tunnel or proxy when tried locally. */
  host?: string;
  /** The Vonage signature secret (flowc serve reads FLOWC_SIGNATURE_SECRET). */
  secret?: string;
  /** Accept unsigned webhooks when no secret is given. */
  allowUnsigned?: boolean;
  /** The call state's secret (flowc serve reads FLOWC_STATE_SECRET); default: derived from the signature secret. */
  stateSecret?: string;
  /**
   * A JavaScript module (path or file URL) exporting `lookups` — the implementations of the project's
   * lookups — and optionally `onInput` and `onProblem` (docs/router.md, "Lookups").
   */
  lookupsModule?: string;
}

export interface RunningServer {
  url: string;
  /** The node:http server, with its timeouts set (see SERVER_TIMEOUTS). */
  server: Server;
  close(): Promise<void>;
}

/**
 * Timeouts for the Node adapter's server. Node's defaults (60 s for the headers, 300 s for a request)
 * let slow clients hold connections for minutes; a Vonage webhook is a few hundred bytes sent at once.
 */
export const SERVER_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 5_000 } as const;

type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The part of the generated module serve needs. */
interface GeneratedRouterModule {
  createRouter(options: Record<string, unknown>): unknown;
  toNodeHandler(router: unknown): NodeListener;
}

/** The application's module cannot be used (missing, throwing, or without lookups): the user's to fix (the CLI exits 2). */
export class ApplicationModuleError extends Error {}

/** What serve takes from the application's module: its lookups and callbacks. */
async function loadApplication(module: string): Promise<Record<string, unknown>> {
  const href = /^file:/.test(module) ? module : pathToFileURL(path.resolve(module)).href;
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(href)) as Record<string, unknown>;
  } catch (error) {
    throw new ApplicationModuleError(
      `Could not load the lookups module ${module}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const out: Record<string, unknown> = {};
  if (typeof loaded.lookups !== 'object' || loaded.lookups === null) {
    throw new ApplicationModuleError(
      `${module} does not export \`lookups\` (an object with one function per lookup of the project): export const lookups = { findAccount(input) { … } }.`,
    );
  }
  out.lookups = loaded.lookups;
  for (const name of ['onInput', 'onProblem', 'onCallStatus']) if (typeof loaded[name] === 'function') out[name] = loaded[name];
  return out;
}

function isRouterModule(value: unknown): value is GeneratedRouterModule {
  if (typeof value !== 'object' || value === null) return false;
  const mod = value as Record<string, unknown>;
  return typeof mod.createRouter === 'function' && typeof mod.toNodeHandler === 'function';
}

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const file = path.resolve(options.distDir, 'router.mjs');
  if (!existsSync(file)) {
    throw new Error(`No generated router at ${file}. Run "flowc build" first (it writes router.ts and router.mjs).`);
  }
  const loaded: unknown = await import(pathToFileURL(file).href);
  if (!isRouterModule(loaded)) {
    throw new Error(`${file} is not a flowc router (it has no createRouter/toNodeHandler exports). Rebuild with "flowc build".`);
  }
  // createRouter throws when there is no secret and unsigned webhooks are not allowed.
  const application = options.lookupsModule !== undefined ? await loadApplication(options.lookupsModule) : {};
  const router = loaded.createRouter({
    ...application,
    ...(options.secret !== undefined && options.secret !== '' ? { signatureSecret: options.secret } : {}),
    ...(options.stateSecret !== undefined && options.stateSecret !== '' ? { stateSecret: options.stateSecret } : {}),
    ...(options.allowUnsigned === true ? { allowUnsigned: true } : {}),
  });
  const server = createServer(loaded.toNodeHandler(router));
  Object.assign(server, SERVER_TIMEOUTS);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostForUrl(host)}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Shared setup for the router tests: the fixture model, and generated routers loaded from a temp dir. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { generateRouter } from '../../compiler/router/generate-router.js';
import type { Ncco, RouteTarget, RouterModel } from '../../compiler/router/router-model.js';
import { repoRoot } from './drive-transitions.js';

export const fixtureModelPath = path.join(repoRoot, 'test/router/fixtures/router-model.json');

export const loadFixtureModel = (): RouterModel => JSON.parse(readFileSync(fixtureModelPath, 'utf8')) as RouterModel;

// The generated module's surface, as the tests use it (the module itself is loaded untyped).
export interface RawResponseLike {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}
export interface RouterLike {
  fetch(request: Request): Promise<Response>;
  handle(request: {
    method: string;
    url: string;
    authorization?: string | null;
    body?: Uint8Array | null;
    oversized?: boolean;
  }): Promise<RawResponseLike>;
  readonly maxBodyBytes: number;
}
export interface LogCall {
  level: 'warn' | 'error';
  message: string;
  data: Record<string, unknown> | undefined;
}
export interface RouterOptionsLike {
  signatureSecret?: string;
  allowUnsigned?: boolean;
  maxTokenAgeSeconds?: number;
  maxClockSkewSeconds?: number;
  maxBodyBytes?: number;
  onCallStatus?(event: Record<string, unknown>, context: { route?: RouteTarget }): void | Promise<void>;
  logger?: { warn(message: string, data?: Record<string, unknown>): void; error?(message: string, data?: Record<string, unknown>): void };
  now?(): number;
  fallbackNcco?(context: { reason: string; route?: RouteTarget; to?: string }): Ncco;
}
export type NodeHandlerLike = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
export interface GeneratedRouterModule {
  createRouter(options?: RouterOptionsLike): RouterLike;
  toNodeHandler(router: RouterLike): NodeHandlerLike;
  routeTable: { routerUrl: string; basePath: string; numbers: Record<string, RouteTarget>; routes: Record<string, unknown> };
  nccos: Record<string, Ncco>;
  UNKNOWN_NUMBER_NCCO: Ncco;
  SAFE_NCCO: Ncco;
  DEFAULT_MAX_BODY_BYTES: number;
}

/** A temp dir removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `flowc-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;

/** Writes the generated router.mjs and imports it, as dist/router.mjs is run by Node. */
export async function importGeneratedJs(model: RouterModel, dir: string): Promise<GeneratedRouterModule> {
  const file = path.join(dir, `router-${counter++}.mjs`);
  writeFileSync(file, generateRouter(model, { language: 'js' }));
  return (await import(pathToFileURL(file).href)) as GeneratedRouterModule;
}

/** The TypeScript output, transpiled by tsc itself: proves router.ts behaves like router.mjs. */
export async function importGeneratedTsViaTsc(model: RouterModel, dir: string): Promise<GeneratedRouterModule> {
  const source = generateRouter(model, { language: 'ts' });
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const file = path.join(dir, `router-ts-${counter++}.mjs`);
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)) as GeneratedRouterModule;
}

/** A logger that records every call. */
export function recordingLogger(): { logger: Required<NonNullable<RouterOptionsLike['logger']>>; calls: LogCall[] } {
  const calls: LogCall[] = [];
  return {
    calls,
    logger: {
      warn: (message, data) => void calls.push({ level: 'warn', message, data }),
      error: (message, data) => void calls.push({ level: 'error', message, data }),
    },
  };
}

export const TEST_SECRET = 'flowc-test-signature-secret-0123456789';

/** The NCCO the tests' routers answer when no transition applies, so answers can be compared exactly. */
export const TEST_FALLBACK: Ncco = [{ action: 'talk', text: 'Test fallback. Goodbye.', language: 'en-US' }];

/** How dist/router.ts must type-check on its own: `tsc --noEmit --strict --noUncheckedIndexedAccess`, DOM lib, no @types. */
export const standaloneTscOptions: ts.CompilerOptions = {
  noEmit: true,
  strict: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
};

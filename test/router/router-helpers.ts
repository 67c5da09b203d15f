/** Shared setup for the router tests: the fixture program, and generated routers written to a temp dir and imported. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { generateRouterFiles, type RouterProgram } from '../../compiler/router/generate-router.js';
import type { Ncco } from '../../compiler/router/runtime/router.mjs';
import type { FlowProgram, ProjectProgram, Target } from '../../compiler/router/runtime/program.mjs';
import { repoRoot } from './drive-transitions.js';

export { staticNcco } from './drive-transitions.js';

const run = promisify(execFile);

export const fixtureProgramPath = path.join(repoRoot, 'test/router/fixtures/program.json');

export interface Program {
  project: ProjectProgram;
  flows: FlowProgram[];
}

export const loadFixtureProgram = (): Program => JSON.parse(readFileSync(fixtureProgramPath, 'utf8')) as Program;

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
  stateSecret?: string | string[];
  stateMaxAgeSeconds?: number;
  maxStateChars?: number;
  maxInternalSteps?: number;
  onCallStatus?(event: Record<string, unknown>, context: { route?: Target }): void | Promise<void>;
  onProblem?(problem: Record<string, unknown>): void;
  onInput?(event: Record<string, unknown>): void;
  lookups?: Record<string, unknown>;
  logger?: { warn(message: string, data?: Record<string, unknown>): void; error?(message: string, data?: Record<string, unknown>): void };
  now?(): number;
  fallbackNcco?(context: { reason: string; route?: Target; to?: string }): Ncco;
  loadData?(path: string): string | undefined | Promise<string | undefined>;
  crypto?: 'auto' | 'web';
}
export type NodeHandlerLike = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
export interface GeneratedRouterModule {
  createRouter(options?: RouterOptionsLike): RouterLike;
  toNodeHandler(router: RouterLike): NodeHandlerLike;
  project: { routerUrl: string; projectId: string; numberShards: number };
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

/** Writes every file of the generated router into a fresh folder under `dir`; returns that folder. */
export function writeRouter(program: RouterProgram, dir: string): string {
  const out = path.join(dir, `router-${counter++}`);
  for (const file of generateRouterFiles(program)) {
    const target = path.join(out, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  return out;
}

/** Writes the generated router and imports router.mjs, as Node runs dist/router.mjs. */
export async function importGeneratedJs(program: RouterProgram, dir: string): Promise<GeneratedRouterModule> {
  const out = writeRouter(program, dir);
  return (await import(pathToFileURL(path.join(out, 'router.mjs')).href)) as GeneratedRouterModule;
}

/** The TypeScript entry, transpiled by tsc itself next to the same runtime: proves router.ts behaves like router.mjs. */
export async function importGeneratedTsViaTsc(program: RouterProgram, dir: string): Promise<GeneratedRouterModule> {
  const out = writeRouter(program, dir);
  const { outputText } = ts.transpileModule(readFileSync(path.join(out, 'router.ts'), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const file = path.join(out, 'router-from-ts.mjs');
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

/** tsc's diagnostics for `files` as `<file name>: <message>`, computed in a child process (see type-errors.mjs). */
export async function typeErrors(files: string[], options: ts.CompilerOptions = standaloneTscOptions): Promise<string[]> {
  const script = path.join(repoRoot, 'test/router/type-errors.mjs');
  const { stdout } = await run(process.execPath, [script, JSON.stringify(options), ...files], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as string[];
}

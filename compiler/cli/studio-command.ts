/**
 * `flowc studio [dir]`: the project in a browser page that follows every save; `--export DIR` writes the
 * same page as a static site. A thin layer over the build, the studio model and the studio server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ParseMemo } from '../load/read-project.js';
import { buildProject } from '../pipeline/build-project.js';
import { studioModel } from '../studio/model/studio-model.js';
import type { StudioModel } from '../studio/model/studio-types.js';
import { exportSite } from '../studio/server/export-site.js';
import { startStudioServer, type StudioServer } from '../studio/server/studio-server.js';
import { asUsageError, ExitCode, UsageError, type CliIo } from './cli-io.js';
import { checkProjectFolder } from './check-paths.js';
import { packageRoot } from './package-root.js';
import { findProjectRoot } from './project-root.js';

export interface StudioCommandOptions {
  port?: string;
  host?: string;
  export?: string;
}

/** The compiled modules the page runs (build/compiler of this package). */
export function studioAppDir(): string {
  const dir = path.join(packageRoot, 'build', 'compiler');
  if (!existsSync(path.join(dir, 'studio', 'client', 'main.js')))
    throw new UsageError(`The studio's page is not built (${dir}/studio/client/main.js is missing): run "npm run build:compiler".`);
  return dir;
}

/** `parseMemo`: the parses of unchanged files, kept from one rebuild to the next (a warm compiler, as `flowc build --watch`). */
export async function modelOf(root: string, version: number, live: boolean, previous?: StudioModel, parseMemo?: ParseMemo) {
  const built = await buildProject(root, parseMemo ? { parseMemo } : {});
  const model = studioModel(built, { version, project: path.basename(root), live, ...(previous ? { previous } : {}) });
  return { built, model };
}

/** Starts the studio on a project folder (tests call this; the command waits for Ctrl+C after it). */
export async function openStudio(
  root: string,
  options: {
    port: number;
    host: string;
    onError?(e: unknown): void;
    /** Keep the parse of every unchanged file between rebuilds (default); false parses everything afresh after each save. */
    warm?: boolean;
  },
): Promise<StudioServer> {
  const parseMemo: ParseMemo | undefined = options.warm === false ? undefined : new Map();
  return startStudioServer({
    root,
    appDir: studioAppDir(),
    port: options.port,
    host: options.host,
    makeModel: async (version, previous) => (await modelOf(root, version, true, previous, parseMemo)).model,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

export async function runStudio(io: CliIo, dir: string | undefined, options: StudioCommandOptions): Promise<number> {
  const root = findProjectRoot(io.cwd, dir);
  checkProjectFolder(root);
  if (options.export !== undefined) {
    const outDir = path.resolve(io.cwd, options.export);
    const rel = path.relative(outDir, root);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
      throw new UsageError(`--export ${options.export} would write over the project; choose a folder of its own.`);
    for (const source of ['flows', 'templates']) {
      const r = path.relative(path.join(root, source), outDir);
      if (r === '' || (!r.startsWith('..') && !path.isAbsolute(r)))
        throw new UsageError(`--export ${options.export} is inside the project's ${source}/; choose a folder of its own.`);
    }
    const appDir = studioAppDir();
    const { built, model } = await modelOf(root, 1, false);
    const files = await exportSite({ outDir, appDir, model, sources: built.sources }).catch((err: unknown) => {
      throw asUsageError('--export', options.export!, err);
    });
    io.stdout(
      `Wrote the studio of ${model.flows.length} flows to ${options.export} (${files} files; ${model.counts.errors} errors, ${model.counts.warnings} warnings).\n`,
    );
    return ExitCode.ok;
  }
  const port = Number(options.port ?? '4321');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535 (got "${options.port}").`);
  const host = options.host ?? '127.0.0.1';
  let server: StudioServer;
  try {
    server = await openStudio(root, {
      port,
      host,
      onError: (e) => io.stderr(`flowc studio: ${e instanceof Error ? e.message : String(e)}\n`),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`Port ${port} is already in use on ${host}: choose another with --port.`);
    if (code === 'EACCES') throw new UsageError(`Port ${port} needs more privileges than flowc has: choose one above 1023 with --port.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--host ${host} is not an address of this computer.`);
    throw err;
  }
  const note = host === '127.0.0.1' || host === 'localhost' || host === '::1' ? '' : ' (reachable from other computers: --host was given)';
  io.stderr(`flowc studio: ${server.url}${note} shows ${root} and follows every save. Ctrl+C stops it.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return ExitCode.ok;
}

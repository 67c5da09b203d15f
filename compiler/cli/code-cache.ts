/**
 * How the bundled `flowc` command starts (compiler/cli/bundle-bin.mjs makes build/compiler/cli/bin.js call
 * runBundle()). V8 compiled the 3.1 MB bundle anew at every start, and each function the build ran on first
 * use: about 35 ms of a one-message CLI rebuild at 1,000 flows (docs/performance.md, "Rebuilds"). Node 20 has
 * no compile cache for modules, so the bundle is CommonJS (flowc.cjs) and `build` and `check` run it as a
 * vm.Script with V8's code cache, kept beside it in flowc.cjs.v8-cache.
 *
 * The cache is used only under its key: the bundle's sha256 (written into bin.js when it is made), Node's
 * version and the platform; V8 then checks its own version, flags and the source's length, and rejects
 * anything else. A cache of another key, a damaged or rejected one is ignored and made again when the
 * process ends; one that cannot be written (a read-only install) only costs that time. The file sits with
 * the bundle and is trusted as much as the bundle is: never in a shared folder such as the system's tmp.
 * Other commands load the bundle with require(): they import modules at run time (lint-ncco, serve, the
 * simulator's helpers), which a vm.Script can do only through an experimental loader that warns.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** What a cache must have been made for to be used. */
export const codeCacheKey = (bundleHash: string): string =>
  `flowc-code-cache 1 ${bundleHash} ${process.version} ${process.platform} ${process.arch}`;

/** The cached data stored under `key`, or undefined (no file, a damaged one, another key's). */
export function readCodeCache(file: string, key: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < 4) return undefined;
  const end = 4 + bytes.readUInt32LE(0);
  if (end >= bytes.length || bytes.toString('utf8', 4, end) !== key) return undefined;
  return bytes.subarray(end);
}

/** Written by write-and-rename (two processes may write it at once); a failure is ignored. */
export function writeCodeCache(file: string, key: string, data: Buffer): void {
  const head = Buffer.from(key, 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length, 0);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([size, head, data]));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** The commands run from the code cache: those that never import a module at run time. */
const cachedCommands = new Set(['build', 'check']);

/**
 * Runs the CommonJS bundle at `bundle` (a file URL) as the process's program: `build` and `check` from V8's
 * code cache (made when there is none), the other commands through require().
 */
export function runBundle(bundle: URL, bundleHash: string, argv: readonly string[] = process.argv.slice(2)): void {
  const file = fileURLToPath(bundle);
  const command = argv.find((a) => a !== '--verbose');
  if (command === undefined || !cachedCommands.has(command)) {
    createRequire(import.meta.url)(file);
    return;
  }
  const cacheFile = `${file}.v8-cache`;
  const key = codeCacheKey(bundleHash);
  const cachedData = readCodeCache(cacheFile, key);
  const source = readFileSync(file, 'utf8');
  // The same length with the #! line made a comment (V8 checks the cache against the source's length).
  const script = new vm.Script(Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  // Made at the end, so that it holds the functions the command compiled on the way too.
  if (cachedData === undefined || script.cachedDataRejected === true)
    process.once('exit', () => writeCodeCache(cacheFile, key, script.createCachedData()));
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}

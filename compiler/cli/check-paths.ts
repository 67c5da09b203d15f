/**
 * The folders a build reads and writes, checked before anything happens: a build replaces what is in
 * its output folder, so it must never be the project, its sources, or someone else's files — also
 * when the output folder, or a folder above it, is a link (issue 10 #8).
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../load/checked-read.js';
import { OutputLinkError, realPathOfMaybeMissing, resolveOutputTarget } from '../emit/write-output.js';
import { UsageError } from './cli-io.js';

export function checkProjectFolder(root: string): void {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(root);
  } catch {
    throw new UsageError(`There is no folder ${root}.`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${root} is a file; give the project folder (the one that holds flows/).`);
}

/**
 * A folder flowc wrote before: it holds flowc's manifest. Only its start is read (flowc writes
 * `"generator": "flowc"` second; the whole manifest lists every NCCO, megabytes for a large project).
 */
function isFlowcOutput(dir: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(dir, 'manifest.json'), 'r');
    const head = Buffer.alloc(256);
    const start = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    if (/^\{\s*"version":\s*\d+,\s*"generator":\s*"flowc"/.test(start)) return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // Written otherwise (by hand, by an older flowc): the whole file decides.
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { generator?: string };
    return manifest.generator === 'flowc';
  } catch {
    return false;
  }
}

export function checkOutputFolder(outDir: string, root: string): void {
  let target: string;
  let via = '';
  try {
    const resolved = resolveOutputTarget(outDir);
    target = resolved.target;
    if (resolved.linkTo !== undefined) via = ` (a link to ${resolved.linkTo})`;
    else if (target !== path.resolve(outDir)) via = ` (through a link, ${target})`;
  } catch (err) {
    if (err instanceof OutputLinkError) throw new UsageError(`--out ${err.message}`);
    throw err;
  }
  if (target === path.parse(target).root) throw new UsageError('--out cannot be the root of the file system.');
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    realRoot = path.resolve(root);
  }
  if (isInside(realRoot, target))
    throw new UsageError(`--out ${outDir}${via} would replace the project folder itself; choose a folder of its own, e.g. dist.`);
  for (const source of ['flows', 'templates', 'flowc.yaml']) {
    const p = realPathOfMaybeMissing(path.join(realRoot, source));
    if (target === p || isInside(p, target) || (source !== 'flowc.yaml' && isInside(target, p)))
      throw new UsageError(`--out ${outDir}${via} would write into the project's ${source}; choose a folder of its own, e.g. dist.`);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new UsageError(`--out ${outDir}${via} is a file; give a folder.`);
  if (readdirSync(target).length > 0 && !isFlowcOutput(target)) {
    throw new UsageError(
      `--out ${outDir}${via} holds files that flowc did not write; a build replaces what is in the folder. Choose an empty or new folder.`,
    );
  }
}

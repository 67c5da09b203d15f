/**
 * The folders a build reads and writes, checked before anything happens: a build replaces its
 * output folder as a whole, so it must never be the project, its sources, or someone else's files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** A folder flowc wrote before: it holds flowc's manifest. */
function isFlowcOutput(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { generator?: string };
    return manifest.generator === 'flowc';
  } catch {
    return false;
  }
}

export function checkOutputFolder(outDir: string, root: string): void {
  const out = path.resolve(outDir);
  if (out === path.parse(out).root) throw new UsageError('--out cannot be the root of the file system.');
  if (inside(root, out))
    throw new UsageError(`--out ${outDir} would replace the project folder itself; choose a folder of its own, e.g. dist.`);
  for (const source of ['flows', 'templates', 'flowc.yaml']) {
    const p = path.join(root, source);
    if (out === p || (source !== 'flowc.yaml' && inside(p, out)))
      throw new UsageError(`--out ${outDir} would replace the project's ${source}; choose a folder of its own, e.g. dist.`);
  }
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${outDir} is a file; give a folder.`);
  if (readdirSync(out).length > 0 && !isFlowcOutput(out)) {
    throw new UsageError(
      `--out ${outDir} holds files that flowc did not write; a build replaces the whole folder. Choose an empty or new folder.`,
    );
  }
}

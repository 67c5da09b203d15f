/** `flowc lint-ncco` arguments: files, folders (every *.json in them) and globs (quoted, expanded by flowc). */
import { statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { UsageError } from './cli-io.js';

const kindOf = (p: string): 'file' | 'dir' | undefined => {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
};

/** The files to lint, in the order given; a folder or glob contributes its matches sorted. */
export async function expandNccoInputs(args: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const kind = kindOf(path.resolve(cwd, arg));
    if (kind === 'file') {
      out.push(arg);
      continue;
    }
    if (kind === 'dir') {
      const found = (await fg('**/*.json', { cwd: path.resolve(cwd, arg), onlyFiles: true, dot: false, followSymbolicLinks: false }))
        .sort()
        .map((f) => path.join(arg, f));
      if (found.length === 0) throw new UsageError(`The folder ${arg} holds no .json files.`);
      out.push(...found);
      continue;
    }
    if (fg.isDynamicPattern(arg)) {
      const found = (await fg(arg.split(path.sep).join('/'), { cwd, onlyFiles: true, dot: false, followSymbolicLinks: false })).sort();
      if (found.length === 0) throw new UsageError(`No files match ${arg}.`);
      out.push(...found);
      continue;
    }
    // Not there: lint-ncco reports it as ncco/file-unreadable, with the others.
    out.push(arg);
  }
  return out;
}

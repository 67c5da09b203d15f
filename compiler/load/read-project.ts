/** The I/O edge of the load stage: find the project's YAML files (sorted) and read their bytes. */
import fg from 'fast-glob';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSource } from './parse-source.js';
import { classifyPath, type SourceFile } from './source-file.js';

export const projectGlobs = ['flowc.yaml', 'flows/**/*.yaml', 'flows/**/*.yml', 'templates/**/*.yaml', 'templates/**/*.yml'];

export interface LoadedProject {
  root: string;
  files: SourceFile[];
  diagnostics: Diagnostic[];
  /** path → text, for code frames. */
  sources: Map<string, string>;
}

const describeReadError = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'flowc has no permission to read this file.';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  if (code === 'ENOENT') return 'This is a link to a file that does not exist.';
  if (code === 'ELOOP') return 'This is a link that points to itself in a loop.';
  if (code === 'ENOTFILE') return 'This is not a regular file (a pipe or a device?).';
  return `This file could not be read (${code ?? 'unknown error'}).`;
};

export async function loadProject(root: string): Promise<LoadedProject> {
  const paths =
    // onlyFiles: false so that a broken link is listed (and reported) rather than skipped in silence.
    (await fg(projectGlobs, { cwd: root, onlyFiles: false, markDirectories: true, dot: false, followSymbolicLinks: false, unique: true }))
      .filter((p) => !p.endsWith('/'))
      .sort();
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const rel of paths) {
    if (rel.endsWith('.yml')) {
      diagnostics.push({
        code: 'load/yml-extension',
        severity: 'warning',
        message: 'flowc reads .yaml files; this .yml file is ignored.',
        file: rel,
        hint: `Rename it to ${rel.replace(/\.yml$/, '.yaml')}.`,
      });
      continue;
    }
    const kind = classifyPath(rel);
    if (!kind) {
      diagnostics.push({
        code: 'load/unknown-file',
        severity: 'warning',
        message: 'flowc does not know what this file is, so it is ignored.',
        file: rel,
        hint: 'Flows end in .flow.yaml; catalogs live in flows/messages/<locale>.yaml; pay prompt sets in flows/pay/<set>.<locale>.yaml.',
      });
      continue;
    }
    let bytes: Uint8Array;
    try {
      // A named pipe or device would block the read forever.
      if (!(await stat(path.join(root, rel))).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
      bytes = await readFile(path.join(root, rel));
    } catch (err) {
      diagnostics.push({
        code: 'load/unreadable',
        severity: 'error',
        message: describeReadError(err),
        file: rel,
        hint: 'Check the file permissions (it must be readable by the user running flowc).',
      });
      continue;
    }
    const parsed = parseSource(rel, kind, bytes);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.file) {
      files.push(parsed.file);
      sources.set(rel, parsed.file.text);
    }
  }
  return { root, files, diagnostics, sources };
}

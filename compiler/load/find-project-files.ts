/**
 * Finds the project's files: flowc.yaml and the .yaml/.yml files under flows/ and templates/ (dot
 * files and dot folders are skipped). Links are followed only while their real path stays inside the
 * project (issue 10 #3): a link out of it — to a file or to a folder — is an error and nothing behind it
 * is read or listed; a folder link back into a folder that holds it is a loop and an error.
 */
import { type Dirent, existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareCodeUnits } from '../diagnostics/diagnostic.js';
import { realPathInside } from './checked-read.js';
import { codePointName, controlCharacterIn, foldedName, windowsNameProblem } from './portable-names.js';

export interface ProjectFiles {
  /** The project folder with every link resolved: the boundary of what may be read. */
  realRoot: string;
  /** Project-relative paths with forward slashes, in code-unit order. */
  files: string[];
  diagnostics: Diagnostic[];
  /**
   * The real path of each file that is no link, found in a folder whose real path was checked to be
   * inside the project: it is read without resolving its path again (compiler/load/checked-read.ts).
   */
  realPaths: Map<string, string>;
}

const isYamlName = (name: string): boolean => name.endsWith('.yaml') || name.endsWith('.yml');

export const outsideProject = (rel: string, what: 'file' | 'folder', realPath: string): Diagnostic => ({
  code: 'load/outside-project',
  severity: 'error',
  message: `This ${what} is a link to ${realPath}, outside the project folder, so flowc does not read it.`,
  file: rel,
  hint: `Copy the ${what} into the project instead of linking to it: flowc follows links only within the project folder.`,
});

export function findProjectFiles(root: string): ProjectFiles {
  const realRoot = realpathOrSelf(root);
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const realPaths = new Map<string, string>();
  const unreadableFolder = (rel: string, code: string): void => {
    diagnostics.push({
      code: 'load/unreadable',
      severity: 'error',
      message: `The folder ${rel} could not be read (${code}), so the files in it are missing from the build.`,
      file: rel,
      hint: 'Check the folder permissions (it must be readable by the user running flowc).',
    });
  };

  /** Folders to read: project-relative name, real path, and the real paths of the folders it is in. */
  const queue: { rel: string; real: string; within: ReadonlySet<string> }[] = [];
  const walked = new Set<string>();
  const enter = (rel: string, absolute: string, within: ReadonlySet<string>, viaLink: boolean): void => {
    const located = realPathInside(realRoot, absolute);
    if ('refused' in located) {
      if (located.refused.kind === 'outside') diagnostics.push(outsideProject(rel, 'folder', located.refused.realPath));
      else if (viaLink || located.refused.kind !== 'error' || located.refused.code !== 'ENOENT')
        unreadableFolder(rel, located.refused.kind);
      return;
    }
    if (within.has(located.realPath)) {
      diagnostics.push({
        code: 'load/link-loop',
        severity: 'error',
        message: 'This folder is a link back to a folder that holds it, so it would go round in a loop.',
        file: rel,
        hint: 'Remove the link.',
      });
      return;
    }
    // Two links to one folder: it is read once, under the first name.
    if (walked.has(located.realPath)) return;
    walked.add(located.realPath);
    queue.push({ rel, real: located.realPath, within: new Set([...within, located.realPath]) });
  };

  const top = new Set([realRoot]);
  for (const name of ['flows', 'templates']) {
    let isFolder = false;
    try {
      isFolder = statSync(path.join(root, name)).isDirectory();
    } catch {
      // No such folder (or a broken link): enter() reports a broken link, a missing folder is fine.
    }
    if (isFolder) enter(name, path.join(root, name), top, false);
    else if (isLink(path.join(root, name))) enter(name, path.join(root, name), top, true);
  }
  if (isLink(path.join(root, 'flowc.yaml'))) files.push('flowc.yaml');
  else if (existsSync(path.join(root, 'flowc.yaml'))) {
    files.push('flowc.yaml');
    realPaths.set('flowc.yaml', path.join(realRoot, 'flowc.yaml'));
  }

  for (let next = 0; next < queue.length; next++) {
    const { rel, real, within } = queue[next]!;
    let entries: Dirent[];
    try {
      entries = readdirSync(real, { withFileTypes: true });
    } catch (err) {
      unreadableFolder(rel, (err as NodeJS.ErrnoException).code ?? 'EIO');
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const childRel = `${rel}/${e.name}`;
      const absolute = path.join(real, e.name);
      if (e.isDirectory()) {
        enter(childRel, absolute, within, false);
      } else if (e.isSymbolicLink()) {
        let target: ReturnType<typeof statSync> | undefined;
        try {
          target = statSync(absolute);
        } catch {
          target = undefined; // broken or looping: reported when read, if it is a .yaml name
        }
        if (target?.isDirectory()) enter(childRel, absolute, within, true);
        else if (isYamlName(e.name)) files.push(childRel);
      } else if (isYamlName(e.name)) {
        // Regular files, and pipes or devices with a .yaml name (refused when read).
        files.push(childRel);
        realPaths.set(childRel, absolute);
      }
    }
  }
  files.sort(compareCodeUnits);
  return { realRoot, ...checkNames(files, diagnostics), realPaths };
}

/** File names that break logs or other systems; names that collide where case does not count. */
function checkNames(found: readonly string[], diagnostics: Diagnostic[]): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const byFolded = new Map<string, string>();
  for (const rel of found) {
    const control = controlCharacterIn(rel);
    if (control) {
      diagnostics.push({
        code: 'load/bad-file-name',
        severity: 'error',
        message: `This file name holds the control character ${codePointName(control.char)}, so flowc does not read it.`,
        file: rel,
        hint: 'Rename the file using letters, digits, "-", "_" and "." only.',
      });
      continue;
    }
    const problem = rel
      .split('/')
      .map(windowsNameProblem)
      .find((p) => p !== undefined);
    if (problem) {
      diagnostics.push({
        code: 'load/unportable-name',
        severity: 'error',
        message: `This file cannot be checked out on Windows: ${problem}.`,
        file: rel,
        hint: 'Rename the file or folder, e.g. "console" instead of "con".',
      });
    }
    const key = foldedName(rel);
    const first = byFolded.get(key);
    if (first !== undefined) {
      diagnostics.push({
        code: 'load/case-collision',
        severity: 'error',
        message: `This file and ${first} differ only in upper and lower case: on macOS and Windows they are one file, and one would overwrite the other.`,
        file: rel,
        hint: 'Rename one of them, or merge them into one file.',
        related: [{ message: 'the other file', file: first }],
      });
    } else byFolded.set(key, rel);
    files.push(rel);
  }
  return { files, diagnostics };
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

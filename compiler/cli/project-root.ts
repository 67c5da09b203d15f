/** Which project a command works on: the folder given, else the nearest one upward (as git and eslint do). */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** A project folder holds flowc.yaml or a flows/ folder. */
export const isProjectFolder = (dir: string): boolean => existsSync(path.join(dir, 'flowc.yaml')) || isDir(path.join(dir, 'flows'));

/**
 * `dir` resolved against cwd when given; otherwise the nearest folder at or above cwd that is a project
 * folder, and cwd itself when there is none (the build then says it found no flows).
 */
export function findProjectRoot(cwd: string, dir: string | undefined): string {
  if (dir !== undefined) return path.resolve(cwd, dir);
  for (let d = path.resolve(cwd); ; d = path.dirname(d)) {
    if (isProjectFolder(d)) return d;
    if (path.dirname(d) === d) return path.resolve(cwd);
  }
}

/** The folder paths in GitHub and SARIF output are relative to: --base-dir, else the git top level. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` that holds `.git` (a folder, or a file in a worktree). */
export function gitTopLevel(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `dir` relative to `base`, with forward slashes ('' when they are the same folder). */
export function relativePrefix(base: string, dir: string): string {
  return path.relative(base, dir).split(path.sep).join('/');
}

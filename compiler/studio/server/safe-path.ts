/**
 * The one way the studio turns a requested path into a file: decoded once, relative, no `..`, no
 * hidden files, and — once symlinks are followed — still inside the folder it must stay in. Anything
 * else is refused (undefined), never guessed.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** `requested` is the URL path below the route, still percent-encoded. */
export function resolveInside(root: string, requested: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requested);
  } catch {
    return undefined;
  }
  // A second layer of encoding (%252e%252e) or a NUL or backslash is never a real project path.
  if (/[\0\\%]/.test(decoded)) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return undefined;
  const candidate = path.resolve(root, ...segments);
  if (!inside(candidate, root)) return undefined;
  try {
    const real = realpathSync(candidate);
    return inside(real, realpathSync(root)) ? real : undefined;
  } catch {
    return undefined;
  }
}

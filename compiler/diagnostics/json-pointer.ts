/** RFC 6901 JSON pointers. */

export type PathSegment = string | number;

// Most segments (step names, option names, indexes) have neither character: no new string for them.
const escapeSegment = (s: string): string => (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);
const unescapeSegment = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function toPointer(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += `/${typeof seg === 'number' ? seg : escapeSegment(seg)}`;
  return out;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeSegment);
}

export function joinPointer(base: string, ...path: PathSegment[]): string {
  return base + toPointer(path);
}

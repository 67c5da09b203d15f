/** RFC 6901 JSON pointers. */

export type PathSegment = string | number;

const escapeSegment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function toPointer(path: readonly PathSegment[]): string {
  return path.map((seg) => '/' + escapeSegment(String(seg))).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeSegment);
}

export function joinPointer(base: string, ...path: PathSegment[]): string {
  return base + toPointer(path);
}

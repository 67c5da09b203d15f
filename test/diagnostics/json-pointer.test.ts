/** RFC 6901 pointers: escaping and parsing round-trip, with and without the two escaped characters. */
import { describe, expect, it } from 'vitest';
import { joinPointer, parsePointer, toPointer } from '../../compiler/diagnostics/json-pointer.js';

describe('json pointers', () => {
  it.each([
    [[], ''],
    [['steps', 'menu', 0, 'text'], '/steps/menu/0/text'],
    [['a/b', 'c~d', '~1', '/~'], '/a~1b/c~0d/~01/~1~0'],
    [['', 3, ''], '//3/'],
    [['ünïcode', 'x y'], '/ünïcode/x y'],
  ] as const)('%j is %s and parses back', (path, pointer) => {
    expect(toPointer(path)).toBe(pointer);
    expect(parsePointer(pointer)).toEqual(path.map(String));
    expect(joinPointer('/base', ...path)).toBe(`/base${pointer}`);
  });
});

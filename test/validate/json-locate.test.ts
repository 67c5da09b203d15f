/** Locating values in JSON text by pointer (lint-ncco ranges). Cross-checked against the YAML parser's offsets. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import { toPointer } from '../../compiler/diagnostics/json-pointer.js';
import { lineStarts, locateJsonPointer, positionOf } from '../../compiler/validate/json-locate.js';

const slice = (text: string, pointer: string, part: 'value' | 'key' = 'value'): string | undefined => {
  const at = locateJsonPointer(text, pointer);
  const r = part === 'key' ? at?.key : at?.value;
  return r && text.slice(r[0], r[1]);
};

describe('locateJsonPointer', () => {
  const text =
    ' [ { "action" : "talk", "text": "a \\" b", "loop": -1.5e2,\n "x/y": {"~k": [true, null]} , "dup": 1, "dup": [2] },\n"é\\u00e9" ] ';
  it.each([
    ['', '[ { "action" : "talk", "text": "a \\" b", "loop": -1.5e2,\n "x/y": {"~k": [true, null]} , "dup": 1, "dup": [2] },\n"é\\u00e9" ]'],
    ['/0/action', '"talk"'],
    ['/0/text', '"a \\" b"'],
    ['/0/loop', '-1.5e2'],
    ['/0/x~1y/~0k/1', 'null'],
    ['/0/dup', '[2]'],
    ['/1', '"é\\u00e9"'],
  ])('%s', (pointer, expected) => {
    expect(slice(text, pointer)).toBe(expected);
  });

  it('gives the key of an object member', () => {
    expect(slice(text, '/0/loop', 'key')).toBe('"loop"');
    expect(slice('{"a\\u0062": 1}', '/ab', 'key')).toBe('"a\\u0062"');
    expect(locateJsonPointer(text, '/1')?.key).toBeUndefined();
  });

  it('returns undefined for pointers that do not exist', () => {
    for (const pointer of ['/2', '/0/nope', '/0/action/0', '/-', '/01', '/0/x~1y/~0k/2'])
      expect(locateJsonPointer(text, pointer), pointer).toBeUndefined();
  });

  it('turns offsets into 1-based lines and columns', () => {
    const starts = lineStarts('ab\ncd\n\ne');
    expect([0, 1, 3, 6, 7].map((o) => positionOf(starts, o))).toEqual([
      { line: 1, col: 1 },
      { line: 1, col: 2 },
      { line: 2, col: 1 },
      { line: 3, col: 1 },
      { line: 4, col: 1 },
    ]);
  });

  it('agrees with the YAML parser on every value of the conformance corpus and the seed examples', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const dirs = [
      path.resolve(root, '../shared/conformance/valid'),
      path.resolve(root, '../shared/conformance/invalid'),
      path.join(root, 'test/validate/fixtures/seed-examples'),
    ];
    let checked = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir)) {
        const source = readFileSync(path.join(dir, name), 'utf8');
        try {
          JSON.parse(source);
        } catch {
          continue;
        }
        const visit = (node: Node | null, segments: (string | number)[]): void => {
          if (node === null) return;
          const pointer = toPointer(segments);
          expect(locateJsonPointer(source, pointer)?.value, `${name} ${pointer}`).toEqual([node.range![0], node.range![1]]);
          checked++;
          if (isMap(node))
            for (const pair of node.items) visit(pair.value as Node | null, [...segments, String((pair.key as { value: unknown }).value)]);
          if (isSeq(node)) for (const [k, item] of node.items.entries()) visit(item as Node, [...segments, k]);
        };
        visit(parseDocument(source).contents as Node, []);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

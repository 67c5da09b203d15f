/**
 * The linear duplicate-key check reports exactly what yaml's own unique-key check reports (code, position,
 * message) with flowc's comparison — yaml's default, plus a number or boolean equal to the text it becomes
 * (`1:` and `"1":` are one key once read) — on hand-written cases and on random YAML.
 */
import { isCollection, isScalar, type Node, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { duplicateKeyErrors } from '../../compiler/load/duplicate-keys.js';
import { seededRandom as rng } from '../helpers/seeded-random.js';

const options = { prettyErrors: false, strict: true, merge: false } as const;

/** A scalar key as flowc reads it: a number or boolean as its text; NaN equal to nothing. */
const asRead = (v: unknown): unknown =>
  typeof v === 'number' && Number.isNaN(v) ? Symbol() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
const sameKey = (a: unknown, b: unknown): boolean =>
  a === b ||
  (isScalar(a as Node) && isScalar(b as Node) && asRead((a as { value: unknown }).value) === asRead((b as { value: unknown }).value));

function byYaml(text: string) {
  return parseDocument(text, { ...options, uniqueKeys: sameKey })
    .errors.filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => ({ pos: e.pos, code: e.code, message: e.message }))
    .sort((a, b) => a.pos[0] - b.pos[0]); // yaml reports a flow map's nested errors first; flowc sorts anyway
}

function ours(text: string) {
  return duplicateKeyErrors(parseDocument(text, { ...options, uniqueKeys: false }), text).map((e) => ({
    pos: e.pos,
    code: e.code,
    message: e.message,
  }));
}

const keys = [
  'a',
  'b',
  '"a"',
  "'a'",
  '?',
  '',
  '1',
  '"1"',
  '01',
  '1.0',
  'true',
  'null',
  '~',
  '',
  '&x a',
  '!!str a',
  '!!str 1',
  '? a',
  '.nan',
  '.NaN',
  '0x1',
  '-0',
  '0',
  'A',
];

function randomMap(next: () => number, depth: number, indent: string): string {
  const flow = next() < 0.3;
  const n = 1 + Math.floor(next() * 5);
  const entries: string[] = [];
  for (let i = 0; i < n; i++) {
    let key = keys[Math.floor(next() * keys.length)]!;
    if (key.startsWith('&x')) key = `&x${i} a`;
    const value =
      depth > 0 && next() < 0.3 ? (flow ? randomFlow(next, depth - 1) : `\n${randomMap(next, depth - 1, `${indent}  `)}`) : String(i);
    if (flow) entries.push(key.startsWith('?') ? `${key}: ${value.trim()}` : `${key}: ${value.trim()}`);
    else entries.push(`${indent}${key}:${value.startsWith('\n') ? value : ` ${value}`}`);
  }
  return flow ? `${indent}x: {${entries.join(', ')}}` : entries.join('\n');
}

const randomFlow = (next: () => number, depth: number): string =>
  next() < 0.5
    ? `{${Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `${keys[Math.floor(next() * keys.length)]!.replace('&x', `&y${i}`)}: ${depth > 0 ? randomFlow(next, depth - 1) : i}`).join(', ')}}`
    : `[${Array.from({ length: 1 + Math.floor(next() * 3) }, () => (depth > 0 ? randomFlow(next, depth - 1) : 'v')).join(', ')}]`;

function hasCollectionKey(text: string): boolean {
  let found = false;
  visit(parseDocument(text, { ...options, uniqueKeys: false }), {
    Pair(_, pair) {
      if (isCollection(pair.key)) found = true;
    },
  });
  return found;
}

describe('duplicate keys in linear time, as yaml reported them', () => {
  it.each([
    'a: 1\na: 2\n',
    'a: 1\nb: 2\na: 3\na: 4\n',
    '"a": 1\na: 2\n',
    '1: x\n"1": y\n1: z\n',
    // Told apart by yaml (a number and a text), one key for flowc: the second would silently win.
    'on:\n  1: pay\n  "1": agent\n',
    'true: a\n"true": b\n',
    '0x1: a\n"1": b\n',
    '{a: 1, a: 2, b: {c: 1, c: 2}}\n',
    'list:\n  - a: 1\n    a: 2\n  - [x: 1, x: 2]\n',
    '&k a: 1\n!!str a: 2\n',
    ': 1\n: 2\n',
    '.nan: 1\n.nan: 2\n',
    '? [a]\n: 1\n? [a]\n: 2\n',
    'x: &m {a: 1}\ny: *m\nz: {a: 1, a: 1}\n',
    'a:\n  b: 1\n  b: 2\na: 3\n',
    'a:\n  : 1\n  : 2\n',
    '? \n: 1\n? \n: 2\n',
    '? # note\n: 1\n? # note\n  # more\n: 2\n',
    '? !!null\n: 1\n? !!null\n: 2\n',
    '- : 1\n  : 2\n',
    '{: 1, : 2}\n',
    '{a: 1, ? a: 2}\n',
  ])('%j', (text) => {
    expect(ours(text)).toEqual(byYaml(text));
  });

  it('finds a number written once bare and once quoted, at the second', () => {
    expect(ours('on:\n  1: pay\n  "1": agent\n')).toEqual([{ pos: [15, 16], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' }]);
  });

  it('on 3,000 random documents', () => {
    const next = rng(5);
    let found = 0;
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const text = randomMap(next, 3, '') + '\n';
      // A map used as a key (`? a:` followed by more keys) is yaml/complex-key in flowc anyway, and yaml
      // places duplicates inside it at the end of the line before; flowc places them on the key.
      if (hasCollectionKey(text)) continue;
      compared++;
      const expected = byYaml(text);
      found += expected.length;
      expect(ours(text), text).toEqual(expected);
    }
    expect(compared).toBeGreaterThan(2000);
    expect(found, 'the random documents do have duplicates').toBeGreaterThan(500);
  });
});

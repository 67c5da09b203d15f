/**
 * The parse cache's file (`.flowc-cache/parse.v8`): each record is kept as the bytes it was read as, and
 * written again from them unless it changed (issue 12, "Rebuilds"). A record that changed after it was read
 * — new bytes of the file, schema findings added, a file gone — must be written anew, never from its old
 * bytes; a damaged or foreign file is no records.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { jsonKeeps, knownCheck, ParseCache, rememberCheck } from '../../compiler/load/parse-cache.js';
import { parseSource } from '../../compiler/load/parse-source.js';
import type { SourceKind } from '../../compiler/load/source-file.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-parse-file-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const files: Record<string, string> = {
  'flows/a.flow.yaml': 'flow: a\nlocales: [en-US]\nstart: hello\nsteps:\n  hello:\n    - say: hello\n',
  'flows/messages/en-US.yaml': 'hello: Hello there.\nbye: Goodbye.\n',
  'templates/t.yaml': 'template: t\nactions:\n  - say: bye\n',
};

/** Loads every file through `cache`; returns the values and how many were parsed. */
function loadAll(cache: ParseCache, texts: Record<string, string>): { values: Record<string, unknown>; parsed: number } {
  const values: Record<string, unknown> = {};
  for (const [rel, text] of Object.entries(texts)) {
    const kind: SourceKind = rel.startsWith('templates/') ? 'template' : rel.includes('/messages/') ? 'messages' : 'flow';
    const got = cache.parse(rel, kind, bytesOf(text), () => parseSource(rel, kind, bytesOf(text)));
    values[rel] = got.file?.value;
  }
  return { values, parsed: cache.takeParsedCount() };
}

describe('the parse cache file', () => {
  it('serves unchanged records from their bytes and writes changed ones anew', () => {
    const dir = path.join(temp, 'a');
    const first = new ParseCache(dir, 'fp');
    const cold = loadAll(first, files);
    expect(cold.parsed).toBe(3);
    first.flush();

    // Read back: nothing parsed, the same values.
    const second = new ParseCache(dir, 'fp');
    const warm = loadAll(second, files);
    expect(warm.parsed).toBe(0);
    expect(warm.values).toEqual(cold.values);

    // One file changed, another gains schema findings after it was read back: both written anew.
    const edited = { ...files, 'flows/messages/en-US.yaml': 'hello: Hello again.\nbye: Goodbye.\n' };
    const third = new ParseCache(dir, 'fp');
    const again = loadAll(third, edited);
    expect(again.parsed).toBe(1);
    const flow = third.parse('flows/a.flow.yaml', 'flow', bytesOf(files['flows/a.flow.yaml']!), () => {
      throw new Error('parsed again');
    }).file!;
    expect(knownCheck(flow)).toBeUndefined();
    const finding: Diagnostic = { code: 'schema/test', severity: 'warning', message: 'a finding', file: 'flows/a.flow.yaml' };
    rememberCheck(flow, [finding]);
    third.flush();

    const fourth = new ParseCache(dir, 'fp');
    const after = loadAll(fourth, edited);
    expect(after.parsed).toBe(0);
    expect(after.values['flows/messages/en-US.yaml']).toEqual({ hello: 'Hello again.', bye: 'Goodbye.' });
    const flowAgain = fourth.parse('flows/a.flow.yaml', 'flow', bytesOf(files['flows/a.flow.yaml']!), () => {
      throw new Error('parsed again');
    }).file!;
    expect(knownCheck(flowAgain)).toEqual([finding]);
    // The old text is no longer served: its record was replaced, not kept from the old bytes.
    expect(loadAll(new ParseCache(dir, 'fp'), files).parsed).toBe(1);
  });

  it("keeps what the parse gave, not later changes to the parse's data, and serves one copy of it", () => {
    const dir = path.join(temp, 'copy');
    const first = new ParseCache(dir, 'fp');
    const cold = loadAll(first, files);
    // The build's own data may change after the record is made (the record was serialized then): not written.
    (cold.values['flows/messages/en-US.yaml'] as Record<string, string>)['hello'] = 'changed by the build';
    first.flush();
    const second = new ParseCache(dir, 'fp');
    const rel = 'flows/messages/en-US.yaml';
    const served = second.parse(rel, 'messages', bytesOf(files[rel]!), () => {
      throw new Error('parsed again');
    }).file!;
    expect(served.value).toEqual({ hello: 'Hello there.', bye: 'Goodbye.' });
    // Made from the record's bytes once: every read gives the same objects, as a parsed file's value does.
    expect(served.value).toBe(served.value);
    expect({ ...served }.value).toBe(served.value);
  });

  it.each([
    ['plain data', { a: [1, 'x', true, null, { b: 2.5 }] }, true],
    ['a key __proto__ (an own property)', JSON.parse('{"__proto__": {"x": 1}, "y": 2}'), true],
    ['-0', { a: -0 }, false],
    ['Infinity (.inf)', { a: [Number.POSITIVE_INFINITY] }, false],
    ['NaN (.nan)', [Number.NaN], false],
    ['an array with a hole', Object.assign(new Array<number>(3), { 0: 1, 2: 3 }), false],
    ['undefined', { a: undefined }, false],
    ['an object without a prototype', Object.create(null) as object, false],
    ['a Date', { a: new Date(0) }, false],
  ])('jsonKeeps: %s', (_what, value, keeps) => {
    expect(jsonKeeps(value)).toBe(keeps);
    // What it accepts, JSON gives back exactly.
    if (keeps) expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
  });

  it('gives back data JSON cannot hold (.inf, .nan, -0) exactly from a new process', () => {
    const dir = path.join(temp, 'numbers');
    const texts = { 'flows/n.flow.yaml': 'flow: n\nvalues: [.inf, -.inf, .nan, -0, 0, 1.5]\nkey: { __proto__: 1 }\n' };
    const cold = loadAll(new ParseCache(dir, 'fp'), texts);
    const first = new ParseCache(dir, 'fp');
    loadAll(first, texts);
    first.flush();
    const warm = loadAll(new ParseCache(dir, 'fp'), texts);
    expect(warm.parsed).toBe(0);
    const values = (warm.values['flows/n.flow.yaml'] as { values: number[] }).values;
    expect(values.map((v) => Object.is(v, -0))).toEqual([false, false, false, true, false, false]);
    expect(warm.values).toStrictEqual(cold.values);
  });

  it("takes a record whose data's JSON is damaged (its bytes otherwise whole) for no record: the file is parsed", () => {
    const dir = path.join(temp, 'json');
    const first = new ParseCache(dir, 'fp');
    loadAll(first, files);
    first.flush();
    const file = path.join(dir, 'parse.v8');
    const bytes = Buffer.from(readFileSync(file));
    // The catalog's JSON, `{"hello":"Hello there.",…}` inside its record: one byte of it spoiled, the same length.
    const at = bytes.indexOf('{"hello":');
    expect(at).toBeGreaterThan(0);
    bytes[at + 1] = '#'.charCodeAt(0);
    writeFileSync(file, bytes);
    const got = loadAll(new ParseCache(dir, 'fp'), files);
    expect(got.parsed).toBe(1);
    expect(got.values).toEqual(loadAll(new ParseCache(undefined, 'fp'), files).values);
  });

  it('forgets files that are gone', () => {
    const dir = path.join(temp, 'b');
    const first = new ParseCache(dir, 'fp');
    loadAll(first, files);
    first.flush();
    const second = new ParseCache(dir, 'fp');
    const { 'templates/t.yaml': _gone, ...rest } = files;
    loadAll(second, rest);
    second.keepOnly(new Set(Object.keys(rest)));
    second.flush();
    const third = new ParseCache(dir, 'fp');
    expect(loadAll(third, rest).parsed).toBe(0);
    expect(loadAll(third, { 'templates/t.yaml': files['templates/t.yaml']! }).parsed).toBe(1);
  });

  it('reads no records from a damaged, truncated, foreign or old-format file', () => {
    const dir = path.join(temp, 'c');
    const first = new ParseCache(dir, 'fp');
    loadAll(first, files);
    first.flush();
    const file = path.join(dir, 'parse.v8');
    const good = readFileSync(file);
    const damaged: [string, Uint8Array][] = [
      ['truncated', good.subarray(0, good.length - 5)],
      ['longer', Buffer.concat([good, Buffer.from('xx')])],
      ['a record damaged', Buffer.concat([good.subarray(0, good.length - 40), Buffer.alloc(40, 7)])],
      ['empty', Buffer.alloc(0)],
      ['the old format', Buffer.from([0xff, 0x0f, 0x6f, 0x22, 0x07])],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(file, bytes);
      const cache = new ParseCache(dir, 'fp');
      const got = loadAll(cache, files);
      // A damaged record is parsed again; the others may be served, and every value is the parse's.
      expect(got.values, what).toEqual(loadAll(new ParseCache(undefined, 'fp'), files).values);
      if (what !== 'a record damaged') expect(got.parsed, what).toBe(3);
    }
    writeFileSync(file, good);
    expect(loadAll(new ParseCache(dir, 'other compiler'), files).parsed).toBe(3);
    expect(loadAll(new ParseCache(dir, 'fp'), files).parsed).toBe(0);
  });
});

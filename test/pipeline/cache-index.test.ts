/**
 * The cache index file (compiler/pipeline/flow-cache.ts): what encodeIndex writes, decodeIndex reads back
 * whole; anything else — cut short anywhere, with bytes after it, a header that lies about lengths, another
 * format — reads as no index at all (the build then compiles every flow), never as part of one.
 */
import { describe, expect, it } from 'vitest';
import { serialize } from 'node:v8';
import { decodeEntry, decodeIndex, encodeEntry, encodeIndex, type IndexEntry, type IndexFile } from '../../compiler/pipeline/flow-cache.js';

const index: IndexFile = {
  version: 4,
  compiler: 'compiler-fingerprint',
  flows: new Map([
    ['billing', new Uint8Array([1, 2, 3])],
    ['support-é', new Uint8Array([])],
    ['info', new Uint8Array([9, 8, 7, 6, 5])],
  ]),
  graph: { key: 'graph-key', bytes: new Uint8Array([4, 4]) },
};
const bytes = Buffer.concat(encodeIndex(index));
const headerEnd = 4 + bytes.readUInt32LE(0);
const withHeader = (change: (header: Record<string, unknown>) => void): Buffer => {
  const header = JSON.parse(bytes.toString('utf8', 4, headerEnd)) as Record<string, unknown>;
  change(header);
  const text = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(text.length, 0);
  return Buffer.concat([size, text, bytes.subarray(headerEnd)]);
};

describe('the cache index file', () => {
  it('reads back what was written: flows in order, their bytes, the graph record', () => {
    const read = decodeIndex(bytes)!;
    expect(read.version).toBe(4);
    expect(read.compiler).toBe('compiler-fingerprint');
    expect([...read.flows.keys()]).toEqual(['billing', 'support-é', 'info']);
    expect([...read.flows.values()].map((b) => [...b])).toEqual([[1, 2, 3], [], [9, 8, 7, 6, 5]]);
    expect(read.graph?.key).toBe('graph-key');
    expect([...read.graph!.bytes]).toEqual([4, 4]);
    const without = decodeIndex(Buffer.concat(encodeIndex({ ...index, graph: undefined })))!;
    expect(without.graph).toBeUndefined();
    expect(without.flows.size).toBe(3);
  });

  it('reads a file cut short anywhere as no index', () => {
    for (let length = 0; length < bytes.length; length++)
      expect(decodeIndex(bytes.subarray(0, length)), `cut at ${length}`).toBeUndefined();
  });

  const damaged: [string, Buffer][] = [
    ['bytes after the last entry', Buffer.concat([bytes, Buffer.from([0])])],
    ['a header length past the end', Buffer.concat([Buffer.from([255, 255, 255, 0]), bytes.subarray(4)])],
    ['a header that is not JSON', Buffer.concat([bytes.subarray(0, 4), Buffer.from('x'.repeat(headerEnd - 4)), bytes.subarray(headerEnd)])],
    ['the index of the format before (v8.serialize)', serialize({ version: 3, compiler: 'c', flows: new Map() })],
    ['an entry longer than the file', withHeader((h) => ((h.flows as [string, number][])[0]![1] = 1000))],
    ['a negative length', withHeader((h) => ((h.flows as [string, number][])[0]![1] = -1))],
    ['a length that is not a whole number', withHeader((h) => ((h.flows as [string, number][])[0]![1] = 1.5))],
    ['a flow name that is not a text', withHeader((h) => ((h.flows as unknown[][])[0]![0] = 7))],
    ['no flows list', withHeader((h) => delete h.flows)],
    ['no compiler', withHeader((h) => delete h.compiler)],
    ['a graph record without a key', withHeader((h) => ((h.graph as Record<string, unknown>).key = undefined))],
    ['a graph record longer than the file', withHeader((h) => ((h.graph as Record<string, unknown>).length = 10_000))],
  ];
  for (const [what, file] of damaged) {
    it(`reads ${what} as no index`, () => {
      expect(decodeIndex(file)).toBeUndefined();
    });
  }
});

/** An index entry as the cache writes it, with the given changes. */
const entryWith = (change: (e: Record<string, unknown>) => void = () => {}): IndexEntry => {
  const entry = {
    deps: [
      ['g', 'graph-hash'],
      ['m\0en-US\0billing.greeting', 'h1'],
    ],
    diagnostics: [{ code: 'lint/x', severity: 'warning', message: 'é “quoted” \u2028', file: 'flows/a.yaml', line: 3 }],
    found: [],
    onAnswer: ['en-US/agent'],
    runsOnAnswer: [],
    summary: {
      flow: 'billing',
      locales: ['en-US', 'de-DE'],
      data: { balance: { type: 'money' } },
      // Not in key order: a Map keeps the order it was given.
      steps: new Map([
        ['en-US/start', true],
        ['de-DE/start', false],
        ['en-US/a', true],
      ]),
      readsAnswerBuiltins: false,
      helpers: new Set(['money', 'digits']),
      sha256: 'abc',
      checks: [],
    },
    chunk: { path: 'router/data/billing.mjs', sha256: 'def' },
    numbers: { '+15550001': { flow: 'billing', locale: 'en-US', step: 'start' } },
    usedKeys: [['en-US', 'billing.greeting']],
    reportedAdds: [],
    paySetAdds: [],
    failedAdds: [],
    steps: [['en-US', 'start', 'sha', []]],
    body: 'stamp',
  } as unknown as Record<string, unknown>;
  change(entry);
  return entry as unknown as IndexEntry;
};

describe('a cache index entry', () => {
  it('is JSON when JSON gives it back exactly, its summary’s Map and Set in their order', () => {
    const entry = entryWith();
    const bytes = encodeEntry(entry);
    expect(bytes[0]).toBe(0x7b);
    const read = decodeEntry(bytes);
    expect(read).toStrictEqual(entry);
    expect([...read.summary.steps.keys()]).toEqual(['en-US/start', 'de-DE/start', 'en-US/a']);
    expect([...read.summary.helpers]).toEqual(['money', 'digits']);
  });

  const notJson: [string, (e: Record<string, unknown>) => void][] = [
    ['undefined in an array', (e) => (e.onAnswer = ['a', undefined])],
    ['an undefined property', (e) => ((e.chunk as Record<string, unknown>).extra = undefined)],
    ['NaN', (e) => ((e.summary as Record<string, unknown>).data = { n: Number.NaN })],
    ['-0', (e) => ((e.diagnostics as Record<string, unknown>[])[0]!.line = -0)],
    ['a Map elsewhere', (e) => (e.numbers = new Map([['+1', 'x']]))],
    ['a Set elsewhere', (e) => (e.found = new Set(['x']) as unknown)],
    ['a summary without its Map', (e) => ((e.summary as Record<string, unknown>).steps = [['en-US/start', true]])],
  ];
  for (const [what, change] of notJson) {
    it(`is v8's serialization, read back exactly, with ${what}`, () => {
      const entry = entryWith(change);
      const bytes = encodeEntry(entry);
      expect(bytes[0]).toBe(0xff);
      expect(decodeEntry(bytes)).toStrictEqual(entry);
    });
  }

  it('of the format before (v8 serialization) is read', () => {
    const entry = entryWith();
    expect(decodeEntry(serialize(entry))).toStrictEqual(entry);
  });

  it('throws when damaged (the cache then does not use it)', () => {
    const bytes = encodeEntry(entryWith());
    expect(() => decodeEntry(bytes.subarray(0, bytes.length - 3))).toThrow();
  });
});

/**
 * A message dependency's hash (compiler/pipeline/flow-deps.ts) is a function of the catalog's path and the
 * entry's pointer and text only: the same whichever object of the file it is read from (a warm compiler
 * reuses an edited catalog's hashes from its previous object), and different when the text changes.
 */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../compiler/load/source-file.js';
import { currentHash, type DepSource } from '../../compiler/pipeline/flow-deps.js';
import { hashText } from '../../compiler/pipeline/flow-cache.js';
import { buildProjectModel, type MessageEntry } from '../../compiler/resolve/project-model.js';

const sep = '\u0000';
const { model } = buildProjectModel([]);
const catalogFile = (text: string): SourceFile => ({ path: 'flows/messages/en-US.yaml', kind: 'messages', text }) as SourceFile;
/** The hashes of the message dependencies `keys` with the catalog read from a file object holding `entries`. */
const hashes = (entries: Record<string, string>, keys: string[]): string[] => {
  const file = catalogFile(JSON.stringify(entries));
  const catalog = new Map<string, MessageEntry>(Object.entries(entries).map(([key, text]) => [key, { text, file, pointer: `/${key}` }]));
  const source = {
    global: 'g',
    model: { ...model, catalogs: new Map([['en-US', catalog]]) },
    state: {},
    files: new Map(),
  } as unknown as DepSource;
  return keys.map((key) => currentHash(`m${sep}en-US${sep}${key}`, source, 'x'));
};
const fresh = (key: string, text: string): string => hashText(`flows/messages/en-US.yaml${sep}/${key}${sep}${text}`);

describe('message dependency hashes', () => {
  const steps: { name: string; entries: Record<string, string> }[] = [
    { name: 'first read', entries: { a: 'Hello.', b: 'Bye.' } },
    { name: 'one text changed (a new file object)', entries: { a: 'Hello again.', b: 'Bye.' } },
    { name: 'changed back', entries: { a: 'Hello.', b: 'Bye.' } },
    { name: 'an entry removed', entries: { b: 'Bye.' } },
    { name: 'an entry added', entries: { a: 'Hi.', b: 'Bye.', c: 'New.' } },
  ];
  it('hash what each file object says, whatever was read before', () => {
    for (const { name, entries } of steps) {
      const keys = ['a', 'b', 'c'];
      expect(hashes(entries, keys), name).toEqual(keys.map((k) => (entries[k] === undefined ? '-' : fresh(k, entries[k]!))));
    }
  });

  it('differ when the text differs, and not otherwise', () => {
    const [a1] = hashes({ a: 'Hello.' }, ['a']);
    const [a2] = hashes({ a: 'Hello!' }, ['a']);
    const [a3] = hashes({ a: 'Hello.' }, ['a']);
    expect(a1).not.toBe(a2);
    expect(a1).toBe(a3);
  });

  it('give g and x their hashes without reading the model', () => {
    const source = { global: 'global-hash' } as unknown as DepSource;
    expect(currentHash('g', source, 'context-hash')).toBe('global-hash');
    expect(currentHash('x', source, 'context-hash')).toBe('context-hash');
  });
});

describe('dependency names', () => {
  it('are read whole after the kind (a reported finding whose key holds the separator)', () => {
    const key = `flows/a.flow.yaml#/steps/x${sep}talk`;
    const source = { state: { reported: new Set([key]) } } as unknown as DepSource;
    expect(currentHash(`r${sep}${key}`, source, '')).toBe('1');
    expect(currentHash(`r${sep}flows/a.flow.yaml#/steps/x`, source, '')).toBe('0');
  });

  it('read a message key whole after its locale', () => {
    const [hash] = hashes({ [`a${sep}b`]: 'Hello.' }, [`a${sep}b`]);
    expect(hash).toBe(fresh(`a${sep}b`, 'Hello.'));
  });
});

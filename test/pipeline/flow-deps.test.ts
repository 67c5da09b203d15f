/**
 * A message dependency's hash (compiler/pipeline/flow-deps.ts) is a function of the catalog's path and the
 * entry's pointer and text only: the same whichever object of the file it is read from (a warm compiler
 * reuses an edited catalog's hashes from its previous object), and different when the text changes.
 */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../compiler/load/source-file.js';
import { changedMessages, currentHash, type DepSource, depsHold } from '../../compiler/pipeline/flow-deps.js';
import { hashText } from '../../compiler/pipeline/flow-cache.js';
import { buildProjectModel, type MessageEntry } from '../../compiler/resolve/project-model.js';
import { seededRandom } from '../helpers/seeded-random.js';

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

describe("a flow's dependencies checked together (depsHold, each array cut once)", () => {
  it('hold exactly when each has its hash now, over random projects, the same arrays build after build, and named changes', () => {
    const next = seededRandom(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const keys = ['a', 'b', `c${sep}d`, 'é'];
    const locales = ['en-US', 'fr-FR'];
    const names = ['n1', 'n2', `n${sep}3`];
    const source = (): DepSource => {
      const catalogs = new Map<string, Map<string, MessageEntry>>();
      for (const locale of locales) {
        if (next() < 0.1) continue;
        const file = {
          path: pick([`flows/messages/${locale}.yaml`, `flows/messages/${locale}/more.yaml`]),
          kind: 'messages',
          text: String(next()),
        } as SourceFile;
        catalogs.set(
          locale,
          new Map(
            keys
              .filter(() => next() < 0.8)
              .map((key) => [key, { text: pick(['Hi.', 'Bye.']), file, pointer: pick([`/${key}`, `/x/${key}`]) }]),
          ),
        );
      }
      const some = () => new Set(names.filter(() => next() < 0.5));
      const fileOf = (path: string) => ({ path, text: pick(['x', 'y']) }) as SourceFile;
      return {
        global: pick(['g1', 'g2']),
        model: {
          ...model,
          catalogs,
          paySets: new Map(names.filter(() => next() < 0.7).map((n) => [n, fileOf(`pay/${n}.yaml`)])),
          templates: new Map(names.filter(() => next() < 0.7).map((n) => [n, { file: fileOf(`templates/${n}.yaml`) }])),
        },
        state: { reported: some(), checkedPaySets: some(), failedSites: some() },
        files: new Map(names.filter(() => next() < 0.7).map((n) => [n, fileOf(n)])),
      } as unknown as DepSource;
    };
    const depNames = [
      'g',
      'x',
      ...locales.map((l) => `c${sep}${l}`),
      ...locales.flatMap((l) => keys.map((k) => `m${sep}${l}${sep}${k}`)),
      ...names.flatMap((n) => ['p', 't', 'r', 's', 'u', 'f'].map((kind) => `${kind}${sep}${n}`)),
    ];
    /** The catalogs with a message or two changed, added or removed (new maps: the model is made anew each build). */
    const edited = (catalogs: DepSource['model']['catalogs']): DepSource['model']['catalogs'] => {
      const out = new Map([...catalogs].map(([locale, c]) => [locale, new Map(c)]));
      for (let n = 1 + Math.floor(next() * 2); n > 0; n--) {
        const catalog = out.get(pick(locales));
        if (!catalog) continue;
        const key = pick(keys);
        const e = catalog.get(key);
        if (e && next() < 0.3) catalog.delete(key);
        else if (e) catalog.set(key, { ...e, text: pick(['Hi.', 'Bye.', 'New.']) });
        else catalog.set(key, { text: 'Added.', file: catalogFile('added'), pointer: `/${key}` });
      }
      return out;
    };
    // Each array with the project its hashes were taken from.
    const kept: { deps: [string, string][]; then: DepSource }[] = [];
    const seen = { held: 0, failed: 0, named: 0, skipped: 0 };
    let last = source();
    for (let round = 0; round < 400; round++) {
      // Mostly a few messages changed since the last round, sometimes a project drawn anew.
      const now: DepSource = next() < 0.2 ? source() : { ...last, model: { ...last.model, catalogs: edited(last.model.catalogs) } };
      last = now;
      const context = pick(['x1', 'x2']);
      if (kept.length < 20 || next() < 0.3) {
        const then = next() < 0.5 ? now : source();
        kept.push({
          then,
          deps: depNames.filter(() => next() < 0.3).map((dep) => [dep, currentHash(dep, then, next() < 0.9 ? context : 'x0')]),
        });
      }
      for (const { deps, then } of kept) {
        const expected = deps.every(([dep, hash]) => currentHash(dep, now, context) === hash);
        expect(depsHold(deps, now, context), `round ${round}`).toBe(expected);
        // The message dependencies held against `then`'s catalogs: only the changes named since are looked at.
        const changed = changedMessages(then.model.catalogs, now.model.catalogs);
        if (changed) {
          expect(depsHold(deps, now, context, { changed }), `round ${round}, named changes`).toBe(expected);
          seen.named++;
          if (expected && deps.some(([dep]) => dep.startsWith('m')) && ![...changed].some((c) => deps.some(([dep]) => dep === c)))
            seen.skipped++;
        }
        if (expected) seen.held++;
        else seen.failed++;
      }
    }
    expect(seen.held).toBeGreaterThan(100);
    expect(seen.failed).toBeGreaterThan(100);
    expect(seen.named).toBeGreaterThan(1000);
    expect(seen.skipped).toBeGreaterThan(100);
  });
});

/**
 * The precompiled action validators (compiler/validate/compiled-validators.generated.ts): made from the schemas as
 * they are now, and giving what ajv compiling the schemas itself gives — the verdict and every error, with the
 * schema, parent schema and data the translator reads — on every NCCO action of the conformance corpora, the seed
 * examples, the fixtures and the example project, and on each of them spoiled one option at a time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../compiler/validate/action-validators.js';
import { actionNames, actionSchemas, type ActionName } from '../../compiler/validate/schemas/index.js';
import { ucs2length } from '../../compiler/validate/standalone-runtime.js';
import { standaloneValidatorsSource, validatorAjv } from '../../compiler/validate/standalone-validators.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every .json file under `dir` (none when it is not there). */
function jsonFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

/** The actions of an NCCO file, whatever its shape (an array, one action, or not JSON at all: none). */
function actionsOf(file: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const list = Array.isArray(data) ? data : [data];
  return list.filter(
    (a): a is Record<string, unknown> =>
      typeof a === 'object' &&
      a !== null &&
      typeof (a as { action?: unknown }).action === 'string' &&
      (a as { action: string }).action in actionSchemas,
  );
}

/** The action as it is, then with each option in turn replaced by values of other kinds, and with an unknown key. */
function spoiled(action: Record<string, unknown>): Record<string, unknown>[] {
  const values: unknown[] = [12345, -1, 1.5, 'x', '', 'a'.repeat(2000), '😀\ud800', null, true, [], [{}], {}, { x: 1 }];
  const out = [action, { ...action, notAnOption: 1 }];
  for (const key of Object.keys(action)) if (key !== 'action') for (const value of values) out.push({ ...action, [key]: value });
  return out;
}

describe('the precompiled action validators', () => {
  it('are the code the schemas make now (run `npm run generate:validators` after changing a schema)', () => {
    const committed = readFileSync(path.join(root, 'compiler/validate/compiled-validators.generated.ts'), 'utf8');
    expect(committed === standaloneValidatorsSource()).toBe(true);
  });

  it('give the verdict and the errors ajv gives when it compiles the schemas itself', () => {
    const ajv = validatorAjv();
    const reference = new Map(actionNames.map((name) => [name, ajv.compile(actionSchemas[name])]));
    const files = [
      ...jsonFiles(path.resolve(root, '../shared/conformance')),
      ...jsonFiles(path.resolve(root, '../shared/conformance-2')),
      ...jsonFiles(path.join(root, 'test/validate/fixtures')),
      ...jsonFiles(path.join(root, 'dist/ncco')),
    ];
    const seen = new Set<string>();
    let compared = 0;
    let invalid = 0;
    for (const file of files) {
      for (const original of actionsOf(file)) {
        for (const action of spoiled(original)) {
          const key = JSON.stringify(action);
          if (seen.has(key)) continue;
          seen.add(key);
          const name = action.action as ActionName;
          const expected = reference.get(name)!;
          const actual = validatorFor(name);
          const verdict = expected(action);
          expect(actual(action), key).toBe(verdict);
          expect(JSON.stringify(actual.errors ?? null), key).toBe(JSON.stringify(expected.errors ?? null));
          compared++;
          if (!verdict) invalid++;
        }
      }
    }
    // Every action kind, and thousands of actions, most of them refused: the corpus was there.
    const kinds = new Set([...seen].map((k) => (JSON.parse(k) as { action: string }).action));
    expect(kinds).toEqual(new Set(actionNames));
    expect(compared).toBeGreaterThan(5000);
    expect(invalid).toBeGreaterThan(compared / 2);
  });

  it('count a text’s length in code points as ajv does', () => {
    const ajvLength = (createRequire(import.meta.url)('ajv/dist/runtime/ucs2length') as { default: (s: string) => number }).default;
    for (const text of [
      '',
      'a',
      'abc',
      '😀',
      'a😀b',
      '\ud800',
      '\udc00',
      '\ud800a',
      'a\ud800',
      '\udc00\ud800',
      '😀😀',
      'é',
      '\ud83d\ude00\ud83d',
    ]) {
      expect(ucs2length(text), JSON.stringify(text)).toBe(ajvLength(text));
    }
  });
});

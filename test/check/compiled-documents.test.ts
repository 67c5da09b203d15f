/**
 * The precompiled document validators (compiler/check/compiled-documents.generated.ts): made from the schemas as
 * they are now, and giving what ajv compiling the schemas itself gives — the verdict and every error, with the
 * schema, parent schema and data the diagnostics read — on every project document in the repository (the example
 * project, the adversarial fixtures, the files inside the end-to-end scenarios), and on each of them spoiled one
 * value at a time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkDocument } from '../../compiler/check/check-documents.js';
import * as compiled from '../../compiler/check/compiled-documents.generated.js';
import { documentAjv, documentSchemas, exportNameOf, standaloneDocumentsSource } from '../../compiler/check/standalone-documents.js';
import { classifyPath, type FileKind } from '../../compiler/load/source-file.js';
import { parseSource } from '../../compiler/load/parse-source.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

/** Every document of a kind the build checks: [kind, value], from project files and from the scenarios' `files`. */
function documents(): [FileKind, unknown][] {
  const out: [FileKind, unknown][] = [];
  const add = (rel: string, text: string): void => {
    const kind = classifyPath(rel);
    if (kind === undefined) return;
    try {
      out.push([kind, parse(text, { logLevel: 'silent' })]);
    } catch {
      // not YAML the checker would see (a syntax error is reported before the schema check)
    }
  };
  for (const file of fg.sync(['flowc.yaml', 'flows/**/*.yaml', 'templates/**/*.yaml'], { cwd: root }))
    add(file, readFileSync(path.join(root, file), 'utf8'));
  for (const fixture of fg.sync('test/adversarial/fixtures/*/', { cwd: root, onlyDirectories: true })) {
    const dir = path.join(root, fixture);
    for (const file of fg.sync(['flowc.yaml', 'flows/**/*.yaml', 'templates/**/*.yaml'], { cwd: dir }))
      add(file, readFileSync(path.join(dir, file), 'utf8'));
  }
  for (const file of fg.sync('test/scenarios/*.yaml', { cwd: root })) {
    const scenario = parse(readFileSync(path.join(root, file), 'utf8'), { logLevel: 'silent' }) as {
      files?: Record<string, unknown>;
    } | null;
    for (const [rel, text] of Object.entries(scenario?.files ?? {})) if (typeof text === 'string') add(rel, text);
  }
  return out;
}

/** The value as it is, then with each value in turn (to a depth) replaced by values of other kinds, and with an unknown key. */
function spoiled(value: unknown): unknown[] {
  const others: unknown[] = [12345, -1, 1.5, 'x', '', 'a'.repeat(300), null, true, [], [{}], {}, { x: 1 }];
  const out: unknown[] = [value];
  const visit = (node: unknown, replace: (v: unknown) => unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(node)) {
      node.slice(0, 3).forEach((item, i) => {
        const at = (v: unknown): unknown => replace(node.map((x, j) => (j === i ? v : x)));
        for (const other of others.slice(0, 4)) out.push(at(other));
        visit(item, at, depth + 1);
      });
    } else if (node !== null && typeof node === 'object') {
      out.push(replace({ ...node, notAKey: 1 }));
      for (const key of Object.keys(node).slice(0, 8)) {
        const at = (v: unknown): unknown => replace({ ...node, [key]: v });
        for (const other of depth === 0 ? others : others.slice(0, 4)) out.push(at(other));
        visit((node as Record<string, unknown>)[key], at, depth + 1);
      }
    }
  };
  visit(value, (v) => v, 0);
  return out;
}

describe('the precompiled document validators', () => {
  it('are the code the schemas make now (run `npm run generate:validators` after changing a schema)', () => {
    const committed = readFileSync(path.join(root, 'compiler/check/compiled-documents.generated.ts'), 'utf8');
    expect(committed === standaloneDocumentsSource()).toBe(true);
  });

  it('give the verdict and the errors ajv gives when it compiles the schemas itself', () => {
    const ajv = documentAjv();
    const generated = compiled as unknown as Record<string, Validator>;
    const reference = new Map(Object.entries(documentSchemas).map(([kind, schema]) => [kind, ajv.compile(schema)]));
    const docs = documents();
    const seen = new Set<string>();
    const compared = new Map<string, number>();
    let invalid = 0;
    for (const [kind, original] of docs) {
      for (const value of spoiled(original)) {
        const key = `${kind}\u0000${JSON.stringify(value)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const ours = generated[exportNameOf(kind)]!;
        const theirs = reference.get(kind)!;
        const verdict = ours(value);
        expect(verdict, key).toBe(theirs(value));
        expect(ours.errors ?? null, key).toEqual(theirs.errors ?? null);
        compared.set(kind, (compared.get(kind) ?? 0) + 1);
        if (!verdict) invalid++;
      }
    }
    // Each kind was compared on many documents, valid and not (the comparison can fail).
    for (const kind of Object.keys(documentSchemas)) expect(compared.get(kind) ?? 0, kind).toBeGreaterThan(20);
    expect(invalid).toBeGreaterThan(seen.size / 4);
    expect(seen.size - invalid).toBeGreaterThan(100);
  });

  it('are what the check stage runs: a known error comes back as its diagnostic', () => {
    const text = 'flow: a\nlocales: [en-US]\nstart: hello\nsteps:\n  hello:\n    - talk: { text: Hi }\nnotAKey: 1\n';
    const { file } = parseSource('flows/a.flow.yaml', 'flow', new TextEncoder().encode(text));
    const found = checkDocument(file!);
    expect(found.map((d) => [d.code, d.range?.start.line, d.range?.start.col])).toEqual([['format/unknown-key', 7, 1]]);
  });
});

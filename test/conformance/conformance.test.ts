/**
 * The real-world conformance corpora beside the repository (../shared/conformance and ../shared/conformance-2):
 * every file labelled `ok` must get no error, every file labelled `error` at least one — and, where the label
 * gives a `pointer`, one located at that value, a child of it, or the object one level up. Files under
 * ambiguous/ are not scored (the sources disagree) but must lint without crashing. Files are linted as
 * `flowc lint-ncco` does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintNccoFiles } from '../../compiler/validate/lint-ncco.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Label {
  /** ambiguous/ files are 'unsettled'. */
  expect: 'ok' | 'error' | 'unsettled';
  why?: string;
  source?: string;
  pointer?: string;
}

const corpora = [
  { name: 'conformance', size: 118 },
  { name: 'conformance-2', size: 99 },
];

/** The error is at the labelled value, inside it, or on the object that holds it. */
function locatedAt(pointer: string | undefined, wanted: string): boolean {
  if (pointer === undefined) return false;
  const parent = wanted.slice(0, wanted.lastIndexOf('/'));
  return pointer === wanted || pointer.startsWith(`${wanted}/`) || pointer === parent;
}

for (const { name, size } of corpora) {
  const corpus = path.resolve(repoRoot, '../shared', name);
  const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8')) as Record<string, Label>;
  const entries = Object.entries(labels);

  describe(`${name} corpus`, () => {
    it(`has the ${size} labelled files`, () => {
      expect(entries).toHaveLength(size);
    });

    it.each(entries)('%s', async (file, label) => {
      const { diagnostics } = await lintNccoFiles([file], { cwd: corpus });
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const shown = errors.map((d) => `${d.code} ${d.pointer ?? ''}`);
      if (label.expect === 'ok') expect(shown, label.why).toEqual([]);
      else if (label.expect === 'error') {
        expect(shown.length, label.why).toBeGreaterThan(0);
        if (label.pointer !== undefined) {
          const wanted = label.pointer;
          expect(
            errors.some((d) => locatedAt(d.pointer, wanted)),
            `an error at ${wanted}: ${shown.join('; ')}`,
          ).toBe(true);
        }
      } else expect(diagnostics.every((d) => typeof d.code === 'string')).toBe(true);
    });
  });
}

/**
 * The real-world conformance corpus (shared/conformance, beside the repository): every file labelled `valid`
 * must get no error, every file labelled `invalid` at least one. Files are linted as `flowc lint-ncco` does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintNccoFiles } from '../../compiler/validate/lint-ncco.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpus = path.resolve(repoRoot, '../shared/conformance');

interface Label {
  expect: 'ok' | 'error';
  why?: string;
  source?: string;
}

const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8')) as Record<string, Label>;
const entries = Object.entries(labels);

describe('conformance corpus', () => {
  it('has the 118 labelled files', () => {
    expect(entries).toHaveLength(118);
  });

  it.each(entries)('%s', async (file, label) => {
    const { diagnostics } = await lintNccoFiles([file], { cwd: corpus });
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer ?? ''}`);
    if (label.expect === 'ok') expect(errors).toEqual([]);
    else expect(errors.length).toBeGreaterThan(0);
  });
});

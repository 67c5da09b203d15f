/**
 * The manifest put together from per-flow groups whose text is kept between builds (issue 12, "Rebuilds";
 * compiler/emit/plan-output.ts, planProjectFilesOfGroups): every file it plans must be what
 * planProjectFiles() gives from the same entries, byte for byte — for any names, groups in any order,
 * groups whose paths interleave (flow names that are prefixes of others, names with a slash), and group
 * arrays served again from an earlier build next to new ones.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type NccoFileEntry,
  type OutputFile,
  planNccoFiles,
  planProjectFiles,
  planProjectFilesOfGroups,
} from '../../compiler/emit/plan-output.js';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import type { OutputStep } from '../../compiler/pipeline/flow-cache.js';
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import { seededRandom } from '../helpers/seeded-random.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let program: RouterProgram;
beforeAll(async () => {
  // The example project's program: the router's files are planned from it by both.
  program = (await buildProject(repo)).program;
}, 120_000);

const pieces = ['a', 'b', 'a-b', 'a/b', 'ab', 'é', '→', '"', '\\', ' ', '0', 'Z', '.', '_', '😀'];
const contents = (files: OutputFile[]) => files.map((f) => [f.path, f.content]);

describe('the manifest from per-flow groups', () => {
  it('is the manifest of all entries, byte for byte, over random flows, names and rebuilds', () => {
    const next = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const name = (): string => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(pieces)).join('');
    let kept: (readonly NccoFileEntry[])[] = [];
    let fellBack = 0;
    for (let round = 0; round < 150; round++) {
      // Some groups kept from the round before (the same arrays, as a warm compiler hands them), some new.
      const groups: (readonly NccoFileEntry[])[] = kept.filter(() => next() < 0.7);
      for (let n = Math.floor(next() * 6); n > 0; n--) {
        const flow = name();
        const steps: OutputStep[] = [];
        for (let k = Math.floor(next() * 6); k > 0; k--)
          steps.push({
            flow,
            locale: pick(['en-US', 'es-US', 'x/y']),
            step: name(),
            ncco: [],
            reads: next() < 0.2 ? ['v'] : [],
            sha256: name(),
          });
        groups.push(Object.freeze(planNccoFiles(steps).map((p) => p.entry)));
      }
      // In any order.
      groups.sort(() => next() - 0.5);
      const cdnUrl = next() < 0.5 ? 'https://cdn.example.com/x' : undefined;
      const wrangler = next() < 0.2;
      const expected = contents(planProjectFiles(groups.flat(), program, cdnUrl, { wrangler }));
      expect(contents(planProjectFilesOfGroups(groups, program, cdnUrl, { wrangler })), `round ${round}`).toEqual(expected);
      // Again from the kept texts.
      expect(contents(planProjectFilesOfGroups(groups, program, cdnUrl, { wrangler })), `round ${round}, again`).toEqual(expected);
      kept = groups;
      const paths = groups.flat().map((e) => e.file);
      if (paths.some((p) => p.includes('a/b/'))) fellBack++;
    }
    // Interleaving names came up (and were handled by the fallback, compared above).
    expect(fellBack).toBeGreaterThan(0);
  });

  it('gives the empty list of files as JSON.stringify does', () => {
    const expected = contents(planProjectFiles([], program, undefined));
    expect(contents(planProjectFilesOfGroups([], program, undefined))).toEqual(expected);
    expect(contents(planProjectFilesOfGroups([[], []], program, undefined))).toEqual(expected);
  });
});

/**
 * The build's count of NCCO files and of steps the router renders (they read call data: no file), as the
 * report says them: the stager counts each flow with its plan, made once per steps array (a watch hands
 * the same array for a flow served from its cache). The counts must be the steps' own, whether a flow's
 * plan is new or kept, and the same as `flowc check` counts without an output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildOutputStager } from '../../compiler/emit/build-output-stager.js';
import { openOutput } from '../../compiler/emit/write-output.js';
import type { OutputStep } from '../../compiler/pipeline/flow-cache.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-stager-counts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const steps = (flow: string, reads: readonly boolean[]): OutputStep[] =>
  reads.map((r, i) => ({
    flow,
    locale: 'en-US',
    step: `s${i}`,
    ncco: [{ action: 'talk', text: `${flow} ${i}` }],
    reads: r ? ['balance'] : [],
  }));

describe('the stager counts', () => {
  it.each([
    ['no step reads call data', [false, false, false]],
    ['some do', [true, false, true, false]],
    ['all do', [true, true]],
    ['no steps', []],
  ])('NCCOs and rendered steps when %s, for a plan new or kept', (_, reads: boolean[]) => {
    const a = steps('a', reads);
    const b = steps('b', [false, true]);
    const stream = openOutput(path.join(temp, `out-${reads.length}-${reads.filter(Boolean).length}`));
    try {
      const stager = new BuildOutputStager(stream, true);
      const counting = new BuildOutputStager();
      // The same arrays twice (the second time their plans are kept), as a restarted build hands them.
      for (const s of [a, b, a]) {
        stager.flow(s);
        counting.flow(s);
      }
      const rendered = 2 * reads.filter(Boolean).length + 1;
      expect({ nccos: stager.nccos, rendered: stager.rendered }).toEqual({ nccos: 2 * reads.length + 2 - rendered, rendered });
      expect({ nccos: counting.nccos, rendered: counting.rendered }).toEqual({ nccos: stager.nccos, rendered: stager.rendered });
    } finally {
      stream.abort();
    }
  });
});

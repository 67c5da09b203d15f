/**
 * The router's files from pieces kept between builds (issue 12, "Rebuilds"; compiler/router/generate-router.ts):
 * each flow's consistency check and its line of FlowData are kept per summary object, the numbers' shards
 * and the bundled runtime by value. A warm compiler hands the same summary objects for the flows served from
 * its cache, next to new ones for the flows that changed. Whatever is kept, the files (or the error) must be
 * what a build that kept nothing gives, byte for byte — in particular when a kept flow jumps into a flow that
 * changed, or calls a lookup that is no longer declared. flow.schema.json is the compiler's own: made once.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../compiler/check/schemas/editor-schemas.js';
import { planProjectFiles, plannedSha256 } from '../../compiler/emit/plan-output.js';
import type { FlowCheck, FlowSummary } from '../../compiler/router/flow-summary.js';
import { forgetRouterPieces, generateRouterFiles } from '../../compiler/router/generate-router.js';
import type { DataDeclaration, HelperName, ProjectProgram } from '../../compiler/router/runtime/program.mjs';
import { seededRandom } from '../helpers/seeded-random.js';

const names = ['a', 'b', 'a-b', 'é', '→', 'x"y', 'c'];
const locales = ['en-US', 'es-US'];
const stepNames = ['start', 'menu', 'end', 'ask'];
const helperNames: HelperName[] = ['date', 'digits', 'money', 'pause', 'time'];
const lookupNames = ['crm', 'balance', 'ticket'];

type Outcome = { files: [string, string][] } | { error: string };

function generate(project: ProjectProgram, summaries: readonly FlowSummary[]): Outcome {
  try {
    return { files: generateRouterFiles({ project, flows: [], summaries }).map((f) => [f.path, f.content]) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe("the router's files from kept pieces", () => {
  it('are the files of a build that keeps nothing, byte for byte, over random flows and rebuilds', () => {
    const next = seededRandom(12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => next() < p);
    const summary = (flow: string): FlowSummary => {
      const flowLocales = locales;
      const steps = new Map<string, boolean>();
      for (const locale of flowLocales) for (const step of some(stepNames, 0.97)) steps.set(`${locale}/${step}`, next() < 0.5);
      const checks: FlowCheck[] = [];
      for (let n = Math.floor(next() * 5); n > 0; n--) {
        const r = next();
        if (r < 0.6)
          checks.push({
            key: `${pick(locales)}/${pick(stepNames)}`,
            target: { flow: pick(names), locale: pick(locales), step: pick(stepNames) },
          });
        else if (r < 0.99) checks.push({ key: pick(stepNames), lookup: pick(lookupNames) });
        else checks.push({ problem: `problem ${pick(names)}` });
      }
      const data: Record<string, DataDeclaration> = {};
      for (const name of some(['account', 'caller', 'amount', 'é'], 0.4))
        data[name] =
          next() < 0.5
            ? { type: { type: 'text' }, optional: next() < 0.5 }
            : { type: { type: 'one-of', values: some(['x', 'ü', '"'], 0.6) } };
      return {
        flow,
        locales: flowLocales,
        data,
        steps,
        readsAnswerBuiltins: next() < 0.2,
        helpers: new Set(some(helperNames, 0.3)),
        sha256: String(next()),
        checks,
      };
    };
    let kept = new Map<string, FlowSummary>();
    const seen = { files: 0, errors: 0, keptFlowErrors: 0 };
    for (let round = 0; round < 300; round++) {
      // Each flow kept (the same object, as a warm compiler hands it) or made anew; some flows come and go.
      const summaries: FlowSummary[] = [];
      for (const flow of names) {
        if (next() < 0.03) continue;
        const old = kept.get(flow);
        summaries.push(old && next() < 0.75 ? old : summary(flow));
      }
      const numbers: ProjectProgram['numbers'] = {};
      for (let n = Math.floor(next() * 8); n > 0; n--) {
        const number = next() < 0.01 ? '12a' : String(1000 + Math.floor(next() * 60));
        numbers[number] = {
          start: { flow: pick(names), locale: pick(locales), step: pick(stepNames) },
          answeredBy: next() < 0.5 ? 'cdn' : 'router',
        };
      }
      const lookups: ProjectProgram['lookups'] = {};
      for (const name of some(lookupNames, 0.95))
        lookups[name] = { input: {}, output: { value: { type: { type: 'text' } } }, timeoutMs: 1000 };
      const project: ProjectProgram = {
        version: 1,
        projectId: 'p',
        routerUrl: 'https://ivr.example.com/flowc',
        numbers,
        flows: {},
        hours: {},
        lookups,
      };
      const warm = generate(project, summaries);
      forgetRouterPieces();
      const clean = generate(project, summaries);
      expect(warm, `round ${round}`).toEqual(clean);
      if ('files' in clean) seen.files++;
      else {
        seen.errors++;
        // Problems of a flow kept from the round before (its check may have been kept too).
        if (summaries.some((s) => kept.get(s.flow) === s && clean.error.includes(`step "${s.flow}/`))) seen.keptFlowErrors++;
      }
      kept = new Map(summaries.map((s) => [s.flow, s]));
    }
    // Both outcomes came up, and kept flows' problems among the errors.
    expect(seen.files).toBeGreaterThan(20);
    expect(seen.errors).toBeGreaterThan(20);
    expect(seen.keptFlowErrors).toBeGreaterThan(10);
  });
});

describe('flow.schema.json, made once per compiler', () => {
  it('is the editor schema, with its own sha256, in every plan', () => {
    const project: ProjectProgram = {
      version: 1,
      projectId: 'p',
      routerUrl: 'https://ivr.example.com',
      numbers: {},
      flows: {},
      hours: {},
      lookups: {},
    };
    const expected = `${JSON.stringify(editorSchema('flow'), null, 2)}\n`;
    for (let i = 0; i < 2; i++) {
      const file = planProjectFiles([], { project, flows: [], summaries: [] }, undefined).find((f) => f.path === 'flow.schema.json')!;
      expect(file.content).toBe(expected);
      expect(plannedSha256(file)).toBe(createHash('sha256').update(expected, 'utf8').digest('hex'));
    }
  });
});

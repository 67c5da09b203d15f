/**
 * The generated router of the example project (flows/): the committed dist/router.ts type-checks on
 * its own, and every transition of every example flow is driven by a realistic, signed webhook.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { generateRouter } from '../../compiler/router/generate-router.js';
import type { RouterModel } from '../../compiler/router/router-model.js';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { driveAllTransitions, repoRoot } from './drive-transitions.js';
import {
  importGeneratedJs,
  recordingLogger,
  standaloneTscOptions,
  tempDir,
  TEST_FALLBACK,
  TEST_SECRET,
  type GeneratedRouterModule,
} from './router-helpers.js';

const temp = tempDir('example-router');
let model: RouterModel;
let mod: GeneratedRouterModule;

beforeAll(async () => {
  const result = await buildProject(repoRoot);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  model = result.router;
  mod = await importGeneratedJs(model, temp.dir);
});
afterAll(() => temp.cleanup());

describe('example project router', () => {
  it('dist/router.ts and router.mjs are what the generator makes from flows/', () => {
    expect(readFileSync(path.join(repoRoot, 'dist/router.ts'), 'utf8')).toBe(generateRouter(model, { language: 'ts' }));
    expect(readFileSync(path.join(repoRoot, 'dist/router.mjs'), 'utf8')).toBe(generateRouter(model, { language: 'js' }));
  });

  it('dist/router.ts passes tsc --noEmit --strict on its own', () => {
    const options = standaloneTscOptions;
    const program = ts.createProgram([path.join(repoRoot, 'dist/router.ts')], options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('every transition of every flow answers the right NCCO (signed webhooks from the samples)', async () => {
    const now = Date.now();
    const router = mod.createRouter({
      signatureSecret: TEST_SECRET,
      now: () => now,
      fallbackNcco: () => TEST_FALLBACK,
      logger: recordingLogger().logger,
    });
    const results = await driveAllTransitions(model, router, {
      fallbackNcco: TEST_FALLBACK,
      authorize: (body: string) => `Bearer ${signWebhook(body, TEST_SECRET, { iat: Math.floor(now / 1000) - 5 })}`,
    });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Every transition route of the example is exercised.
    expect(results.length).toBeGreaterThan(Object.keys(model.transitions).length * 2);
  });
});

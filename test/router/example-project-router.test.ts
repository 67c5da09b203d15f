/**
 * The generated router of the example project (flows/): the committed dist/router.ts and dist/router/
 * are what the generator makes, type-check on their own, and every transition of every example flow
 * is driven by a realistic, signed webhook through the committed dist/router.mjs itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { generateRouterFiles, type RouterProgram } from '../../compiler/router/generate-router.js';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { driveAllTransitions, repoRoot } from './drive-transitions.js';
import {
  recordingLogger,
  standaloneTscOptions,
  TEST_FALLBACK,
  TEST_SECRET,
  typeErrors,
  type GeneratedRouterModule,
} from './router-helpers.js';

let program: RouterProgram;
let mod: GeneratedRouterModule;

beforeAll(async () => {
  const result = await buildProject(repoRoot);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  program = result.program;
  mod = (await import(pathToFileURL(path.join(repoRoot, 'dist/router.mjs')).href)) as GeneratedRouterModule;
});

describe('example project router', () => {
  it('dist/router.ts, router.mjs and dist/router/ are what the generator makes from flows/', () => {
    for (const file of generateRouterFiles(program)) {
      expect(readFileSync(path.join(repoRoot, 'dist', file.path), 'utf8'), file.path).toBe(file.content);
    }
  });

  it('dist/router.ts passes tsc --noEmit --strict on its own', async () => {
    expect(await typeErrors([path.join(repoRoot, 'dist/router.ts')])).toEqual([]);
  });

  it('demo/lookups.mjs implements the lookups dist/router.ts declares (tsc --strict --checkJs)', async () => {
    const errors = await typeErrors([path.join(repoRoot, 'demo/lookups.mjs')], { ...standaloneTscOptions, allowJs: true, checkJs: true });
    expect(errors).toEqual([]);
  });

  it('every transition of every flow answers the right NCCO (signed webhooks from the samples)', async () => {
    const now = Date.now();
    const router = mod.createRouter({
      signatureSecret: TEST_SECRET,
      now: () => now,
      fallbackNcco: () => TEST_FALLBACK,
      logger: recordingLogger().logger,
    });
    const results = await driveAllTransitions(program, router, {
      fallbackNcco: TEST_FALLBACK,
      now: () => now,
      authorize: (body: string) => `Bearer ${signWebhook(body, TEST_SECRET, { iat: Math.floor(now / 1000) - 5 })}`,
    });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Only what depends on call data is left to the whole calls (test/e2e/payment-line.test.ts): flows that declare data.
    const withData = new Set(program.flows.filter((f) => Object.keys(f.data).length > 0).map((f) => f.flow));
    expect(results.filter((r) => r.needsData && !withData.has(r.name.split('/')[0]!))).toEqual([]);
    // Every transition route of the example is exercised.
    const routes = program.flows.flatMap((f) => Object.values(f.steps).filter((s) => s.kind === 'ncco' && s.on !== undefined));
    expect(results.length).toBeGreaterThan(routes.length * 2);
  });
});

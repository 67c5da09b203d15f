/**
 * The router on Cloudflare's Workers runtime itself (workerd, from the `workerd` npm package): the
 * example project's router answers every transition with signed webhooks, with Web Crypto (no Node
 * compatibility) and with node:crypto (nodejs_compat); the 1,000-flow benchmark project's router starts
 * and answers a signed webhook within Workers' limits: script size (3 MB on the free plan, compressed),
 * memory (128 MB per isolate), start-up (what runs at the top level: only the small entry).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { generateRouterFiles, workerFiles, type RouterProgram } from '../../compiler/router/generate-router.js';
import { flowDataPath, type NumberEntry } from '../../compiler/router/runtime/layout.mjs';
import type { FlowProgram } from '../../compiler/router/runtime/program.mjs';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { driveAllTransitions, loadWebhookSamples, repoRoot, staticNcco } from './drive-transitions.js';
import { TEST_SECRET, tempDir } from './router-helpers.js';
import { ACCOUNTS, Call, CALLER, NEW_YORK, textsOf, utilityProgram } from './utility-call.js';
import { startWorkerd, workerdBinary, type RunningWorkerd } from './workerd-harness.js';

const run = promisify(execFile);
const temp = tempDir('router-workerd');
afterAll(() => temp.cleanup());

const SAFE = [
  { action: 'talk', text: 'Sorry, we cannot continue this call right now. Please call again later. Goodbye.', language: 'en-US' },
];

function writeDist(program: RouterProgram, name: string): string {
  const dir = path.join(temp.dir, name);
  for (const file of [...generateRouterFiles(program), ...workerFiles(program)]) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.content);
  }
  return dir;
}

/** A FetchRouter that sends each request to workerd, keeping its path, query, method, headers and body. */
const viaWorkerd = (worker: RunningWorkerd) => ({
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = request.method === 'POST' ? await request.arrayBuffer() : undefined;
    return fetch(`${worker.url}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      ...(body ? { body } : {}),
    });
  },
});

const binary = await workerdBinary();
if (!binary) console.warn('workerd tests skipped: the workerd binary is not installed for this platform');

describe.skipIf(!binary)('the example project’s router in workerd', () => {
  let program: RouterProgram;
  let dist: string;
  beforeAll(async () => {
    const result = await buildProject(repoRoot);
    program = result.program;
    dist = writeDist(program, 'example');
  });

  it.each([
    ['Web Crypto (no Node compatibility)', false],
    ['node:crypto (nodejs_compat)', true],
  ])('answers every transition of every flow, signed, with %s', async (_label, nodejsCompat) => {
    const worker = await startWorkerd({ dist, text: { VONAGE_SIGNATURE_SECRET: TEST_SECRET }, nodejsCompat });
    try {
      const results = await driveAllTransitions(program, viaWorkerd(worker), {
        fallbackNcco: SAFE,
        authorize: (payload) => `Bearer ${signWebhook(payload, TEST_SECRET)}`,
      });
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.length).toBeGreaterThan(100);
      const unsigned = await fetch(`${worker.url}/answer?to=14155550100`);
      expect(unsigned.status).toBe(401);
    } finally {
      await worker.stop();
    }
  });
});

describe.skipIf(!binary)('a call with data, state and lookups in workerd', () => {
  // The application's own worker entry, with its lookups (docs/hosting.md, "Cloudflare Workers").
  const APP_WORKER = `import { createRouter, createWorker } from './router.mjs';
const ACCOUNTS = ${JSON.stringify(ACCOUNTS)};
export default createWorker((env, base) =>
  createRouter({
    ...base,
    lookups: {
      'account-by-number': ({ number }) => ACCOUNTS[number] ?? null,
      'account-by-id': ({ account }) => ACCOUNTS[account] ?? null,
    },
  }),
);
`;

  it.each([
    ['Web Crypto', false],
    ['node:crypto', true],
  ])('looks the caller up, reads the balance, seals the state, takes the payment (%s)', async (_label, nodejsCompat) => {
    const dist = writeDist(utilityProgram(NEW_YORK), `utility-${nodejsCompat}`);
    writeFileSync(path.join(dist, 'app-worker.mjs'), APP_WORKER);
    const worker = await startWorkerd({ dist, main: 'app-worker.mjs', text: { VONAGE_SIGNATURE_SECRET: TEST_SECRET }, nodejsCompat });
    try {
      const call = new Call(viaWorkerd(worker), { now: Date.now() }, CALLER.found);
      const balance = await call.answer('14155550111');
      expect(textsOf(balance.ncco)).toEqual([
        'en-US: Hello Ann. Your balance is 42 dollars and 50 cents, due December 15, 2026. Press 1 to pay it now, or 2 for support.',
      ]);
      expect(call.url).toMatch(/\/on\/billing\/en-US\/balance\?s=[A-Za-z0-9_-]{40,}$/);
      expect((await call.press('1')).ncco[1]).toMatchObject({ action: 'pay', amount: 42.5 });
      expect(textsOf((await call.pay('success')).ncco)).toEqual(['en-US: Thank you, your payment was received.']);
      // Entered and confirmed digits, across the sealed state.
      const other = new Call(viaWorkerd(worker), { now: Date.now() }, CALLER.notFound);
      await other.answer('14155550111');
      expect(textsOf((await other.press('87654321')).ncco)[0]).toContain('<say-as interpret-as="digits">87654321</say-as>');
      expect(textsOf((await other.press('1')).ncco)[0]).toContain('120 dollars');
    } finally {
      await worker.stop();
    }
  });
});

describe.skipIf(!binary)('the 1,000-flow benchmark project’s router in workerd', () => {
  it('starts and answers a signed webhook within Workers’ limits', async () => {
    const project = path.join(temp.dir, 'p1000');
    const dist = path.join(temp.dir, 'p1000-dist');
    // Children, one at a time: the generator, then the build of the router alone (no NCCO files).
    await run(process.execPath, [
      path.join(repoRoot, 'bench/build/generate-project.mjs'),
      '--flows',
      '1000',
      '--locales',
      '4',
      '--steps',
      '8',
      '--out',
      project,
    ]);
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bench/router/build-router.mjs'), project, dist, '--wrangler'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const built = JSON.parse(stdout) as { flows: number; numbers: number; codeBytes: number; dataBytes: number };
    expect(built.flows).toBe(1000);

    const started = Date.now();
    const worker = await startWorkerd({ dist, text: { VONAGE_SIGNATURE_SECRET: TEST_SECRET } });
    try {
      const shards = path.join(dist, 'router/data/numbers');
      const numbers = JSON.parse(readFileSync(path.join(shards, readdirSync(shards).sort()[0]!), 'utf8')) as Record<string, NumberEntry>;
      const [number, entry] = Object.entries(numbers)[0]!;
      const sample = loadWebhookSamples()['Answer__Vonage_vonage-dotnet-sdk']!;
      const body = JSON.stringify({ ...sample, to: number });
      const res = await fetch(`${worker.url}/flowc/answer`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${signWebhook(body, TEST_SECRET)}`, 'content-type': 'application/json' },
      });
      const firstAnswerMs = Date.now() - started;
      expect(res.status).toBe(200);
      const flow = JSON.parse(readFileSync(path.join(dist, 'router/data', flowDataPath(entry.start.flow)), 'utf8')) as FlowProgram;
      expect(await res.json()).toEqual(staticNcco({ project: undefined as never, flows: [flow] }, entry.start));
      const rss = worker.rss();
      // Script size: what Workers parses at start-up. Memory: the whole workerd process, so the isolate is below it.
      expect(worker.scriptBytes).toBeLessThan(1024 * 1024);
      expect(rss).toBeLessThan(128 * 1024 * 1024);
      console.log(
        `workerd, 1,000 flows (${built.numbers} numbers, ${(built.dataBytes / 1e6).toFixed(1)} MB of data as assets): ` +
          `script ${(worker.scriptBytes / 1024).toFixed(0)} KiB, first signed answer ${firstAnswerMs} ms after spawn, workerd RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
      );
    } finally {
      await worker.stop();
    }
  });
});

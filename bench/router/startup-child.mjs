// One start of a generated router, in a fresh process: `node startup-child.mjs <routerDir> <number> <secret> [entry]`
// (entry: router.mjs by default).
// Prints JSON: Node's own start-up, then from here (before the import) to the first answer of a signed
// /answer webhook: import, createRouter, the answer (which reads a number shard and a flow chunk), and
// the process's memory afterwards.
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const nodeStartMs = performance.now();
const t0 = performance.now();
const [routerDir, number, secret, entry = 'router.mjs'] = process.argv.slice(2);
const mod = await import(pathToFileURL(path.join(routerDir, entry)).href);
const t1 = performance.now();
const router = mod.createRouter({ signatureSecret: secret, logger: { warn: () => undefined } });
const t2 = performance.now();
const { signWebhook } = await import(pathToFileURL(path.join(process.env.FLOWC_ROOT, 'build/compiler/router/sign-webhook.js')).href);
const body = JSON.stringify({ to: number, from: '15551234567', uuid: 'uuid-start', conversation_uuid: 'CON-start' });
const authorization = `Bearer ${signWebhook(body, secret)}`;
const t3 = performance.now();
const answer = await router.handle({ method: 'POST', url: '/answer', body: new TextEncoder().encode(body), authorization });
const t4 = performance.now();
if (answer.status !== 200 || !answer.body?.startsWith('[')) throw new Error(`answered ${answer.status} ${answer.body}`);
const memory = process.memoryUsage();
console.log(
  JSON.stringify({
    nodeStartMs,
    importMs: t1 - t0,
    createMs: t2 - t1,
    answerMs: t4 - t3,
    firstAnswerMs: t1 - t0 + (t2 - t1) + (t4 - t3),
    rssMB: memory.rss / 2 ** 20,
    heapMB: memory.heapUsed / 2 ** 20,
  }),
);

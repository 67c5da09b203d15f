// CPU time of router.handle() per request, in-process, for two compiler builds side by side:
//
//   node bench/router/handle-cpu.mjs [--compiler <compiler build folder>] [--rounds 30] [--block 1000]
//
// The bench program's static step and its data step (state opened, rendered, sealed anew: a counted
// transition), signed, the data step also on a router that remembers no state (every state decrypted), on this build's router and, with --compiler, on another build's (e.g. the one before
// a change): all contenders in one process, interleaved in blocks of --block requests, each block timed with
// process.cpuUsage(). Reports min, first quartile and median µs per request over the rounds (the first 3
// are warm-up). On a shared machine the minimum and the quartile are the steadier figures; they are CPU time,
// so they include the garbage collector's threads, which one contender's garbage can charge to another's block.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchLookups, benchProgram } from './bench-program.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 30);
const BLOCK = arg('block', 1000);
const SECRET = 'bench-signature-secret-0123456789abcdef';
const compilerAt = process.argv.indexOf('--compiler');
const builds = [['after', path.join(root, 'build/compiler')]];
if (compilerAt > 0) builds.push(['before', path.resolve(process.argv[compilerAt + 1])]);

const { signWebhook } = await import(pathToFileURL(path.join(root, 'build/compiler/router/sign-webhook.js')).href);
const enc = new TextEncoder();
const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
const CONVERSATION = 'CON-bench-0001';
const body = JSON.stringify({ ...sample, to: '14155550111', conversation_uuid: CONVERSATION, dtmf: { digits: '1', timed_out: false } });
const bodyBytes = enc.encode(body);
const token = `Bearer ${signWebhook(body, SECRET)}`;

const contenders = [];
for (const [name, built] of builds) {
  const { generateRouterFiles } = await import(pathToFileURL(path.join(built, 'router/generate-router.js')).href);
  const out = path.join(root, 'bench/out/router-handle-cpu', name);
  for (const file of generateRouterFiles(benchProgram())) {
    mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
    writeFileSync(path.join(out, file.path), file.content);
  }
  const { createRouter } = await import(pathToFileURL(path.join(out, 'router.mjs')).href);
  const options = { signatureSecret: SECRET, lookups: benchLookups, logger: { warn: () => undefined } };
  const router = createRouter(options);
  // A router that remembers no state it sealed: every state it is sent is decrypted, as one sealed by another
  // instance behind a load balancer.
  const cold = createRouter({ ...options, rememberSealedStates: 0 });
  const dataUrl = async (on) => {
    const answerBody = JSON.stringify({ to: '14155550111', from: '15551234567', uuid: sample.uuid, conversation_uuid: CONVERSATION });
    const answer = await on.handle({
      method: 'POST',
      url: '/flowc/answer',
      body: enc.encode(answerBody),
      authorization: `Bearer ${signWebhook(answerBody, SECRET)}`,
    });
    const url = new URL(JSON.parse(answer.body).at(-1).eventUrl[0]);
    return url.pathname + url.search;
  };
  contenders.push({ name: `${name}: signed, static step`, router, url: '/flowc/on/static/en-US/menu', us: [] });
  contenders.push({ name: `${name}: signed, data step`, router, url: await dataUrl(router), us: [] });
  contenders.push({ name: `${name}: signed, data, decrypted`, router: cold, url: await dataUrl(cold), us: [] });
}

for (let round = 0; round < ROUNDS + 3; round++) {
  for (const c of contenders) {
    const before = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) {
      const answered = await c.router.handle({ method: 'POST', url: c.url, body: bodyBytes, authorization: token });
      if (answered.status !== 200) throw new Error(`${c.name} answered ${answered.status}`);
    }
    const used = process.cpuUsage(before);
    if (round >= 3) c.us.push((used.user + used.system) / BLOCK);
  }
}
const sorted = (values) => [...values].sort((a, b) => a - b);
const results = contenders.map((c) => {
  const s = sorted(c.us);
  return { name: c.name, min: s[0], q1: s[Math.floor(s.length / 4)], median: s[Math.floor(s.length / 2)] };
});
console.log(`node ${process.version}, ${ROUNDS} rounds of ${BLOCK} requests per contender, interleaved; CPU µs per request`);
for (const r of results)
  console.log(
    `${r.name.padEnd(32)} min ${r.min.toFixed(1).padStart(6)}  q1 ${r.q1.toFixed(1).padStart(6)}  median ${r.median.toFixed(1).padStart(6)}`,
  );
writeFileSync(
  path.join(root, 'bench/out/router-handle-cpu/results.json'),
  `${JSON.stringify({ node: process.version, rounds: ROUNDS, block: BLOCK, results }, null, 2)}\n`,
);

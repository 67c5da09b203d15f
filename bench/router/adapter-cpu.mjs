// CPU and allocation per request of the node:http adapter and the router behind it, in-process (no sockets):
//
//   node --min-semi-space-size=64 --max-semi-space-size=64 bench/router/adapter-cpu.mjs \
//     [--compiler <compiler build folder>] [--rounds 20] [--block 5000] [--only <name part>]
//
// What run.mjs's servers do per request minus node:http itself: the handler gets a request object that emits
// its body as one 'data' chunk then 'end' (as node:http does for a small body), and a response whose end()
// settles the request. Contenders, interleaved in blocks (A B C … A B C …), each block timed with
// process.cpuUsage(): the bare body-reading handler of server.mjs (bare-body-length), and toNodeHandler of this
// build's router (and of --compiler's) for the static step, unsigned and signed, and the signed data step.
// Allocation: heap bytes a block adds, in blocks where no garbage collection ran (the semi-space flags above
// make room for a whole block; without them the figure is missing). Prints min / first quartile / median µs
// per request and the median bytes per request.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { benchLookups, benchProgram } from './bench-program.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 20);
const BLOCK = arg('block', 5000);
const SECRET = 'bench-signature-secret-0123456789abcdef';
const compilerAt = process.argv.indexOf('--compiler');
const builds = [['after', path.join(root, 'build/compiler')]];
if (compilerAt > 0) builds.push(['before', path.resolve(process.argv[compilerAt + 1])]);

const { signWebhook } = await import(pathToFileURL(path.join(root, 'build/compiler/router/sign-webhook.js')).href);
const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
const CONVERSATION = 'CON-bench-0001';
const body = JSON.stringify({ ...sample, to: '14155550111', conversation_uuid: CONVERSATION, dtmf: { digits: '1', timed_out: false } });
const bodyBuffer = Buffer.from(body);
const token = `Bearer ${signWebhook(body, SECRET)}`;

/** A request as node:http hands it over: headers parsed, the body still to come as events. */
function fakeRequest(url, authorization) {
  const listeners = {};
  const rawHeaders = ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json', 'Content-Length', String(bodyBuffer.length)];
  if (authorization) rawHeaders.push('Authorization', authorization);
  const headers = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i].toLowerCase()] = rawHeaders[i + 1];
  return {
    method: 'POST',
    url,
    rawHeaders,
    get headers() {
      return headers;
    },
    readableEnded: false,
    listeners,
    on(event, listener) {
      listeners[event] = listener;
      return this;
    },
  };
}

/** Serves one request; resolves with the status once end() is called. */
function serve(handler, url, authorization) {
  return new Promise((resolve) => {
    const req = fakeRequest(url, authorization);
    let status = 0;
    handler(req, {
      writeHead(code) {
        status = code;
        return this;
      },
      end() {
        resolve(status);
      },
    });
    // node:http emits the body on a later tick; here right away, the same for every contender.
    req.listeners.data?.(bodyBuffer);
    req.listeners.end?.();
  });
}

const answer = '[]';
const bareHeaders = { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': '2' };
const bare = (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, bareHeaders);
    res.end(answer);
  });
};

const contenders = [{ name: 'bare-body-length', handler: bare, url: '/', auth: null }];
for (const [name, built] of builds) {
  const { generateRouterFiles } = await import(pathToFileURL(path.join(built, 'router/generate-router.js')).href);
  const out = path.join(root, 'bench/out/router-adapter-cpu', name);
  for (const file of generateRouterFiles(benchProgram())) {
    mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
    writeFileSync(path.join(out, file.path), file.content);
  }
  const { createRouter, toNodeHandler } = await import(pathToFileURL(path.join(out, 'router.mjs')).href);
  const options = { lookups: benchLookups, logger: { warn: () => undefined, error: () => undefined } };
  const unsigned = toNodeHandler(createRouter({ ...options, allowUnsigned: true, stateSecret: SECRET }));
  const signedRouter = createRouter({ ...options, signatureSecret: SECRET });
  const signed = toNodeHandler(signedRouter);
  const answerBody = JSON.stringify({ to: '14155550111', from: '15551234567', uuid: sample.uuid, conversation_uuid: CONVERSATION });
  const answered = await signedRouter.handle({
    method: 'POST',
    url: '/flowc/answer',
    body: new TextEncoder().encode(answerBody),
    authorization: `Bearer ${signWebhook(answerBody, SECRET)}`,
  });
  const dataUrl = new URL(JSON.parse(answered.body).at(-1).eventUrl[0]);
  contenders.push(
    { name: `${name}: unsigned static`, handler: unsigned, url: '/flowc/on/static/en-US/menu', auth: null },
    { name: `${name}: signed static`, handler: signed, url: '/flowc/on/static/en-US/menu', auth: token },
    { name: `${name}: signed data`, handler: signed, url: dataUrl.pathname + dataUrl.search, auth: token },
  );
}

// --only <text>: just the contenders whose name contains it (e.g. to profile one with --cpu-prof or --heap-prof).
const onlyAt = process.argv.indexOf('--only');
if (onlyAt > 0) contenders.splice(0, contenders.length, ...contenders.filter((c) => c.name.includes(process.argv[onlyAt + 1])));

let gcs = 0;
new PerformanceObserver((list) => {
  gcs += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });
const newSpaceUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
const settle = () => new Promise((resolve) => setImmediate(resolve));

for (const c of contenders) {
  c.us = [];
  c.bytes = [];
}
for (let round = 0; round < ROUNDS + 3; round++) {
  for (const c of contenders) {
    await settle();
    const gcBefore = gcs;
    const newBefore = newSpaceUsed();
    const heapBefore = v8.getHeapStatistics().used_heap_size;
    const before = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) {
      const status = await serve(c.handler, c.url, c.auth);
      if (status !== 200) throw new Error(`${c.name} answered ${status}`);
    }
    const used = process.cpuUsage(before);
    const heapAfter = v8.getHeapStatistics().used_heap_size;
    const newAfter = newSpaceUsed();
    await settle(); // the observer reports a block's collections after it
    if (round < 3) continue;
    c.us.push((used.user + used.system) / BLOCK);
    // A scavenge shows as a young generation that shrank, even where the observer has not reported it yet.
    if (gcs === gcBefore && newAfter >= newBefore) c.bytes.push((heapAfter - heapBefore) / BLOCK);
  }
}
const sorted = (values) => [...values].sort((a, b) => a - b);
console.log(`node ${process.version}, ${ROUNDS} rounds of ${BLOCK} requests per contender, interleaved; CPU µs per request`);
const results = contenders.map((c) => {
  const s = sorted(c.us);
  const b = sorted(c.bytes);
  const r = {
    name: c.name,
    min: s[0],
    q1: s[Math.floor(s.length / 4)],
    median: s[Math.floor(s.length / 2)],
    bytes: b.length > 0 ? b[Math.floor(b.length / 2)] : null,
    blocksWithoutGc: b.length,
  };
  console.log(
    `${r.name.padEnd(28)} min ${r.min.toFixed(2).padStart(6)}  q1 ${r.q1.toFixed(2).padStart(6)}  median ${r.median.toFixed(2).padStart(6)}  ` +
      (r.bytes === null ? 'bytes/request: no block without a GC' : `${Math.round(r.bytes)} bytes/request (${b.length} blocks)`),
  );
  return r;
});
writeFileSync(
  path.join(root, 'bench/out/router-adapter-cpu/results.json'),
  `${JSON.stringify({ node: process.version, rounds: ROUNDS, block: BLOCK, results }, null, 2)}\n`,
);

// The cost of the router's pieces per request, in microseconds, in-process (no HTTP):
//
//   node bench/router/micro.mjs [--ms 1000] [--rounds 5] [--compiler <compiler build folder>]
//
// signature verification (node:crypto and Web Crypto), sealing and opening the call state (both
// backends), rendering the data step's NCCO form, and router.handle() end to end for a static step and
// for the data step (state unsealed, rendered, sealed), signed and unsigned. Each is timed in several
// rounds of about --ms milliseconds; medians with min–max.
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
const MS = arg('ms', 1000);
const ROUNDS = arg('rounds', 5);
const SECRET = 'bench-signature-secret-0123456789abcdef';

// --compiler <folder>: another build of the compiler (e.g. the one before a change), measured the same way.
const compilerAt = process.argv.indexOf('--compiler');
const built = compilerAt > 0 ? path.resolve(process.argv[compilerAt + 1]) : path.join(root, 'build/compiler');
const out = path.join(root, compilerAt > 0 ? 'bench/out/router-micro-baseline' : 'bench/out/router-micro');
const load = (p) => import(pathToFileURL(path.join(built, p)).href);
const { generateRouterFiles } = await load('router/generate-router.js');
const { signWebhook } = await load('router/sign-webhook.js');
const { cryptoBackend } = await load('router/runtime/crypto.mjs');
const { createVerifier } = await load('router/runtime/signature.mjs');
const { createStateSealer } = await load('router/runtime/state.mjs');
const { renderForm, joinRendered } = await load('router/runtime/render.mjs');
const { allHelpers } = await load('router/runtime/helpers/all.mjs');

for (const file of generateRouterFiles(benchProgram())) {
  mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
  writeFileSync(path.join(out, file.path), file.content);
}
const { createRouter } = await import(pathToFileURL(path.join(out, 'router.mjs')).href);

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** µs per call of an async function, median over rounds (each round: as many calls as fit in MS). */
async function time(name, fn) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up
  const perCall = [];
  for (let round = 0; round < ROUNDS; round++) {
    let n = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(MS) * 1_000_000n;
    let now = start;
    while (now < end) {
      for (let i = 0; i < 50; i++) await fn();
      n += 50;
      now = process.hrtime.bigint();
    }
    perCall.push(Number(now - start) / 1000 / n);
  }
  const m = median(perCall);
  console.log(`${name.padEnd(58)} ${m.toFixed(2).padStart(8)} µs  (${Math.min(...perCall).toFixed(2)}–${Math.max(...perCall).toFixed(2)})`);
  return { name, us: Number(m.toFixed(2)), min: Number(Math.min(...perCall).toFixed(2)), max: Number(Math.max(...perCall).toFixed(2)) };
}

const enc = new TextEncoder();
const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
const CONVERSATION = 'CON-bench-0001';
const body = JSON.stringify({ ...sample, to: '14155550111', conversation_uuid: CONVERSATION, dtmf: { digits: '1', timed_out: false } });
const bodyBytes = enc.encode(body);
const token = `Bearer ${signWebhook(body, SECRET)}`;
const state = {
  data: { caller: '15551234567', called: '14155550111', callId: sample.uuid, account: '12345678', balance: 42.5, due: '2026-12-15' },
  counters: {},
};
const dataStep = benchProgram().flows[1].steps['en-US/balance'];
const ctx = { get: (n) => state.data[n], locale: 'en-US', helpers: allHelpers };

const results = [];
console.log(`node ${process.version}, ${ROUNDS} rounds of ~${MS} ms each`);
for (const backend of ['auto', 'web']) {
  const verify = createVerifier({ secret: SECRET, backend: cryptoBackend(backend), maxTokenAgeSeconds: 300, maxClockSkewSeconds: 60 });
  const name = cryptoBackend(backend).name === 'node' ? 'node:crypto' : 'Web Crypto';
  results.push(
    await time(`verify a signed webhook (${name})`, async () => {
      if ((await verify(token, (i) => (i === 0 ? bodyBytes : undefined), Date.now())) !== undefined) throw new Error('not verified');
    }),
  );
  const sealer = createStateSealer({
    secret: SECRET,
    projectId: 'bench',
    backend: cryptoBackend(backend),
    maxAgeSeconds: 3600,
    maxChars: 2048,
  });
  const sealed = await sealer.seal(state, CONVERSATION, Date.now());
  results.push(await time(`seal the call state (${name}, ${sealed.length} chars)`, () => sealer.seal(state, CONVERSATION, Date.now())));
  results.push(
    await time(`open the call state (${name})`, async () => {
      if (!(await sealer.open(sealed, CONVERSATION, Date.now())).ok) throw new Error('not opened');
    }),
  );
}
results.push(
  await time('render the data step ({{money}}, {{date}}) and join it', () => {
    const r = renderForm(dataStep.ncco, ctx);
    if (!r.ok) throw new Error('not rendered');
    return joinRendered(r.rendered, '?s=x');
  }),
);

for (const [signed, cold] of [
  [false, false],
  [true, false],
  [true, true],
]) {
  const router = createRouter({
    ...(signed ? { signatureSecret: SECRET } : { allowUnsigned: true, stateSecret: SECRET }),
    ...(cold ? { rememberSealedStates: 0 } : {}),
    lookups: benchLookups,
    logger: { warn: () => undefined },
  });
  const answerBody = JSON.stringify({ to: '14155550111', from: '15551234567', uuid: sample.uuid, conversation_uuid: CONVERSATION });
  const answer = await router.handle({
    method: 'POST',
    url: '/flowc/answer',
    body: enc.encode(answerBody),
    authorization: signed ? `Bearer ${signWebhook(answerBody, SECRET)}` : null,
  });
  const dataUrl = new URL(JSON.parse(answer.body).at(-1).eventUrl[0]);
  const request = (url) => ({ method: 'POST', url, body: bodyBytes, authorization: signed ? token : null });
  const label = `${signed ? 'signed' : 'unsigned'}${cold ? ', every state decrypted' : ''}`;
  if (!cold) {
    results.push(
      await time(`router.handle, ${label}, static step`, async () => {
        if ((await router.handle(request('/flowc/on/static/en-US/menu'))).status !== 200) throw new Error('not 200');
      }),
    );
  }
  results.push(
    await time(`router.handle, ${label}, data step (open, render, seal)`, async () => {
      if ((await router.handle(request(dataUrl.pathname + dataUrl.search))).status !== 200) throw new Error('not 200');
    }),
  );
}
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ node: process.version, ms: MS, rounds: ROUNDS, results }, null, 2) + '\n');

// Throughput of the generated router on 127.0.0.1 (bounded: rounds × slices × contenders × seconds).
//
//   npm run bench:router            (builds the compiler first)
//   node bench/router/run.mjs [--rounds 5] [--seconds 4] [--connections 10] [--baseline <compiler build folder>]
//     [--only <contender,contender,…>] [--no-pin]
//
// Contenders, each in its own server process, warmed up, then measured in interleaved slices (A B C … A B C …)
// so that load from elsewhere on the shared machine falls on all of them alike:
//   bare              node:http answering a constant NCCO without reading the body
//   bare-body         node:http reading the body and JSON-parsing it, then the constant NCCO (writeHead without
//                     a length: chunked, as node:http sends it then)
//   bare-body-length  the same with a Content-Length, as the router's node:http adapter answers
//   bare-body-signed-request
//                     bare-body sent the signed webhook itself (its Authorization header, not checked): node:http's
//                     cost for the header is then on both sides of a signed ratio
//   bare-body-verify  bare-body (with a Content-Length) checking the signed webhook by hand with node:crypto, the
//                     straightforward way (token split, header's alg, HMAC in constant time, claims, iat, payload hash)
//   bare-body-hashes  the same computing only the HMAC and the body's SHA-256, the latter not compared (a floor, not
//                     a verifier: the least any check of the signature computes)
//   unsigned-static   the router, unsigned webhooks, an input webhook on a static step
//   signed-static     the same with signed webhooks (HS256 JWT + payload hash)
//   unsigned-data     the router, unsigned, an input webhook on a step rendered with call data: the state
//                     is unsealed, the step rendered ({{money}}, {{date}}), the state sealed again
//   signed-data       the same, signed (the state comes back to the instance that sealed it: not decrypted again)
//   signed-data-cold  the same on a router that remembers no state: every state decrypted (another instance's)
//   signed-static-state-gcm, signed-static-state-chacha, signed-static-state-ctr-hmac
//                     floors for signed-data-cold: the signed static step on a router process that also opens and
//                     seals again, by hand, a state of the data step's size sealed once (as another instance's state
//                     is): with AES-256-GCM, ChaCha20-Poly1305, or the router's own AES-CTR + HMAC at its cheapest;
//                     nothing parsed or rendered. -ctr-hmac-cached: the open's keystream made once, not per webhook;
//                     -ctr-kmac-cached: that, with the MAC one SHA3-256 call (a keyed sponge) instead of HMAC's two
//                     SHA-256 calls — cheaper than any construction the router could use that node:crypto offers
//   unsigned-static-alone, signed-static-alone
//                     the static step on router processes of their own that never serve the data step: the
//                     other router contenders share a process between the static and the data step (as a real
//                     router does), whose garbage and JIT state the static slices then carry
// With --baseline, before-unsigned-static, before-signed-static, before-signed-data and before-signed-data-cold on
// the other build's router.
// Per contender and round: requests/s, and CPU time per request of the server process (process.cpuUsage).
// With taskset (pin.mjs) the servers run on the last CPU and the load generator on the others (--no-pin: not).
// Prints the medians with min–max over the rounds and the ratios the targets are about; writes
// bench/out/router/results.json.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { benchProgram } from './bench-program.mjs';
import { pinProcesses } from './pin.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(root, 'bench/out/router');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 5);
const SECONDS = arg('seconds', 4);
const CONNECTIONS = arg('connections', 10);
const SECRET = 'bench-signature-secret-0123456789abcdef';
const pinning = pinProcesses();

const built = path.join(root, 'build/compiler');
const { signWebhook } = await import(pathToFileURL(path.join(built, 'router/sign-webhook.js')).href);
// --baseline <folder>: another build of the compiler (e.g. `git stash && npm run build:compiler && cp -r
// build/compiler <folder>`): its router runs beside this one as the before-* contenders (before → after, same run).
const baselineAt = process.argv.indexOf('--baseline');
const baseline = baselineAt > 0 ? path.resolve(process.argv[baselineAt + 1]) : undefined;

async function writeRouter(compiler = built, name = 'dist') {
  const { generateRouterFiles } = await import(pathToFileURL(path.join(compiler, 'router/generate-router.js')).href);
  const dir = path.join(out, name);
  for (const file of generateRouterFiles(benchProgram())) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.content);
  }
  const step = benchProgram().flows[0].steps['en-US/menu'];
  writeFileSync(path.join(dir, 'static-answer.json'), step.ncco.map((p) => (typeof p === 'string' ? p : '')).join(''));
  return dir;
}

function startServer(variant, dir) {
  return new Promise((resolve, reject) => {
    const [command, args] = pinning.command([path.join(here, 'server.mjs'), variant, dir, SECRET]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const timer = setTimeout(() => reject(new Error(`${variant} did not start`)), 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      const m = /listening (\d+)/.exec(text);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        port: Number(m[1]),
        cpu: () =>
          new Promise((done) => {
            child.once('message', (message) => done(message.cpu.user + message.cpu.system));
            child.send('cpu');
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${variant} exited with ${code}`)));
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
const CONVERSATION = 'CON-bench-0001';
const inputBody = JSON.stringify({
  ...sample,
  to: '14155550111',
  conversation_uuid: CONVERSATION,
  dtmf: { digits: '1', timed_out: false },
});

/** The sealed-state URL of the data step: what /answer gives the bench call. */
async function dataUrl(port, signed) {
  const body = JSON.stringify({ to: '14155550111', from: '15551234567', uuid: sample.uuid, conversation_uuid: CONVERSATION });
  const headers = { 'content-type': 'application/json', ...(signed ? { authorization: `Bearer ${signWebhook(body, SECRET)}` } : {}) };
  const res = await fetch(`http://127.0.0.1:${port}/flowc/answer`, { method: 'POST', headers, body });
  const ncco = await res.json();
  const url = new URL(ncco.at(-1).eventUrl[0]);
  if (!url.search.startsWith('?s=')) throw new Error('the data step carries no state');
  return url.pathname + url.search;
}

async function main() {
  const dir = await writeRouter();
  const servers = {};
  for (const variant of [
    'bare',
    'bare-body',
    'bare-body-length',
    'bare-body-verify',
    'bare-body-hashes',
    'router-unsigned',
    'router-signed',
    'router-signed-cold',
    'router-signed-state-gcm',
    'router-signed-state-chacha',
    'router-signed-state-ctr-hmac',
    'router-signed-state-ctr-hmac-cached',
    'router-signed-state-ctr-kmac-cached',
  ])
    servers[variant] = await startServer(variant, dir);
  servers['router-unsigned-alone'] = await startServer('router-unsigned', dir);
  servers['router-signed-alone'] = await startServer('router-signed', dir);
  if (baseline) {
    const before = await writeRouter(baseline, 'dist-before');
    servers['before-unsigned'] = await startServer('router-unsigned', before);
    servers['before-signed'] = await startServer('router-signed', before);
    servers['before-signed-cold'] = await startServer('router-signed-cold', before);
  }
  const expectedStatic = readFileSync(path.join(dir, 'static-answer.json'), 'utf8');
  const contenders = [
    { name: 'bare', server: 'bare', path: '/flowc/on/static/en-US/menu' },
    { name: 'bare-body', server: 'bare-body', path: '/flowc/on/static/en-US/menu' },
    { name: 'bare-body-length', server: 'bare-body-length', path: '/flowc/on/static/en-US/menu' },
    // The same server sent the signed webhook itself (its Authorization header too, not checked): what node:http
    // costs for the header is then on both sides of the signed ratio, and only the router's check is not.
    { name: 'bare-body-signed-request', server: 'bare-body', path: '/flowc/on/static/en-US/menu', signed: true },
    // Servers without the router that check the signature by hand (bench/router/server.mjs): what verifying
    // alone costs a bare server, the straightforward way and at the least (the HMAC and the body's hash only).
    { name: 'bare-body-verify', server: 'bare-body-verify', path: '/flowc/on/static/en-US/menu', signed: true },
    { name: 'bare-body-hashes', server: 'bare-body-hashes', path: '/flowc/on/static/en-US/menu', signed: true },
    { name: 'unsigned-static', server: 'router-unsigned', path: '/flowc/on/static/en-US/menu' },
    { name: 'signed-static', server: 'router-signed', path: '/flowc/on/static/en-US/menu', signed: true },
    { name: 'unsigned-data', server: 'router-unsigned', path: await dataUrl(servers['router-unsigned'].port, false) },
    { name: 'signed-data', server: 'router-signed', path: await dataUrl(servers['router-signed'].port, true), signed: true },
    { name: 'signed-data-cold', server: 'router-signed-cold', path: await dataUrl(servers['router-signed-cold'].port, true), signed: true },
    // Floors for signed-data-cold (bench/router/server.mjs): the signed static step plus only a state opened and
    // sealed again (decoded, authenticated, decrypted, encrypted, encoded), with each AEAD node:crypto offers.
    { name: 'signed-static-state-gcm', server: 'router-signed-state-gcm', path: '/flowc/on/static/en-US/menu', signed: true },
    { name: 'signed-static-state-chacha', server: 'router-signed-state-chacha', path: '/flowc/on/static/en-US/menu', signed: true },
    { name: 'signed-static-state-ctr-hmac', server: 'router-signed-state-ctr-hmac', path: '/flowc/on/static/en-US/menu', signed: true },
    {
      name: 'signed-static-state-ctr-hmac-cached',
      server: 'router-signed-state-ctr-hmac-cached',
      path: '/flowc/on/static/en-US/menu',
      signed: true,
    },
    {
      name: 'signed-static-state-ctr-kmac-cached',
      server: 'router-signed-state-ctr-kmac-cached',
      path: '/flowc/on/static/en-US/menu',
      signed: true,
    },
    { name: 'unsigned-static-alone', server: 'router-unsigned-alone', path: '/flowc/on/static/en-US/menu' },
    { name: 'signed-static-alone', server: 'router-signed-alone', path: '/flowc/on/static/en-US/menu', signed: true },
  ];
  if (baseline) {
    contenders.push(
      { name: 'before-unsigned-static', server: 'before-unsigned', path: '/flowc/on/static/en-US/menu' },
      { name: 'before-signed-static', server: 'before-signed', path: '/flowc/on/static/en-US/menu', signed: true },
      { name: 'before-signed-data', server: 'before-signed', path: await dataUrl(servers['before-signed'].port, true), signed: true },
      {
        name: 'before-signed-data-cold',
        server: 'before-signed-cold',
        path: await dataUrl(servers['before-signed-cold'].port, true),
        signed: true,
      },
    );
  }
  // --only a,b,…: just these contenders (a shorter run, e.g. the three a target compares).
  const onlyAt = process.argv.indexOf('--only');
  if (onlyAt > 0) {
    const only = new Set(process.argv[onlyAt + 1].split(','));
    contenders.splice(0, contenders.length, ...contenders.filter((c) => only.has(c.name)));
  }
  console.log(
    `node ${process.version}, ${ROUNDS} rounds × ${contenders.length} contenders × ${SECONDS} s, interleaved, ${CONNECTIONS} connections, POST input webhooks (${inputBody.length} bytes); ${pinning.note}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const results = Object.fromEntries(contenders.map((c) => [c.name, []]));
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      for (const c of contenders) {
        const server = servers[c.server];
        const headers = { 'content-type': 'application/json' };
        // A fresh token per slice: iat stays well inside the router's 300 s window.
        if (c.signed) headers.authorization = `Bearer ${signWebhook(inputBody, SECRET)}`;
        const url = `http://127.0.0.1:${server.port}${c.path}`;
        const check = await fetch(url, { method: 'POST', headers, body: inputBody });
        const answered = await check.text();
        const ok =
          check.status === 200 &&
          (c.name.includes('-data')
            ? answered.includes('42 dollars and 50 cents') && answered.includes('?s=')
            : answered === expectedStatic);
        if (!ok) throw new Error(`${c.name} answered ${check.status} ${answered.slice(0, 160)}`);
        const cpuBefore = await server.cpu();
        // Round 0 warms up the JIT and is not counted.
        const r = await autocannon({
          url,
          method: 'POST',
          headers,
          body: inputBody,
          connections: CONNECTIONS,
          pipelining: 1,
          duration: round === 0 ? 2 : SECONDS,
        });
        const cpu = (await server.cpu()) - cpuBefore;
        if (round === 0) continue;
        const rps = r.requests.total / r.duration;
        results[c.name].push({
          rps,
          cpuUsPerRequest: cpu / r.requests.total,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
        console.log(
          `  round ${round} ${c.name.padEnd(22)} ${rps.toFixed(0).padStart(7)} req/s  ${(cpu / r.requests.total).toFixed(1).padStart(6)} µs CPU/req  p99 ${String(r.latency.p99).padStart(3)} ms  errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}`,
        );
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }

  const summary = {};
  for (const c of contenders) {
    const rs = results[c.name];
    const rps = rs.map((r) => r.rps);
    const cpu = rs.map((r) => r.cpuUsPerRequest);
    summary[c.name] = {
      rps: Math.round(median(rps)),
      rpsMin: Math.round(Math.min(...rps)),
      rpsMax: Math.round(Math.max(...rps)),
      cpuUs: Number(median(cpu).toFixed(1)),
      cpuUsMin: Number(Math.min(...cpu).toFixed(1)),
      cpuUsMax: Number(Math.max(...cpu).toFixed(1)),
      p99: median(rs.map((r) => r.p99)),
      errors: rs.reduce((n, r) => n + r.errors + r.non2xx, 0),
    };
  }
  console.log('\ncontender          req/s (median, min–max)      CPU µs/request (median, min–max)   p99 ms  errors');
  for (const c of contenders) {
    const s = summary[c.name];
    console.log(
      `${c.name.padEnd(22)} ${String(s.rps).padStart(6)} (${s.rpsMin}–${s.rpsMax})`.padEnd(48) +
        `${String(s.cpuUs).padStart(6)} (${s.cpuUsMin}–${s.cpuUsMax})`.padEnd(35) +
        `${String(s.p99).padStart(6)}  ${String(s.errors).padStart(6)}`,
    );
  }
  const perRound = (a, b) => results[a].map((r, i) => r.rps / results[b][i].rps);
  // The same pairs by server CPU per request (b's over a's): what a server saturated by webhooks would show,
  // steadier than requests/s, which also follow the load generator and the rest of the machine.
  const cpuPerRound = (a, b) => results[a].map((r, i) => results[b][i].cpuUsPerRequest / r.cpuUsPerRequest);
  const pairs = [
    ['signed-static / bare-body', 'signed-static', 'bare-body'],
    ['signed-static / bare-body-signed-request', 'signed-static', 'bare-body-signed-request'],
    ['bare-body-signed-request / bare-body', 'bare-body-signed-request', 'bare-body'],
    ['unsigned-static / bare-body', 'unsigned-static', 'bare-body'],
    ['unsigned-static / bare', 'unsigned-static', 'bare'],
    ['signed-static / bare-body-length', 'signed-static', 'bare-body-length'],
    ['unsigned-static / bare-body-length', 'unsigned-static', 'bare-body-length'],
    ['signed-static-alone / bare-body', 'signed-static-alone', 'bare-body'],
    ['unsigned-static-alone / bare-body', 'unsigned-static-alone', 'bare-body'],
    ['signed-static-alone / bare-body-length', 'signed-static-alone', 'bare-body-length'],
    ['signed-static-alone / bare-body-signed-request', 'signed-static-alone', 'bare-body-signed-request'],
    ['unsigned-static-alone / bare-body-length', 'unsigned-static-alone', 'bare-body-length'],
    // What checking the signature by hand costs a bare server, and the router's signed step against that server.
    ['bare-body-verify / bare-body', 'bare-body-verify', 'bare-body'],
    ['bare-body-hashes / bare-body', 'bare-body-hashes', 'bare-body'],
    ['signed-static / bare-body-verify', 'signed-static', 'bare-body-verify'],
    ['signed-static-alone / bare-body-verify', 'signed-static-alone', 'bare-body-verify'],
    ['signed-data / signed-static', 'signed-data', 'signed-static'],
    ['unsigned-data / unsigned-static', 'unsigned-data', 'unsigned-static'],
    ['signed-data-cold / signed-static', 'signed-data-cold', 'signed-static'],
    ['signed-static-state-gcm / signed-static', 'signed-static-state-gcm', 'signed-static'],
    ['signed-static-state-chacha / signed-static', 'signed-static-state-chacha', 'signed-static'],
    ['signed-static-state-ctr-hmac / signed-static', 'signed-static-state-ctr-hmac', 'signed-static'],
    ['signed-static-state-ctr-hmac-cached / signed-static', 'signed-static-state-ctr-hmac-cached', 'signed-static'],
    ['signed-static-state-ctr-kmac-cached / signed-static', 'signed-static-state-ctr-kmac-cached', 'signed-static'],
    ...(baseline
      ? [
          ['before: signed-static / bare-body', 'before-signed-static', 'bare-body'],
          ['before: unsigned-static / bare-body', 'before-unsigned-static', 'bare-body'],
          ['before: signed-static / bare-body-length', 'before-signed-static', 'bare-body-length'],
          ['before: unsigned-static / bare-body-length', 'before-unsigned-static', 'bare-body-length'],
          ['before: signed-data / signed-static', 'before-signed-data', 'before-signed-static'],
          ['before: signed-data-cold / signed-static', 'before-signed-data-cold', 'before-signed-static'],
        ]
      : []),
  ].filter(([, a, b]) => a in results && b in results);
  // Ratios per round (same round, side by side), then their median and range: steadier than a ratio of medians.
  const ratios = {};
  const ranges = {};
  const cpuRatios = {};
  for (const [name, a, b] of pairs) {
    const each = perRound(a, b);
    ratios[name] = median(each);
    ranges[name] = { min: Math.min(...each), max: Math.max(...each), rounds: each };
    const cpu = cpuPerRound(a, b);
    cpuRatios[name] = { median: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu) };
  }
  const targets = { 'signed-static / bare-body': 0.8, 'unsigned-static / bare-body': 0.95, 'signed-data / signed-static': 0.8 };
  console.log('');
  for (const [name, value] of Object.entries(ratios)) {
    const target = targets[name];
    console.log(
      `${name.padEnd(42)} ${(value * 100).toFixed(1).padStart(6)} % (rounds ${(ranges[name].min * 100).toFixed(0)}–${(ranges[name].max * 100).toFixed(0)} %)${target ? `   (target ≥ ${target * 100} %: ${value >= target ? 'met' : 'NOT met'})` : ''}` +
        `   by server CPU ${(cpuRatios[name].median * 100).toFixed(1)} % (${(cpuRatios[name].min * 100).toFixed(0)}–${(cpuRatios[name].max * 100).toFixed(0)} %)`,
    );
  }
  writeFileSync(
    path.join(out, 'results.json'),
    JSON.stringify(
      {
        node: process.version,
        rounds: ROUNDS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        pinning: pinning.note,
        loadavgEnd: os.loadavg(),
        summary,
        ratios,
        ranges,
        cpuRatios,
        results,
      },
      null,
      2,
    ) + '\n',
  );
  if (contenders.some((c) => summary[c.name].errors > 0)) {
    console.error('errors or non-2xx answers during the load test');
    process.exitCode = 1;
  }
}

// Hard bound on the whole run, whatever happens to a server or the network.
const limitMs = ((ROUNDS + 1) * 16 * (SECONDS + 5) + 120) * 1000;
setTimeout(() => {
  console.error(`bench did not finish within ${limitMs / 1000} s`);
  process.exit(1);
}, limitMs).unref();

await main();

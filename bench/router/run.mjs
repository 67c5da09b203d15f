// Load test of the generated router on 127.0.0.1 (bounded: runs × duration seconds per variant).
//
//   node bench/router/run.mjs [--runs 3] [--duration 10] [--slices 5] [--connections 10]
//
// Compares a bare node:http server answering a constant JSON with the generated router (served by
// its node:http adapter, as `flowc serve` does) answering an input webhook, unsigned and signed.
// Prints requests/s and p99 latency per variant (median of the runs) and the router/bare ratio.
// The router is generated from the test fixture model into bench/out/ (git-ignored).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(root, 'bench/out/router');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 3);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const SLICES = arg('slices', 5);
const SECRET = 'bench-signature-secret-0123456789abcdef';

/** The compiler as `npm run build:compiler` built it (bench:router builds it first). */
async function loadCompiler() {
  const built = path.join(root, 'build/compiler');
  return {
    generator: await import(pathToFileURL(path.join(built, 'router/generate-router.js')).href),
    signer: await import(pathToFileURL(path.join(built, 'router/sign-webhook.js')).href),
  };
}

function startServer(variant, routerFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'server.mjs'), variant, routerFile, SECRET], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => reject(new Error(`${variant} did not start`)), 10_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      const m = /listening (\d+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: Number(m[1]),
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${variant} exited with ${code}`)));
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function main() {
  const { generator, signer } = await loadCompiler();
  const program = JSON.parse(readFileSync(path.join(root, 'test/router/fixtures/program.json'), 'utf8'));
  for (const file of generator.generateRouterFiles(program)) {
    mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
    writeFileSync(path.join(out, file.path), file.content);
  }
  const routerFile = path.join(out, 'router.mjs');

  const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
  const body = JSON.stringify({ ...sample, dtmf: { digits: '2', timed_out: false } });
  const routePath = '/flowc/on/bill-pay/en-US/welcome';
  const agent = program.flows.find((f) => f.flow === 'bill-pay').steps['en-US/agent'];
  const expected = agent.ncco.map((part) => (typeof part === 'string' ? part : '')).join('');
  writeFileSync(path.join(out, 'expected.json'), expected);

  const variants = ['bare', 'router-unsigned', 'router-signed'];
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  console.log(
    `node ${process.version}, ${RUNS} runs × ${DURATION} s (in ${SLICES} interleaved slices) × ${variants.length} variants, ${CONNECTIONS} connections, POST ${routePath} (${body.length} bytes)`,
  );

  // One long-lived server process per variant, warmed up once. Each run is cut into slices that
  // rotate over the variants (bare, unsigned, signed, bare, …), so load from elsewhere on the
  // machine falls on all of them alike; a run's req/s is its requests over its seconds.
  const servers = {};
  const slice = DURATION / SLICES;
  try {
    for (const variant of variants) servers[variant] = await startServer(variant, routerFile);
    for (let run = 0; run <= RUNS; run++) {
      const acc = Object.fromEntries(variants.map((v) => [v, { total: 0, seconds: 0, p99s: [], errors: 0, non2xx: 0 }]));
      for (let part = 0; part < (run === 0 ? 1 : SLICES); part++) {
        for (const variant of variants) {
          const headers = { 'content-type': 'application/json' };
          // A fresh token per slice: iat stays well inside the router's 300 s window.
          if (variant === 'router-signed') headers.authorization = `Bearer ${signer.signWebhook(body, SECRET)}`;
          const url = `http://127.0.0.1:${servers[variant].port}${routePath}`;
          const check = await fetch(url, { method: 'POST', headers, body });
          const answered = await check.text();
          if (check.status !== 200 || answered !== expected)
            throw new Error(`${variant} answered ${check.status} ${answered.slice(0, 120)}`);
          // Run 0 is a warm-up (JIT), not counted.
          const duration = run === 0 ? 3 : slice;
          const r = await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, pipelining: 1, duration });
          const a = acc[variant];
          a.total += r.requests.total;
          a.seconds += r.duration;
          a.p99s.push(r.latency.p99);
          a.errors += r.errors + r.timeouts;
          a.non2xx += r.non2xx;
        }
      }
      if (run === 0) continue;
      for (const variant of variants) {
        const a = acc[variant];
        const rps = a.total / a.seconds;
        results[variant].push({ rps, p99: median(a.p99s), errors: a.errors, non2xx: a.non2xx, total: a.total });
        console.log(
          `  run ${run} ${variant.padEnd(16)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${String(median(a.p99s)).padStart(3)} ms  errors ${a.errors}  non-2xx ${a.non2xx}`,
        );
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }

  const summary = {};
  for (const v of variants) {
    const rs = results[v];
    summary[v] = {
      rps: Math.round(median(rs.map((r) => r.rps))),
      p99: median(rs.map((r) => r.p99)),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      requests: rs.reduce((n, r) => n + r.total, 0),
    };
  }
  console.log('\nvariant           req/s (median)  p99 ms (median)  vs bare  errors  non-2xx');
  for (const v of variants) {
    const s = summary[v];
    const ratio = ((s.rps / summary.bare.rps) * 100).toFixed(1);
    console.log(
      `${v.padEnd(17)} ${String(s.rps).padStart(14)}  ${String(s.p99).padStart(15)}  ${ratio.padStart(6)}%  ${String(s.errors).padStart(6)}  ${String(s.non2xx).padStart(7)}`,
    );
  }
  writeFileSync(
    path.join(out, 'results.json'),
    JSON.stringify(
      { node: process.version, runs: RUNS, duration: DURATION, slices: SLICES, connections: CONNECTIONS, summary, results },
      null,
      2,
    ) + '\n',
  );
  const ratio = summary['router-unsigned'].rps / summary.bare.rps;
  const failed = variants.some((v) => summary[v].errors > 0 || summary[v].non2xx > 0);
  if (failed) {
    console.error('errors or non-2xx answers during the load test');
    process.exitCode = 1;
  } else if (ratio < 0.8) {
    console.error(`router (unsigned) at ${(ratio * 100).toFixed(1)}% of the bare server: below the 80% goal`);
    process.exitCode = 1;
  }
}

// Hard bound on the whole run, whatever happens to a server or the network.
const limitMs = ((RUNS + 1) * 3 * (DURATION + 5 * SLICES) + 60) * 1000;
setTimeout(() => {
  console.error(`bench did not finish within ${limitMs / 1000} s`);
  process.exit(1);
}, limitMs).unref();

await main();

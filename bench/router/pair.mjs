// One webhook on the routers of two compiler builds, over HTTP, interleaved (fewer contenders than run.mjs,
// so more rounds in the same time):
//
//   node bench/router/pair.mjs --compiler <compiler build folder> [--step data|static] [--rounds 8] [--seconds 2] [--no-pin]
//
// Each router in its own server process (bench/router/server.mjs, signed webhooks); autocannon with 10
// connections; per slice the server's CPU per request (process.cpuUsage) and requests/s. Prints min and
// median over the rounds (round 0 warms up).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { benchProgram } from './bench-program.mjs';
import { pinProcesses } from './pin.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(option('rounds', 8));
const SECONDS = Number(option('seconds', 2));
const STEP = option('step', 'data');
const baseline = option('compiler', undefined);
if (!baseline) {
  console.error('usage: node bench/router/pair.mjs --compiler <compiler build folder> [--step data|static]');
  process.exit(2);
}
const SECRET = 'bench-signature-secret-0123456789abcdef';
const pinning = pinProcesses();
console.log(pinning.note);
const { signWebhook } = await import(pathToFileURL(path.join(root, 'build/compiler/router/sign-webhook.js')).href);
const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
const inputBody = JSON.stringify({
  ...sample,
  to: '14155550111',
  conversation_uuid: 'CON-bench-0001',
  dtmf: { digits: '1', timed_out: false },
});

async function writeRouter(compiler, name) {
  const { generateRouterFiles } = await import(pathToFileURL(path.join(compiler, 'router/generate-router.js')).href);
  const dir = path.join(root, 'bench/out/router-pair', name);
  for (const file of generateRouterFiles(benchProgram())) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.content);
  }
  writeFileSync(path.join(dir, 'static-answer.json'), '[]');
  return dir;
}

const servers = [];
try {
  for (const [name, compiler] of [
    ['before', path.resolve(baseline)],
    ['after', path.join(root, 'build/compiler')],
  ]) {
    const dir = await writeRouter(compiler, name);
    const [command, args] = pinning.command([path.join(here, 'server.mjs'), 'router-signed', dir, SECRET]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const server = { name, child, results: [] };
    servers.push(server);
    server.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 20_000);
      child.stdout.on('data', (text) => {
        const m = /listening (\d+)/.exec(String(text));
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    server.path = '/flowc/on/static/en-US/menu';
    if (STEP === 'data') {
      const body = JSON.stringify({ to: '14155550111', from: '15551234567', uuid: sample.uuid, conversation_uuid: 'CON-bench-0001' });
      const res = await fetch(`http://127.0.0.1:${server.port}/flowc/answer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signWebhook(body, SECRET)}` },
        body,
      });
      const url = new URL((await res.json()).at(-1).eventUrl[0]);
      server.path = url.pathname + url.search;
    }
  }
  const cpu = (child) =>
    new Promise((done) => {
      child.once('message', (message) => done(message.cpu.user + message.cpu.system));
      child.send('cpu');
    });
  for (let round = 0; round <= ROUNDS; round++) {
    for (const s of servers) {
      const before = await cpu(s.child);
      const r = await autocannon({
        url: `http://127.0.0.1:${s.port}${s.path}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signWebhook(inputBody, SECRET)}` },
        body: inputBody,
        connections: 10,
        duration: SECONDS,
      });
      const used = (await cpu(s.child)) - before;
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${s.name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      if (round > 0) s.results.push({ cpuUs: used / r.requests.total, rps: r.requests.total / r.duration });
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`node ${process.version}, signed ${STEP} step, ${ROUNDS} rounds × ${SECONDS} s, interleaved`);
  for (const s of servers) {
    const cpuUs = s.results.map((r) => r.cpuUs);
    console.log(
      `${s.name.padEnd(7)} CPU µs/request min ${Math.min(...cpuUs).toFixed(1)} median ${median(cpuUs).toFixed(1)}   requests/s median ${median(s.results.map((r) => r.rps)).toFixed(0)}`,
    );
  }
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
}

// What the signature costs a router over HTTP, beside what the token's bytes cost any server:
//
//   [FLAGS='--single-threaded-gc'] node bench/router/signed-overhead.mjs [--rounds 6] [--seconds 2]
//
// FLAGS: node options for the four server processes (NODE_OPTIONS refuses some, such as --single-threaded-gc).
// Four servers (bench/router/server.mjs, this build's router from bench/out/router/dist: run run.mjs once
// first), interleaved slices of autocannon (10 connections) on the static step, per slice the server's CPU
// per request (process.cpuUsage: user, system): bare-body without and with a signed webhook's Authorization
// header (the bare server ignores it), the router unsigned, the router signed. Prints medians with min–max.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 6);
const SECONDS = arg('seconds', 2);
const SECRET = 'bench-signature-secret-0123456789abcdef';
const dir = path.join(root, 'bench/out/router/dist');
const { signWebhook } = await import(pathToFileURL(path.join(root, 'build/compiler/router/sign-webhook.js')).href);
const sample = JSON.parse(readFileSync(path.resolve(root, '../shared/reference/webhook-samples/input_dtmf__seed004.json'), 'utf8'));
const body = JSON.stringify({ ...sample, to: '14155550111', conversation_uuid: 'CON-bench-0001', dtmf: { digits: '1', timed_out: false } });

function start(variant) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(process.env.FLAGS ? process.env.FLAGS.split(' ') : []), path.join(here, 'server.mjs'), variant, dir, SECRET],
      {
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      },
    );
    const timer = setTimeout(() => reject(new Error(`${variant} did not start`)), 20_000);
    child.stdout.on('data', (text) => {
      const m = /listening (\d+)/.exec(String(text));
      if (!m) return;
      clearTimeout(timer);
      resolve({
        port: Number(m[1]),
        child,
        cpu: () =>
          new Promise((done) => {
            child.once('message', (message) => done(message.cpu));
            child.send('cpu');
          }),
      });
    });
  });
}

const contenders = [
  { name: 'bare-body', server: await start('bare-body'), signed: false },
  { name: 'bare-body, token sent', server: await start('bare-body'), signed: true },
  { name: 'router, unsigned', server: await start('router-unsigned'), signed: false },
  { name: 'router, signed', server: await start('router-signed'), signed: true },
];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const c of contenders) {
      const headers = { 'content-type': 'application/json', ...(c.signed ? { authorization: `Bearer ${signWebhook(body, SECRET)}` } : {}) };
      const before = await c.server.cpu();
      const r = await autocannon({
        url: `http://127.0.0.1:${c.server.port}/flowc/on/static/en-US/menu`,
        method: 'POST',
        headers,
        body,
        connections: 10,
        duration: round === 0 ? 1 : SECONDS,
      });
      const after = await c.server.cpu();
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${c.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      if (round === 0) continue; // warm-up
      (c.rounds ??= []).push({
        rps: r.requests.total / r.duration,
        user: (after.user - before.user) / r.requests.total,
        system: (after.system - before.system) / r.requests.total,
      });
    }
  }
  console.log(`node ${process.version}, ${ROUNDS} rounds × ${SECONDS} s, interleaved; medians (min–max)`);
  for (const c of contenders) {
    const show = (key, digits) => {
      const values = c.rounds.map((r) => r[key]);
      return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
    };
    console.log(
      `${c.name.padEnd(24)} req/s ${show('rps', 0).padEnd(22)} user µs/req ${show('user', 1).padEnd(20)} system µs/req ${show('system', 1)}`,
    );
  }
} finally {
  for (const c of contenders) c.server.child.kill();
}

// One bench server in its own process: `node bench/router/server.mjs <variant> <routerDir> [secret]`.
// Variants: bare (constant JSON, the body is not read), bare-body (the body read and JSON-parsed, then
// constant JSON, chunked), bare-body-length (the same with a Content-Length), bare-body-loaded (bare-body-length in a
// process that has also loaded and created the router, never serving it), router-unsigned, router-signed (the generated
// router through its node:http adapter),
// router-signed-cold (the same, remembering no state it sealed: every state is decrypted), bare-body-verify and
// bare-body-hashes (bare-body-length checking the signed webhook by hand with node:crypto: see below).
// Prints "listening <port>" once it accepts connections; answers { cpu } (process.cpuUsage) on IPC.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchLookups } from './bench-program.mjs';

const [variant, routerDir, secret = ''] = process.argv.slice(2);
const answer = readFileSync(path.join(routerDir, 'static-answer.json'), 'utf8');
const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };

let handler;
if (variant === 'bare') {
  handler = (_req, res) => {
    res.writeHead(200, headers);
    res.end(answer);
  };
} else if (variant === 'bare-body') {
  handler = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, headers);
      res.end(answer);
    });
  };
} else if (variant === 'bare-body-loaded') {
  // bare-body-length in a process that has also loaded and created the router (never serving it): what the
  // router's code and heap cost a request that does not run it.
  const { createRouter } = await import(pathToFileURL(path.join(routerDir, 'router.mjs')).href);
  globalThis.unusedRouter = createRouter({ signatureSecret: secret || 'x', lookups: benchLookups, logger: { warn: () => undefined } });
  const withLength = { ...headers, 'content-length': String(Buffer.byteLength(answer)) };
  handler = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, withLength);
      res.end(answer);
    });
  };
} else if (variant === 'bare-body-length') {
  // The same, with a Content-Length (one write, not chunked), as the router's node:http adapter sends.
  const withLength = { ...headers, 'content-length': String(Buffer.byteLength(answer)) };
  handler = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, withLength);
      res.end(answer);
    });
  };
} else if (variant === 'bare-body-verify' || variant === 'bare-body-hashes') {
  // bare-body-length with the signed webhook checked by hand with node:crypto, no router. verify: the straightforward
  // check any server would write (the token split, its header's alg, the HMAC compared in constant time, the claims
  // parsed, iat's age, the body's SHA-256 against payload_hash). hashes: only the HMAC (compared with the token's
  // signature) and the body's SHA-256 (made, not compared: that needs the claims read) — a floor, not a verifier:
  // the least any check of Vonage's signature computes.
  const { createHash, createHmac, hash, timingSafeEqual } = await import('node:crypto');
  // hashes: HMAC-SHA256 (RFC 2104) as two one-shot SHA-256 calls over the key's pads, made once (a key of at most 64
  // bytes, as the bench's) — the cheapest way node:crypto has, as the router's own — so that this is a floor.
  const key = Buffer.from(secret, 'utf8');
  const pad = (byte) => Buffer.from(Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ byte));
  const [inner, outer] = [pad(0x36), pad(0x5c)];
  const hmacOf = (text) =>
    hash('sha256', Buffer.concat([outer, hash('sha256', Buffer.concat([inner, Buffer.from(text, 'latin1')]), 'buffer')]), 'base64url');
  const withLength = { ...headers, 'content-length': String(Buffer.byteLength(answer)) };
  const refused = '{"error":"unauthorized"}';
  const verified = (authorization, body) => {
    if (variant === 'bare-body-hashes') {
      // "Bearer <header>.<claims>.<signature>": cut by position, nothing else read.
      const a = authorization ?? '';
      const last = a.lastIndexOf('.');
      return hmacOf(a.slice(7, last)) === a.slice(last + 1) && hash('sha256', body).length === 64;
    }
    const token = /^Bearer[ \t]+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
    const [head = '', claims = '', signature = ''] = token.split('.');
    const mac = createHmac('sha256', secret).update(`${head}.${claims}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== mac.length || !timingSafeEqual(given, mac)) return false;
    if (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')).alg !== 'HS256') return false;
    const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
    if (typeof payload.iat !== 'number' || Date.now() / 1000 - payload.iat > 300) return false;
    return payload.payload_hash === createHash('sha256').update(body).digest('hex');
  };
  handler = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      JSON.parse(body.toString('utf8'));
      let ok;
      try {
        ok = verified(req.headers.authorization, body);
      } catch {
        ok = false;
      }
      res.writeHead(ok ? 200 : 401, ok ? withLength : headers);
      res.end(ok ? answer : refused);
    });
  };
} else if (variant === 'router-unsigned' || variant === 'router-signed' || variant === 'router-signed-cold') {
  const { createRouter, toNodeHandler } = await import(pathToFileURL(path.join(routerDir, 'router.mjs')).href);
  const router = createRouter({
    ...(variant === 'router-unsigned' ? { allowUnsigned: true, stateSecret: secret } : { signatureSecret: secret }),
    // Cold: every state decrypted, as when another instance sealed it.
    ...(variant === 'router-signed-cold' ? { rememberSealedStates: 0 } : {}),
    lookups: benchLookups,
    logger: { warn: () => undefined, error: () => undefined },
  });
  handler = toNodeHandler(router);
} else {
  console.error(`unknown variant ${variant}`);
  process.exit(2);
}

const server = createServer(handler);
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('message', (message) => {
  if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
});
process.on('SIGTERM', () => process.exit(0));
// SIGINT too: a server started with `node --cpu-prof` writes its profile on a clean exit.
process.on('SIGINT', () => process.exit(0));

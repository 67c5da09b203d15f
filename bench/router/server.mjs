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
} else if (variant.startsWith('router-signed-state-')) {
  // A floor for a step with call data whose state another instance sealed: the router's signed static step, plus
  // only the cryptography such a step cannot skip — the state's text decoded, opened (authenticated and decrypted)
  // and sealed again (a counter changed) and encoded — by hand with node:crypto, nothing parsed or rendered. The
  // AEAD is the last part of the name: gcm (AES-256-GCM, a Cipher per message), chacha (ChaCha20-Poly1305, the
  // same), ctr-hmac (the router's own construction at its cheapest: AES-256-CTR, the seal's keystream taken from a
  // 64 KiB batch made ahead and the open's from one kept ECB cipher, and HMAC-SHA256 as two one-shot SHA-256 calls,
  // into buffers kept), ctr-hmac-cached, ctr-kmac-cached (see below).
  const { createCipheriv, createDecipheriv, createSecretKey, hash, randomFillSync } = await import('node:crypto');
  const { createRouter, toNodeHandler } = await import(pathToFileURL(path.join(routerDir, 'router.mjs')).href);
  const routed = toNodeHandler(
    createRouter({ signatureSecret: secret, lookups: benchLookups, logger: { warn: () => undefined, error: () => undefined } }),
  );
  const aead = variant.slice('router-signed-state-'.length);
  const key = createSecretKey(Buffer.alloc(32, 7));
  const aad = Buffer.from('flowc-state/3/bench/CON-bench-0001');
  // The bench data step's plain state: its length, as seal() writes it.
  const plain = Buffer.from('{"x":1764760000,"t":7,"d":{"account":"12345678","balance":42.5,"due":"2026-12-15"},"n":{"again":1}}');
  let seal;
  let open;
  if (aead === 'gcm' || aead === 'chacha') {
    const algorithm = aead === 'gcm' ? 'aes-256-gcm' : 'chacha20-poly1305';
    const iv = Buffer.alloc(12);
    seal = (bytes) => {
      randomFillSync(iv);
      const cipher = createCipheriv(algorithm, key, iv, { authTagLength: 16 });
      cipher.setAAD(aad, { plaintextLength: bytes.length });
      const body = cipher.update(bytes);
      cipher.final();
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    };
    open = (text) => {
      const sealed = Buffer.from(text, 'base64url');
      const decipher = createDecipheriv(algorithm, key, sealed.subarray(0, 12), { authTagLength: 16 });
      decipher.setAAD(aad, { plaintextLength: sealed.length - 28 });
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const out = decipher.update(sealed.subarray(12, sealed.length - 16));
      decipher.final();
      return out;
    };
  } else if (aead.startsWith('ctr-')) {
    // ctr-hmac: HMAC-SHA256 as two one-shot SHA-256 calls over the key's pads; ctr-kmac: one SHA3-256 call over the
    // key and the message (a keyed sponge, as KMAC; no HMAC needed, SHA-3 has no length extension). -cached: the
    // open's keystream kept per nonce once made (the text comes back, so made once), not one ECB call per open.
    const kmac = aead.startsWith('ctr-kmac');
    const cached = aead.endsWith('-cached');
    const macKey = Buffer.alloc(kmac ? 32 : 64, 9);
    const pads = (byte) => Buffer.from(Array.from({ length: 64 }, (_, i) => (macKey[i] ?? 0) ^ byte));
    const room = Buffer.alloc(64 + 512);
    (kmac ? macKey : pads(0x36)).copy(room, 64 - macKey.length);
    const outerRoom = Buffer.concat([pads(0x5c), Buffer.alloc(32)]);
    const from = 64 - (kmac ? macKey.length : 64);
    const mac = kmac
      ? (length) => hash('sha3-256', room.subarray(from, 64 + length), 'latin1')
      : (length) => {
          outerRoom.write(hash('sha256', room.subarray(from, 64 + length), 'latin1'), 64, 'latin1');
          return hash('sha256', outerRoom, 'latin1');
        };
    const batchIv = Buffer.alloc(16);
    let batch = Buffer.alloc(0);
    let next = 4096;
    const ecb = createCipheriv('aes-256-ecb', key, null);
    ecb.setAutoPadding(false);
    const counters = Buffer.alloc(512);
    const kept = Buffer.alloc(512);
    const out = Buffer.alloc(512);
    let keptNonce = '';
    let keptStream;
    seal = (bytes, length = bytes.length) => {
      const blocks = Math.ceil(length / 16);
      if (next + blocks > 4096) {
        randomFillSync(batchIv, 0, 12);
        batch = createCipheriv('aes-256-ctr', key, batchIv).update(Buffer.alloc(65536));
        next = 0;
      }
      const at = 64 + aad.length;
      aad.copy(room, 64);
      batchIv.copy(room, at, 0, 12);
      room.writeUInt32BE(next, at + 12);
      for (let i = 0; i < length; i++) room[at + 16 + i] = bytes[i] ^ batch[next * 16 + i];
      next += blocks;
      const macked = aad.length + 16 + length;
      room.write(mac(macked), 64 + macked, 16, 'latin1');
      return room.toString('base64url', at, 64 + macked + 16);
    };
    open = (text) => {
      const size = kept.write(text, 'base64url');
      aad.copy(room, 64);
      kept.copy(room, 64 + aad.length, 0, size - 16);
      if (mac(aad.length + size - 16).slice(0, 16) !== kept.toString('latin1', size - 16, size)) return undefined;
      const length = size - 32;
      let stream;
      const nonce = cached ? kept.toString('latin1', 0, 16) : '';
      if (cached && nonce === keptNonce) stream = keptStream;
      else {
        const blocks = Math.ceil(length / 16);
        const first = kept.readUInt32BE(12);
        for (let b = 0; b < blocks; b++) {
          kept.copy(counters, b * 16, 0, 12);
          counters.writeUInt32BE(first + b, b * 16 + 12);
        }
        stream = ecb.update(counters.subarray(0, blocks * 16));
        if (cached) [keptNonce, keptStream] = [nonce, stream];
      }
      for (let i = 0; i < length; i++) out[i] = kept[16 + i] ^ stream[i];
      return out.subarray(0, length);
    };
  } else {
    console.error(`unknown AEAD ${aead}`);
    process.exit(2);
  }
  // Another instance's state: sealed once here, opened on every webhook (a new Cipher or ECB call each time, as for a
  // text never seen), then sealed again.
  const text = seal(plain);
  if (!open(text)?.equals(plain)) throw new Error(`${aead}: the state does not open`);
  handler = (req, res) => {
    const opened = open(text);
    opened[opened.length - 3] ^= 1; // the counter changed
    if (seal(opened, opened.length).length < 16) throw new Error('short');
    routed(req, res);
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

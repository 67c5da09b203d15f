import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cryptoBackend, segmentDecoder } from '../../../compiler/router/runtime/crypto.mjs';
import { ABSENT, bearerToken, createVerifier, scanClaims, type ScannedClaims } from '../../../compiler/router/runtime/signature.mjs';

/** What the router took with a capturing regular expression before: bearerToken must take exactly the same. */
const CAPTURE = /^Bearer[ \t]+([A-Za-z0-9_.-]+)[ \t]*$/i;

describe('bearerToken (the Authorization header without a match array per webhook)', () => {
  it.each([
    'Bearer abc.def.ghi',
    'bearer abc.def.ghi',
    'BEARER\tabc.def.ghi',
    'Bearer    abc.def.ghi   ',
    'Bearer abc.def.ghi\t \t',
    'Bearer \t a-b_c.d-e_f.g',
    'Bearer',
    'Bearer ',
    'Bearerabc.def.ghi',
    'Bearer abc def',
    'Bearer abc.def.ghi!',
    'Bearer abc=.def.ghi',
    ' Bearer abc.def.ghi',
    'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
    'Bearer abc.def.ghi\n',
    'Bearer\u00a0abc.def.ghi',
    'Beare\u0072 x',
    'Bearer é.def.ghi',
    '',
  ])('%j', (header) => {
    expect(bearerToken(header)).toBe(CAPTURE.exec(header)?.[1]);
  });
});

/** Claims texts around what Vonage sends, each as the bytes a token's claims segment decodes to. */
const HASH = 'ab'.repeat(32);
const CLAIM_TEXTS: (string | number[])[] = [
  `{"iat":1700000000,"jti":"f8b1-4e","iss":"Vonage","payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"payload_hash":"${HASH.toUpperCase()}","application_id":"aaaa-bbbb"}`,
  ` { "iat" : 1700000000 ,\t"payload_hash"\r\n:\n"${HASH}" } `,
  `{"iat":1700000000,"exp":1700000300,"nbf":1699999990,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"exp":1690000000,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"nbf":1800000000,"payload_hash":"${HASH}"}`,
  `{"iat":1800000000,"payload_hash":"${HASH}"}`,
  `{"iat":1600000000,"payload_hash":"${HASH}"}`,
  `{"iat":-0,"payload_hash":"${HASH}"}`,
  `{"iat":0,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000}`,
  `{"payload_hash":"${HASH}"}`,
  `{}`,
  ` {\n} `,
  `{"iat":1700000000,"payload_hash":"${HASH}","payload_hash":"${'cd'.repeat(32)}"}`,
  `{"iat":1,"iat":1700000000,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"iat":"1700000000","payload_hash":"${HASH}"}`,
  `{"iat":"1700000000","iat":1700000000,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","payload_hash":7}`,
  `{"iat":1700000000,"payload_hash":null}`,
  `{"iat":1700000000,"payload_hash":""}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","ok":true,"no":false,"none":null,"n":-12}`,
  `{"iat":1700000000.0,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000.5,"payload_hash":"${HASH}"}`,
  `{"iat":17e8,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000E0,"payload_hash":"${HASH}"}`,
  `{"iat":01700000000,"payload_hash":"${HASH}"}`,
  `{"iat":-1700000000,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"exp":1e999,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"exp":"soon","payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"exp":null,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"nbf":true,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"nbf":123456789012345,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"nbf":1234567890123456,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"exp":9999999999999999999999,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","x":{"iat":1}}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","x":[1,2]}`,
  `{"i\\u0061t":1700000000,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"payload_hash":"${HASH.slice(0, 62)}\\u0061b"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","name":"caf\u00e9"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","tab":"a\tb"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}",}`,
  `{"iat":1700000000,,"payload_hash":"${HASH}"}`,
  `{"iat" 1700000000,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}"`,
  `{"iat":1700000000,"payload_hash":"${HASH}}`,
  `{"iat":1700000000,"payload_hash":"${HASH}"}}`,
  `{"iat":1700000000,"payload_hash":"${HASH}"} x`,
  `{"iat":-,"payload_hash":"${HASH}"}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","t":tru}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","t":nul}`,
  `{"iat":1700000000,"payload_hash":"${HASH}","t":falsey}`,
  `{'iat':1700000000}`,
  `[{"iat":1700000000,"payload_hash":"${HASH}"}]`,
  `"iat"`,
  `1700000000`,
  `null`,
  ``,
  ` `,
  [0xef, 0xbb, 0xbf, ...Buffer.from(`{"iat":1700000000,"payload_hash":"${HASH}"}`)],
  [...Buffer.from(`{"iat":1700000000,"payload_hash":"${HASH}"}`), 0],
  [...Buffer.from(`{}`), 0, ...Buffer.from(' x')],
  [...Buffer.from(`{"iat":1700000000,"payload_hash":"`), 0, ...Buffer.from(`"}`)],
  [...Buffer.from(`{"iat":1700000000,"payload_hash":"${HASH}","x":"`), 0xff, ...Buffer.from(`"}`)],
  [...Buffer.from(`{"iat":1700000000,"payload_hash":"${HASH}","x":"`), 0xc3, 0xa9, ...Buffer.from(`"}`)],
  [...Buffer.from(`{"iat":1700000000,"payload_hash":"${HASH}","x":"`), 0xed, 0xa0, 0x80, ...Buffer.from(`"}`)],
  [...Buffer.from(`{"iat":1700000000,"payload_hash":"${HASH}"`), 0xa0, ...Buffer.from(`}`)],
];

/** The claims as JSON.parse reads them (what the verifier did for every token before scanClaims). */
function parsedClaims(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Mutations of the usual claims, byte by byte (a fixed pseudo-random sequence). */
function mutatedClaims(count: number): Uint8Array[] {
  const base = Buffer.from(`{"iat":1700000000,"exp":1700000300,"payload_hash":"${HASH}","ok":true}`);
  const interesting = [0, 9, 10, 32, 34, 44, 45, 46, 48, 49, 58, 92, 101, 110, 116, 123, 125, 0x7f, 0x80, 0xc3, 0xff];
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: Uint8Array[] = [];
  for (let k = 0; k < count; k++) {
    const bytes = [...base];
    for (let m = 1 + next(3); m > 0; m--) {
      const at = next(bytes.length);
      const op = next(3);
      const byte = interesting[next(interesting.length)]!;
      if (op === 0) bytes[at] = byte;
      else if (op === 1) bytes.splice(at, 0, byte);
      else bytes.splice(at, 1);
    }
    out.push(Uint8Array.from(bytes));
  }
  return out;
}

const claimsCorpus = (): Uint8Array[] => [
  ...CLAIM_TEXTS.map((text) => (typeof text === 'string' ? new TextEncoder().encode(text) : Uint8Array.from(text))),
  ...mutatedClaims(3000),
];

describe('scanClaims (the claims read from their bytes, without JSON.parse, where they are what Vonage sends)', () => {
  it('reads exactly what JSON.parse reads, or leaves the claims to it', () => {
    let scannedCount = 0;
    for (const bytes of claimsCorpus()) {
      const room = new Uint8Array(bytes.length + 8).fill(0x31); // stale bytes after the 0 that ends them
      room.set(bytes);
      room[bytes.length] = 0;
      const out: ScannedClaims = { iat: 0, exp: 0, nbf: 0, hashStart: 0, hashEnd: 0 };
      if (!scanClaims(room, bytes.length, out)) continue;
      scannedCount++;
      const parsed = parsedClaims(bytes);
      const text = new TextDecoder().decode(bytes);
      expect(parsed, text).toBeDefined();
      for (const name of ['iat', 'exp', 'nbf'] as const) {
        expect(Object.is(out[name], parsed![name] === undefined ? ABSENT : parsed![name]), `${name} of ${text}`).toBe(true);
      }
      const hash = out.hashStart < 0 ? undefined : new TextDecoder().decode(bytes.subarray(out.hashStart, out.hashEnd));
      expect(hash, text).toBe(parsed!.payload_hash);
    }
    // The usual claims are read by the scan (not all left to JSON.parse).
    expect(scannedCount).toBeGreaterThan(20);
    // A string running past the array's end (no 0 after the bytes) is left to JSON.parse, not scanned forever.
    const open = new TextEncoder().encode('{"iat":1,"jti":"abc');
    expect(scanClaims(open, open.length, { iat: 0, exp: 0, nbf: 0, hashStart: 0, hashEnd: 0 })).toBe(false);
    const usual = new TextEncoder().encode(`${CLAIM_TEXTS[0]}\0`);
    expect(scanClaims(usual, usual.length - 1, { iat: 0, exp: 0, nbf: 0, hashStart: 0, hashEnd: 0 })).toBe(true);
  });
});

describe('segmentDecoder (claims decoded into a kept buffer)', () => {
  it('decodes as Buffer does, natively and in JavaScript, one segment after another', () => {
    const native = segmentDecoder(true);
    const js = segmentDecoder(false);
    let seed = 7;
    for (let length = 0; length < 700; length += 1 + (length >> 4)) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = seed = ((seed * 75 + 74) % 65537) & 255;
      const text = Buffer.from(bytes).toString('base64url');
      for (const decoder of [native, js]) {
        const n = decoder.decode(text);
        expect(n).toBe(length);
        expect(Buffer.from(decoder.bytes.subarray(0, n)).equals(Buffer.from(bytes))).toBe(true);
        expect(decoder.bytes[n]).toBe(0);
      }
    }
    // A last character's spare bits are ignored, as Buffer does; a length no base64url has is refused.
    for (const text of ['AB', 'ABC', 'AP', 'ABD', 'A', 'ABCDE']) {
      const expected = text.length % 4 === 1 ? -1 : Buffer.from(text, 'base64url').length;
      expect(native.decode(text)).toBe(expected);
      expect(js.decode(text)).toBe(expected);
      if (expected >= 0) expect(Buffer.from(js.bytes.subarray(0, expected)).equals(Buffer.from(text, 'base64url'))).toBe(true);
    }
    expect(js.decode('ab*d')).toBe(-1);
  });
});

/** What the verifier answered for a good signature before scanClaims: the claims through JSON.parse. */
function referenceVerdict(bytes: Uint8Array, nowMs: number, body: Uint8Array): string | undefined {
  const claims = parsedClaims(bytes);
  if (!claims) return 'malformed-token';
  const date = (value: unknown) =>
    value === undefined ? 'absent' : typeof value === 'number' && Number.isFinite(value) ? value : 'invalid';
  const seconds = nowMs / 1000;
  const iat = date(claims.iat);
  if (typeof iat !== 'number') return 'missing-iat';
  if (iat > seconds + SKEW) return 'iat-in-future';
  if (seconds - iat > AGE) return 'token-expired';
  const exp = date(claims.exp);
  if (exp === 'invalid') return 'invalid-exp';
  if (typeof exp === 'number' && seconds > exp + SKEW) return 'token-expired';
  const nbf = date(claims.nbf);
  if (nbf === 'invalid') return 'invalid-nbf';
  if (typeof nbf === 'number' && seconds + SKEW < nbf) return 'token-not-yet-valid';
  const claimed = claims.payload_hash;
  if (typeof claimed !== 'string') return 'missing-payload-hash';
  return claimed.toLowerCase() === createHash('sha256').update(body).digest('hex') ? undefined : 'payload-hash-mismatch';
}
const SKEW = 30;
const AGE = 600;

describe('verify: the same verdicts whether the claims are scanned or parsed', () => {
  const secret = 'verdict-secret';
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  // A body whose SHA-256 is HASH would need a preimage: the claims name HASH, and the body is chosen per case.
  const bodies = [new TextEncoder().encode('{"a":1}')];
  const nowMs = 1_700_000_010_000;
  it.each([
    ['node:crypto', () => cryptoBackend('auto')],
    ['Web Crypto', () => cryptoBackend('web')],
  ])('%s', async (_name, backend) => {
    const verify = createVerifier({ secret, backend: backend(), maxTokenAgeSeconds: AGE, maxClockSkewSeconds: SKEW });
    const realHash = createHash('sha256').update(bodies[0]!).digest('hex');
    for (const original of claimsCorpus()) {
      // The corpus's hash replaced by the body's (either case), so that good claims pass.
      const text = Buffer.from(original)
        .toString('latin1')
        .replaceAll(HASH, realHash)
        .replaceAll(HASH.toUpperCase(), realHash.toUpperCase());
      const bytes = Buffer.from(text, 'latin1');
      const claims = bytes.toString('base64url');
      const signingInput = `${header}.${claims}`;
      const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
      const verdict = await verify(`Bearer ${signingInput}.${signature}`, (i) => (i === 0 ? bodies[0] : undefined), nowMs);
      expect(verdict, text).toBe(referenceVerdict(bytes, nowMs, bodies[0]!));
    }
  });
});

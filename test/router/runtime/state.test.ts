import { describe, expect, it } from 'vitest';
import {
  cryptoBackend,
  fromBase64Url,
  fromBase64UrlJs,
  fromBase64UrlSegment,
  KEYSTREAM_BLOCKS,
  keystreamSource,
  sameDigestBase64Url,
  sameDigestHex,
  toBase64Url,
  toBase64UrlJs,
  xorStream,
} from '../../../compiler/router/runtime/crypto.mjs';
import {
  countersJson,
  createStateSealer,
  isDataOnce,
  isEmptyState,
  scanPlain,
  sharedEmptyState,
  writableCounters,
  writableData,
  type CallState,
  type OpenedState,
} from '../../../compiler/router/runtime/state.mjs';
import { builtinsFrom } from '../../../compiler/router/runtime/values.mjs';

const NOW = 1_700_000_000_000;
const state: CallState = {
  data: { account: '12345678', balance: 42.5, caller: '15551234567', verified: true },
  counters: { 'menu/retry': 2 },
};
const sealer = (
  backend: 'auto' | 'web',
  options: { secret?: string; projectId?: string; maxChars?: number; maxAgeSeconds?: number } = {},
) =>
  createStateSealer({
    secret: options.secret ?? 'state-secret',
    projectId: options.projectId ?? 'project-a',
    backend: cryptoBackend(backend),
    maxAgeSeconds: options.maxAgeSeconds ?? 600,
    maxChars: options.maxChars ?? 2048,
  });

describe('call state', () => {
  it('uses node:crypto where it exists and Web Crypto when asked', () => {
    expect(cryptoBackend('auto').name).toBe('node');
    expect(cryptoBackend('web').name).toBe('web');
  });

  it.each([
    ['node', 'node', 'auto', 'auto'],
    ['web', 'web', 'web', 'web'],
    ['node', 'web', 'auto', 'web'],
    ['web', 'node', 'web', 'auto'],
  ] as const)('seals with %s and opens with %s', async (_a, _b, from, to) => {
    const sealed = await sealer(from).seal(state, 'CON-1', NOW);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await sealer(to).open(sealed!, 'CON-1', NOW + 1000)).toEqual({ ok: true, state });
  });

  it('shows nothing of the data: no account number, no balance, in any encoding', async () => {
    const sealed = (await sealer('auto').seal(state, 'CON-1', NOW))!;
    const bytes = Buffer.from(fromBase64Url(sealed)!);
    for (const secret of ['12345678', '42.5', '15551234567', 'account', 'balance']) {
      expect(sealed).not.toContain(secret);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(sealed).not.toContain(Buffer.from(secret).toString('base64url').slice(0, 6));
    }
    // A fresh IV each time: two seals of the same state differ.
    expect(await sealer('auto').seal(state, 'CON-1', NOW)).not.toBe(sealed);
  });

  it.each([
    ['another call', async (s: string) => sealer('auto').open(s, 'CON-2', NOW), 'tampered'],
    ['another project', async (s: string) => sealer('auto', { projectId: 'project-b' }).open(s, 'CON-1', NOW), 'tampered'],
    ['another secret', async (s: string) => sealer('auto', { secret: 'other' }).open(s, 'CON-1', NOW), 'tampered'],
    ['expired', async (s: string) => sealer('auto').open(s, 'CON-1', NOW + 601_000), 'expired'],
    [
      'one bit flipped',
      async (s: string) => {
        const b = fromBase64Url(s)!;
        b[20]! ^= 1;
        return sealer('auto').open(toBase64Url(b), 'CON-1', NOW);
      },
      'tampered',
    ],
    ['cut short', async (s: string) => sealer('auto').open(s.slice(0, 30), 'CON-1', NOW), 'tampered'],
    ['not base64url', async () => sealer('auto').open('abc$def', 'CON-1', NOW), 'malformed'],
    ['another format', async (s: string) => sealer('auto').open(`B${s.slice(1)}`, 'CON-1', NOW), 'malformed'],
    [
      'a changed tag',
      async (s: string) => {
        const b = fromBase64Url(s)!;
        b[b.length - 1]! ^= 0x80;
        return sealer('auto').open(toBase64Url(b), 'CON-1', NOW);
      },
      'tampered',
    ],
    [
      'a changed counter block',
      async (s: string) => {
        const b = fromBase64Url(s)!;
        b[16]! ^= 1;
        return sealer('web').open(toBase64Url(b), 'CON-1', NOW);
      },
      'tampered',
    ],
    [
      'its tag cut off',
      async (s: string) => sealer('auto').open(toBase64Url(fromBase64Url(s)!.subarray(0, -16)), 'CON-1', NOW),
      'tampered',
    ],
    ['empty', async () => sealer('auto').open('', 'CON-1', NOW), 'malformed'],
    ['oversized', async (s: string) => sealer('auto', { maxChars: 40 }).open(s, 'CON-1', NOW), 'oversized'],
    ['web: another call', async (s: string) => sealer('web').open(s, 'CON-2', NOW), 'tampered'],
  ])('refuses a state from %s', async (_label, open, reason) => {
    const sealed = (await sealer('auto').seal(state, 'CON-1', NOW))!;
    expect(await open(sealed)).toEqual({ ok: false, reason });
  });

  it('does not seal a state larger than the limit', async () => {
    const big: CallState = { data: { note: 'x'.repeat(3000) }, counters: {} };
    expect(await sealer('auto').seal(big, 'CON-1', NOW)).toBeUndefined();
  });

  it('refuses an authentic state whose content is not a state (defence in depth)', async () => {
    // Sealed by hand with the same key, holding values that are not call data.
    const { aead } = cryptoBackend('auto');
    const enc = new TextEncoder();
    const cipher = aead(enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/2/project-a'));
    for (const plain of [
      '{"v":2,"x":9999999999,"d":{"a":{"nested":1}},"n":{}}',
      '{"v":2,"x":9999999999,"d":{},"n":{"c":-1}}',
      '{"v":1,"x":9999999999,"d":{},"n":{}}',
      '[1]',
      'not json',
    ]) {
      const text = toBase64Url(await cipher.seal(plain, enc.encode('flowc-state/2/project-a/CON-1'), 2));
      expect(await sealer('auto').open(text, 'CON-1', NOW), plain).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('the shared empty state (a webhook that brought none)', () => {
  it('is written only through a copy: the next webhook’s empty state is still empty', () => {
    const first = sharedEmptyState();
    expect(Object.isFrozen(first.data) && Object.isFrozen(first.counters)).toBe(true);
    writableData(first).digits = '42';
    writableCounters(first)['menu/retry'] = 1;
    expect(first).toEqual({ data: { digits: '42' }, counters: { 'menu/retry': 1 } });
    const next = sharedEmptyState();
    expect(next).toEqual({ data: {}, counters: {} });
    expect(isEmptyState(next)).toBe(true);
    expect(() => {
      (next.data as { x?: number }).x = 1;
    }).toThrow(TypeError);
  });
});

describe('base64url (Buffer’s codec on Node, the JavaScript one elsewhere)', () => {
  const codecs = [
    ['Buffer', toBase64Url, fromBase64Url],
    ['JavaScript', toBase64UrlJs, fromBase64UrlJs],
  ] as const;
  const samples = [[], [0], [255, 254], [1, 2, 3], Array.from({ length: 256 }, (_, i) => i)];
  it.each(codecs.flatMap(([name, to, from]) => samples.map((bytes) => [name, to, from, bytes] as const)))(
    '%s round-trips %j',
    (_name, to, from, bytes) => {
      const b = new Uint8Array(bytes);
      expect(to(b)).toBe(Buffer.from(b).toString('base64url'));
      expect([...from(to(b))!]).toEqual(bytes);
      expect([...from(`${to(b)}==`.slice(0, to(b).length + ((4 - (to(b).length % 4)) % 4)))!]).toEqual(bytes);
    },
  );

  it.each(codecs.flatMap(([name, , from]) => ['a', 'ab$c', 'abc+', 'é', 'ab/c', 'a b'].map((text) => [name, from, text] as const)))(
    '%s refuses %j',
    (_name, from, text) => expect(from(text)).toBeUndefined(),
  );

  // A JWT segment has matched the bearer pattern already: only its length is left to check.
  it.each(samples.map((bytes) => [bytes] as const))('a token segment decodes as fromBase64Url does: %j', (bytes) => {
    const text = toBase64Url(new Uint8Array(bytes));
    expect([...fromBase64UrlSegment(text)!]).toEqual(bytes);
  });

  it.each(['a', 'abcde', 'abcdefghi'])('a token segment of an impossible length (%j) is refused', (text) => {
    expect(fromBase64UrlSegment(text)).toBeUndefined();
  });
});

describe('the node:crypto backend’s one-shot HMAC and digests', () => {
  it('equal createHmac and createHash for keys and messages of every size, including ones that grow its buffer', async () => {
    const { createHash, createHmac, randomBytes } = await import('node:crypto');
    const backend = cryptoBackend('auto');
    const web = cryptoBackend('web');
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const hmac = backend.hmacSha256(key);
      const webHmac = web.hmacSha256(key);
      for (const size of [0, 1, 55, 64, 500, 1024, 1025, 3000, 10]) {
        const data = randomBytes(size);
        const expected = createHmac('sha256', key).update(data).digest('hex');
        expect(Buffer.from(await hmac(data)).toString('hex')).toBe(expected);
        if (keyLength > 0) expect(Buffer.from(await webHmac(data)).toString('hex')).toBe(expected);
        expect(await backend.sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
      }
    }
  });

  it('checks an HMAC over a token’s text as createHmac would, in full, for texts that grow its buffer', async () => {
    const { createHmac, randomBytes } = await import('node:crypto');
    const check = cryptoBackend('auto').sync?.hmacSha256Check;
    if (check === undefined) throw new Error('node:crypto has hash() on Node 20.20: the text check must exist');
    for (const keyLength of [1, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const verify = check(key);
      for (const size of [0, 1, 64, 150, 1025, 3000, 20]) {
        const text = randomBytes(size).toString('base64url').slice(0, size);
        const mac = createHmac('sha256', key).update(text).digest();
        expect(verify(text, mac.toString('base64url')), `${keyLength}/${size}`).toBe(true);
        for (const i of [0, 15, 29, 30, 31]) {
          const changed = Buffer.from(mac);
          changed[i]! ^= 1;
          expect(verify(text, changed.toString('base64url')), `${keyLength}/${size} byte ${i}`).toBe(false);
        }
        expect(verify(text, mac.subarray(0, 31).toString('base64url'))).toBe(false);
        expect(verify(text, Buffer.concat([mac, Buffer.from([0])]).toString('base64url'))).toBe(false);
      }
      // Not a token's ASCII, but its UTF-8 all the same (and longer than the buffer it had).
      const wide = 'é'.repeat(2000);
      expect(verify(wide, createHmac('sha256', key).update(wide).digest('base64url'))).toBe(true);
    }
  });

  it('reads a signature’s base64url as Buffer decodes it: every character counts but the last one’s two spare bits', async () => {
    const { randomBytes } = await import('node:crypto');
    for (let n = 0; n < 200; n++) {
      const digest = randomBytes(32);
      const latin1 = digest.toString('latin1');
      const text = digest.toString('base64url');
      expect(sameDigestBase64Url(latin1, text)).toBe(true);
      // Another character anywhere is another digest (as Buffer would decode it), whatever its position.
      const at = n % 43;
      const other = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
      expect(sameDigestBase64Url(latin1, other)).toBe(Buffer.from(other, 'base64url').equals(digest));
      for (const bad of ['+', '/', '=', '.', 'é', ' '])
        expect(sameDigestBase64Url(latin1, text.slice(0, at) + bad + text.slice(at + 1))).toBe(false);
      expect(sameDigestBase64Url(latin1, text.slice(0, 42))).toBe(false);
      expect(sameDigestBase64Url(latin1, `${text}A`)).toBe(false);
    }
    // The last character carries 4 bits of the digest and 2 spare ones: Buffer ignores the spare bits, and so does this.
    const digest = Buffer.alloc(32, 0);
    expect(sameDigestBase64Url(digest.toString('latin1'), `${'A'.repeat(42)}D`)).toBe(
      Buffer.from(`${'A'.repeat(42)}D`, 'base64url').equals(digest),
    );
    expect(sameDigestBase64Url(digest.toString('latin1'), `${'A'.repeat(42)}E`)).toBe(false);
  });

  it('compares a digest with hex text in either case, refusing anything but 64 hex digits', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const check = cryptoBackend('auto').sync?.sha256IsHex;
    if (check === undefined) throw new Error('node:crypto has hash() on Node 20.20: the hex check must exist');
    for (let n = 0; n < 100; n++) {
      const data = randomBytes(n * 7);
      const hex = createHash('sha256').update(data).digest('hex');
      expect(check(data, hex)).toBe(true);
      expect(check(data, hex.toUpperCase())).toBe(true);
      const at = n % 64;
      const other = hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);
      expect(check(data, other)).toBe(false);
      for (const bad of ['g', 'G', ' ', 'é', '\u212a', 'x']) expect(check(data, hex.slice(0, at) + bad + hex.slice(at + 1))).toBe(false);
      expect(check(data, hex.slice(0, 63))).toBe(false);
      expect(check(data, `${hex}0`)).toBe(false);
      expect(sameDigestHex(createHash('sha256').update(data).digest().toString('latin1'), hex)).toBe(true);
    }
  });

  it('seals to text the same bytes it seals (sealText), which open on the other backend', async () => {
    const enc = new TextEncoder();
    const keys = [enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/2/project-a')] as const;
    const aad = enc.encode('flowc-state/2/project-a/CON-1');
    const node = cryptoBackend('auto').aead(...keys);
    const web = cryptoBackend('web').aead(...keys);
    for (const plain of ['', '{"v":2}', 'é'.repeat(700), 'x'.repeat(5000)]) {
      const text = await node.sealText!(plain, aad, 2);
      const bytes = fromBase64Url(text)!;
      expect(bytes[0]).toBe(2);
      expect(await web.open(bytes, aad)).toBe(plain);
      expect(await node.open(bytes, aad)).toBe(plain);
      expect(await node.open(fromBase64Url(await web.sealText!(plain, aad, 2))!, aad)).toBe(plain);
    }
  });

  it('never repeats an IV (drawn from a pool that refills)', async () => {
    const sealer = createStateSealer({ secret: 's', projectId: 'p', backend: cryptoBackend('auto'), maxAgeSeconds: 60, maxChars: 2048 });
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++)
      ivs.add(Buffer.from(fromBase64Url((await sealer.seal(state, 'c', NOW))!)!.subarray(1, 17)).toString('hex'));
    expect(ivs.size).toBe(1000);
  });
});

describe('the state cipher (encrypt-then-MAC: AES-256-CTR, HMAC-SHA256/128)', () => {
  const enc = new TextEncoder();
  const keys = [enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/2/project-a')] as const;
  const aad = enc.encode('flowc-state/2/project-a/CON-1');

  it('is AES-256-CTR from the sealed counter block, under a key from HKDF, with an HMAC-SHA256 tag over len(aad), aad and the rest', async () => {
    const { createDecipheriv, createHmac, hkdfSync } = await import('node:crypto');
    const derived = Buffer.from(hkdfSync('sha256', keys[0], keys[1], keys[2], 64));
    for (const backend of ['auto', 'web'] as const) {
      const plain = `{"v":2,"x":1,"d":{"note":"caf\u00e9 ${backend}"},"n":{}}`;
      const sealed = await cryptoBackend(backend)
        .aead(...keys)
        .seal(plain, aad, 2);
      const iv = sealed.subarray(1, 17);
      const body = sealed.subarray(17, -16);
      expect(sealed[0]).toBe(2);
      expect(createDecipheriv('aes-256-ctr', derived.subarray(0, 32), iv).update(body).toString('utf8')).toBe(plain);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(aad.length);
      const tag = createHmac('sha256', derived.subarray(32))
        .update(Buffer.concat([length, aad, sealed.subarray(0, -16)]))
        .digest()
        .subarray(0, 16);
      expect(Buffer.from(sealed.subarray(-16)).equals(tag)).toBe(true);
    }
  });

  it('opens with one ECB cipher kept for the router what AES-256-CTR sealed, up to the last counter block before the counter wraps, as a CTR cipher per state does', async () => {
    const nodeCrypto = await import('node:crypto');
    const { createCipheriv, createHmac, hkdfSync } = nodeCrypto;
    const derived = Buffer.from(hkdfSync('sha256', keys[0], keys[1], keys[2], 64));
    /** Sealed by hand: the prefix, the counter block (nonce, then `counter` big-endian), the ciphertext, the tag. */
    const sealAt = (plain: string, counter: number): Uint8Array => {
      const iv = Buffer.alloc(16, 0xa5);
      iv.writeUInt32BE(counter, 12);
      const body = createCipheriv('aes-256-ctr', derived.subarray(0, 32), iv).update(plain, 'utf8');
      const unsigned = Buffer.concat([Buffer.from([2]), iv, body]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(aad.length);
      const tag = createHmac('sha256', derived.subarray(32))
        .update(Buffer.concat([length, aad, unsigned]))
        .digest()
        .subarray(0, 16);
      return Buffer.concat([unsigned, tag]);
    };
    let ecbMade = 0;
    const counting = {
      ...nodeCrypto,
      createCipheriv: (...args: Parameters<typeof createCipheriv>) => {
        if (args[0] === 'aes-256-ecb') ecbMade++;
        return createCipheriv(...args);
      },
    };
    // A runtime without ECB (it throws), and one whose ECB gives back fewer bytes than blocks it was given.
    const noEcb = {
      ...nodeCrypto,
      createCipheriv: (...args: Parameters<typeof createCipheriv>) => {
        if (args[0] === 'aes-256-ecb') throw new Error('unsupported');
        return createCipheriv(...args);
      },
    };
    const shortEcb = {
      ...nodeCrypto,
      createCipheriv: (...args: Parameters<typeof createCipheriv>) => {
        const cipher = createCipheriv(...args);
        if (args[0] !== 'aes-256-ecb') return cipher;
        return Object.assign(cipher, { update: (data: Uint8Array) => Buffer.from(data.subarray(16)) });
      },
    };
    const openers = [
      cryptoBackend('auto', counting as never).aead(...keys),
      cryptoBackend('auto', noEcb as never).aead(...keys),
      cryptoBackend('auto', shortEcb as never).aead(...keys),
      cryptoBackend('web').aead(...keys),
    ];
    for (const length of [1, 15, 16, 17, 47, 300]) {
      const plain = `{"x":1,"d":{"note":"${'é'.repeat(length)}"}}`;
      const blocks = Math.ceil(Buffer.byteLength(plain) / 16);
      for (const counter of [0, 255, 256, 0xffff, 0x7fffffff, 0x80000000, 2 ** 32 - blocks]) {
        const sealed = sealAt(plain, counter);
        for (const aead of openers) expect(await aead.open(sealed, aad)).toBe(plain);
      }
      // One block further, the counter would wrap: refused by every backend, never decrypted.
      for (const aead of openers) expect(await aead.open(sealAt(plain, 2 ** 32 - blocks + 1), aad)).toBeUndefined();
    }
    expect(ecbMade).toBe(1);
  });

  it('opens a state sealed with format 1 (AES-256-GCM, before format 2) on both backends, and seals it again in format 3', async () => {
    const { createCipheriv, hkdfSync, randomBytes } = await import('node:crypto');
    const key = Buffer.from(hkdfSync('sha256', keys[0], keys[1], enc.encode('flowc/1/project-a'), 32));
    const sealOld = (plain: string, call = 'CON-1') => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(enc.encode(`flowc-state/1/project-a/${call}`));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([1]), iv, body, cipher.getAuthTag()]);
    };
    const old = sealOld('{"v":1,"x":9999999999,"d":{"account":"12345678","balance":42.5},"n":{"menu/retry":2}}');
    const text = old.toString('base64url');
    for (const backend of ['auto', 'web'] as const) {
      const same = sealer(backend);
      const opened = await same.open(text, 'CON-1', NOW);
      expect(opened, backend).toEqual({ ok: true, state: { data: { account: '12345678', balance: 42.5 }, counters: { 'menu/retry': 2 } } });
      if (!opened.ok) continue;
      // Nothing changed, but it is not sent back as it came: the next answer carries format 3.
      const again = await same.seal(opened.state, 'CON-1', NOW);
      expect(fromBase64Url(again ?? '')?.[0], backend).toBe(3);
      // Another call's, another project's, a changed byte, a format-1 text saying another version: refused.
      expect(await sealer(backend).open(text, 'CON-2', NOW), backend).toEqual({ ok: false, reason: 'tampered' });
      expect(await sealer(backend, { projectId: 'project-b' }).open(text, 'CON-1', NOW)).toEqual({ ok: false, reason: 'tampered' });
      for (const i of [1, 13, old.length - 20, old.length - 1]) {
        const changed = Buffer.from(old);
        changed[i]! ^= 1;
        expect(await sealer(backend).open(changed.toString('base64url'), 'CON-1', NOW), `${backend} byte ${i}`).toEqual({
          ok: false,
          reason: 'tampered',
        });
      }
      const versionTwo = sealOld('{"v":2,"x":9999999999,"d":{},"n":{}}').toString('base64url');
      expect(await sealer(backend).open(versionTwo, 'CON-1', NOW)).toEqual({ ok: false, reason: 'malformed' });
      const expired = sealOld('{"v":1,"x":1,"d":{},"n":{}}').toString('base64url');
      expect(await sealer(backend).open(expired, 'CON-1', NOW)).toEqual({ ok: false, reason: 'expired' });
      expect(await sealer(backend).open(old.subarray(0, 20).toString('base64url'), 'CON-1', NOW)).toEqual({
        ok: false,
        reason: 'tampered',
      });
    }
    // A format this router does not know.
    const four = Buffer.from(old);
    four[0] = 4;
    expect(await sealer('auto').open(four.toString('base64url'), 'CON-1', NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('compares the tag in full: any one byte of it changed, or a tag made for another aad, is refused', async () => {
    for (const backend of ['auto', 'web'] as const) {
      const aead = cryptoBackend(backend).aead(...keys);
      const sealed = await aead.seal('{"v":2}', aad, 2);
      expect(await aead.open(sealed, aad)).toBe('{"v":2}');
      for (let i = sealed.length - 16; i < sealed.length; i++) {
        const changed = sealed.slice();
        changed[i]! ^= 1;
        expect(await aead.open(changed, aad), `${backend} byte ${i}`).toBeUndefined();
      }
      // The aad's length is covered: moving a byte between the aad and the sealed bytes does not authenticate.
      expect(await aead.open(sealed, enc.encode('flowc-state/2/project-a/CON-'))).toBeUndefined();
      expect(await aead.open(sealed.subarray(0, 32), aad)).toBeUndefined();
    }
  });
});

describe('the plain state encoded into the bytes to encrypt (sealText)', () => {
  it.each([
    ['ASCII data, one counter', { data: { account: '12345678', balance: 42.5 }, counters: { 'data/again': 7 } }],
    ['non-ASCII data, no counters', { data: { note: 'caf\u00e9 \ud83d\ude00 \u2028', due: '2026-12-15' }, counters: {} }],
    ['no data, two counters', { data: {}, counters: { 'f/a': 1, 'f/b': 123456789 } }],
  ])('a state sealed by node:crypto (written in place) opens on both backends as it was: %s', async (_name, value) => {
    const sealed = await sealer('auto').seal(value, 'CON-1', NOW);
    for (const to of ['auto', 'web'] as const) {
      expect(await sealer(to).open(sealed!, 'CON-1', NOW + 1000), to).toEqual({ ok: true, state: value });
    }
  });

  it('writes the same plain text as sealText would', async () => {
    const { createDecipheriv, hkdfSync } = await import('node:crypto');
    const enc = new TextEncoder();
    const derived = Buffer.from(
      hkdfSync('sha256', enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/2/project-a'), 64),
    );
    const value: CallState = { data: { note: 'caf\u00e9', n: 3 }, counters: { 'f/retry': 2 } };
    const sealed = fromBase64Url((await sealer('auto').seal(value, 'CON-1', NOW))!)!;
    const plain = createDecipheriv('aes-256-ctr', derived.subarray(0, 32), sealed.subarray(1, 17))
      .update(sealed.subarray(17, -16))
      .toString('utf8');
    expect(plain).toBe(`{"x":${NOW / 1000 + 600},"d":{"note":"caf\u00e9","n":3},"n":{"f/retry":2}}`);
  });
});

describe('xorStream (the keystream applied four bytes at a time)', () => {
  it('writes what a byte loop writes, at any offsets, and zeroes the keystream it used', () => {
    for (let length = 0; length < 40; length++) {
      for (const [outAt, plainAt, streamAt] of [
        [0, 0, 0],
        [3, 1, 16],
        [61, 7, 33],
      ] as const) {
        const out = new Uint8Array(120).fill(0xaa);
        const plain = Uint8Array.from({ length: 60 }, (_, i) => (i * 37 + 11) & 255);
        const stream = Uint8Array.from({ length: 90 }, (_, i) => (i * 101 + 7) & 255);
        const expected = out.slice();
        for (let i = 0; i < length; i++) expected[outAt + i] = plain[plainAt + i]! ^ stream[streamAt + i]!;
        const streamAfter = stream.slice();
        streamAfter.fill(0, streamAt, streamAt + length);
        xorStream(new DataView(out.buffer), outAt, new DataView(plain.buffer), plainAt, new DataView(stream.buffer), streamAt, length);
        expect(Array.from(out), `${length}/${outAt}`).toEqual(Array.from(expected));
        expect(Array.from(stream), `${length}/${streamAt}`).toEqual(Array.from(streamAfter));
      }
    }
  });
});

describe('the keystream (AES-CTR blocks made in batches of KEYSTREAM_BLOCKS)', () => {
  /** A stand-in cipher: block n of a stream is filled with n's low byte, so that ranges can be checked. */
  function recorded(reuse = false, views = true) {
    const batches: { nonce: string; bytes: number }[] = [];
    let n = 0;
    const next = keystreamSource(
      (iv, bytes) => {
        batches.push({ nonce: Buffer.from(iv.subarray(0, 12)).toString('hex'), bytes });
        expect([...iv.subarray(12)]).toEqual([0, 0, 0, 0]);
        return new Uint8Array(bytes).fill(1);
      },
      (buffer) => {
        // Distinct, predictable nonces: the test checks that each batch takes a new one.
        new DataView(buffer.buffer, buffer.byteOffset).setUint32(0, ++n);
      },
      reuse,
      views,
    );
    return { next, batches };
  }

  it.each([
    [false, true],
    [true, true],
    [true, false],
  ])(
    'never hands out a block twice, starts each batch at counter 0 under a new nonce, and never passes the batch (one range object reused: %s; views: %s)',
    (reuse, views) => {
      const { next, batches } = recorded(reuse, views);
      const used = new Set<string>();
      const sizes = [1, 16, 17, 250, 1500, 4000, 15, 33];
      for (let i = 0; i < 2000; i++) {
        const bytes = sizes[i % sizes.length]!;
        const range = next(bytes);
        const { iv } = range;
        // Without views: the batch itself, the range within it.
        if (views) expect(range.at).toBe(0);
        else expect(range.stream.length).toBe(KEYSTREAM_BLOCKS * 16);
        const stream = range.stream.subarray(range.at, range.at + bytes);
        expect(stream.length).toBe(bytes);
        // Each range is handed out once (the caller zeroes it): a range handed out again would show zeros.
        expect(stream.every((b) => b === 1)).toBe(true);
        stream.fill(0);
        const nonce = Buffer.from(iv.subarray(0, 12)).toString('hex');
        const first = Buffer.from(iv).readUInt32BE(12);
        const blocks = Math.ceil(bytes / 16);
        expect(first + blocks).toBeLessThanOrEqual(KEYSTREAM_BLOCKS);
        for (let b = first; b < first + blocks; b++) {
          const key = `${nonce}/${b}`;
          expect(used.has(key), key).toBe(false);
          used.add(key);
        }
      }
      expect(batches.length).toBeGreaterThan(10);
      expect(new Set(batches.map((b) => b.nonce)).size).toBe(batches.length);
      expect(batches.every((b) => b.bytes === KEYSTREAM_BLOCKS * 16)).toBe(true);
    },
  );

  it('gives a text longer than a batch a nonce of its own, and the next text a new batch', () => {
    const { next, batches } = recorded();
    next(10);
    const big = next(KEYSTREAM_BLOCKS * 16 + 1);
    expect(big.stream.length).toBe(KEYSTREAM_BLOCKS * 16 + 1);
    const after = next(10);
    expect(batches.map((b) => b.nonce)).toEqual([...new Set(batches.map((b) => b.nonce))]);
    expect(batches).toHaveLength(3);
    expect(Buffer.from(after.iv).readUInt32BE(12)).toBe(0);
  });

  it('seals and opens texts of every length on both backends, across batches', async () => {
    const node = sealer('auto', { maxChars: 8192 });
    const web = sealer('web', { maxChars: 8192 });
    for (const length of [0, 1, 15, 16, 17, 500, 1400]) {
      const s: CallState = { data: { note: 'é'.repeat(length) }, counters: {} };
      for (let i = 0; i < 3; i++) {
        const sealed = (await node.seal(s, 'CON-1', NOW))!;
        expect(await web.open(sealed, 'CON-1', NOW)).toEqual({ ok: true, state: s });
        expect(await sealer('auto', { maxChars: 8192 }).open((await web.seal(s, 'CON-1', NOW))!, 'CON-1', NOW)).toEqual({
          ok: true,
          state: s,
        });
      }
    }
  });
});

describe('states this sealer sealed, remembered', () => {
  function counting(rememberSealed = 2) {
    const backend = cryptoBackend('auto');
    const opened = { count: 0 };
    const spied = {
      ...backend,
      aead: (...args: Parameters<typeof backend.aead>) => {
        const inner = backend.aead(...args);
        return {
          seal: inner.seal.bind(inner),
          open: (sealed: Uint8Array, aad: Uint8Array) => {
            opened.count++;
            return inner.open(sealed, aad);
          },
        };
      },
    };
    const sealer = createStateSealer({ secret: 's', projectId: 'p', backend: spied, maxAgeSeconds: 60, maxChars: 2048, rememberSealed });
    return { sealer, opened };
  }

  it('opens a state it sealed without decrypting it, for the same call only, and still expires it', async () => {
    const { sealer, opened } = counting();
    const sealed = (await sealer.seal(state, 'CON-1', NOW))!;
    expect(await sealer.open(sealed, 'CON-1', NOW)).toEqual({ ok: true, state });
    expect(opened.count).toBe(0);
    expect(await sealer.open(sealed, 'CON-2', NOW)).toEqual({ ok: false, reason: 'tampered' });
    expect(opened.count).toBe(1);
    expect(await sealer.open(sealed, 'CON-1', NOW + 61_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('hands out states sharing what it remembers, frozen: a change goes to a copy, never to the remembered state or another call', async () => {
    const { sealer, opened } = counting();
    const mine: CallState = { data: { ...state.data }, counters: { ...state.counters } };
    const sealed = (await sealer.seal(mine, 'CON-1', NOW))!;
    const one = await sealer.open(sealed, 'CON-1', NOW);
    const two = await sealer.open(sealed, 'CON-1', NOW);
    if (!one.ok || !two.ok) throw new Error('not opened');
    expect(() => {
      one.state.data.balance = 1;
    }).toThrow(TypeError);
    writableData(one.state).balance = 1;
    writableCounters(one.state)['menu/retry'] = 9;
    expect(two.state).toEqual(state);
    expect(await sealer.open(sealed, 'CON-1', NOW)).toEqual({ ok: true, state });
    // The changed one is sealed anew and says what changed; the other, unchanged, goes back as it came.
    const changed = (await sealer.seal(one.state, 'CON-1', NOW))!;
    expect(changed).not.toBe(sealed);
    expect(await sealer.seal(two.state, 'CON-1', NOW)).toBe(sealed);
    expect(opened.count).toBe(0);
    const fresh = createStateSealer({ secret: 's', projectId: 'p', backend: cryptoBackend('auto'), maxAgeSeconds: 60, maxChars: 2048 });
    expect(await fresh.open(changed, 'CON-1', NOW)).toEqual({
      ok: true,
      state: { data: { ...state.data, balance: 1 }, counters: { 'menu/retry': 9 } },
    });
  });

  it('takes a text that ends like a remembered one for what it is: decrypted, and refused', async () => {
    const { sealer, opened } = counting();
    const sealed = (await sealer.seal({ data: {}, counters: {} }, 'CON-1', NOW))!;
    const forged = `${sealed.slice(0, 30)}${sealed[30] === 'A' ? 'B' : 'A'}${sealed.slice(31)}`;
    expect(await sealer.open(forged, 'CON-1', NOW)).toEqual({ ok: false, reason: 'tampered' });
    expect(opened.count).toBe(1);
  });

  it('keeps the last four states of each call, the one a webhook brings back first, and forgets older ones', async () => {
    const { sealer, opened } = counting(1000);
    const texts: string[] = [];
    for (let i = 0; i < 6; i++) texts.push((await sealer.seal({ data: {}, counters: { 'f/c': i } }, 'CON-1', NOW))!);
    // The first text is brought back again and again (a webhook retried): it stays while newer ones come and go.
    const first = (await sealer.seal({ data: {}, counters: { 'f/c': 100 } }, 'CON-2', NOW))!;
    for (let i = 0; i < 10; i++) {
      expect(await sealer.open(first, 'CON-2', NOW)).toEqual({ ok: true, state: { data: {}, counters: { 'f/c': 100 } } });
      await sealer.seal({ data: {}, counters: { 'f/c': 101 + i } }, 'CON-2', NOW);
    }
    expect(opened.count).toBe(0);
    for (const [i, text] of texts.entries()) {
      expect(await sealer.open(text, 'CON-1', NOW)).toEqual({ ok: true, state: { data: {}, counters: { 'f/c': i } } });
      // The two oldest are no longer remembered: decrypted (and still authentic).
      expect(opened.count, `text ${i}`).toBe(i < 2 ? i + 1 : 2);
    }
  });

  it('forgets the oldest beyond its size, then decrypts as always', async () => {
    const { sealer, opened } = counting();
    const first = (await sealer.seal(state, 'CON-1', NOW))!;
    await sealer.seal(state, 'CON-2', NOW);
    await sealer.seal(state, 'CON-3', NOW);
    expect(await sealer.open(first, 'CON-1', NOW)).toEqual({ ok: true, state });
    expect(opened.count).toBe(1);
  });
});

describe('a state that did not change', () => {
  const make = () => createStateSealer({ secret: 's', projectId: 'p', backend: cryptoBackend('auto'), maxAgeSeconds: 600, maxChars: 2048 });
  const copy = (): CallState => ({ data: { ...state.data }, counters: { ...state.counters } });

  it('is sent again as the text it came in, for the same call, while it is far from its expiry', async () => {
    const sealer = make();
    const sealed = (await sealer.seal(copy(), 'CON-1', NOW))!;
    const opened = await sealer.open(sealed, 'CON-1', NOW + 30_000);
    if (!opened.ok) throw new Error('not opened');
    expect(await sealer.seal(opened.state, 'CON-1', NOW + 30_000)).toBe(sealed);
    // Another call's binding, or a changed value or counter: sealed anew.
    expect(await sealer.seal(opened.state, 'CON-2', NOW + 30_000)).not.toBe(sealed);
    opened.state.counters['menu/retry'] = 3;
    expect(await sealer.seal(opened.state, 'CON-1', NOW + 30_000)).not.toBe(sealed);
  });

  it('is sealed anew once it has less than maxAge − 60 s left, so a call never runs into an old expiry', async () => {
    const sealer = make();
    const sealed = (await sealer.seal(copy(), 'CON-1', NOW))!;
    const opened = await sealer.open(sealed, 'CON-1', NOW + 61_000);
    if (!opened.ok) throw new Error('not opened');
    const again = (await sealer.seal(opened.state, 'CON-1', NOW + 61_000))!;
    expect(again).not.toBe(sealed);
    expect(await make().open(again, 'CON-1', NOW + 61_000 + 599_000)).toEqual({ ok: true, state });
  });

  it('is not reused from a state another sealer opened (a rotated-out key, another instance)', async () => {
    const sealed = (await make().seal(copy(), 'CON-1', NOW))!;
    const other = make();
    const opened = await other.open(sealed, 'CON-1', NOW);
    if (!opened.ok) throw new Error('not opened');
    expect(await make().seal(opened.state, 'CON-1', NOW)).not.toBe(sealed);
    expect(await other.seal(opened.state, 'CON-1', NOW)).toBe(sealed);
  });
});

describe('state format 3: built-ins left to the webhook that tells them again', () => {
  const enc = new TextEncoder();
  const keys = [enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/2/project-a')] as const;
  const aadOf = (format: number, call = 'CON-1') => enc.encode(`flowc-state/${format}/project-a/${call}`);
  const builtins = { caller: '15551234567', called: '14155550111', callId: 'uuid-1' };
  const webhook = { from: '15551234567', to: '14155550111', uuid: 'uuid-1', conversation_uuid: 'CON-1' };
  const full = (): CallState => ({ data: { ...builtins, account: '12345678' }, counters: { 'menu/retry': 1 } });
  /** The plain text of a format-2 or -3 state, opened by hand (AES-256-CTR under the HKDF key, tag checked). */
  const plainOf = async (sealed: string, format = 3) => {
    const bytes = fromBase64Url(sealed)!;
    expect(bytes[0]).toBe(format);
    return cryptoBackend('auto')
      .aead(...keys)
      .open(bytes, aadOf(format));
  };

  it.each(['auto', 'web'] as const)(
    'leaves out what the webhook told (%s), and hands it back to the next webhook to tell',
    async (backend) => {
      const sealer = createStateSealer({ ...options(backend), rememberSealed: 0 });
      const sealed = (await sealer.seal(full(), 'CON-1', NOW, webhook))!;
      const plain = (await plainOf(sealed))!;
      expect(plain).toBe(`{"x":${NOW / 1000 + 600},"t":7,"d":{"account":"12345678"},"n":{"menu/retry":1}}`);
      const withAll = (await sealer.seal(full(), 'CON-1', NOW))!;
      expect(sealed.length).toBeLessThan(withAll.length - 60);
      expect(await sealer.open(sealed, 'CON-1', NOW, webhook)).toEqual({
        ok: true,
        state: { data: { account: '12345678' }, counters: { 'menu/retry': 1 } },
        fromWebhook: true,
      });
      // Without a webhook to compare with, or one that tells something else, a built-in is sealed.
      expect(await plainOf(withAll)).toContain('"caller":"15551234567"');
      const otherTo = (await sealer.seal(full(), 'CON-1', NOW, { ...webhook, to: '14155550100' }))!;
      expect(await plainOf(otherTo)).toBe(
        `{"x":${NOW / 1000 + 600},"t":5,"d":{"called":"14155550111","account":"12345678"},"n":{"menu/retry":1}}`,
      );
      expect(await sealer.open(withAll, 'CON-1', NOW)).toEqual({ ok: true, state: full() });
    },
  );

  it('opened from memory, gives the same state as decrypting it would', async () => {
    const sealer = createStateSealer({ ...options('auto'), rememberSealed: 100 });
    const sealed = (await sealer.seal(full(), 'CON-1', NOW, webhook))!;
    // The webhook tells what was sealed: the remembered data is handed out as it is (the built-ins equal its own).
    const same = await sealer.open(sealed, 'CON-1', NOW, webhook);
    expect(same).toEqual({ ok: true, state: full(), fromWebhook: true });
    // It tells another number called: that built-in is the webhook's to tell, as if decrypted.
    const other = await sealer.open(sealed, 'CON-1', NOW, { ...webhook, to: '14155550100' });
    expect(other).toEqual({
      ok: true,
      state: { data: { caller: '15551234567', callId: 'uuid-1', account: '12345678' }, counters: { 'menu/retry': 1 } },
      fromWebhook: true,
    });
    // Another call: refused, remembered or not.
    expect(await sealer.open(sealed, 'CON-2', NOW, webhook)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('sends a state that did not change again as it came, and seals it anew when the webhook tells other built-ins', async () => {
    const sealer = createStateSealer({ ...options('auto'), rememberSealed: 0 });
    const sealed = (await sealer.seal(full(), 'CON-1', NOW, webhook))!;
    const opened = await sealer.open(sealed, 'CON-1', NOW + 1000, webhook);
    if (!opened.ok) throw new Error('not opened');
    // What the engine does with a state that left built-ins to the webhook: takes them from it.
    Object.assign(opened.state.data, builtins);
    expect(await sealer.seal(opened.state, 'CON-1', NOW + 1000, webhook)).toBe(sealed);
    expect(await sealer.seal(opened.state, 'CON-1', NOW + 1000, { ...webhook, uuid: 'uuid-2' })).not.toBe(sealed);
  });

  it('refuses an authentic format-3 text that is not a state: a `v` key, a mask out of range', async () => {
    const aead = cryptoBackend('auto').aead(...keys);
    const sealer = createStateSealer(options('auto'));
    for (const plain of [
      `{"v":3,"x":${NOW / 1000 + 600},"d":{},"n":{}}`,
      `{"x":${NOW / 1000 + 600},"t":8,"d":{},"n":{}}`,
      `{"x":${NOW / 1000 + 600},"t":0,"d":{},"n":{}}`,
      `{"x":${NOW / 1000 + 600},"t":"7","d":{},"n":{}}`,
    ]) {
      const text = toBase64Url(await aead.seal(plain, aadOf(3), 3));
      expect(await sealer.open(text, 'CON-1', NOW, webhook), plain).toEqual({ ok: false, reason: 'malformed' });
    }
    const fine = toBase64Url(await aead.seal(`{"x":${NOW / 1000 + 600},"t":2,"d":{},"n":{}}`, aadOf(3), 3));
    expect(await sealer.open(fine, 'CON-1', NOW, webhook)).toEqual({ ok: true, state: { data: {}, counters: {} }, fromWebhook: true });
  });

  it.each(['auto', 'web'] as const)(
    'opens a state sealed in format 2 (%s), built-ins and all, and seals it again in format 3',
    async (backend) => {
      const aead = cryptoBackend(backend).aead(...keys);
      const plain = `{"v":2,"x":${NOW / 1000 + 600},"d":${JSON.stringify(full().data)},"n":{"menu/retry":1}}`;
      const old = await aead.seal(plain, aadOf(2), 2);
      const text = toBase64Url(old);
      const sealer = createStateSealer(options(backend));
      const opened = await sealer.open(text, 'CON-1', NOW, webhook);
      expect(opened).toEqual({ ok: true, state: full() });
      if (!opened.ok) return;
      // Nothing changed, but the next answer carries format 3, without what the webhook tells.
      const again = (await sealer.seal(opened.state, 'CON-1', NOW, webhook))!;
      expect(await plainOf(again)).toBe(`{"x":${NOW / 1000 + 600},"t":7,"d":{"account":"12345678"},"n":{"menu/retry":1}}`);
      // Another call's, another project's, a changed byte, expired, a format-2 text under format 3's AAD: refused.
      expect(await sealer.open(text, 'CON-2', NOW)).toEqual({ ok: false, reason: 'tampered' });
      expect(await createStateSealer({ ...options(backend), projectId: 'project-b' }).open(text, 'CON-1', NOW)).toEqual({
        ok: false,
        reason: 'tampered',
      });
      for (const i of [1, 20, old.length - 20, old.length - 1]) {
        const changed = Buffer.from(old);
        changed[i]! ^= 1;
        expect(await sealer.open(changed.toString('base64url'), 'CON-1', NOW), `byte ${i}`).toEqual({ ok: false, reason: 'tampered' });
      }
      expect(await sealer.open(text, 'CON-1', NOW + 601_000)).toEqual({ ok: false, reason: 'expired' });
      const relabelled = Buffer.from(old);
      relabelled[0] = 3;
      expect(await sealer.open(relabelled.toString('base64url'), 'CON-1', NOW)).toEqual({ ok: false, reason: 'tampered' });
      // A format-2 text must say version 2.
      const wrong = toBase64Url(await aead.seal(plain.replace('"v":2', '"v":3'), aadOf(2), 2));
      expect(await sealer.open(wrong, 'CON-1', NOW)).toEqual({ ok: false, reason: 'malformed' });
    },
  );
});

function options(backend: 'auto' | 'web') {
  return { secret: 'state-secret', projectId: 'project-a', backend: cryptoBackend(backend), maxAgeSeconds: 600, maxChars: 2048 };
}

describe('countersJson (the counters written on every counted webhook)', () => {
  it.each<Record<string, number>>([
    {},
    { 'menu/retry': 0 },
    { 'menu/retry': 2, 'pay/again': 9007199254740991 },
    { 'a"b\\c/\u2028': 1, 'é/ü': 3, '7/x': 4 },
    { '10': 1, '2': 2, 'x/y': 3 },
  ])('writes what JSON.stringify writes: %j', (counters) => {
    expect(countersJson(counters)).toBe(JSON.stringify(counters));
    expect(countersJson(Object.freeze({ ...counters }))).toBe(JSON.stringify(counters));
  });
});

describe('base64url decoded into the cipher’s own buffer (node:crypto: decodeKept)', () => {
  it('decodes what fromBase64Url decodes and refuses what it refuses, call after call, its buffer growing', async () => {
    const { randomBytes } = await import('node:crypto');
    const enc = new TextEncoder();
    const aead = cryptoBackend('auto').aead(enc.encode('s'), enc.encode('salt'), enc.encode('info'));
    const decodeKept = aead.decodeKept;
    if (decodeKept === undefined) throw new Error('node:crypto’s cipher keeps no buffer');
    expect(cryptoBackend('web').aead(enc.encode('s'), enc.encode('salt'), enc.encode('info')).decodeKept).toBeUndefined();
    const texts: string[] = [
      '',
      '=',
      '==',
      'A',
      'AA',
      'AAA',
      'AAAA',
      'AA==',
      'AAA=',
      'A===',
      'a$bc',
      'ab+c',
      'ab/c',
      'ab c',
      'abé',
      'ab=c',
      'ab\ncd',
    ];
    for (const length of [0, 1, 2, 3, 15, 16, 17, 100, 191, 192, 193, 300, 1000, 5, 2]) {
      const text = randomBytes(length).toString('base64url');
      texts.push(text, `${text}=`, `${text}==`, `${text.slice(0, -1)}+`, `${text}/`, `${text}.`);
    }
    for (const text of texts) {
      const expected = fromBase64Url(text);
      const kept = decodeKept(text);
      expect(kept === undefined ? undefined : [...kept], JSON.stringify(text)).toEqual(expected === undefined ? undefined : [...expected]);
      if (kept) expect(Object.getPrototypeOf(kept)).toBe(Uint8Array.prototype);
    }
  });
});

describe('a decrypted state read without JSON.parse (scanPlain), where it is what seal() writes', () => {
  const enc = new TextEncoder();
  const keys = [enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/2/project-a')] as const;
  const aad = enc.encode('flowc-state/3/project-a/CON-1');
  const X = NOW / 1000 + 600;
  const webhook = { from: '15551234567', to: '14155550111', uuid: 'uuid-1', conversation_uuid: 'CON-1' };
  const PLAINS = [
    `{"x":${X},"t":7,"d":{"account":"12345678","balance":42.5,"due":"2026-12-15"},"n":{}}`,
    `{"x":${X},"d":{},"n":{}}`,
    `{"x":${X},"t":1,"d":{"called":"14155550111","callId":"uuid-1"},"n":{"menu/retry":2}}`,
    `{"x":${X},"t":5,"d":{"called":"14155550100","a":true,"b":false,"c":0,"d":-1.5,"e":1e+21,"f":1.5e-7,"g":""},"n":{"a/b":0,"c/d":9007199254740991}}`,
    `{"x":${X},"t":2,"d":{"caller":"+1 555","note":"it's "quoted""},"n":{}}`,
    `{"x":${X},"t":7,"d":{"note":"caf\u00e9","x":"\\u0001"},"n":{}}`,
    `{"x":${X},"t":7,"d":{"10":"first","a":1},"n":{}}`,
    `{"x":${X},"t":7,"d":{"a":1,"10":"second"},"n":{}}`,
    `{"x":${X},"t":4,"d":{"account":"12345678"},"n":{}}`,
    `{"x":${X},"t":2,"d":{"caller":"15551234567"},"n":{"b/c":1,"2":2}}`,
    `{"x":${X},"t":7,"d":{"a":1,"a":2},"n":{}}`,
    `{"x":${X},"t":7,"d":{"__proto__":1},"n":{}}`,
    `{"x":${X},"t":7,"d":{"a":1.0,"b":01},"n":{}}`,
    `{"x":${X},"t":7,"d":{"a":null},"n":{}}`,
    `{"x":${X},"t":7,"d":{"a":{"b":1}},"n":{}}`,
    `{"x":${X},"t":7,"d":{},"n":{"a":-1}}`,
    `{"x":${X},"t":7,"d":{},"n":{"a":1.5}}`,
    `{"x":${X},"t":7,"d":{},"n":{"a":9007199254740992}}`,
    `{"x":${X},"t":7,"d":{},"n":{}} `,
    `{"x":${X}, "t":7,"d":{},"n":{}}`,
    `{"x":${X},"t":0,"d":{},"n":{}}`,
    `{"x":${X},"t":8,"d":{},"n":{}}`,
    `{"x":${X},"t":77,"d":{},"n":{}}`,
    `{"x":${X},"v":3,"d":{},"n":{}}`,
    `{"x":${X},"d":{},"n":{},"d":{}}`,
    `{"x":${X - 1000},"t":7,"d":{"a":1},"n":{}}`,
    `{"x":${X}.5,"d":{},"n":{}}`,
    `{"x":-0,"d":{},"n":{}}`,
    `{"x":"${X}","d":{},"n":{}}`,
    `{"x":${X},"d":[],"n":{}}`,
    `{"x":${X},"d":{"a":1},"n":{"a":1,"a":2}}`,
    `{"x":${X},"d":{"a":1},"n":{}}}`,
    `{"x":${X},"d":{"a":1},"n":{}`,
    '{"x":',
    '',
  ];
  /** Mutations of the usual plain text, character by character (a fixed pseudo-random sequence). */
  function mutated(count: number): string[] {
    const base = PLAINS[0]!;
    const interesting = [...'0123456789-+.eE"\\{}[]:,tfnx ', '\u00e9', '\u0001', '\ud800'];
    let seed = 4242;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const out: string[] = [];
    for (let k = 0; k < count; k++) {
      const chars = [...base];
      for (let m = 1 + next(3); m > 0; m--) {
        const at = next(chars.length);
        const op = next(3);
        const c = interesting[next(interesting.length)]!;
        if (op === 0) chars[at] = c;
        else if (op === 1) chars.splice(at, 0, c);
        else chars.splice(at, 1);
      }
      out.push(chars.join(''));
    }
    return out;
  }
  const corpus = [...PLAINS, ...mutated(1500)];

  it('reads exactly what JSON.parse reads, in the same order, with the JSON seal() writes, or leaves the text to it', () => {
    let scanned = 0;
    for (const plain of corpus) {
      const read = scanPlain(plain);
      if (read === undefined) continue;
      scanned++;
      const parsed = JSON.parse(plain) as { x: number; t?: number; d: Record<string, unknown>; n: Record<string, number> };
      expect(Object.keys(parsed), plain).toEqual(parsed.t === undefined ? ['x', 'd', 'n'] : ['x', 't', 'd', 'n']);
      expect(read.expires, plain).toBe(parsed.x);
      expect(read.mask, plain).toBe(parsed.t ?? 0);
      expect(Object.entries(read.data), plain).toEqual(Object.entries(parsed.d));
      expect(Object.entries(read.counters), plain).toEqual(Object.entries(parsed.n));
      expect(read.dataJson, plain).toBe(JSON.stringify(parsed.d));
      expect(read.countersJson, plain).toBe(countersJson(parsed.n));
    }
    // The usual texts are read (the first four): the fast path is taken.
    for (const plain of PLAINS.slice(0, 4)) expect(scanPlain(plain), plain).toBeDefined();
    expect(scanned).toBeGreaterThan(50);
  });

  /** The engine's tellBuiltins: each built-in the state lacks that the webhook tells, in builtinsFrom's order. */
  const told = (opened: OpenedState, hook: Record<string, string> | undefined): unknown => {
    if (!opened.ok) return opened;
    const data = { ...opened.state.data };
    if (opened.fromWebhook && hook !== undefined)
      for (const [name, value] of Object.entries(builtinsFrom(hook))) if (!Object.hasOwn(data, name)) data[name] = value;
    return { ok: true, data: Object.entries(data), counters: Object.entries(opened.state.counters), fromWebhook: opened.fromWebhook };
  };

  it.each(['auto', 'web'] as const)(
    'opens every text (%s) as the state, the refusal and the next seal JSON.parse gives, the built-ins told as the engine tells them',
    async (backend) => {
      const aead = cryptoBackend(backend).aead(...keys);
      const plainOf = (text: string) => aead.open(fromBase64Url(text)!, aad);
      const make = (scan: boolean) => createStateSealer({ ...options(backend), rememberSealed: 0, scanPlain: scan });
      const hooks: Record<string, string>[] = [
        webhook,
        { ...webhook, from: '+1 (555) 123-4567', uuid: 'uuid-2' },
        // A caller told as digits other than its text, no number called: not a built-in the mask leaves out.
        { from: '+1 (555) 123-4567', uuid: 'uuid-1', conversation_uuid: 'CON-1' },
        { conversation_uuid: 'CON-1' },
      ];
      let kept = 0;
      for (const plain of [...PLAINS, ...mutated(150)]) {
        const text = toBase64Url(await aead.seal(plain, aad, 3));
        for (const hook of hooks) {
          const fast = make(true);
          const slow = make(false);
          const a = await fast.open(text, 'CON-1', NOW, hook, true);
          const b = await slow.open(text, 'CON-1', NOW, hook, true);
          expect(told(a, hook), plain).toEqual(told(b, hook));
          expect(await make(true).open(text, 'CON-1', NOW, hook), plain).toEqual(await make(false).open(text, 'CON-1', NOW, hook));
          if (!a.ok || !b.ok) continue;
          if (isDataOnce(a.state)) kept++;
          // What the engine does before it seals: tells the built-ins (a copy only if it adds one).
          for (const [name, value] of Object.entries(builtinsFrom(hook)))
            for (const opened of [a, b]) if (!Object.hasOwn(opened.state.data, name)) writableData(opened.state)[name] = value;
          // Sealed unchanged (with and without the webhook), then with a counter changed: the same decisions, the same text.
          for (const sealHook of [hook, undefined]) {
            const sa = (await fast.seal(a.state, 'CON-1', NOW + 1000, sealHook))!;
            const sb = (await slow.seal(b.state, 'CON-1', NOW + 1000, sealHook))!;
            expect(sa === text, plain).toBe(sb === text);
            expect(await plainOf(sa), plain).toBe(await plainOf(sb));
          }
          writableCounters(a.state)['menu/retry'] = 3;
          writableCounters(b.state)['menu/retry'] = 3;
          writableData(a.state).added = 'yes';
          writableData(b.state).added = 'yes';
          const ca = (await fast.seal(a.state, 'CON-1', NOW + 1000, hook))!;
          const cb = (await slow.seal(b.state, 'CON-1', NOW + 1000, hook))!;
          expect(ca, plain).not.toBe(text);
          expect((await plainOf(ca))?.replace(/^\{"x":\d+,/, ''), plain).toBe((await plainOf(cb))?.replace(/^\{"x":\d+,/, ''));
        }
      }
      // The usual texts were opened the fast way (frozen, their JSON kept).
      expect(kept).toBeGreaterThan(3);
    },
  );

  it('hands out the data frozen with its JSON: a change goes to a copy, and the next seal writes it', async () => {
    const aead = cryptoBackend('auto').aead(...keys);
    const sealer = createStateSealer({ ...options('auto'), rememberSealed: 0 });
    const text = toBase64Url(await aead.seal(PLAINS[0]!, aad, 3));
    const opened = await sealer.open(text, 'CON-1', NOW, webhook, true);
    if (!opened.ok) throw new Error('not opened');
    expect(isDataOnce(opened.state)).toBe(true);
    expect(opened.state.data).toEqual({ account: '12345678', balance: 42.5, due: '2026-12-15', ...builtinsFrom(webhook) });
    expect(Object.isFrozen(opened.state.data) && Object.isFrozen(opened.state.counters)).toBe(true);
    expect(await sealer.seal(opened.state, 'CON-1', NOW + 1000, webhook)).toBe(text);
    writableData(opened.state).balance = 7;
    expect(isDataOnce(opened.state)).toBe(false);
    const changed = (await sealer.seal(opened.state, 'CON-1', NOW + 1000, webhook))!;
    expect(await aead.open(fromBase64Url(changed)!, aad)).toBe(
      `{"x":${X + 1},"t":7,"d":{"account":"12345678","balance":7,"due":"2026-12-15"},"n":{}}`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { cryptoBackend, fromBase64Url, fromBase64UrlJs, toBase64Url, toBase64UrlJs } from '../../../compiler/router/runtime/crypto.mjs';
import { createStateSealer, type CallState } from '../../../compiler/router/runtime/state.mjs';

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
    const cipher = aead(enc.encode('state-secret'), enc.encode('flowc call state'), enc.encode('flowc/1/project-a'));
    for (const plain of [
      '{"v":1,"x":9999999999,"d":{"a":{"nested":1}},"n":{}}',
      '{"v":1,"x":9999999999,"d":{},"n":{"c":-1}}',
      '{"v":2,"x":9999999999,"d":{},"n":{}}',
      '[1]',
      'not json',
    ]) {
      const text = toBase64Url(await cipher.seal(plain, enc.encode('flowc-state/1/project-a/CON-1'), 1));
      expect(await sealer('auto').open(text, 'CON-1', NOW), plain).toEqual({ ok: false, reason: 'malformed' });
    }
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

  it('never repeats an IV (drawn from a pool that refills)', async () => {
    const sealer = createStateSealer({ secret: 's', projectId: 'p', backend: cryptoBackend('auto'), maxAgeSeconds: 60, maxChars: 2048 });
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++)
      ivs.add(Buffer.from(fromBase64Url((await sealer.seal(state, 'c', NOW))!)!.subarray(1, 13)).toString('hex'));
    expect(ivs.size).toBe(1000);
  });
});

describe('states this sealer sealed, remembered', () => {
  function counting() {
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
    const sealer = createStateSealer({ secret: 's', projectId: 'p', backend: spied, maxAgeSeconds: 60, maxChars: 2048, rememberSealed: 2 });
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

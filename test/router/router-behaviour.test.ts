/**
 * Executes the generated router (router.mjs, and router.ts transpiled by tsc) against the
 * fixture program: every transition, speech matching, signatures, malformed input, limits.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { driveAllTransitions, loadWebhookSamples, queryHashText, send, toQuery } from './drive-transitions.js';
import {
  importGeneratedJs,
  importGeneratedTsViaTsc,
  loadFixtureProgram,
  staticNcco,
  recordingLogger,
  tempDir,
  TEST_FALLBACK,
  TEST_SECRET,
  type GeneratedRouterModule,
  type RouterLike,
  type RouterOptionsLike,
} from './router-helpers.js';

const program = loadFixtureProgram();
const samples = loadWebhookSamples();
const BASE = 'https://ivr.example.com/flowc';
const NOW = 1_700_000_000_000;
const NOW_S = NOW / 1000;
const ncco = (key: string): unknown => {
  const [flow = '', locale = '', step = ''] = key.split('/');
  return staticNcco(program, { flow, locale, step });
};
const authorize = (text: string): string => `Bearer ${signWebhook(text, TEST_SECRET, { iat: NOW_S - 5 })}`;

const temp = tempDir('router');
let js: GeneratedRouterModule;
let tsc: GeneratedRouterModule;

beforeAll(async () => {
  js = await importGeneratedJs(program, temp.dir);
  tsc = await importGeneratedTsViaTsc(program, temp.dir);
});
afterAll(() => temp.cleanup());

function signedRouter(mod: GeneratedRouterModule, extra: RouterOptionsLike = {}): RouterLike {
  return mod.createRouter({
    signatureSecret: TEST_SECRET,
    now: () => NOW,
    fallbackNcco: () => TEST_FALLBACK,
    logger: recordingLogger().logger,
    ...extra,
  });
}

function unsignedRouter(mod: GeneratedRouterModule, extra: RouterOptionsLike = {}): RouterLike {
  return mod.createRouter({ allowUnsigned: true, fallbackNcco: () => TEST_FALLBACK, logger: recordingLogger().logger, ...extra });
}

async function answer(response: Response): Promise<{ status: number; body: unknown }> {
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

const sample = (name: string): Record<string, unknown> => structuredClone(samples[name] ?? {});
const inputPayload = (dtmf: unknown, speech: unknown): Record<string, unknown> => ({ ...sample('input_dtmf__seed004'), dtmf, speech });
const speechResults = (...results: [string, string | number][]): Record<string, unknown> =>
  inputPayload({ digits: null, timed_out: false }, { results: results.map(([text, confidence]) => ({ text, confidence })) });

describe('every transition of every flow (webhook samples)', () => {
  // Counted by hand from the fixture: answers 4 numbers × 2 methods = 8, /event 1; per locale bill-pay
  // welcome 1 + 10 × 2, invalid 1 + 5 × 2, pay-now 1 + 2, agent 1 + 6 = 42; support menu 1 + 11 × 2,
  // billing 1 + 1, survey 1 + 5 × 2, tech 1 + 6, deposit 1 + 2 = 46. 8 + 1 + 2 × 42 + 2 × 46 = 185.
  const EXPECTED_CASES = 185;

  it.each([
    ['router.mjs, signed', () => signedRouter(js), authorize],
    ['router.mjs, unsigned', () => unsignedRouter(js), undefined],
    ['router.ts via tsc, signed', () => signedRouter(tsc), authorize],
    ['router.mjs, signed, Web Crypto (as on edge runtimes)', () => signedRouter(js, { crypto: 'web' }), authorize],
  ] as const)('%s', async (_label, make, auth) => {
    const results = await driveAllTransitions(program, make(), { fallbackNcco: TEST_FALLBACK, ...(auth ? { authorize: auth } : {}) });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(EXPECTED_CASES);
  });
});

describe('input routing', () => {
  const welcome = `${BASE}/on/bill-pay/en-US/welcome`;
  const menuGb = `${BASE}/on/support/en-GB/menu`;
  const menuFr = `${BASE}/on/support/fr-FR/menu`;
  it.each([
    ['digits', welcome, inputPayload({ digits: '1', timed_out: false }, { results: [] }), 'bill-pay/en-US/pay-now'],
    [
      'digits win over speech',
      welcome,
      inputPayload({ digits: '2', timed_out: false }, { results: [{ text: 'pay', confidence: '0.9' }] }),
      'bill-pay/en-US/agent',
    ],
    ['goto into another locale', welcome, inputPayload({ digits: '9', timed_out: false }, { results: [] }), 'bill-pay/es-US/welcome'],
    ['pre-2020 dtmf string', welcome, { ...sample('input_dtmf__seed004'), dtmf: '1', speech: undefined }, 'bill-pay/en-US/pay-now'],
    ['digits with timed_out, unlisted → default', welcome, sample('input_dtmf__seed004'), 'bill-pay/en-US/invalid'],
    ['no digits, timed out → timeout', welcome, inputPayload({ digits: null, timed_out: true }, { results: [] }), 'bill-pay/en-US/welcome'],
    [
      'speech error, no results → timeout',
      welcome,
      inputPayload({ digits: '' }, { error: 'ERR1: Failed to analyze audio' }),
      'bill-pay/en-US/welcome',
    ],
    ['empty payload fields → timeout', welcome, { from: '15551234567', to: '15557654321' }, 'bill-pay/en-US/welcome'],
    ['phrase inside a sentence', welcome, speechResults(['I would like to pay my bill please', '0.91']), 'bill-pay/en-US/pay-now'],
    ['case-insensitive and trimmed', welcome, speechResults(['  AGENT  ', '0.88']), 'bill-pay/en-US/agent'],
    ['whole words only: payment ≠ pay', welcome, speechResults(['payment', '0.95']), 'bill-pay/en-US/invalid'],
    ['whole words only: repay ≠ pay', welcome, speechResults(['repay', '0.95']), 'bill-pay/en-US/invalid'],
    ['best confidence first, not array order', welcome, speechResults(['agent', '0.41'], ['pay', '0.93']), 'bill-pay/en-US/pay-now'],
    ['numeric confidence', welcome, speechResults(['pay', 0.2], ['agent', 0.8]), 'bill-pay/en-US/agent'],
    [
      'a lower result matches when the best does not',
      welcome,
      speechResults(['hello', '0.9'], ['representative', '0.5']),
      'bill-pay/en-US/agent',
    ],
    ['the seed sample ("sales") matches nothing → default', welcome, sample('input_speech__seed004'), 'bill-pay/en-US/invalid'],
    ['multi-word phrase', menuGb, speechResults(['I need technical support.', '0.9']), 'support/en-GB/tech'],
    ['punctuation around words', menuGb, speechResults(['Billing!', '0.9']), 'support/en-GB/billing'],
    ['accented word → goto fr-FR', menuGb, speechResults(['Français', '0.9']), 'support/fr-FR/menu'],
    ['fr-FR → goto en-GB', menuFr, speechResults(['english please', '0.9']), 'support/en-GB/menu'],
    ['fr-FR multi-word', menuFr, speechResults(["j'ai besoin d'assistance technique", '0.9']), 'support/fr-FR/tech'],
  ])('%s', async (_label, url, payload, expected) => {
    const router = signedRouter(js);
    for (const method of ['POST', 'GET'] as const) {
      expect(await answer(await send(router, url, method, payload, authorize))).toEqual({ status: 200, body: ncco(expected) });
    }
  });

  it('repeats the step when nothing matches and there is no default, and warns', async () => {
    const { logger, calls } = recordingLogger();
    const router = signedRouter(js, { logger });
    const url = `${BASE}/on/bill-pay/en-US/invalid`;
    expect(await answer(await send(router, url, 'POST', inputPayload({ digits: '7' }, { results: [] }), authorize))).toEqual({
      status: 200,
      body: ncco('bill-pay/en-US/invalid'),
    });
    expect(calls).toEqual([
      { level: 'warn', message: 'flowc router: no transition matched; repeating the step', data: { route: 'bill-pay/en-US/invalid' } },
    ]);
  });
});

describe('answer, paths and methods', () => {
  it.each([
    ['POST at the prefixed path', 'POST', `${BASE}/answer`, { to: '447700900000' }, 200, 'support/en-GB/menu'],
    ['GET at the bare path', 'GET', 'http://localhost/answer', { to: '447700900000' }, 200, 'support/en-GB/menu'],
    ['number typed with + and spaces', 'GET', `${BASE}/answer`, { to: '+1 415 555 0100' }, 200, 'bill-pay/en-US/welcome'],
    ['trailing slash', 'POST', `${BASE}/answer/`, { to: '14155550101' }, 200, 'bill-pay/es-US/welcome'],
    [
      'event route at the bare path',
      'POST',
      'http://localhost/on/support/en-GB/billing',
      sample('Notification__Vonage_vonage-dotnet-sdk'),
      200,
      'support/en-GB/survey',
    ],
    [
      'percent-encoded segment',
      'POST',
      `${BASE}/on/bill%2Dpay/en-US/pay-now`,
      sample('pay_success__seed000'),
      200,
      'bill-pay/en-US/thanks',
    ],
  ] as const)('%s', async (_label, method, url, payload, status, expected) => {
    const router = unsignedRouter(js);
    expect(await answer(await send(router, url, method, payload))).toEqual({ status, body: ncco(expected) });
  });

  it('answers an unknown number with the polite NCCO and a warning', async () => {
    const { logger, calls } = recordingLogger();
    const router = js.createRouter({ allowUnsigned: true, logger });
    const res = await answer(
      await send(router, `${BASE}/answer`, 'GET', { ...sample('Answer__Vonage_vonage-dotnet-sdk'), to: '15550000000' }),
    );
    expect(res).toEqual({ status: 200, body: js.UNKNOWN_NUMBER_NCCO });
    expect(calls).toEqual([{ level: 'warn', message: 'flowc router: no flow answers this number', data: { to: '15550000000' } }]);
  });

  it('passes the reason and route to fallbackNcco', async () => {
    const contexts: unknown[] = [];
    const router = js.createRouter({
      allowUnsigned: true,
      logger: recordingLogger().logger,
      fallbackNcco: (context) => {
        contexts.push(context);
        return TEST_FALLBACK;
      },
    });
    await send(router, `${BASE}/answer`, 'POST', { to: '999' });
    await send(router, `${BASE}/on/support/en-GB/deposit`, 'POST', sample('pay_failure__seed000'));
    expect(contexts).toEqual([
      { reason: 'unknown-number', to: '999' },
      { reason: 'no-transition', route: { flow: 'support', locale: 'en-GB', step: 'deposit' } },
    ]);
  });

  it.each([
    ['unknown path', 'POST', `${BASE}/nope`, 404, { error: 'not-found' }],
    ['step without transitions', 'POST', `${BASE}/on/bill-pay/en-US/thanks`, 404, { error: 'not-found' }],
    ['too many segments', 'POST', `${BASE}/on/bill-pay/en-US/welcome/x`, 404, { error: 'not-found' }],
    ['PUT', 'PUT', `${BASE}/answer`, 405, { error: 'method-not-allowed' }],
  ] as const)('%s', async (_label, method, url, status, body) => {
    const router = unsignedRouter(js);
    const response = await router.fetch(new Request(url, { method, body: method === 'PUT' ? '{}' : '{"to":"1"}' }));
    expect(await answer(response)).toEqual({ status, body });
    if (status === 405) expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

describe('signed webhooks', () => {
  const url = `${BASE}/on/bill-pay/en-US/welcome`;
  const body = JSON.stringify(inputPayload({ digits: '1', timed_out: false }, { results: [] }));
  const token = (text: string, options: Parameters<typeof signWebhook>[2] = {}, secret = TEST_SECRET): string =>
    signWebhook(text, secret, { iat: NOW_S - 10, ...options });
  const [h, c] = token(body).split('.');
  const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
  /** The text with the character at `at` (negative: from the end) replaced by another base64url/hex one. */
  const changedAt = (text: string, at: number): string => {
    const i = at < 0 ? text.length + at : at;
    return text.slice(0, i) + (text[i] === '0' ? '1' : '0') + text.slice(i + 1);
  };
  /** A token whose signature's last character (it carries 4 bits and 2 spare ones) has `bits` flipped. */
  const lastSpare = (jwt: string, bits: number): string => {
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    return jwt.slice(0, -1) + B64[B64.indexOf(jwt.slice(-1)) ^ bits];
  };

  it.each([
    ['valid', `Bearer ${token(body)}`, body, 200, undefined],
    ['valid, lower-case scheme', `bearer ${token(body)}`, body, 200, undefined],
    ['valid, body re-serialized with whitespace', `Bearer ${token(body)}`, JSON.stringify(JSON.parse(body), null, 2), 200, undefined],
    ['iat 4 minutes old', `Bearer ${token(body, { iat: NOW_S - 240 })}`, body, 200, undefined],
    ['tampered body', `Bearer ${token(body)}`, body.replace('"1"', '"2"'), 401, 'payload-hash-mismatch'],
    ['wrong secret', `Bearer ${token(body, {}, 'another-secret')}`, body, 401, 'bad-signature'],
    ['expired iat', `Bearer ${token(body, { iat: NOW_S - 301 })}`, body, 401, 'token-expired'],
    ['expired exp claim', `Bearer ${token(body, { claims: { exp: NOW_S - 120 } })}`, body, 401, 'token-expired'],
    ['iat in the future', `Bearer ${token(body, { iat: NOW_S + 120 })}`, body, 401, 'iat-in-future'],
    ['iat missing', `Bearer ${token(body, { claims: { iat: undefined } })}`, body, 401, 'missing-iat'],
    ['payload_hash missing', `Bearer ${token(body, { claims: { payload_hash: undefined } })}`, body, 401, 'missing-payload-hash'],
    ['alg none', `Bearer ${token(body, { alg: 'none' })}`, body, 401, 'unsupported-alg'],
    ['alg none with a signature', `Bearer ${token(body, { alg: 'none' })}c2ln`, body, 401, 'unsupported-alg'],
    ['alg RS256', `Bearer ${token(body, { alg: 'RS256' })}`, body, 401, 'unsupported-alg'],
    ['alg HS512', `Bearer ${token(body, { alg: 'HS512' })}`, body, 401, 'unsupported-alg'],
    ['missing header', undefined, body, 401, 'missing-token'],
    ['Basic scheme', 'Basic dXNlcjpwYXNz', body, 401, 'malformed-token'],
    ['two segments', `Bearer ${h}.${c}`, body, 401, 'malformed-token'],
    ['header not JSON', `Bearer bm90LWpzb24.${c}.abc`, body, 401, 'malformed-token'],
    ['signature not base64url', `Bearer ${h}.${c}.a`, body, 401, 'malformed-token'],
    ['signature of another token', `Bearer ${h}.${c}.${token('{}').split('.')[2]}`, body, 401, 'bad-signature'],
    // The signature is compared as text against the HMAC (no decoded copy): the same verdicts as decoding it.
    ['signature one character longer', `Bearer ${token(body)}A`, body, 401, 'bad-signature'],
    ['signature four characters longer', `Bearer ${token(body)}AAAA`, body, 401, 'bad-signature'],
    ['signature one character shorter', `Bearer ${token(body).slice(0, -1)}`, body, 401, 'bad-signature'],
    ['signature with one character changed', `Bearer ${changedAt(token(body), -20)}`, body, 401, 'bad-signature'],
    ['signature, its last character changed in the 4 bits it carries', `Bearer ${lastSpare(token(body), 4)}`, body, 401, 'bad-signature'],
    [
      'signature, its last character changed in its 2 spare bits only (decoding ignores them)',
      `Bearer ${lastSpare(token(body), 1)}`,
      body,
      200,
      undefined,
    ],
    // payload_hash is compared as hex in either case (it was lower-cased before).
    [
      'payload_hash in upper case',
      `Bearer ${token(body, { claims: { payload_hash: sha256Hex(body).toUpperCase() } })}`,
      body,
      200,
      undefined,
    ],
    [
      'payload_hash one digit off',
      `Bearer ${token(body, { claims: { payload_hash: changedAt(sha256Hex(body), 5) } })}`,
      body,
      401,
      'payload-hash-mismatch',
    ],
    [
      'payload_hash with a non-hex character',
      `Bearer ${token(body, { claims: { payload_hash: `${sha256Hex(body).slice(0, 63)}g` } })}`,
      body,
      401,
      'payload-hash-mismatch',
    ],
    [
      'payload_hash too long',
      `Bearer ${token(body, { claims: { payload_hash: `${sha256Hex(body)}0` } })}`,
      body,
      401,
      'payload-hash-mismatch',
    ],
  ])('%s', async (_label, authorization, sent, status, reason) => {
    const { logger, calls } = recordingLogger();
    const router = signedRouter(js, { logger });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await answer(await router.fetch(new Request(url, { method: 'POST', headers, body: sent })));
    if (status === 200) {
      expect(res).toEqual({ status, body: ncco('bill-pay/en-US/pay-now') });
      expect(calls).toEqual([]);
    } else {
      // No NCCO on a 401: the request did not come from Vonage.
      expect(res).toEqual({ status, body: { error: 'unauthorized' } });
      expect(calls).toEqual([{ level: 'warn', message: 'flowc router: webhook signature rejected', data: { reason } }]);
    }
  });

  it('honours maxTokenAgeSeconds', async () => {
    const router = signedRouter(js, { maxTokenAgeSeconds: 5 });
    const res = await router.fetch(new Request(url, { method: 'POST', headers: { authorization: `Bearer ${token(body)}` }, body }));
    expect(res.status).toBe(401);
  });

  it('verifies GET webhooks against the JSON of the query parameters, in order', async () => {
    const router = signedRouter(js);
    const params = toQuery({ ...sample('Answer__Vonage_vonage-dotnet-sdk'), to: '14155550101' });
    const good = `Bearer ${token(queryHashText(params))}`;
    const ok = await router.fetch(new Request(`${BASE}/answer?${params}`, { headers: { authorization: good } }));
    expect(await answer(ok)).toEqual({ status: 200, body: ncco('bill-pay/es-US/welcome') });
    const tampered = new URLSearchParams(params);
    tampered.set('to', '447700900000');
    const bad = await router.fetch(new Request(`${BASE}/answer?${tampered}`, { headers: { authorization: good } }));
    expect(bad.status).toBe(401);
    const reordered = new URLSearchParams([...params].reverse());
    const swapped = await router.fetch(new Request(`${BASE}/answer?${reordered}`, { headers: { authorization: good } }));
    expect(swapped.status).toBe(401);
  });

  it.each([
    ['exp as a string', { exp: String(NOW_S + 100) }, 'invalid-exp'],
    ['exp null', { exp: null }, 'invalid-exp'],
    ['nbf as a string', { nbf: '0' }, 'invalid-nbf'],
    ['nbf as an object', { nbf: {} }, 'invalid-nbf'],
  ])('refuses a token whose %s (RFC 7519: NumericDate is a number)', async (_label, claims, reason) => {
    const { logger, calls } = recordingLogger();
    const router = signedRouter(js, { logger });
    const headers = { authorization: `Bearer ${token(body, { claims })}`, 'content-type': 'application/json' };
    const res = await router.fetch(new Request(url, { method: 'POST', headers, body }));
    expect(res.status).toBe(401);
    expect(calls).toEqual([{ level: 'warn', message: 'flowc router: webhook signature rejected', data: { reason } }]);
  });

  it('verifies a GET whose parameter names look like integers, in URL order (an object would reorder them)', async () => {
    const router = signedRouter(js);
    const params = new URLSearchParams([
      ['to', '14155550101'],
      ['5', 'x'],
      ['from', '15551234567'],
      ['10', 'y'],
    ]);
    const res = await router.fetch(
      new Request(`${BASE}/answer?${params}`, { headers: { authorization: `Bearer ${token(queryHashText(params))}` } }),
    );
    expect(await answer(res)).toEqual({ status: 200, body: ncco('bill-pay/es-US/welcome') });
  });

  it('checks /event too', async () => {
    const router = signedRouter(js);
    const res = await send(router, `${BASE}/event`, 'POST', sample('Completed__Vonage_vonage-dotnet-sdk'));
    expect(await answer(res)).toEqual({ status: 401, body: { error: 'unauthorized' } });
  });
});

describe('malformed and oversized requests', () => {
  const route = `${BASE}/on/bill-pay/en-US/welcome`;
  it.each([
    ['invalid JSON', 'POST', route, '{"dtmf": {', 400, TEST_FALLBACK],
    ['JSON array', 'POST', route, '[1,2]', 400, TEST_FALLBACK],
    ['JSON string', 'POST', route, '"x"', 400, TEST_FALLBACK],
    ['empty body', 'POST', route, '', 400, TEST_FALLBACK],
    ['invalid UTF-8', 'POST', route, new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 400, TEST_FALLBACK],
    ['repeated query key', 'GET', `${route}?dtmf=1&dtmf=2`, undefined, 400, TEST_FALLBACK],
    ['malformed percent escape', 'GET', `${route}?to=%E0%A4%A`, undefined, 400, TEST_FALLBACK],
    ['dtmf not JSON in the query', 'GET', `${route}?dtmf=%7Bdigits`, undefined, 400, TEST_FALLBACK],
    ['answer: invalid JSON', 'POST', `${BASE}/answer`, '{to:1}', 400, TEST_FALLBACK],
    ['event: invalid JSON (no caller on it)', 'POST', `${BASE}/event`, 'nope', 400, { error: 'bad-request' }],
  ] as const)('%s', async (_label, method, url, body, status, expected) => {
    const { logger, calls } = recordingLogger();
    const router = unsignedRouter(js, { logger });
    const res = await answer(await router.fetch(new Request(url, { method, ...(body !== undefined ? { body } : {}) })));
    expect(res).toEqual({ status, body: expected });
    expect(calls.map((c) => [c.message, c.data?.reason])).toEqual([
      ['flowc router: malformed webhook', method === 'GET' ? 'malformed-query' : 'malformed-json'],
    ]);
  });

  it.each([
    ['caller route, streamed', `${BASE}/on/bill-pay/en-US/welcome`, false, TEST_FALLBACK],
    ['caller route, declared length', `${BASE}/answer`, true, TEST_FALLBACK],
    ['event route', `${BASE}/event`, false, { error: 'payload-too-large' }],
  ] as const)('oversized body, %s → 413', async (_label, url, declare, expected) => {
    const router = unsignedRouter(js, { maxBodyBytes: 1024 });
    const big = JSON.stringify({ ...sample('input_dtmf__seed004'), padding: 'x'.repeat(2000) });
    const headers: Record<string, string> = declare ? { 'content-length': String(big.length) } : {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.slice(i, i + 500));
        controller.close();
      },
    });
    const request = new Request(url, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    expect(await answer(await router.fetch(request))).toEqual({ status: 413, body: expected });
  });

  it('accepts a body exactly at the limit', async () => {
    const payload = inputPayload({ digits: '2', timed_out: false }, { results: [] });
    const base = JSON.stringify({ ...payload, pad: '' });
    const body = JSON.stringify({ ...payload, pad: 'x'.repeat(1024 - base.length) });
    expect(body.length).toBe(1024);
    const router = unsignedRouter(js, { maxBodyBytes: 1024 });
    const res = await router.fetch(new Request(`${BASE}/on/bill-pay/en-US/welcome`, { method: 'POST', body }));
    expect(await answer(res)).toEqual({ status: 200, body: ncco('bill-pay/en-US/agent') });
  });
});

describe('start-up', () => {
  it.each([
    ['no secret, no allowUnsigned', {}, /refusing to start without a signature secret/],
    ['allowUnsigned false', { allowUnsigned: false }, /refusing to start/],
    ['empty secret', { signatureSecret: '' }, /signatureSecret must be a non-empty string/],
    ['maxBodyBytes 0', { allowUnsigned: true, maxBodyBytes: 0 }, /maxBodyBytes must be a positive integer/],
    ['maxTokenAgeSeconds negative', { allowUnsigned: true, maxTokenAgeSeconds: -1 }, /maxTokenAgeSeconds must be a positive number/],
  ] as const)('throws: %s', (_label, options, message) => {
    expect(() => js.createRouter(options)).toThrow(message);
  });

  it('starts with a secret, or with allowUnsigned', () => {
    expect(js.createRouter({ signatureSecret: 's' }).maxBodyBytes).toBe(js.DEFAULT_MAX_BODY_BYTES);
    expect(js.createRouter({ allowUnsigned: true, maxBodyBytes: 10 }).maxBodyBytes).toBe(10);
  });
});

describe('call status and connect events', () => {
  it('answers /event with 204 and hands the event to onCallStatus', async () => {
    const seen: unknown[] = [];
    const router = unsignedRouter(js, { onCallStatus: (event, context) => void seen.push([event.status, context]) });
    const res = await send(router, `${BASE}/event`, 'POST', sample('Completed__Vonage_vonage-dotnet-sdk'));
    expect(await answer(res)).toEqual({ status: 204, body: null });
    const human = await send(router, `${BASE}/event`, 'GET', sample('HumanMachine__Vonage_vonage-dotnet-sdk'));
    expect(human.status).toBe(204);
    expect(seen).toEqual([
      ['completed', {}],
      ['machine', {}],
    ]);
  });

  it('hands GET events over as plain objects, whatever the query holds', async () => {
    const seen: Record<string, unknown>[] = [];
    const router = unsignedRouter(js, { onCallStatus: (event) => void seen.push(event) });
    const res = await router.fetch(new Request(`${BASE}/event?status=answered&__proto__=%7B%22polluted%22%3Atrue%7D&uuid=u1`));
    expect(res.status).toBe(204);
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
    expect(seen[0]).toEqual({ status: 'answered', uuid: 'u1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports connect-leg statuses with the route, answering only the fallback statuses', async () => {
    const seen: unknown[] = [];
    const router = unsignedRouter(js, { onCallStatus: (event, context) => void seen.push([event.status, context.route?.step]) });
    const url = `${BASE}/on/support/en-GB/tech`;
    const ringing = await send(router, url, 'POST', { ...sample('CallStatusEvent__Vonage_vonage-dotnet-sdk'), status: 'ringing' });
    expect(ringing.status).toBe(204);
    const busy = await send(router, url, 'POST', { ...sample('Busy__Vonage_vonage-dotnet-sdk'), status: 'busy' });
    expect(await answer(busy)).toEqual({ status: 200, body: ncco('support/en-GB/operator') });
    expect(seen).toEqual([
      ['ringing', 'tech'],
      ['busy', 'tech'],
    ]);
  });

  it('still answers when onCallStatus throws or rejects, and logs the error', async () => {
    const { logger, calls } = recordingLogger();
    const throwing = unsignedRouter(js, {
      logger,
      onCallStatus: () => {
        throw new Error('boom');
      },
    });
    expect((await send(throwing, `${BASE}/event`, 'POST', sample('Answered__Vonage_vonage-dotnet-sdk'))).status).toBe(204);
    const rejecting = unsignedRouter(js, { logger, onCallStatus: () => Promise.reject(new Error('later')) });
    expect((await send(rejecting, `${BASE}/event`, 'POST', sample('Answered__Vonage_vonage-dotnet-sdk'))).status).toBe(204);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([
      { level: 'error', message: 'flowc router: onCallStatus failed', data: { error: 'boom' } },
      { level: 'error', message: 'flowc router: onCallStatus failed', data: { error: 'later' } },
    ]);
  });
});

describe('pay webhooks and logging', () => {
  it.each([
    ['a status word', 'declined', 'declined'],
    ['card data in the status', '4111111111111111 12/30', '(not a status word)'],
    ['a long text', 'x'.repeat(40), '(not a status word)'],
  ])('logs an unknown pay status only when it is %s', async (_label, status, logged) => {
    const { logger, calls } = recordingLogger();
    const router = signedRouter(js, { logger });
    const res = await send(router, `${BASE}/on/support/fr-FR/deposit`, 'POST', { ...sample('pay_failure__seed000'), status }, authorize);
    expect(await answer(res)).toEqual({ status: 200, body: TEST_FALLBACK });
    expect(calls).toEqual([
      {
        level: 'warn',
        message: 'flowc router: no transition for this payment status',
        data: { route: 'support/fr-FR/deposit', status: logged },
      },
    ]);
  });

  it('limits the warnings forged requests set off: 10 per kind and minute, then one line with the count', async () => {
    const { logger, calls } = recordingLogger();
    let now = NOW;
    const router = signedRouter(js, { logger, now: () => now });
    const forged = async (): Promise<void> => {
      const res = await router.fetch(
        new Request(`${BASE}/answer`, { method: 'POST', headers: { authorization: 'Bearer x.y.z' }, body: '{}' }),
      );
      expect(res.status).toBe(401);
    };
    for (let i = 0; i < 50; i++) await forged();
    expect(calls).toHaveLength(10);
    now += 61_000;
    await forged();
    expect(calls.slice(10)).toEqual([
      {
        level: 'warn',
        message: 'flowc router: warnings left out',
        data: { message: 'flowc router: webhook signature rejected', suppressed: 40, seconds: 60 },
      },
      { level: 'warn', message: 'flowc router: webhook signature rejected', data: { reason: 'malformed-token' } },
    ]);
  });

  it('an unsigned GET to an absolute URL with a bad host is an ordinary request, not an internal error', async () => {
    const { logger, calls } = recordingLogger();
    const router = js.createRouter({ allowUnsigned: true, logger });
    const res = await router.handle({ method: 'GET', url: 'http://%zz/answer' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body ?? '')).toEqual(js.UNKNOWN_NUMBER_NCCO);
    expect(calls.map((c) => c.level)).toEqual(['warn']);
    const signed = signedRouter(js, { logger });
    expect((await signed.handle({ method: 'GET', url: 'http://%zz/answer' })).status).toBe(401);
    expect(calls.filter((c) => c.level === 'error')).toEqual([]);
  });

  it('logs nothing of a pay webhook but its status', async () => {
    const { logger, calls } = recordingLogger();
    const router = signedRouter(js, { logger });
    const payload = { ...sample('pay_failure__seed000'), card_last4: '4242', reason: 'card declined for 4111111111111111' };
    const res = await send(router, `${BASE}/on/support/fr-FR/deposit`, 'POST', payload, authorize);
    expect(await answer(res)).toEqual({ status: 200, body: TEST_FALLBACK });
    expect(calls).toEqual([
      {
        level: 'warn',
        message: 'flowc router: no transition for this payment status',
        data: { route: 'support/fr-FR/deposit', status: 'failure' },
      },
    ]);
  });

  it('answers pay success with the success step', async () => {
    const router = signedRouter(js);
    const res = await send(router, `${BASE}/on/bill-pay/es-US/pay-now`, 'POST', sample('pay_success__seed000'), authorize);
    expect(await answer(res)).toEqual({ status: 200, body: ncco('bill-pay/es-US/thanks') });
  });
});

describe('never a 500 on the caller’s line', () => {
  it('answers the safe NCCO when the logger throws mid-request', async () => {
    const router = js.createRouter({
      allowUnsigned: true,
      logger: {
        warn: () => {
          throw new Error('disk full');
        },
      },
    });
    const res = await send(router, `${BASE}/answer`, 'POST', { to: '15550000000' });
    expect(await answer(res)).toEqual({ status: 200, body: js.SAFE_NCCO });
  });

  it('falls back to the built-in NCCO when fallbackNcco throws or returns nothing usable', async () => {
    const { logger, calls } = recordingLogger();
    const throwing = js.createRouter({
      allowUnsigned: true,
      logger,
      fallbackNcco: () => {
        throw new Error('x');
      },
    });
    expect(await answer(await send(throwing, `${BASE}/answer`, 'POST', { to: '1' }))).toEqual({
      status: 200,
      body: js.UNKNOWN_NUMBER_NCCO,
    });
    const empty = js.createRouter({ allowUnsigned: true, logger, fallbackNcco: () => [] });
    const res = await send(empty, `${BASE}/on/support/en-GB/tech`, 'POST', {
      ...sample('Failed__Vonage_vonage-dotnet-sdk'),
      status: 'failed',
    });
    expect(await answer(res)).toEqual({ status: 200, body: js.SAFE_NCCO });
    expect(calls.filter((c) => c.level === 'error').map((c) => c.data?.reason)).toEqual(['unknown-number', 'no-transition']);
  });

  it('does not share header objects between answers', async () => {
    const router = unsignedRouter(js);
    const a = await router.handle({ method: 'POST', url: '/answer', body: new TextEncoder().encode('{"to":"447700900000"}') });
    a.headers['x-mutated'] = '1';
    const b = await router.handle({ method: 'POST', url: '/answer', body: new TextEncoder().encode('{"to":"447700900000"}') });
    expect(b.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store' });
  });
});

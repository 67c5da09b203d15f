import { createHash, createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../compiler/router/serve.js';
import { queryHashPayload, signWebhook } from '../../compiler/router/sign-webhook.js';
import { runFlowc } from '../helpers/temp-project.js';
import { loadFixtureProgram, staticNcco, tempDir, TEST_SECRET, writeRouter } from './router-helpers.js';
import { ACCOUNTS, CALLER, NEW_YORK, textsOf, utilityProgram, type Ncco } from './utility-call.js';

const program = loadFixtureProgram();
const temp = tempDir('router-serve');
const distDir = writeRouter(program, temp.dir);
afterAll(() => temp.cleanup());

const decode = (segment: string): unknown => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

describe('signWebhook', () => {
  const body = '{"to":"447700900000"}';

  it('makes an HS256 JWT with iat, jti, iss and payload_hash', () => {
    const token = signWebhook(body, 'secret', { iat: 1_700_000_000, jti: 'id-1' });
    const [h, c, s] = token.split('.');
    expect(decode(h ?? '')).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(c ?? '')).toEqual({
      iat: 1_700_000_000,
      jti: 'id-1',
      iss: 'Vonage',
      payload_hash: createHash('sha256').update(body).digest('hex'),
    });
    expect(s).toBe(createHmac('sha256', 'secret').update(`${h}.${c}`).digest('base64url'));
  });

  it('defaults iat to now and jti to a UUID', () => {
    const claims = decode(signWebhook(body, 's').split('.')[1] ?? '') as { iat: number; jti: string };
    expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(5);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['none', (t: string) => expect(t.endsWith('.')).toBe(true)],
    ['RS256', (t: string) => expect(decode(t.split('.')[0] ?? '')).toEqual({ alg: 'RS256', typ: 'JWT' })],
  ])('alg %s (for refusal tests)', (alg, check) => check(signWebhook(body, 's', { alg })));

  it('queryHashPayload keeps URL order even for integer-like names (an object would move "5" first)', () => {
    expect(queryHashPayload('to=447700900000&5=x&10=y')).toBe('{"to":"447700900000","5":"x","10":"y"}');
  });

  it('flowc sign --query signs a GET’s parameters in URL order; --body a POST; one of the two', async () => {
    const query = await runFlowc(['sign', '--query', 'to=447700900000&5=x', '--secret', 's'], temp.dir);
    expect(query.exitCode).toBe(0);
    const claims = decode(
      query.stdout
        .trim()
        .replace(/^Bearer /, '')
        .split('.')[1] ?? '',
    ) as { payload_hash: string };
    expect(claims.payload_hash).toBe(createHash('sha256').update('{"to":"447700900000","5":"x"}').digest('hex'));
    const body = await runFlowc(['sign', '--body', '{"a":1}', '--secret', 's'], temp.dir);
    expect(
      decode(
        body.stdout
          .trim()
          .replace(/^Bearer /, '')
          .split('.')[1] ?? '',
      ),
    ).toMatchObject({
      payload_hash: createHash('sha256').update('{"a":1}').digest('hex'),
    });
    expect((await runFlowc(['sign', '--secret', 's'], temp.dir)).exitCode).toBe(2);
    expect((await runFlowc(['sign', '--body', '{}', '--query', 'a=1', '--secret', 's'], temp.dir)).exitCode).toBe(2);
  });

  it('queryHashPayload is the JSON of the decoded query parameters in order', () => {
    expect(queryHashPayload('?to=447700900000&from=44%2079&dtmf=%7B%22digits%22%3A%221%22%7D')).toBe(
      '{"to":"447700900000","from":"44 79","dtmf":"{\\"digits\\":\\"1\\"}"}',
    );
  });
});

describe('startServer', () => {
  it('serves dist/router.mjs on 127.0.0.1 and verifies signatures', async () => {
    const running = await startServer({ distDir, port: 0, secret: TEST_SECRET });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const body = JSON.stringify({ to: '14155550100', from: '15551234567' });
      const ok = await fetch(`${running.url}/answer`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${signWebhook(body, TEST_SECRET)}` },
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual(staticNcco(program, { flow: 'bill-pay', locale: 'en-US', step: 'welcome' }));
      const unsigned = await fetch(`${running.url}/answer`, { method: 'POST', body });
      expect(unsigned.status).toBe(401);
    } finally {
      await running.close();
    }
  });

  it('sets server timeouts far below Node’s defaults (slow clients cannot hold connections for minutes)', async () => {
    const running = await startServer({ distDir, port: 0, allowUnsigned: true });
    try {
      expect(running.server.headersTimeout).toBe(10_000);
      expect(running.server.requestTimeout).toBe(15_000);
      expect(running.server.keepAliveTimeout).toBe(5_000);
    } finally {
      await running.close();
    }
  });

  it('serves unsigned webhooks only when allowed', async () => {
    await expect(startServer({ distDir, port: 0 })).rejects.toThrow(/refusing to start without a signature secret/);
    const running = await startServer({ distDir, port: 0, allowUnsigned: true });
    try {
      const res = await fetch(`${running.url}/answer?to=447700900000`);
      expect(await res.json()).toEqual(staticNcco(program, { flow: 'support', locale: 'en-GB', step: 'menu' }));
    } finally {
      await running.close();
    }
  });

  it('serves a project with lookups from the application’s module (flowc serve --lookups)', async () => {
    const utility = writeRouter(utilityProgram(NEW_YORK), temp.dir);
    const lookups = path.join(temp.dir, 'lookups.mjs');
    writeFileSync(
      lookups,
      `const accounts = ${JSON.stringify(ACCOUNTS)};
export const lookups = {
  'account-by-number': ({ number }) => accounts[number] ?? null,
  'account-by-id': ({ account }) => accounts[account] ?? null,
};
export const inputs = [];
export function onInput(event) { inputs.push(event); }
`,
    );
    const running = await startServer({ distDir: utility, port: 0, secret: TEST_SECRET, lookupsModule: lookups });
    try {
      const body = JSON.stringify({ to: '14155550111', from: CALLER.found, uuid: 'u1', conversation_uuid: 'CON-serve' });
      const res = await fetch(`${running.url}/flowc/answer`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${signWebhook(body, TEST_SECRET)}` },
      });
      expect(textsOf((await res.json()) as Ncco)).toEqual([
        'en-US: Hello Ann. Your balance is 42 dollars and 50 cents, due December 15, 2026. Press 1 to pay it now, or 2 for support.',
      ]);
    } finally {
      await running.close();
    }
    const none = path.join(temp.dir, 'no-lookups.mjs');
    writeFileSync(none, 'export const nothing = 1;\n');
    await expect(startServer({ distDir: utility, port: 0, secret: TEST_SECRET, lookupsModule: none })).rejects.toThrow(
      /does not export `lookups`/,
    );
  });

  it('explains a missing build', async () => {
    await expect(startServer({ distDir: path.join(temp.dir, 'nowhere'), port: 0, secret: 's' })).rejects.toThrow(
      /No generated router at .*Run "flowc build" first/,
    );
  });

  it('rejects a port in use', async () => {
    const first = await startServer({ distDir, port: 0, allowUnsigned: true });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer({ distDir, port, allowUnsigned: true })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

/** toNodeHandler over a real http.createServer on 127.0.0.1, port 0. */
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { loadWebhookSamples, queryHashText, toQuery } from './drive-transitions.js';
import { importGeneratedJs, loadFixtureProgram, recordingLogger, staticNcco, tempDir, TEST_SECRET } from './router-helpers.js';

const program = loadFixtureProgram();
const samples = loadWebhookSamples();
const temp = tempDir('router-node');
let server: Server;
let base: string;
let module: Awaited<ReturnType<typeof importGeneratedJs>>;
const events: unknown[] = [];

beforeAll(async () => {
  module = await importGeneratedJs(program, temp.dir);
  const router = module.createRouter({
    signatureSecret: TEST_SECRET,
    maxBodyBytes: 2048,
    logger: recordingLogger().logger,
    onCallStatus: (event) => void events.push(event.status),
  });
  server = createServer(module.toNodeHandler(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  temp.cleanup();
});

const bearer = (text: string): string => `Bearer ${signWebhook(text, TEST_SECRET)}`;

/** A raw request, optionally chunked (no content-length), for the size limit. */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('toNodeHandler', () => {
  it('answers a signed input webhook with the next NCCO', async () => {
    const body = JSON.stringify({ ...samples.input_dtmf__seed004, dtmf: { digits: '2', timed_out: false } });
    const res = await fetch(`${base}/flowc/on/bill-pay/en-US/welcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(staticNcco(program, { flow: 'bill-pay', locale: 'en-US', step: 'agent' }));
  });

  it('answers a signed GET answer webhook', async () => {
    const params = toQuery({ ...samples['Answer__Vonage_vonage-dotnet-sdk'], to: '33184880000' });
    const res = await fetch(`${base}/answer?${params}`, { headers: { authorization: bearer(queryHashText(params)) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(staticNcco(program, { flow: 'support', locale: 'fr-FR', step: 'menu' }));
  });

  it('answers 204 to call-status events and reports them', async () => {
    const body = JSON.stringify(samples['Completed__Vonage_vonage-dotnet-sdk']);
    const res = await raw('POST', '/flowc/event', {
      headers: { authorization: bearer(body), 'content-type': 'application/json' },
      chunks: [body],
    });
    expect(res).toMatchObject({ status: 204, body: '' });
    expect(events).toContain('completed');
  });

  it('refuses an unsigned request with 401', async () => {
    const res = await raw('POST', '/answer', { chunks: ['{"to":"447700900000"}'] });
    expect(res).toMatchObject({ status: 401, body: '{"error":"unauthorized"}' });
  });

  it('answers 413 when the declared length is over the limit, and closes the connection', async () => {
    const res = await raw('POST', '/answer', { headers: { 'content-length': '5000' }, chunks: ['x'.repeat(5000)] });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toEqual(module.SAFE_NCCO);
  });

  it('answers 413 when a chunked body grows over the limit', async () => {
    const res = await raw('POST', '/flowc/on/bill-pay/en-US/welcome', { chunks: Array.from({ length: 6 }, () => 'y'.repeat(500)) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual(module.SAFE_NCCO);
  });

  it('sends every answer with its length in bytes (one write, not chunked), and a 204 with neither', async () => {
    const body = JSON.stringify({ ...samples.input_dtmf__seed004, dtmf: { digits: '2', timed_out: false } });
    const cases = [
      await raw('POST', '/flowc/on/bill-pay/en-US/welcome', {
        headers: { 'content-type': 'application/json', authorization: bearer(body) },
        chunks: [body],
      }),
      await raw('GET', '/flowc/elsewhere'),
      await raw('POST', '/answer', { headers: { 'content-length': '5000' }, chunks: ['x'.repeat(5000)] }),
    ];
    for (const res of cases) {
      expect(res.headers['transfer-encoding'], res.body).toBeUndefined();
      expect(res.headers['content-length'], res.body).toBe(String(Buffer.byteLength(res.body)));
    }
    const event = JSON.stringify(samples['Completed__Vonage_vonage-dotnet-sdk']);
    const empty = await raw('POST', '/flowc/event', { headers: { authorization: bearer(event) }, chunks: [event] });
    expect(empty.status).toBe(204);
    expect(empty.headers['content-length']).toBeUndefined();
    expect(empty.headers['transfer-encoding']).toBeUndefined();
  });

  it('answers 404 for an unknown path', async () => {
    const res = await raw('GET', '/flowc/elsewhere');
    expect(res).toMatchObject({ status: 404, body: '{"error":"not-found"}' });
  });

  it('answers a request whose body was already consumed with 400 (mounted after a body parser)', async () => {
    const router = module.createRouter({ allowUnsigned: true, logger: recordingLogger().logger });
    const handler = module.toNodeHandler(router);
    const consuming = createServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    });
    await new Promise<void>((resolve) => consuming.listen(0, '127.0.0.1', resolve));
    try {
      const port = (consuming.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/answer`, { method: 'POST', body: '{"to":"447700900000"}' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(module.SAFE_NCCO);
    } finally {
      await new Promise<void>((resolve) => consuming.close(() => resolve()));
      consuming.closeAllConnections();
    }
  });
});

describe('toNodeHandler, without a socket', () => {
  /** A request as node:http hands it over (headers read, the body to come as events) and a response that records. */
  function exchange(path: string, body: string, authorization?: string) {
    const listeners: { data?: (chunk: Buffer) => void; end?: () => void } = {};
    const rawHeaders = ['Content-Type', 'application/json', ...(authorization ? ['Authorization', authorization] : [])];
    const req = {
      method: 'POST',
      url: path,
      rawHeaders,
      headers: {},
      readableEnded: false,
      on(event: string, listener: never) {
        if (event === 'data' || event === 'end') listeners[event] = listener;
        return req;
      },
    };
    const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const res = {
      writeHead(status: number, headers: Record<string, string>) {
        written.status = status;
        written.headers = headers;
        return res;
      },
      end(text?: string) {
        written.body = text;
        return res;
      },
    };
    /** The body arrives, then its end: what the handler has written by the time the 'end' listener returns. */
    const deliver = () => {
      listeners.data?.(Buffer.from(body));
      listeners.end?.();
      return { ...written };
    };
    return { req, res, written, deliver };
  }

  const input = JSON.stringify({ ...samples.input_dtmf__seed004, dtmf: { digits: '2', timed_out: false } });
  const welcome = '/flowc/on/bill-pay/en-US/welcome';
  const agent = () => staticNcco(program, { flow: 'bill-pay', locale: 'en-US', step: 'agent' });
  const handlerFor = (router: Parameters<typeof module.toNodeHandler>[0]) =>
    module.toNodeHandler(router) as unknown as (req: unknown, res: unknown) => void;

  it('writes the answer before the end listener returns when nothing asynchronous happens (node:crypto, a known flow)', async () => {
    const handler = handlerFor(module.createRouter({ signatureSecret: TEST_SECRET, logger: recordingLogger().logger }));
    // The first webhook loads the flow (a promise); the next ones find it in memory.
    const first = exchange(welcome, input, bearer(input));
    handler(first.req, first.res);
    first.deliver();
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.parse(first.written.body ?? 'null')).toEqual(agent());
    const next = exchange(welcome, input, bearer(input));
    handler(next.req, next.res);
    const written = next.deliver();
    expect(written.status).toBe(200);
    expect(written.headers?.['content-length']).toBe(String(Buffer.byteLength(written.body ?? '')));
    expect(JSON.parse(written.body ?? 'null')).toEqual(agent());
  });

  it.each([
    [
      'Web Crypto (every check a promise)',
      () => module.createRouter({ signatureSecret: TEST_SECRET, crypto: 'web', logger: recordingLogger().logger }),
    ],
    [
      'a router made elsewhere (only its handle())',
      () => {
        const inner = module.createRouter({ signatureSecret: TEST_SECRET, logger: recordingLogger().logger });
        return { fetch: inner.fetch, handle: (request: Parameters<typeof inner.handle>[0]) => inner.handle(request), maxBodyBytes: 65536 };
      },
    ],
  ])('answers the same through %s, once the promise settles', async (_name, make) => {
    const handler = handlerFor(make() as Parameters<typeof module.toNodeHandler>[0]);
    const { req, res, written, deliver } = exchange(welcome, input, bearer(input));
    handler(req, res);
    deliver();
    for (let i = 0; i < 50 && written.body === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(written.status).toBe(200);
    expect(JSON.parse(written.body ?? 'null')).toEqual(agent());
  });

  it('does not throw out of the end listener when the response cannot be written', async () => {
    const handler = handlerFor(module.createRouter({ signatureSecret: TEST_SECRET, logger: recordingLogger().logger }));
    for (let i = 0; i < 2; i++) {
      const { req, deliver } = exchange(welcome, input, bearer(input));
      const broken = {
        writeHead() {
          throw new Error('ERR_HTTP_HEADERS_SENT');
        },
        end() {
          throw new Error('write after end');
        },
      };
      handler(req, broken);
      expect(() => deliver()).not.toThrow();
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
});

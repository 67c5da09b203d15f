/**
 * A step rendered with call data is answered with its length known without counting (RawResponse.bodyBytes)
 * where every piece of it is ASCII, and counted where its form has other text: either way the node:http
 * adapter's Content-Length is the body's length in UTF-8 bytes, on every webhook that seals the state anew.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import type { FlowProgram, NccoForm, Target } from '../../compiler/router/runtime/program.mjs';
import { signWebhook } from '../../compiler/router/sign-webhook.js';
import { goTo, nccoStep, text } from './program-builder.js';
import { tempDir, TEST_SECRET, writeRouter, type GeneratedRouterModule } from './router-helpers.js';

const R = 'https://ivr.example.com/flowc';
const at = (step: string): Target => ({ flow: 'f', locale: 'en-US', step });
const input = { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 4 } };

/** Asks for a code, then says it back on every webhook (a counted transition: the state is sealed anew each time). */
function program(nonAscii: boolean): RouterProgram {
  const say = nccoStep(
    R,
    at('say'),
    [{ action: 'talk', text: text(['Your code is ', { data: 'code' }, '. Thanks.']), language: 'en-US' }, input],
    {
      kind: 'input',
      digits: {},
      speech: [],
      default: { to: at('say'), limit: { counter: 'again', max: 1e9, then: goTo('f', 'en-US', 'say') } },
    },
    ['code'],
  );
  if (nonAscii && say.kind === 'ncco') {
    // A form with a text piece the compiler would have escaped: its render's length is not its byte length.
    say.ncco = say.ncco.map((part) =>
      typeof part === 'string' ? part.replace('"language":"en-US"', '"language":"en-US","note":"caf\u00e9 \u20ac"') : part,
    ) as NccoForm;
  }
  const flow: FlowProgram = {
    version: 1,
    flow: 'f',
    locales: ['en-US'],
    data: { code: { type: { type: 'digits', minLength: 4, maxLength: 4 } } },
    steps: {
      'en-US/ask': nccoStep(R, at('ask'), [{ action: 'talk', text: 'Enter your code.' }, input], {
        kind: 'input',
        digits: {},
        speech: [],
        store: { data: 'code', from: 'digits' },
        stored: goTo('f', 'en-US', 'say'),
        default: goTo('f', 'en-US', 'ask'),
      }),
      'en-US/say': say,
    },
  };
  return {
    project: {
      version: 1,
      projectId: 'length',
      routerUrl: R,
      numbers: { 14155550111: { start: at('ask'), answeredBy: 'router' } },
      flows: { f: { sha256: '-' } },
      hours: {},
      lookups: {},
    },
    flows: [flow],
  } as RouterProgram;
}

const temp = tempDir('router-answer-length');
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
  temp.cleanup();
});

const call = { from: '15551234567', to: '14155550111', uuid: 'UUID-1', conversation_uuid: 'CON-1' };

describe.each([
  ['an ASCII form', false],
  ['a form with non-ASCII text', true],
])('the answer of a step rendered with call data: %s', (_name, nonAscii) => {
  it('is sent with its length in UTF-8 bytes on every webhook, and handle() says that length only where it knows it', async () => {
    const dir = path.join(temp.dir, nonAscii ? 'non-ascii' : 'ascii');
    const mod = (await import(
      pathToFileURL(path.join(writeRouter(program(nonAscii), dir), 'router.mjs')).href
    )) as GeneratedRouterModule & {
      toNodeHandler(router: unknown): (req: unknown, res: unknown) => void;
    };
    const router = mod.createRouter({ signatureSecret: TEST_SECRET });
    const server = createServer(mod.toNodeHandler(router));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = async (url: string, payload: object) => {
      const body = JSON.stringify(payload);
      const res = await fetch(url.startsWith(R) ? base + url.slice(R.length - '/flowc'.length) : `${base}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signWebhook(body, TEST_SECRET)}` },
        body,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, length: res.headers.get('content-length'), bytes, text: bytes.toString('utf8') };
    };
    const eventUrl = (ncco: string): string => (JSON.parse(ncco) as { eventUrl?: string[] }[]).at(-1)!.eventUrl![0]!;

    const answered = await post('/flowc/answer', call);
    expect(answered.status).toBe(200);
    let next = await post(eventUrl(answered.text), { ...call, dtmf: { digits: '1234', timed_out: false } });
    const seen = new Set<string>();
    for (let webhook = 0; webhook < 4; webhook++) {
      expect(next.status).toBe(200);
      expect(next.length).toBe(String(next.bytes.length));
      expect(next.text).toContain('Your code is 1234. Thanks.');
      if (nonAscii) expect(next.text).toContain('caf\u00e9 \u20ac');
      const url = eventUrl(next.text);
      expect(url).toMatch(/\?s=[A-Za-z0-9_-]+$/);
      seen.add(url);
      // In-process, the same webhook: bodyBytes only where every piece is ASCII, and then exact.
      const body = JSON.stringify({ ...call, dtmf: { digits: '5', timed_out: false } });
      const direct = (await router.handle({
        method: 'POST',
        url: url.slice(R.length - '/flowc'.length),
        body: new TextEncoder().encode(body),
        authorization: `Bearer ${signWebhook(body, TEST_SECRET)}`,
      })) as { status: number; body: string; bodyBytes?: number };
      expect(direct.status).toBe(200);
      expect(direct.bodyBytes).toBe(nonAscii ? undefined : Buffer.byteLength(direct.body));
      next = await post(url, { ...call, dtmf: { digits: '5', timed_out: false } });
    }
    // Counted on every webhook: a new state each time.
    expect(seen.size).toBe(4);
  });
});

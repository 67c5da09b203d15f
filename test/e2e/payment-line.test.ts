/**
 * The example project as a real payment line, end to end: `flowc build` writes dist/ (in a child process),
 * `flowc serve --lookups demo/lookups.mjs` runs the generated router with the demo accounts, and calls are
 * played over HTTP with signed webhooks, each sent to the eventUrl the previous answer gave (state and all):
 * a caller known by their number hears their own balance in the language of the number they called and pays
 * exactly that amount; a caller from an unknown number enters and confirms an account number, pays after a
 * failed attempt. The README's walkthrough (between its `walkthrough` markers) is run too, as written.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryHashPayload, signWebhook } from '../../compiler/router/sign-webhook.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'build/compiler/cli/bin.js');
const SECRET = 'e2e-signature-secret-0123456789';
const ROUTER_URL = 'https://ivr.acme-energy.example/flowc';

interface DemoAccount {
  account: string;
  phone?: string;
  balance: number;
  dueDate: string;
  name?: string;
}
const { ACCOUNTS } = (await import(pathToFileURL(path.join(repo, 'demo/lookups.mjs')).href)) as { ACCOUNTS: DemoAccount[] };
const account = (id: string): DemoAccount => ACCOUNTS.find((a) => a.account === id)!;

type Ncco = Record<string, unknown>[];

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repo, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 300_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts `flowc serve` on a free port; resolves with its URL once it listens (a watchdog for hangs only). */
function serve(dist: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--dist', dist, '--port', '0', '--lookups', 'demo/lookups.mjs'], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1', FLOWC_SIGNATURE_SECRET: SECRET },
    });
    let stderr = '';
    const watchdog = setTimeout(() => reject(new Error(`flowc serve did not start: ${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(watchdog);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`flowc serve exited with ${code}: ${stderr}`)));
  });
}

let tmp: string;
let dist: string;
let server: { child: ChildProcess; url: string };
let reminderUrls: Record<string, { answeredBy: string; answerUrl: string }>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'flowc-payment-line-'));
  dist = path.join(tmp, 'dist');
  const built = await run(['build', '--out', dist]);
  expect(built.code, built.stderr).toBe(0);
  // demo/lookups.mjs is not a file flowc reads: the build has nothing to say about it.
  expect(built.stderr + built.stdout).toContain('no problems');
  // The billing line looks the caller up by their number: its numbers are answered by the router.
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    numbers: Record<string, { flow: string; answeredBy: string; answerUrl?: string }>;
  };
  for (const number of ['14155550100', '14155550101', '15145550100']) {
    expect(manifest.numbers[number]).toMatchObject({ flow: 'bill-pay', answeredBy: 'router', answerUrl: `${ROUTER_URL}/answer` });
  }
  // The reminder looks the customer up by the number it calls: its calls are answered by the router too.
  reminderUrls = (manifest as unknown as { outbound: Record<string, Record<string, { answeredBy: string; answerUrl: string }>> }).outbound[
    'payment-reminder'
  ]!;
  for (const locale of ['en-US', 'es-US', 'fr-CA']) {
    expect(reminderUrls[locale]).toEqual({
      step: 'find',
      answeredBy: 'router',
      answerUrl: `${ROUTER_URL}/answer?flow=payment-reminder&locale=${locale}`,
    });
  }
  server = await serve(dist);
}, 360_000);

afterAll(async () => {
  server?.child.kill();
  await rm(tmp, { recursive: true, force: true });
});

/** A phone call: Vonage's webhooks, signed, each to the eventUrl the last answer gave. */
class Call {
  next = '';
  readonly uuid: string;
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    this.uuid = `call-${from}-${Math.random().toString(36).slice(2)}`;
  }

  private async received(res: Response): Promise<Ncco> {
    expect(res.status).toBe(200);
    const ncco = (await res.json()) as Ncco;
    const routed = ncco.filter((a) => Array.isArray(a.eventUrl));
    const last = routed[routed.length - 1];
    this.next = last ? (last.eventUrl as string[])[0]! : '';
    return ncco;
  }

  /**
   * The answer webhook, a GET (Vonage's default answer_method), to `answerUrl` (the router's /answer, or an
   * outbound flow's answer URL from the manifest, whose own query Vonage keeps and adds its parameters to).
   * The token hashes Vonage's parameters only.
   */
  async answer(answerUrl = `${ROUTER_URL}/answer`): Promise<Ncco> {
    const query = new URLSearchParams({ to: this.to, from: this.from, uuid: this.uuid, conversation_uuid: `CON-${this.uuid}` }).toString();
    const authorization = `Bearer ${signWebhook(queryHashPayload(query), SECRET)}`;
    const url = server.url + answerUrl.slice(ROUTER_URL.length);
    return this.received(await fetch(`${url}${url.includes('?') ? '&' : '?'}${query}`, { headers: { authorization } }));
  }

  async event(extra: Record<string, unknown>, who = true): Promise<Ncco> {
    expect(this.next.startsWith(`${ROUTER_URL}/on/`)).toBe(true);
    const call = who ? { from: this.from, to: this.to, uuid: this.uuid } : {};
    const body = JSON.stringify({ ...call, conversation_uuid: `CON-${this.uuid}`, ...extra });
    const res = await fetch(server.url + this.next.slice(ROUTER_URL.length), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signWebhook(body, SECRET)}` },
      body,
    });
    return this.received(res);
  }

  /** The notify action's webhook: the router runs the lookup the step asked for. */
  /** A notify's webhook says neither who calls nor whom (webhook samples): the router knows from the call's state. */
  notified = (): Promise<Ncco> => this.event({ payload: { lookup: 'findAccount' }, timestamp: new Date().toISOString() }, false);
  press = (digits: string): Promise<Ncco> => this.event({ dtmf: { digits, timed_out: false }, speech: { results: [] } });
  paid = (status: 'success' | 'failure'): Promise<Ncco> => this.event({ type: 'payment', status });
}

const texts = (ncco: Ncco): string[] => ncco.filter((a) => a.action === 'talk').map((a) => String(a.text));
const payOf = (ncco: Ncco): Record<string, unknown> => {
  const pay = ncco.find((a) => a.action === 'pay');
  expect(pay, JSON.stringify(ncco)).toBeDefined();
  return pay!;
};

describe('the example payment line, served with the demo lookups', () => {
  it('a caller known by their number hears their balance in English and pays exactly that', async () => {
    const alex = account('12345678');
    const call = new Call(alex.phone!, '14155550100');
    expect(texts(await call.answer())).toEqual(['Thank you for calling Acme Energy billing.']);
    const menu = await call.notified();
    expect(texts(menu)[0]).toBe(
      'Hello Alex. Your balance is 42 dollars and 50 cents, due on December 15, 2026. To pay it now, press 1. ' +
        'To speak with a billing representative, press 0. For Spanish, press 9. For French, press 7.',
    );
    // No account number or balance is readable in the URLs the caller's call carries.
    expect(call.next).not.toMatch(/12345678|42\.5|4250/);
    const payNow = await call.press('1');
    const pay = payOf(payNow);
    expect(pay.amount).toBe(alex.balance);
    expect(texts(payNow).join(' ')).toContain('42 dollars and 50 cents');
    const paid = await call.paid('success');
    expect(texts(paid)[0]).toBe(
      'Thank you. Your payment of 42 dollars and 50 cents was approved, and it will show on your next statement.',
    );
  });

  it('a caller known by their number who calls the Spanish line hears and pays in Spanish', async () => {
    const lucia = account('23456789');
    const call = new Call(lucia.phone!, '14155550101');
    const answered = await call.answer();
    expect(answered[0]).toMatchObject({ action: 'talk', language: 'es-US' });
    const menu = await call.notified();
    expect(menu[0]).toMatchObject({ action: 'talk', language: 'es-US' });
    expect(texts(menu)[0]).toMatch(/^Hola, Lucía\. Su saldo es de 118 dólares con 75 centavos, con vencimiento el 5 de enero de 2027\./);
    const payNow = await call.press('1');
    expect(payOf(payNow).amount).toBe(lucia.balance);
    expect(payOf(payNow).prompts).toBeDefined();
    expect(texts(await call.paid('success'))[0]).toContain('118 dólares con 75 centavos');
  });

  it('a caller from another number enters and confirms an account number, then pays it after a failed attempt', async () => {
    const entered = account('87654321');
    const call = new Call('14155550999', '14155550100');
    await call.answer();
    expect(texts(await call.notified())[0]).toBe(
      'Please enter your eight-digit account number on your keypad, then press the pound key. To speak with a representative, press 0.',
    );
    const confirm = await call.press(entered.account);
    expect(texts(confirm)[0]).toContain('You entered <say-as interpret-as="digits">87654321</say-as>.');
    expect(call.next).not.toContain(entered.account);
    expect(texts(await call.press('1'))).toEqual(['One moment while I find your account.']);
    const menu = await call.notified();
    expect(texts(menu)[0]).toMatch(/^Your balance is 64 dollars and 20 cents, due on December 20, 2026\./);
    expect(payOf(await call.press('1')).amount).toBe(entered.balance);
    expect(texts(await call.paid('failure'))[0]).toMatch(/^We're sorry, your payment could not be completed\./);
    expect(payOf(await call.press('1')).amount).toBe(entered.balance);
    expect(texts(await call.paid('success'))[0]).toContain('64 dollars and 20 cents');
  });

  it("an outbound reminder started with the manifest's answer URL looks the customer up by the number it called", async () => {
    const alex = account('12345678');
    // Outbound: Vonage's answer request says `to` is the customer, `from` our number.
    const call = new Call('14155550100', alex.phone!);
    expect(texts(await call.answer(reminderUrls['en-US']!.answerUrl))).toEqual([
      'Hello, this is Acme Energy calling with a friendly reminder.',
    ]);
    // The lookup's notify webhook carries no from/to: the phone comes from the state the answer sealed.
    const reminder = await call.notified();
    expect(texts(reminder)[0]).toBe('Your balance of 42 dollars and 50 cents is due on December 15, 2026.');
    expect(call.next).not.toContain(alex.phone);

    // answer_method POST: the same URL, Vonage's parameters in a signed JSON body; the reminder speaks Spanish.
    const lucia = account('23456789');
    const body = JSON.stringify({ to: lucia.phone, from: '14155550101', uuid: 'out-2', conversation_uuid: 'CON-out-2' });
    const posted = await fetch(server.url + reminderUrls['es-US']!.answerUrl.slice(ROUTER_URL.length), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signWebhook(body, SECRET)}` },
      body,
    });
    expect(posted.status).toBe(200);
    const spanish = (await posted.json()) as Ncco;
    expect(spanish[0]).toMatchObject({ action: 'talk', language: 'es-US' });
    const notify = spanish.find((a) => a.action === 'notify')!;
    const notifyBody = JSON.stringify({ conversation_uuid: 'CON-out-2', payload: notify.payload, timestamp: new Date().toISOString() });
    const looked = await fetch(server.url + (notify.eventUrl as string[])[0]!.slice(ROUTER_URL.length), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signWebhook(notifyBody, SECRET)}` },
      body: notifyBody,
    });
    expect(texts((await looked.json()) as Ncco)[0]).toMatch(/118 dólares con 75 centavos/);

    // Someone the demo does not know: the reminder without the amount.
    const stranger = new Call('14155550100', '14155550666');
    await stranger.answer(reminderUrls['en-US']!.answerUrl);
    expect(texts(await stranger.notified())[0]).toBe('Your bill is due soon.');
  });

  it('an outbound answer URL naming no outbound flow, or a locale it does not speak, is refused with a 404 and a safe NCCO', async () => {
    for (const query of [
      'flow=no-such-flow&locale=en-US',
      'flow=payment-reminder&locale=de-DE',
      'flow=payment-reminder',
      'flow=bill-pay&locale=en-US',
    ]) {
      const vonage = new URLSearchParams({ to: '14155550123', from: '14155550100', uuid: 'u-1', conversation_uuid: 'CON-u-1' }).toString();
      const authorization = `Bearer ${signWebhook(queryHashPayload(vonage), SECRET)}`;
      const res = await fetch(`${server.url}/answer?${query}&${vonage}`, { headers: { authorization } });
      expect(res.status, query).toBe(404);
      const ncco = (await res.json()) as Ncco;
      expect(ncco[0]).toMatchObject({ action: 'talk' });
    }
  });

  it('an account number that is not on file is asked for again', async () => {
    const call = new Call('14155550998', '14155550100');
    await call.answer();
    await call.notified();
    await call.press('99999999');
    expect(texts(await call.press('1'))).toEqual(['One moment while I find your account.']);
    expect(texts(await call.notified())[0]).toMatch(/^Please enter your eight-digit account number/);
  });

  it('the README walkthrough, pasted into a shell, plays a call to the payment', async () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const m = /<!-- walkthrough -->\s*```sh\n([\s\S]*?)```/.exec(readme);
    expect(m, 'README.md has a ```sh block after <!-- walkthrough -->').not.toBeNull();
    // The walkthrough starts its own server; here it talks to the test's (same build, same lookups).
    const script = m![1]!.replace(/^npm run .*$/gm, '').replace(/^export FLOWC_SIGNATURE_SECRET=.*$/m, '');
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: repo,
        env: { ...process.env, ROUTER: server.url, FLOWC_SIGNATURE_SECRET: SECRET, NO_COLOR: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Your balance is 42 dollars and 50 cents');
    expect(out.stdout).toContain('"action":"pay","amount":42.5');
    expect(out.stdout).toContain('Your payment of 42 dollars and 50 cents was approved');
    expect(out.stdout).toContain('You entered <say-as interpret-as=\\"digits\\">87654321</say-as>');
    expect(out.stdout).toContain('Your balance is 64 dollars and 20 cents');
    expect(out.stdout).toContain('"action":"pay","amount":64.2');
  }, 120_000);
});

/**
 * `flowc call`, the real binary: acts from a pipe (scripted), and a person at a real pseudo-terminal
 * (tmux from Debian: send-keys to type, capture-pane to read the screen). Lookups from a module.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'build/compiler/cli/bin.js');

function callWith(input: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, 'call', ...args],
      { cwd: repo, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

describe('flowc call through a pipe', () => {
  it('plays the example billing line from one act per line, without prompts: the lookup answer, keys, payments', async () => {
    const found = 'found {"account": "40012345", "balance": 42.5, "dueDate": "2026-03-15", "name": "Maria"}';
    const run = await callWith(`${found}\n1\nfailure\n1\nsuccess\n`, ['14155550100', '--from', '15551230001']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Your turn');
    expect(run.stdout.split('\n').slice(0, 7)).toEqual([
      'call 14155550100 from 15551230001',
      '> bill-pay/en-US/welcome',
      '  hears [en-US, style 2]: Thank you for calling Acme Energy billing.',
      '  notify {"lookup":"findAccount"}',
      '> bill-pay/en-US/welcome.lookup (lookup)',
      '  lookup findAccount {"phone":"15551230001"}: found {"account":"40012345","balance":42.5,"dueDate":"2026-03-15","name":"Maria"}',
      '> bill-pay/en-US/menu',
    ]);
    expect(run.stdout).toContain('  hears: Hello Maria. Your balance is 42 dollars and 50 cents, due on March 15, 2026.');
    expect(run.stdout).toContain('  pays 42.50 usd: failure\n> bill-pay/en-US/pay-failed');
    expect(run.stdout).toContain('  pays 42.50 usd: success\n> bill-pay/en-US/paid');
    expect(run.stdout.trimEnd().endsWith('ends: the flow hung up')).toBe(true);
  });

  it('a caller not found enters and confirms an account number; a lookup answer that is not one is asked again', async () => {
    const run = await callWith('not-found\n40012345#\n1\nmaybe\n{"account": "40012345", "balance": 0, "dueDate": "2026-03-15"}\n1\n', [
      '14155550101',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  lookup findAccount {"phone":"15555550100"}: not-found\n> bill-pay/es-US/ask-account');
    expect(run.stdout).toContain('  onInput: bill-pay/ask-account digits 40012345, stored {"account":"40012345"}');
    expect(run.stderr).toContain('Type not-found, fails, slow, or the fields found as JSON');
    expect(run.stdout).toContain('  lookup findAccount {"account":"40012345"}: found');
    expect(run.stdout).toContain('> bill-pay/es-US/nothing-due');
  });

  it('says what it did not understand and reads the next line; end of input hangs up', async () => {
    const run = await callWith('pay please\nsay@0.95 estoy sin luz en casa\n', ['support', '--locale', 'es-US']);
    expect(run.stderr).toContain('Type keys (0-9, *, #), say <words>');
    expect(run.stdout).toContain('caller: say "estoy sin luz en casa"');
    expect(run.stdout).toContain('> support/es-US/outage');
    expect(run.stdout.trimEnd().endsWith('ends: the caller hung up')).toBe(true);
  });

  it('usage errors name the problem with a did-you-mean', async () => {
    const run = await callWith('', ['bill-pai']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('There is no flow "bill-pai". Did you mean "bill-pay"?');
    expect((await callWith('', ['14155550109'])).stderr).toContain('No flow answers 14155550109. Did you mean 14155550100?');
  });
});

const tmux = spawnSync('tmux', ['-V']).status === 0;
describe.skipIf(!tmux)('flowc call at a real terminal (tmux)', () => {
  it('shows what the caller hears, asks for the next act, and follows the keys typed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-tmux-'));
    const socket = path.join(dir, 'tmux.sock');
    const session = `flowc-call-${process.pid}`;
    const t = (...args: string[]) => spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
    const screen = () => t('capture-pane', '-p', '-J', '-S', '-200', '-t', session).stdout;
    const waitFor = async (text: string): Promise<string> => {
      // A hang guard only: the call answers in milliseconds; the machine may be busy.
      for (let i = 0; i < 300; i++) {
        const s = screen();
        if (s.includes(text)) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never saw ${JSON.stringify(text)} on the screen:\n${screen()}`);
    };
    try {
      // --at: a Monday at 10:00 in the opening hours' zone, so the agent decision does not follow the clock of the test run.
      const command = `cd ${JSON.stringify(repo)} && NO_COLOR=1 ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} call 14155550101 --at 2026-03-02T10:00; echo "exit=$?"; sleep 30`;
      expect(t('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command).status).toBe(0);
      let s = await waitFor('? Lookup findAccount {"phone":"15555550100"}: not-found, fails, slow');
      expect(s).toContain('hears [es-US, style 2]: Gracias por llamar');
      t('send-keys', '-t', session, 'not-found', 'Enter');
      s = await waitFor('? Your turn: keys');
      expect(s).toContain('> bill-pay/es-US/ask-account');
      t('send-keys', '-t', session, '0', 'Enter');
      s = await waitFor('? The call rings phone 14155550190');
      expect(s).toContain('> bill-pay/es-US/agent (decision)');
      t('send-keys', '-t', session, 'no-answer', 'Enter');
      s = await waitFor('exit=0');
      expect(s).toContain('connects to phone 14155550190: no-answer');
      expect(s).toContain('> bill-pay/es-US/voicemail');
      expect(s).toContain('ends: the flow hung up');
    } finally {
      t('kill-server');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
if (!tmux) it('tmux is not installed (Debian: tmux): the pseudo-terminal check was skipped', () => {});

describe('lookups from a module', () => {
  it('a newcomer dials the example payment line with its demo lookups and pays', async () => {
    const run = await callWith('1\nsuccess\n', ['14155550100', '--from', '14155550123', '--lookups', 'demo/lookups.mjs']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  lookup findAccount {"phone":"14155550123"}: found {"account":"12345678"');
    expect(run.stdout).toContain('  hears: Hello Alex. Your balance is 42 dollars and 50 cents, due on December 15, 2026.');
    expect(run.stdout).toContain('  pays 42.50 usd: success\n> bill-pay/en-US/paid');
    const spanish = await callWith('1\nsuccess\n', ['14155550101', '--from', '13055550142', '--lookups', 'demo/lookups.mjs']);
    expect(spanish.stdout).toContain('Hola, Lucía. Su saldo es de 118 dólares con 75 centavos');
    expect(spanish.stdout).toContain('  pays 118.75 usd: success\n> bill-pay/es-US/paid');
  });

  it('--lookups loads the module; a module that does not load is a usage error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-lookups-'));
    try {
      await writeFile(path.join(dir, 'broken.mjs'), 'export const lookups = 42;\n');
      const run = await callWith('', ['14155550100', '--lookups', path.join(dir, 'broken.mjs')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('must export its lookups');
      await writeFile(
        path.join(dir, 'ok.mjs'),
        `export const lookups = {
  async findAccount(input) {
    if (input.phone === '15551230001') return { account: '40012345', balance: 17.25, dueDate: '2026-03-15', name: 'Ana' };
    return null;
  },
};
`,
      );
      const paid = await callWith('1\nsuccess\n', ['14155550101', '--from', '15551230001', '--lookups', path.join(dir, 'ok.mjs')]);
      expect(paid.code).toBe(0);
      expect(paid.stdout).toContain('  lookup findAccount {"phone":"15551230001"}: found');
      expect(paid.stdout).toContain('Hola, Ana. Su saldo es de 17 dólares con 25 centavos');
      expect(paid.stdout).toContain('  pays 17.25 usd: success\n> bill-pay/es-US/paid');
      const unknown = await callWith('0\nbusy\n', ['14155550100', '--lookups', path.join(dir, 'ok.mjs')]);
      expect(unknown.stdout).toContain('  lookup findAccount {"phone":"15555550100"}: not-found\n> bill-pay/en-US/ask-account');
      expect(unknown.stdout).toContain('> bill-pay/en-US/voicemail');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

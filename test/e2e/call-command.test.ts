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
  it('plays the example billing line from one act per line, without prompts', async () => {
    const run = await callWith('2\n1\nfailure\n1\nsuccess\n', ['14155550100', '--from', '15551230001']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Your turn');
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'call 14155550100 from 15551230001',
      '> bill-pay/en-US/welcome',
      '  hears [en-US, style 2]: Thank you for calling Acme Energy billing.',
      expect.stringContaining('  hears: To pay your balance now, press 1.'),
    ]);
    expect(run.stdout).toContain('  pays 42.50 usd: failure\n> bill-pay/en-US/pay-failed');
    expect(run.stdout).toContain('  pays 42.50 usd: success\n> bill-pay/en-US/paid');
    expect(run.stdout.trimEnd().endsWith('ends: the flow hung up')).toBe(true);
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
      const command = `cd ${JSON.stringify(repo)} && NO_COLOR=1 ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} call 14155550101; echo "exit=$?"; sleep 30`;
      expect(t('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command).status).toBe(0);
      let s = await waitFor('? Your turn: keys');
      expect(s).toContain('hears [es-US, style 2]: Gracias por llamar');
      t('send-keys', '-t', session, '0', 'Enter');
      s = await waitFor('? The call rings phone 14155550190');
      expect(s).toContain('> bill-pay/es-US/agent');
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
  it('--lookups loads the module; a module that does not load is a usage error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-lookups-'));
    try {
      await writeFile(path.join(dir, 'broken.mjs'), 'export const lookups = 42;\n');
      const run = await callWith('', ['14155550100', '--lookups', path.join(dir, 'broken.mjs')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('must export its lookups');
      await writeFile(path.join(dir, 'ok.mjs'), 'export const lookups = { findAccount: () => null };\n');
      expect((await callWith('1\nsuccess\n', ['14155550100', '--lookups', path.join(dir, 'ok.mjs')])).code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

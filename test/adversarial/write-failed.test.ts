/**
 * A build whose output cannot be written says what became of the output, truthfully: a folder that cannot be
 * written is found before anything is committed (the output is then exactly the previous one); a failure
 * half-way through applying a committed update (FLOWC_CRASH_AT=throw:apply:<n>, an I/O error there) is
 * reported as a partly updated output, and the next build finishes that update.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import { treeHashes } from '../helpers/tree-hashes.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-write-failed-'));
afterAll(() => {
  unlock(path.join(temp, 'locked', 'dist'));
  rmSync(temp, { recursive: true, force: true });
});

const projectFile = 'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US: { language: en-US, style: 2 }\n';
const flow = (name: string, number: string): string =>
  `flow: ${name}\nlocales: [en-US]\nnumbers: { "${number}": en-US }\nstart: hello\nsteps:\n  hello:\n    - talk: { say: greeting }\n`;

function project(name: string): string {
  const dir = path.join(temp, name);
  for (const [file, text] of [
    ['flowc.yaml', projectFile],
    ['flows/messages/en-US.yaml', 'greeting: Hello.\n'],
    ['flows/a.flow.yaml', flow('a', '14155550001')],
    ['flows/b.flow.yaml', flow('b', '14155550002')],
  ] as const) {
    execFileSync('mkdir', ['-p', path.dirname(path.join(dir, file))]);
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function build(dir: string, env: Record<string, string> = {}): Promise<{ code: number; said: string }> {
  let said = '';
  const code = await runCli(['build', '--format', 'json'], {
    stdout: (t) => (said += t),
    stderr: (t) => (said += t),
    cwd: dir,
    env,
    color: false,
  });
  return { code, said };
}

const snapshot = (dir: string): Map<string, string> | undefined => treeHashes(dir);

/** Root writes through a mode of 555: an immutable folder (chattr +i) refuses even root. */
const asRoot = process.getuid?.() === 0;
let chattr = true;
function lock(folder: string): boolean {
  if (!asRoot) {
    chmodSync(folder, 0o555);
    return true;
  }
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'ignore' });
    return true;
  } catch {
    chattr = false;
    return false;
  }
}
function unlock(folder: string): void {
  try {
    if (!asRoot) chmodSync(folder, 0o755);
    else if (chattr) execFileSync('chattr', ['-i', folder], { stdio: 'ignore' });
  } catch {
    // not locked
  }
}

describe('an output that cannot be written', () => {
  it('is found before the commit: the previous output is exactly as it was, and says so', async (context) => {
    const dir = project('locked');
    expect((await build(dir)).code).toBe(0);
    const dist = path.join(dir, 'dist');
    const before = snapshot(dist);
    writeFileSync(path.join(dir, 'flows/messages/en-US.yaml'), 'greeting: Welcome back.\n');
    // dist/ itself read-only (its manifest cannot be replaced), the folders below it writable.
    if (!lock(dist)) {
      console.warn('skipped: running as root without chattr, so no folder can be made unwritable here');
      context.skip();
    }
    try {
      const run = await build(dir);
      expect(run.code).toBe(1);
      const found = JSON.parse(run.said) as { diagnostics: { code: string; message: string }[] };
      const failure = found.diagnostics.find((d) => d.code === 'build/write-failed');
      expect(failure?.message).toMatch(/the previous output is unchanged/);
      expect(snapshot(dist)).toEqual(before);
    } finally {
      unlock(dist);
    }
    expect((await build(dir)).code).toBe(0);
    expect(readFileSync(path.join(dist, 'ncco/a/en-US/hello.json'), 'utf8')).toContain('Welcome back.');
  });

  it('half-way through the update: says the output is partly updated, and the next build finishes it', async () => {
    const dir = project('half-way');
    const clean = project('half-way-clean');
    expect((await build(dir)).code).toBe(0);
    for (const d of [dir, clean]) writeFileSync(path.join(d, 'flows/messages/en-US.yaml'), 'greeting: Welcome back.\n');
    expect((await build(clean)).code).toBe(0);
    // The update puts two NCCOs and the manifest: an I/O error after the first.
    const run = await build(dir, { FLOWC_CRASH_AT: 'throw:apply:1' });
    expect(run.code).toBe(1);
    const found = JSON.parse(run.said) as { diagnostics: { code: string; message: string; hint?: string }[] };
    const failure = found.diagnostics.find((d) => d.code === 'build/write-failed');
    expect(failure?.message).toMatch(/only partly updated \(EIO\): it now mixes old and new files/);
    expect(failure?.hint).toMatch(/Do not publish dist\//);
    expect(snapshot(path.join(dir, 'dist'))).not.toEqual(snapshot(path.join(clean, 'dist')));
    const next = await build(dir);
    expect(next.code).toBe(0);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(snapshot(path.join(clean, 'dist')));
  });
});

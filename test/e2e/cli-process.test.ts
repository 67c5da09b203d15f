/**
 * What the flowc process does at its edges, through the real binary: exit codes, help, a closed pipe,
 * a terminal (progress, colour), FORCE_COLOR / NO_COLOR, a port in use, and flowc init.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'build/compiler/cli/bin.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function flowc(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const clean = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
    execFile(process.execPath, [bin, ...args], { cwd, env: clean as NodeJS.ProcessEnv, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Runs a shell command line (pipes, a pseudo-terminal through `script`). */
function shell(line: string, cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', line], { cwd, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const hasScript = existsSync('/usr/bin/script');
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('flowc process edges', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-process-'));
    for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('bare flowc prints the help on stderr and exits 2', async () => {
    const r = await flowc([], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: flowc');
    expect(r.stderr).toContain('Exit codes:');
  });

  it('--help has examples and the exit codes, exit 0', async () => {
    const r = await flowc(['--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 {2}no errors/);
  });

  it('an unknown command is a usage error (2)', async () => {
    expect((await flowc(['buidl'], dir)).code).toBe(2);
  });

  it('a closed pipe (| head) ends quietly: no EPIPE stack trace', async () => {
    const r = await shell(`${q(process.execPath)} ${q(bin)} schema flow | head -c 20 >/dev/null`, dir);
    expect(r.stderr).toBe('');
  });

  it('FORCE_COLOR colours output that is not a terminal; NO_COLOR and plain pipes do not', async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), 'flowc-color-'));
    try {
      await mkdir(path.join(bad, 'flows'));
      await writeFile(path.join(bad, 'flows', 'a.flow.yaml'), 'flow: a\nlocales: [en-US]\nstrat: x\nsteps: {}\n');
      const forced = await flowc(['check', bad], dir, { FORCE_COLOR: '1' });
      expect(forced.stdout).toContain('\x1b[');
      const plain = await flowc(['check', bad], dir);
      expect(plain.stdout).not.toContain('\x1b[');
      const off = await flowc(['check', bad], dir, { FORCE_COLOR: '0' });
      expect(off.stdout).not.toContain('\x1b[');
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasScript)('on a terminal (util-linux script): progress on stderr, erased at the end; none through a pipe', async () => {
    const line = `script -qec ${q(`${q(process.execPath)} ${q(bin)} check`)} /dev/null`;
    const tty = await shell(line, dir, { TERM: 'xterm' });
    expect(tty.stdout).toContain('Compiling flows');
    expect(tty.stdout).toContain('\r\x1b[K');
    expect(tty.stdout).toContain('no problems');
    const piped = await flowc(['check'], dir);
    expect(piped.stdout + piped.stderr).not.toContain('Compiling flows');
  });

  it('a port in use is a clear usage error, not an internal error', async () => {
    expect((await flowc(['build'], dir)).code).toBe(0);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await flowc(['serve', '--allow-unsigned', '--port', String(port)], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Port ${port} is already in use`);
      expect(r.stderr).not.toContain('internal error');
    } finally {
      server.close();
    }
  });

  it('flowc init scaffolds a two-locale project that builds with no problems', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'flowc-init-'));
    try {
      const init = await flowc(['init', 'line'], parent);
      expect(init.code).toBe(0);
      const build = await flowc(['build'], path.join(parent, 'line', 'flows'));
      expect(build.stderr).toBe('');
      expect(build.stdout).toContain('no problems');
      expect(build.code).toBe(0);
      expect(existsSync(path.join(parent, 'line', 'dist', 'ncco', 'main', 'es-US', 'menu.json'))).toBe(true);
      expect(existsSync(path.join(parent, 'line', '.vscode', 'settings.json'))).toBe(true);
      expect(init.stdout).toContain('npx flowc call 14155550100 --dir line');
      // The starter's attempt limit, played as init suggests: the menu, menu-again (from the menu, then twice from itself), goodbye.
      const call = await shell(
        `printf 'silence\\nsilence\\nsilence\\nsilence\\n' | ${q(process.execPath)} ${q(bin)} call 14155550100 --dir line`,
        parent,
      );
      expect(call.stderr).toBe('');
      expect(call.code).toBe(0);
      expect(call.stdout.match(/> main\/en-US\/menu-again/g)).toHaveLength(3);
      expect(call.stdout).toMatch(/hears: Thank you for calling\. Goodbye\.\nends: the flow hung up/);
      const again = await flowc(['init', 'line'], parent);
      expect(again.code).toBe(2);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

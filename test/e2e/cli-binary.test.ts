/**
 * End to end: the real `flowc` binary (build/compiler/cli/bin.js, built by `npm run build:compiler`)
 * on a copy of the example project and on broken copies of it.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'build/compiler/cli/bin.js');
const run = promisify(execFile);

async function flowc(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function copyExample(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-e2e-'));
  for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
  return dir;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string, prefix: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(d, e.name), rel);
      else out.set(rel, await readFile(path.join(d, e.name), 'utf8'));
    }
  };
  await walk(dir, '');
  return out;
}

describe('flowc binary on the example project', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await copyExample();
  });

  it('builds the example and matches the committed dist/ byte for byte', async () => {
    const r = await flowc(['build'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no problems/);
    const built = await snapshot(path.join(dir, 'dist'));
    const committed = await snapshot(path.join(repo, 'dist'));
    expect([...built.keys()].sort()).toEqual([...committed.keys()].sort());
    for (const [file, content] of built) expect(content, file).toBe(committed.get(file));
  });

  it('is deterministic: a second build is byte-identical and --check passes', async () => {
    const first = await snapshot(path.join(dir, 'dist'));
    expect((await flowc(['build'], dir)).code).toBe(0);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(first);
    const check = await flowc(['build', '--check'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/up to date/);
  });

  it('a broken flow: errors at the right line, exit 1, dist/ untouched', async () => {
    const broken = await copyExample();
    expect((await flowc(['build'], broken)).code).toBe(0);
    const before = await snapshot(path.join(broken, 'dist'));
    const flowFile = path.join(broken, 'flows/support.flow.yaml');
    const text = await readFile(flowFile, 'utf8');
    const lines = text.split('\n');
    const startLine = lines.findIndex((l) => l.startsWith('start:'));
    lines[startLine] = 'start: no-such-step';
    await writeFile(flowFile, lines.join('\n'));
    const r = await flowc(['build', '--format', 'json'], broken);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      diagnostics: { code: string; file: string; range: { start: { line: number; col: number } } }[];
    };
    const d = report.diagnostics.find((x) => x.code === 'flow/unknown-start');
    expect(d).toMatchObject({ file: 'flows/support.flow.yaml', range: { start: { line: startLine + 1, col: 8 } } });
    expect(await snapshot(path.join(broken, 'dist'))).toEqual(before);
    await rm(broken, { recursive: true, force: true });
  });

  it('pretty output shows a code frame and no stack trace', async () => {
    const broken = await copyExample();
    await writeFile(
      path.join(broken, 'flows/broken.flow.yaml'),
      'flow: broken\nlocales: [en-US]\nstart: a\nsteps:\n  a:\n    - talk: { text: Hi, bargein: true }\n',
    );
    const r = await flowc(['check'], broken);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('flows/broken.flow.yaml:6');
    expect(r.stdout).toContain('bargeIn');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    await rm(broken, { recursive: true, force: true });
  });

  it('removed steps and flows disappear from dist/', async () => {
    const p = await copyExample();
    expect((await flowc(['build'], p)).code).toBe(0);
    const flows = (await readdir(path.join(p, 'flows'))).filter((f) => f.endsWith('.flow.yaml'));
    const victim = flows.find((f) => f.startsWith('payment-reminder')) ?? flows[flows.length - 1]!;
    const name = victim.replace(/\.flow\.yaml$/, '');
    await rm(path.join(p, 'flows', victim));
    const r = await flowc(['build'], p);
    expect(r.code, r.stdout).toBe(0);
    const files = [...(await snapshot(path.join(p, 'dist'))).keys()];
    expect(files.some((f) => f.startsWith(`ncco/${name}/`))).toBe(false);
    await rm(p, { recursive: true, force: true });
  });

  it('usage errors exit 2; --help exits 0', async () => {
    expect((await flowc(['build', '--format', 'xml'], dir)).code).toBe(2);
    expect((await flowc(['no-such-command'], dir)).code).toBe(2);
    expect((await flowc(['--help'], dir)).code).toBe(0);
  });

  it('an empty folder is an input error, not a crash', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'flowc-empty-'));
    const r = await flowc(['build', '--format', 'json'], empty);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('load/no-flows');
  });
});

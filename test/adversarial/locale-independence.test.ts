/**
 * Issue 10 #14: the output must not depend on the locale of the machine. localeCompare() without a
 * locale sorted diagnostics by LC_ALL, so CI (C) and a Danish laptop (where "aa" sorts after "b" and
 * "A" before "a") printed them in different orders and SARIF baselines broke. The built binary runs
 * under both and every byte it prints must be the same, in code-unit order.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../build/compiler/cli/bin.js');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function run(args: string[], cwd: string, locale: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, LC_ALL: locale, LANG: locale, LANGUAGE: '', NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('output is the same under every locale (LC_ALL)', () => {
  // Flows aa, b, Ab, ab, Z, a: each has one error. ICU's Danish order differs from C's for both pairs.
  for (const args of [
    ['check', '.', '--format', 'json'],
    ['check', '.', '--format', 'pretty'],
    ['check', '.', '--format', 'github'],
    ['check', '.', '--format', 'sarif'],
    ['i18n', 'status', '.'],
  ]) {
    it(`flowc ${args.join(' ')}`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-locale-'));
      dirs.push(dir);
      await cp(path.join(here, 'fixtures/locale-order'), dir, { recursive: true });
      const c = run(args, dir, 'C');
      const da = run(args, dir, 'da_DK.UTF-8');
      expect(c.status, c.stderr).not.toBe(3);
      expect(da.stdout).toBe(c.stdout);
      expect(da.stderr).toBe(c.stderr);
      expect(da.status).toBe(c.status);
      if (args.includes('json')) {
        // Each flow has its own findings (one or more); the files come in code-unit order.
        const files = [...new Set((JSON.parse(c.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file))];
        expect(files).toEqual([
          'flows/Ab.flow.yaml',
          'flows/Z.flow.yaml',
          'flows/a.flow.yaml',
          'flows/aa.flow.yaml',
          'flows/ab.flow.yaml',
          'flows/b.flow.yaml',
        ]);
      }
    });
  }
});

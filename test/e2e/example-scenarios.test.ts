/**
 * The example project's own call scenarios, run by the real binary: every scenario passes against its
 * stored transcript, and together they cover every transition of every flow in every locale. Its
 * diagrams in docs/flows.md are what `flowc diagram` draws now.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'build/compiler/cli/bin.js');
const run = promisify(execFile);

async function flowc(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [bin, ...args], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('the example project', () => {
  it('passes all its call scenarios with every transition covered', async () => {
    const result = await flowc(['test', '--min-coverage', '100']);
    expect(result.stdout).not.toContain('FAIL');
    expect(result.stdout).toMatch(/^Coverage: (\d+) of \1 transitions \(100%\) in every flow and locale\.$/m);
    expect(result.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(result.code).toBe(0);
  });

  it('has its flow diagrams in docs/flows.md, up to date', async () => {
    const result = await flowc(['diagram', '--out', 'docs/flows.md', '--check']);
    expect(result.stdout).toContain('docs/flows.md is up to date.');
    expect(result.code).toBe(0);
  });
});

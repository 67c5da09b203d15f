/** Writes a small project into a fresh temp folder and runs the CLI in-process with captured output. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../compiler/cli/main.js';

export async function writeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return dir;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runFlowc(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env: {},
    color: false,
  });
  return { exitCode, stdout, stderr };
}

export interface JsonDiag {
  code: string;
  severity: string;
  message: string;
  file?: string;
  pointer?: string;
  range?: { start: { line: number; col: number }; end: { line: number; col: number } };
  hint?: string;
}

/** Runs `flowc <command> <dir> --format json` and returns the parsed diagnostics. */
export async function diagnosticsOf(
  command: 'build' | 'check',
  dir: string,
  extra: string[] = [],
): Promise<{ exitCode: number; diagnostics: JsonDiag[] }> {
  const run = await runFlowc([command, dir, '--format', 'json', ...extra], dir);
  const parsed = JSON.parse(run.stdout) as { version: number; diagnostics: JsonDiag[] };
  return { exitCode: run.exitCode, diagnostics: parsed.diagnostics };
}

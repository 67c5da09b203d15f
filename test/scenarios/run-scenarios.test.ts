/**
 * Golden scenarios (Spectral-style): each *.scenario.yaml holds a small project, the command,
 * and the expected diagnostics (code, file, line, col) and exit code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

interface Scenario {
  description: string;
  command?: 'build' | 'check';
  args?: string[];
  files: Record<string, string>;
  expect: {
    exitCode: number;
    diagnostics: { code: string; severity?: string; file?: string; line?: number; col?: number }[];
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const scenarioFiles = readdirSync(here).filter((f) => f.endsWith('.scenario.yaml')).sort();

describe('golden scenarios', () => {
  it('has scenarios', () => expect(scenarioFiles.length).toBeGreaterThan(0));
  for (const name of scenarioFiles) {
    const scenario = parse(readFileSync(path.join(here, name), 'utf8')) as Scenario;
    it(`${name}: ${scenario.description}`, async () => {
      const dir = await writeProject(scenario.files);
      const run = await runFlowc([scenario.command ?? 'check', dir, '--format', 'json', ...(scenario.args ?? [])], dir);
      const report = JSON.parse(run.stdout) as { diagnostics: { code: string; severity: string; file?: string; range?: { start: { line: number; col: number } } }[] };
      const actual = report.diagnostics
        .filter((d) => d.code !== 'build/default-router-url')
        .map((d) => ({
          code: d.code,
          severity: d.severity,
          ...(d.file !== undefined ? { file: d.file } : {}),
          ...(d.range ? { line: d.range.start.line, col: d.range.start.col } : {}),
        }));
      const expected = scenario.expect.diagnostics.map((d) => ({ severity: 'error', ...d }));
      expect(actual).toEqual(expected);
      expect(run.exitCode).toBe(scenario.expect.exitCode);
    });
  }
});

/**
 * Golden scenarios (Spectral-style): each *.scenario.yaml holds a small project, the command,
 * and the expected diagnostics (code, severity, file, line, col) and exit code.
 *
 * Scenario keys:
 *   description   what the scenario shows (one line)
 *   command       check (default) or build
 *   args          extra CLI arguments, e.g. [--check]
 *   files         path → text of each project file
 *   filesBase64   path → bytes in base64 (files that are not UTF-8 text)
 *   filesGenerated path → { repeat: text, times: n } (large files)
 *   expect.exitCode
 *   expect.diagnostics  the exact list, in output order: { code, severity (default error), file, line, col,
 *                       message?: text or texts the message contains, hint?: same for the hint,
 *                       related?: [{ file, line, col? }] the exact related locations }
 *   expect.outputs      path (from the project folder, e.g. dist/ncco/a/en-US/hello.json) →
 *                       exact content, or { contains: text or texts }, or { exists: false }
 *
 * `build/default-router-url` (a project without routerUrl), the IVR design lints (`ivr/…`) and
 * `flow/no-numbers` (an inbound flow without numbers) fire in most small scenarios; each is left out of
 * the comparison unless the scenario lists that code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runFlowc, writeProject, type JsonDiag } from '../helpers/temp-project.js';

type Texts = string | string[];

interface ExpectedRelated {
  file: string;
  line: number;
  col?: number;
}

interface ExpectedDiagnostic {
  code: string;
  severity?: 'error' | 'warning' | 'info';
  file?: string;
  line?: number;
  col?: number;
  message?: Texts;
  hint?: Texts;
  related?: ExpectedRelated[];
}

type ExpectedOutput = string | { contains: Texts } | { exists: false };

interface Scenario {
  description: string;
  command?: 'build' | 'check';
  args?: string[];
  files?: Record<string, string>;
  filesBase64?: Record<string, string>;
  filesGenerated?: Record<string, { repeat: string; times: number }>;
  expect: {
    exitCode: number;
    diagnostics: ExpectedDiagnostic[];
    outputs?: Record<string, ExpectedOutput>;
  };
}

interface JsonDiagWithRelated extends JsonDiag {
  related?: { message: string; file: string; range?: { start: { line: number; col: number } } }[];
}

const defaultRouterUrl = 'build/default-router-url';

/** A typo in a scenario (e.g. `mesage:`) must fail loudly, not silently assert nothing. */
function checkKeys(where: string, value: unknown, allowed: readonly string[], required: readonly string[] = []): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected a map`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Error(`${where}: unknown key "${key}" (allowed: ${allowed.join(', ')})`);
  }
  for (const key of required) {
    if (!(key in value)) throw new Error(`${where}: "${key}" is required`);
  }
}

function validateScenario(name: string, s: Scenario): void {
  checkKeys(name, s, ['description', 'command', 'args', 'files', 'filesBase64', 'filesGenerated', 'expect'], ['description', 'expect']);
  if (s.command !== undefined && s.command !== 'build' && s.command !== 'check') throw new Error(`${name}: command must be build or check`);
  checkKeys(`${name} expect`, s.expect, ['exitCode', 'diagnostics', 'outputs'], ['exitCode', 'diagnostics']);
  s.expect.diagnostics.forEach((d, i) => {
    checkKeys(`${name} diagnostic ${i}`, d, ['code', 'severity', 'file', 'line', 'col', 'message', 'hint', 'related'], ['code']);
    d.related?.forEach((r, j) => {
      checkKeys(`${name} diagnostic ${i} related ${j}`, r, ['file', 'line', 'col'], ['file', 'line']);
    });
  });
  for (const [p, o] of Object.entries(s.expect.outputs ?? {})) {
    if (typeof o !== 'string') checkKeys(`${name} output ${p}`, o, ['contains', 'exists']);
  }
  for (const [p, g] of Object.entries(s.filesGenerated ?? {}))
    checkKeys(`${name} filesGenerated ${p}`, g, ['repeat', 'times'], ['repeat', 'times']);
}

function projectFiles(s: Scenario): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = { ...(s.files ?? {}) };
  for (const [p, b64] of Object.entries(s.filesBase64 ?? {})) files[p] = Buffer.from(b64, 'base64');
  for (const [p, g] of Object.entries(s.filesGenerated ?? {})) files[p] = g.repeat.repeat(g.times);
  return files;
}

const asList = (t: Texts): string[] => (Array.isArray(t) ? t : [t]);

const here = path.dirname(fileURLToPath(import.meta.url));
const scenarioFiles = readdirSync(here)
  .filter((f) => f.endsWith('.scenario.yaml'))
  .sort();

describe('golden scenarios', () => {
  it('has scenarios', () => expect(scenarioFiles.length).toBeGreaterThan(0));
  for (const name of scenarioFiles) {
    let scenario: Scenario;
    try {
      scenario = parse(readFileSync(path.join(here, name), 'utf8')) as Scenario;
    } catch (error) {
      // A scenario that is not valid YAML fails alone instead of hiding every other scenario.
      it(`${name}: is valid YAML`, () => {
        throw error;
      });
      continue;
    }
    it(`${name}: ${scenario.description}`, async () => {
      validateScenario(name, scenario);
      const dir = await writeProject(projectFiles(scenario));
      try {
        await checkScenario(scenario, dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

async function checkScenario(scenario: Scenario, dir: string): Promise<void> {
  const run = await runFlowc([scenario.command ?? 'check', dir, '--format', 'json', ...(scenario.args ?? [])], dir);
  const report = JSON.parse(run.stdout) as { diagnostics: JsonDiagWithRelated[] };
  const expected = scenario.expect.diagnostics;
  const optional = (code: string) => code === defaultRouterUrl || code === 'flow/no-numbers' || code.startsWith('ivr/');
  const listed = new Set(expected.map((d) => d.code));
  const diagnostics = report.diagnostics.filter((d) => !optional(d.code) || listed.has(d.code));

  // 1. The exact list: code, severity and place.
  const place = (d: JsonDiagWithRelated) => ({
    code: d.code,
    severity: d.severity,
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.range ? { line: d.range.start.line, col: d.range.start.col } : {}),
  });
  const expectedPlace = (d: ExpectedDiagnostic) => ({
    code: d.code,
    severity: d.severity ?? 'error',
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.col !== undefined ? { col: d.col } : {}),
  });
  expect(diagnostics.map(place)).toEqual(expected.map(expectedPlace));

  // 2. Words the message and hint must contain, and the related locations.
  expected.forEach((e, i) => {
    const actual = diagnostics[i]!;
    for (const text of asList(e.message ?? [])) expect(actual.message, `message of diagnostic ${i} (${e.code})`).toContain(text);
    for (const text of asList(e.hint ?? [])) expect(actual.hint ?? '', `hint of diagnostic ${i} (${e.code})`).toContain(text);
    if (e.related !== undefined) {
      const related = (actual.related ?? []).map((r, j) => ({
        file: r.file,
        line: r.range?.start.line,
        ...(e.related![j]?.col !== undefined ? { col: r.range?.start.col } : {}),
      }));
      expect(related, `related of diagnostic ${i} (${e.code})`).toEqual(e.related);
    }
  });

  // 3. Files written by build.
  for (const [rel, want] of Object.entries(scenario.expect.outputs ?? {})) {
    const file = path.join(dir, ...rel.split('/'));
    if (typeof want === 'object' && 'exists' in want) {
      expect(existsSync(file), `${rel} exists`).toBe(want.exists);
      continue;
    }
    expect(existsSync(file), `${rel} was written`).toBe(true);
    const content = readFileSync(file, 'utf8');
    if (typeof want === 'string') expect(content, rel).toBe(want);
    else for (const text of asList(want.contains)) expect(content, rel).toContain(text);
  }

  expect(run.exitCode).toBe(scenario.expect.exitCode);
}

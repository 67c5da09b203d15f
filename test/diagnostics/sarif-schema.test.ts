/**
 * Every SARIF log flowc writes is valid against the official SARIF 2.1.0 JSON Schema, as shipped by Microsoft's
 * SARIF SDK in @microsoft/sarif-multitool (its platform package holds sarif-2.1.0.json), and has what GitHub
 * code scanning needs: an absolute helpUri and a location for every result, paths relative to the repository.
 */
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { formatSarif, type SarifLog } from '../../compiler/diagnostics/format-sarif.js';
import { runFlowc } from '../helpers/temp-project.js';

const require = createRequire(import.meta.url);

/** The schema file of whichever platform package npm installed for this machine. */
function officialSchema(): object {
  for (const platform of ['linux', 'darwin', 'win32']) {
    try {
      return require(`@microsoft/sarif-multitool-${platform}/sarif-2.1.0.json`) as object;
    } catch {
      // not installed on this platform
    }
  }
  throw new Error('@microsoft/sarif-multitool ships no sarif-2.1.0.json for this platform');
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(officialSchema());

function expectValid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  for (const run of log.runs) {
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\//);
    for (const result of run.results) expect(result.locations.length).toBeGreaterThan(0);
  }
  return log;
}

describe('SARIF against the official 2.1.0 schema', () => {
  it('the schema rejects what GitHub rejects: a relative helpUri', () => {
    const log = JSON.parse(
      formatSarif([{ code: 'ncco/range', severity: 'error', message: 'm', file: 'a.json' }], { toolVersion: '1.0.0' }),
    ) as SarifLog;
    expect(validate(log)).toBe(true);
    log.runs[0]!.tool.driver.rules[0]!.helpUri = 'docs/rules.md#ncco-range';
    expect(validate(log)).toBe(false);
  });

  it('a log with every kind of finding is valid', () => {
    const range = { start: { line: 3, col: 5 }, end: { line: 3, col: 9 } };
    const diagnostics: Diagnostic[] = [
      {
        code: 'ncco/range',
        severity: 'error',
        message: 'maxDigits must be at most 20.',
        file: 'flows/a.flow.yaml',
        pointer: '/0/dtmf/maxDigits',
        range,
        hint: 'Use 1–20.',
      },
      { code: 'load/no-flows', severity: 'error', message: 'No flows.' },
      { code: 'build/default-router-url', severity: 'warning', message: 'No router.' },
      {
        code: 'template/unknown-variable',
        severity: 'error',
        message: 'x',
        file: 'templates/t.yaml',
        range,
        related: [{ message: 'used here', file: 'flows/a.flow.yaml', range }],
      },
      { code: 'i18n/unused-message', severity: 'info', message: 'x', file: 'flows/messages/en-US.yaml' },
    ];
    expectValid(formatSarif(diagnostics, { toolVersion: '0.1.0' }));
  });
});

describe('flowc build --format sarif on a project in a sub-folder of a repository', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await mkdtemp(path.join(os.tmpdir(), 'flowc-sarif-'));
    await mkdir(path.join(repo, '.git'));
    await mkdir(path.join(repo, 'ivr', 'flows'), { recursive: true });
    await writeFile(
      path.join(repo, 'ivr', 'flows', 'a.flow.yaml'),
      'flow: a\nnumbers: { "14155550100": en-US }\nlocales: [en-US]\nstart: hello\nsteps:\n  hello:\n    - input: { type: [dtmf], dtmf: { maxDigits: 99 } }\n',
    );
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('is valid, with paths from the repository root and a location for the finding without a file', async () => {
    const run = await runFlowc(['check', 'ivr', '--format', 'sarif'], repo);
    expect(run.exitCode).toBe(1);
    const log = expectValid(run.stdout);
    const uris = log.runs[0]!.results.map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`);
    expect(uris).toEqual(['ncco/range ivr/flows/a.flow.yaml', 'build/default-router-url ivr/']);
  });

  it('--base-dir sets the root; --output-file writes the log there', async () => {
    const out = path.join(repo, 'flowc.sarif');
    const run = await runFlowc(['check', 'ivr', '--format', 'sarif', '--base-dir', 'ivr', '--output-file', out], repo);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    const log = expectValid(await readFile(out, 'utf8'));
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('flows/a.flow.yaml');
  });

  it('--format github uses the same repository paths', async () => {
    const run = await runFlowc(['check', 'ivr', '--format', 'github'], repo);
    expect(run.stdout).toContain('::error file=ivr/flows/a.flow.yaml,line=7');
  });
});

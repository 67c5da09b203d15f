import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../compiler/diagnostics/diagnostic.js';
import { type SarifLog, SARIF_SCHEMA_URI, fileUri, formatSarif, ruleAnchor } from '../../compiler/diagnostics/format-sarif.js';

const sarif = (diagnostics: Diagnostic[], rulesDoc?: string): SarifLog =>
  JSON.parse(formatSarif(diagnostics, { toolVersion: '1.2.3', ...(rulesDoc !== undefined && { rulesDoc }) })) as SarifLog;

const range = { start: { line: 12, col: 9 }, end: { line: 12, col: 11 } };
const d = (code: string, severity: Severity = 'error', over: Partial<Diagnostic> = {}): Diagnostic => ({
  code,
  severity,
  message: `Message for ${code}.`,
  file: 'flows/x.yaml',
  range,
  ...over,
});

describe('formatSarif', () => {
  it('is a SARIF 2.1.0 log with one flowc run', () => {
    const out = formatSarif([], { toolVersion: '1.2.3' });
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual({
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'flowc', version: '1.2.3', informationUri: 'https://www.npmjs.com/package/flowc', rules: [] } },
          columnKind: 'utf16CodeUnits',
          results: [],
        },
      ],
    });
    expect(SARIF_SCHEMA_URI).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
  });

  it('writes a full result: rule, level, message with hint, region, related, pointer', () => {
    const log = sarif([
      d('ncco/range', 'error', {
        pointer: '/0/dtmf/maxDigits',
        hint: 'Use a number from 1 to 20.',
        related: [
          { message: 'expanded from here', file: 'templates/t.yaml', range: { start: { line: 3, col: 5 }, end: { line: 4, col: 1 } } },
          { message: 'expanded from here', file: 'templates/t.yaml', range: { start: { line: 3, col: 5 }, end: { line: 4, col: 1 } } },
          { message: 'defined here', file: 'templates/t.yaml' },
        ],
      }),
    ]);
    expect(log.runs[0]!.results).toEqual([
      {
        ruleId: 'ncco/range',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'Message for ncco/range.\nhint: Use a number from 1 to 20.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'flows/x.yaml' },
              region: { startLine: 12, startColumn: 9, endLine: 12, endColumn: 11 },
            },
          },
        ],
        relatedLocations: [
          {
            id: 0,
            message: { text: 'expanded from here' },
            physicalLocation: {
              artifactLocation: { uri: 'templates/t.yaml' },
              region: { startLine: 3, startColumn: 5, endLine: 4, endColumn: 1 },
            },
          },
          {
            id: 1,
            message: { text: 'expanded from here' },
            physicalLocation: {
              artifactLocation: { uri: 'templates/t.yaml' },
              region: { startLine: 3, startColumn: 5, endLine: 4, endColumn: 1 },
            },
          },
          { id: 2, message: { text: 'defined here' }, physicalLocation: { artifactLocation: { uri: 'templates/t.yaml' } } },
        ],
        properties: { pointer: '/0/dtmf/maxDigits' },
      },
    ]);
  });

  it('dedupes rules, sorts them by code, and points each result at its rule', () => {
    const diagnostics = [d('yaml/duplicate-key'), d('ncco/range'), d('yaml/duplicate-key', 'warning'), d('ncco/range')];
    const run = sarif(diagnostics).runs[0]!;
    expect(run.tool.driver.rules.map((r) => [r.id, r.helpUri])).toEqual([
      ['ncco/range', 'https://unpkg.com/flowc@1.2.3/docs/rules.md#ncco-range'],
      ['yaml/duplicate-key', 'https://unpkg.com/flowc@1.2.3/docs/rules.md#yaml-duplicate-key'],
    ]);
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['yaml/duplicate-key', 1],
      ['ncco/range', 0],
      ['yaml/duplicate-key', 1],
      ['ncco/range', 0],
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it.each<[Severity, string]>([
    ['error', 'error'],
    ['warning', 'warning'],
    ['info', 'note'],
  ])('maps severity %s to level %s', (severity, level) => {
    expect(sarif([d('a/b', severity)]).runs[0]!.results[0]!.level).toBe(level);
  });

  it.each([
    [
      'no file: placed on flowc.yaml (every result needs a location)',
      { file: undefined, range: undefined },
      [{ physicalLocation: { artifactLocation: { uri: 'flowc.yaml' } } }],
    ],
    ['file without range: no region', { range: undefined }, [{ physicalLocation: { artifactLocation: { uri: 'flows/x.yaml' } } }]],
    [
      'path needing percent-encoding',
      { file: 'flows/my flow#1.yaml', range: undefined },
      [{ physicalLocation: { artifactLocation: { uri: 'flows/my%20flow%231.yaml' } } }],
    ],
    [
      'reversed range clamped to its start, zero columns raised to 1',
      { range: { start: { line: 5, col: 0 }, end: { line: 4, col: 2 } } },
      [
        {
          physicalLocation: {
            artifactLocation: { uri: 'flows/x.yaml' },
            region: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 },
          },
        },
      ],
    ],
  ])('%s', (_name, over, locations) => {
    const result = sarif([d('a/b', 'error', over as Partial<Diagnostic>)]).runs[0]!.results[0]!;
    expect(result.locations).toEqual(locations);
  });

  it('takes the rules document from the options', () => {
    const rules = sarif([d('ncco/range')], 'https://example.org/flowc/rules.md').runs[0]!.tool.driver.rules;
    expect(rules[0]!.helpUri).toBe('https://example.org/flowc/rules.md#ncco-range');
  });

  it('describes each rule from docs/rules.md: short and full description, help, documented level', () => {
    const [rule] = sarif([d('ncco/range', 'warning')]).runs[0]!.tool.driver.rules;
    expect(rule!.shortDescription.text).toBe('A number is outside the range the NCCO reference allows.');
    expect(rule!.fullDescription.text).toMatch(
      /^A number is outside the range the NCCO reference allows\. The ranges: record endOnSilence 3–10/,
    );
    expect(rule!.help.markdown).toContain('[Examples and how to fix it](https://unpkg.com/flowc@1.2.3/docs/rules.md#ncco-range)');
    expect(rule!.defaultConfiguration.level).toBe('error');
  });

  it('places a finding without a file on the default location it is given', () => {
    const log = JSON.parse(
      formatSarif([d('load/no-flows', 'error', { file: undefined, range: undefined })], {
        toolVersion: '1.2.3',
        defaultLocation: 'ivr/',
      }),
    ) as SarifLog;
    expect(log.runs[0]!.results[0]!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'ivr/' } } }]);
  });

  it('keeps the given order of results', () => {
    const results = sarif([d('z/z'), d('a/a')]).runs[0]!.results;
    expect(results.map((r) => r.ruleId)).toEqual(['z/z', 'a/a']);
  });
});

describe('ruleAnchor (the explicit anchors of docs/rules.md)', () => {
  it.each([
    ['ncco/range', 'ncco-range'],
    ['yaml/duplicate-key', 'yaml-duplicate-key'],
    ['pay/non_english', 'pay-non-english'],
    ['Flow/Missing Step', 'flow-missing-step'],
  ])('%s → #%s', (code, anchor) => {
    expect(ruleAnchor(code)).toBe(anchor);
  });
});

describe('fileUri', () => {
  it.each([
    ['flows/a.yaml', 'flows/a.yaml'],
    ['flows/ü ñ.yaml', 'flows/%C3%BC%20%C3%B1.yaml'],
    ['flows/50%.yaml', 'flows/50%25.yaml'],
  ])('%s → %s', (file, uri) => {
    expect(fileUri(file)).toBe(uri);
  });
});

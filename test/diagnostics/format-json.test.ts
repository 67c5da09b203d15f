import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { formatJson } from '../../compiler/diagnostics/format-json.js';

const contractExample: Diagnostic = {
  code: 'ncco/range',
  severity: 'error',
  message: 'maxDigits must be between 1 and 20, but it is 25.',
  file: 'flows/x.yaml',
  pointer: '/0/dtmf/maxDigits',
  range: { start: { line: 12, col: 9 }, end: { line: 12, col: 11 } },
  hint: 'Use a number from 1 to 20.',
};

describe('formatJson', () => {
  it('prints the contract object with 2-space indent and a final newline', () => {
    expect(formatJson([contractExample])).toBe(
      [
        '{',
        '  "version": 1,',
        '  "diagnostics": [',
        '    {',
        '      "code": "ncco/range",',
        '      "severity": "error",',
        '      "message": "maxDigits must be between 1 and 20, but it is 25.",',
        '      "file": "flows/x.yaml",',
        '      "pointer": "/0/dtmf/maxDigits",',
        '      "range": {',
        '        "start": {',
        '          "line": 12,',
        '          "col": 9',
        '        },',
        '        "end": {',
        '          "line": 12,',
        '          "col": 11',
        '        }',
        '      },',
        '      "hint": "Use a number from 1 to 20."',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints an empty list for no diagnostics', () => {
    expect(formatJson([])).toBe('{\n  "version": 1,\n  "diagnostics": []\n}\n');
  });

  const roundTrips: Array<[string, Diagnostic]> = [
    ['the contract example', contractExample],
    ['only the required keys', { code: 'cli/no-flows', severity: 'info', message: 'No flows found.' }],
    ['file without range', { code: 'flow/unused', severity: 'warning', message: 'Unused.', file: 'flows/a.yaml', pointer: '' }],
    [
      'related locations',
      {
        ...contractExample,
        related: [
          { message: 'expanded from here', file: 'templates/t.yaml', range: { start: { line: 3, col: 5 }, end: { line: 4, col: 1 } } },
          { message: 'defined here', file: 'templates/t.yaml' },
        ],
      },
    ],
    ['text that needs JSON escaping', { code: 'x/y', severity: 'error', message: 'Quote " backslash \\ newline \n tab \t ü 😀' }],
  ];

  it.each(roundTrips)('round-trips %s', (_name, diagnostic) => {
    expect(JSON.parse(formatJson([diagnostic]))).toEqual({ version: 1, diagnostics: [diagnostic] });
  });

  it('keeps the contract key order whatever order the object was built in', () => {
    const shuffled = {
      hint: 'H.',
      range: { end: { col: 2, line: 1 }, start: { col: 1, line: 1 } },
      pointer: '/a',
      file: 'f.yaml',
      message: 'M.',
      severity: 'warning',
      code: 'a/b',
    } satisfies Diagnostic;
    const parsed = JSON.parse(formatJson([shuffled])) as { diagnostics: Array<Record<string, unknown>> };
    const d = parsed.diagnostics[0]!;
    expect(Object.keys(d)).toEqual(['code', 'severity', 'message', 'file', 'pointer', 'range', 'hint']);
    expect(Object.keys(d.range as object)).toEqual(['start', 'end']);
    expect(Object.keys((d.range as { start: object }).start)).toEqual(['line', 'col']);
  });

  it('leaves out keys that are not in the contract, undefined values and an empty related list', () => {
    const extra = { ...contractExample, hint: undefined, related: [], internal: { node: 1 } } as Diagnostic;
    const parsed = JSON.parse(formatJson([extra])) as { diagnostics: Array<Record<string, unknown>> };
    expect(Object.keys(parsed.diagnostics[0]!)).toEqual(['code', 'severity', 'message', 'file', 'pointer', 'range']);
  });

  it('keeps the given order', () => {
    const a: Diagnostic = { code: 'z/z', severity: 'info', message: 'Z.' };
    const b: Diagnostic = { code: 'a/a', severity: 'error', message: 'A.' };
    const parsed = JSON.parse(formatJson([a, b])) as { diagnostics: Diagnostic[] };
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['z/z', 'a/a']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { formatDiagnostics, isOutputFormat, outputFormats } from '../../compiler/diagnostics/format.js';
import { formatGithub } from '../../compiler/diagnostics/format-github.js';
import { formatJson } from '../../compiler/diagnostics/format-json.js';
import { formatSarif } from '../../compiler/diagnostics/format-sarif.js';

const diagnostics: Diagnostic[] = [
  {
    code: 'ncco/range',
    severity: 'error',
    message: 'Too many digits.',
    file: 'flows/x.yaml',
    range: { start: { line: 1, col: 12 }, end: { line: 1, col: 14 } },
  },
  { code: 'flow/unused', severity: 'warning', message: 'Unused step.', file: 'flows/x.yaml' },
];
const options = { color: false, sources: new Map([['flows/x.yaml', 'maxDigits: 25\n']]), toolVersion: '0.1.0' };

describe('formatDiagnostics', () => {
  it('lists the CLI formats', () => {
    expect(outputFormats).toEqual(['pretty', 'json', 'github', 'sarif']);
  });

  it.each([
    ['pretty', true],
    ['sarif', true],
    ['PRETTY', false],
    ['text', false],
    ['', false],
  ])('isOutputFormat(%j) is %s', (value, expected) => {
    expect(isOutputFormat(value)).toBe(expected);
  });

  it('pretty: the blocks in order, without the summary line', () => {
    expect(formatDiagnostics('pretty', diagnostics, options)).toBe(
      [
        'error[ncco/range] flows/x.yaml:1:12',
        '  Too many digits.',
        '',
        '> 1 | maxDigits: 25',
        '    |            ^^',
        '',
        'warning[flow/unused] flows/x.yaml',
        '  Unused step.',
        '',
      ].join('\n'),
    );
  });

  it('every format is empty or ends with a newline', () => {
    for (const format of outputFormats) {
      for (const list of [[], diagnostics]) {
        const out = formatDiagnostics(format, list, options);
        expect(out === '' || out.endsWith('\n')).toBe(true);
      }
    }
    expect(formatDiagnostics('pretty', [], options)).toBe('');
    expect(formatDiagnostics('github', [], options)).toBe('');
  });

  it('machine formats are the format functions, whatever the colour option', () => {
    const coloured = { ...options, color: true };
    expect(formatDiagnostics('json', diagnostics, coloured)).toBe(formatJson(diagnostics));
    expect(formatDiagnostics('github', diagnostics, coloured)).toBe(formatGithub(diagnostics));
    expect(formatDiagnostics('sarif', diagnostics, coloured)).toBe(formatSarif(diagnostics, { toolVersion: '0.1.0' }));
    for (const format of ['json', 'github', 'sarif'] as const) {
      expect(formatDiagnostics(format, diagnostics, coloured)).not.toContain('\u001b[');
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { escapeGithubData, escapeGithubProperty, formatGithub } from '../../compiler/diagnostics/format-github.js';

const base: Diagnostic = {
  code: 'ncco/range',
  severity: 'error',
  message: 'maxDigits must be between 1 and 20, but it is 25.',
  file: 'flows/x.yaml',
  range: { start: { line: 12, col: 9 }, end: { line: 12, col: 11 } },
};

describe('formatGithub', () => {
  it.each<[string, Diagnostic, string]>([
    [
      'error with a one-line range',
      base,
      '::error file=flows/x.yaml,line=12,col=9,endLine=12,endColumn=11,title=ncco/range::maxDigits must be between 1 and 20, but it is 25.',
    ],
    [
      'warning becomes ::warning',
      { ...base, severity: 'warning' },
      '::warning file=flows/x.yaml,line=12,col=9,endLine=12,endColumn=11,title=ncco/range::maxDigits must be between 1 and 20, but it is 25.',
    ],
    [
      'info becomes ::notice',
      { ...base, severity: 'info' },
      '::notice file=flows/x.yaml,line=12,col=9,endLine=12,endColumn=11,title=ncco/range::maxDigits must be between 1 and 20, but it is 25.',
    ],
    [
      'multi-line range: lines only (the runner drops columns when lines differ)',
      { ...base, range: { start: { line: 3, col: 5 }, end: { line: 7, col: 1 } } },
      '::error file=flows/x.yaml,line=3,endLine=7,title=ncco/range::maxDigits must be between 1 and 20, but it is 25.',
    ],
    [
      'reversed range is clamped to its start',
      { ...base, range: { start: { line: 4, col: 6 }, end: { line: 2, col: 1 } } },
      '::error file=flows/x.yaml,line=4,col=6,endLine=4,endColumn=6,title=ncco/range::maxDigits must be between 1 and 20, but it is 25.',
    ],
    [
      'file without range; the pointer says where',
      { code: 'flow/unused', severity: 'warning', message: 'Step "old" is never used.', file: 'flows/x.yaml', pointer: '/steps/old' },
      '::warning file=flows/x.yaml,title=flow/unused::Step "old" is never used.%0Aat /steps/old',
    ],
    [
      'no file: title and message only',
      { code: 'cli/no-flows', severity: 'info', message: 'No flows found.' },
      '::notice title=cli/no-flows::No flows found.',
    ],
    [
      'hint and related places become extra lines; no pointer line when the range places it',
      {
        ...base,
        pointer: '/0/dtmf/maxDigits',
        hint: 'Use a number from 1 to 20.',
        related: [
          { message: 'expanded from here', file: 'templates/t.yaml', range: { start: { line: 3, col: 5 }, end: { line: 3, col: 8 } } },
          { message: 'defined here', file: 'templates/t.yaml' },
        ],
      },
      '::error file=flows/x.yaml,line=12,col=9,endLine=12,endColumn=11,title=ncco/range::maxDigits must be between 1 and 20, but it is 25.' +
        '%0Ahint: Use a number from 1 to 20.%0Anote: templates/t.yaml:3:5 — expanded from here%0Anote: templates/t.yaml — defined here',
    ],
    [
      'escapes: % CR LF in the message; , : % in properties',
      {
        code: 'x:y,z%',
        severity: 'error',
        message: '100% sure\r\nnext: line, with ::colons::',
        file: 'flows/a,b:c%d.yaml',
      },
      '::error file=flows/a%2Cb%3Ac%25d.yaml,title=x%3Ay%2Cz%25::100%25 sure%0D%0Anext: line, with ::colons::',
    ],
  ])('%s', (_name, diagnostic, expected) => {
    expect(formatGithub([diagnostic])).toBe(expected + '\n');
  });

  it('prints one line per diagnostic in the given order, nothing for none', () => {
    const second: Diagnostic = { code: 'a/a', severity: 'warning', message: 'A.' };
    expect(formatGithub([base, second]).split('\n')).toEqual([
      expect.stringMatching(/^::error .*title=ncco\/range::/),
      '::warning title=a/a::A.',
      '',
    ]);
    expect(formatGithub([])).toBe('');
  });
});

describe('GitHub escaping', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['%', '%25', '%25'],
    ['%0A', '%250A', '%250A'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['::', '::', '%3A%3A'],
    // issue 10 #13: ESC and other controls never reach the workflow log raw
    ['a\u001b[31mb', 'a\u241b[31mb', 'a\u241b[31mb'],
    ['\u0007\u007f\u0085\u202e\ud800\t', '\u2407\u2421\ufffd\ufffd\ufffd\t', '\u2407\u2421\ufffd\ufffd\ufffd\t'],
  ])('%j → data %j, property %j', (input, data, property) => {
    expect(escapeGithubData(input)).toBe(data);
    expect(escapeGithubProperty(input)).toBe(property);
  });

  // Parses a command the way the Actions runner does (split on the first `::` after the
  // properties, then on `,` and the first `=`, then unescape) to prove the escaping round-trips.
  const unescapeData = (s: string): string =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const parse = (line: string) => {
    const match = /^::(\w+) (.*?)::(.*)$/s.exec(line)!;
    const props = Object.fromEntries(
      match[2]!.split(',').map((p) => {
        const eq = p.indexOf('=');
        return [p.slice(0, eq), unescapeData(p.slice(eq + 1))];
      }),
    );
    return { command: match[1], props, data: unescapeData(match[3]!) };
  };

  it('round-trips awkward files, codes and messages through the runner parser', () => {
    const d: Diagnostic = {
      code: 'odd:code,%25',
      severity: 'error',
      message: 'line one,\r\nline two: 50%0A done %',
      file: 'flows/we,ird: name%.yaml',
      range: { start: { line: 2, col: 3 }, end: { line: 2, col: 4 } },
    };
    const out = formatGithub([d]);
    expect(out.trimEnd()).not.toMatch(/[\r\n]/);
    expect(parse(out.trimEnd())).toEqual({
      command: 'error',
      props: { file: d.file, line: '2', col: '3', endLine: '2', endColumn: '4', title: d.code },
      data: d.message,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnostic, Range } from '../../compiler/diagnostics/diagnostic.js';
import { formatPretty } from '../../compiler/diagnostics/format-pretty.js';

/** Expected output, one argument per line. */
const text = (...lines: string[]): string => lines.join('\n') + '\n';

const range = (line: number, col: number, endLine: number, endCol: number): Range => ({
  start: { line, col },
  end: { line: endLine, col: endCol },
});

const FILE = 'flows/support.yaml';

const support = [
  'flow: support', // 1
  'steps:', // 2
  '  menu:', // 3
  '    - input:', // 4
  '        dtmf:', // 5
  '          maxDigits: 25', // 6
  '      on:', // 7
  '        "1": pay', // 8
  '', // the final newline
].join('\n');

const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  code: 'ncco/range',
  severity: 'error',
  message: 'maxDigits must be between 1 and 20, but it is 25.',
  file: FILE,
  ...over,
});

interface Case {
  name: string;
  diagnostic: Diagnostic;
  source?: string;
  expected: string;
}

const cases: Case[] = [
  {
    name: 'full diagnostic: frame, hint, pointer, related',
    diagnostic: diag({
      range: range(6, 22, 6, 24),
      hint: 'Use a number from 1 to 20.',
      pointer: '/steps/menu/0/input/dtmf/maxDigits',
      related: [
        { message: 'expanded from here', file: 'templates/menu.yaml', range: range(3, 5, 3, 9) },
        { message: 'template defined here', file: 'templates/menu.yaml' },
      ],
    }),
    source: support,
    expected: text(
      'error[ncco/range] flows/support.yaml:6:22',
      '  maxDigits must be between 1 and 20, but it is 25.',
      '',
      '  4 |     - input:',
      '  5 |         dtmf:',
      '> 6 |           maxDigits: 25',
      '    |                      ^^',
      '  7 |       on:',
      '  8 |         "1": pay',
      '',
      '  hint: Use a number from 1 to 20.',
      '  at /steps/menu/0/input/dtmf/maxDigits',
      '  note: templates/menu.yaml:3:5 — expanded from here',
      '  note: templates/menu.yaml — template defined here',
    ),
  },
  {
    name: 'range at line 1: no lines before it',
    diagnostic: diag({ code: 'flow/name', message: 'Bad name.', range: range(1, 7, 1, 14) }),
    source: support,
    expected: text(
      'error[flow/name] flows/support.yaml:1:7',
      '  Bad name.',
      '',
      '> 1 | flow: support',
      '    |       ^^^^^^^',
      '  2 | steps:',
      '  3 |   menu:',
    ),
  },
  {
    name: 'range at the last line: the final newline adds no empty line',
    diagnostic: diag({ code: 'flow/target', message: 'No step "pay".', range: range(8, 14, 8, 17) }),
    source: support,
    expected: text(
      'error[flow/target] flows/support.yaml:8:14',
      '  No step "pay".',
      '',
      '  6 |           maxDigits: 25',
      '  7 |       on:',
      '> 8 |         "1": pay',
      '    |              ^^^',
    ),
  },
  {
    name: 'range at the end of the file (after the final newline)',
    diagnostic: diag({ code: 'yaml/eof', message: 'Unexpected end.', range: range(3, 1, 3, 1) }),
    source: 'a: 1\nb:\n',
    expected: text('error[yaml/eof] flows/support.yaml:3:1', '  Unexpected end.', '', '  1 | a: 1', '  2 | b:', '> 3 |', '    | ^'),
  },
  {
    name: 'source without a final newline, gutter widens at line 10',
    diagnostic: diag({ code: 'x/y', message: 'M.', range: range(10, 1, 10, 3) }),
    source: Array.from({ length: 12 }, (_, i) => `l${i + 1}`).join('\n'),
    expected: text(
      'error[x/y] flows/support.yaml:10:1',
      '  M.',
      '',
      '   8 | l8',
      '   9 | l9',
      '> 10 | l10',
      '     | ^^',
      '  11 | l11',
      '  12 | l12',
    ),
  },
  {
    name: 'multi-line range: carets from the start to the end of the first line',
    diagnostic: diag({ code: 'flow/step', message: 'M.', range: range(4, 7, 7, 1) }),
    source: support,
    expected: text(
      'error[flow/step] flows/support.yaml:4:7',
      '  M.',
      '',
      '  2 | steps:',
      '  3 |   menu:',
      '> 4 |     - input:',
      '    |       ^^^^^^',
      '  5 |         dtmf:',
      '  6 |           maxDigits: 25',
    ),
  },
  {
    name: 'empty or reversed range: one caret',
    diagnostic: diag({ code: 'x/y', message: 'M.', range: range(2, 3, 2, 1) }),
    source: 'a\nbcdef\ng\n',
    expected: text('error[x/y] flows/support.yaml:2:3', '  M.', '', '  1 | a', '> 2 | bcdef', '    |   ^', '  3 | g'),
  },
  {
    name: 'missing source: header with position, no frame',
    diagnostic: diag({ range: range(6, 22, 6, 24), hint: 'Use a number from 1 to 20.' }),
    expected: text(
      'error[ncco/range] flows/support.yaml:6:22',
      '  maxDigits must be between 1 and 20, but it is 25.',
      '',
      '  hint: Use a number from 1 to 20.',
    ),
  },
  {
    name: 'range beyond the source (stale source): no frame',
    diagnostic: diag({ range: range(40, 1, 40, 2) }),
    source: support,
    expected: text('error[ncco/range] flows/support.yaml:40:1', '  maxDigits must be between 1 and 20, but it is 25.'),
  },
  {
    name: 'no range: file only, no frame even with a source',
    diagnostic: diag({ severity: 'warning', code: 'flow/unused', message: 'Step "old" is never used.' }),
    source: support,
    expected: text('warning[flow/unused] flows/support.yaml', '  Step "old" is never used.'),
  },
  {
    name: 'no file: just the message (the range alone says nothing)',
    diagnostic: {
      code: 'cli/no-flows',
      severity: 'info',
      message: 'No flows found.',
      range: range(1, 1, 1, 2),
      pointer: '',
    },
    expected: text('info[cli/no-flows]', '  No flows found.'),
  },
  {
    name: 'multi-line message and hint keep their indentation',
    diagnostic: diag({ message: 'First line.\r\nSecond line.', hint: 'Do this,\nthen that.' }),
    expected: text('error[ncco/range] flows/support.yaml', '  First line.', '  Second line.', '', '  hint: Do this,', '        then that.'),
  },
  {
    name: 'tab in the line: tab stops of 4, caret under the value',
    diagnostic: diag({ code: 'x/tab', message: 'M.', range: range(1, 7, 1, 12) }),
    source: 'name:\t"Bob"\n',
    expected: text('error[x/tab] flows/support.yaml:1:7', '  M.', '', '> 1 | name:   "Bob"', '    |         ^^^^^'),
  },
  {
    name: 'tabs inside the range widen the caret run',
    diagnostic: diag({ code: 'x/tab', message: 'M.', range: range(1, 3, 1, 5) }),
    source: 'a:\t\tb',
    expected: text('error[x/tab] flows/support.yaml:1:3', '  M.', '', '> 1 | a:      b', '    |   ^^^^^^'),
  },
  {
    name: 'wide characters: CJK and emoji take two columns',
    // 'greeting: "' is 11 code units, こんにちは 5 units / 10 columns, 😀 2 units / 2 columns.
    diagnostic: diag({ code: 'x/wide', message: 'M.', range: range(1, 24, 1, 26) }),
    source: 'greeting: "こんにちは" # 😀 ok',
    expected: text(
      'error[x/wide] flows/support.yaml:1:24',
      '  M.',
      '',
      '> 1 | greeting: "こんにちは" # 😀 ok',
      '    |                             ^^',
    ),
  },
  {
    name: 'range on an emoji (a surrogate pair) gets two carets',
    diagnostic: diag({ code: 'x/wide', message: 'M.', range: range(1, 21, 1, 23) }),
    source: 'greeting: "こんにちは" # 😀 ok',
    expected: text(
      'error[x/wide] flows/support.yaml:1:21',
      '  M.',
      '',
      '> 1 | greeting: "こんにちは" # 😀 ok',
      '    |                          ^^',
    ),
  },
  {
    name: 'a column inside a surrogate pair points at its character',
    diagnostic: diag({ code: 'x/wide', message: 'M.', range: range(1, 4, 1, 5) }),
    source: 'a: 😀b',
    expected: text('error[x/wide] flows/support.yaml:1:4', '  M.', '', '> 1 | a: 😀b', '    |    ^'),
  },
  {
    name: 'combining accents and a byte-order mark take no column',
    // U+FEFF counts as a code unit (the loader's offsets include it) but is not drawn.
    diagnostic: diag({ code: 'x/accent', message: 'M.', range: range(1, 9, 1, 10) }),
    source: '\ufeffcafe\u0301: x',
    expected: text('error[x/accent] flows/support.yaml:1:9', '  M.', '', '> 1 | cafe\u0301: x', '    |       ^'),
  },
  {
    name: 'CRLF source: the carriage return is not shown',
    diagnostic: diag({ code: 'x/crlf', message: 'M.', range: range(2, 4, 2, 5) }),
    source: 'a: 1\r\nb: 2\r\n',
    expected: text('error[x/crlf] flows/support.yaml:2:4', '  M.', '', '  1 | a: 1', '> 2 | b: 2', '    |    ^'),
  },
  {
    name: 'control characters in source and message are made visible, never sent raw',
    diagnostic: diag({ code: 'x/ctl', message: 'Bad \u001b[31m value.', range: range(1, 5, 1, 6) }),
    source: 'k: \u001b\u0007v',
    expected: text('error[x/ctl] flows/support.yaml:1:5', '  Bad \u241b[31m value.', '', '> 1 | k: \u241b\u2407v', '    |     ^'),
  },
];

describe('formatPretty', () => {
  it.each(cases)('$name', ({ diagnostic, source, expected }) => {
    const sources = new Map(source === undefined ? [] : [[diagnostic.file ?? '', source]]);
    expect(formatPretty([diagnostic], { color: false, sources })).toBe(expected);
  });

  it('prints nothing for no diagnostics', () => {
    expect(formatPretty([], { color: false, sources: new Map() })).toBe('');
  });

  it('keeps the given order and separates blocks with one blank line', () => {
    const b = diag({ code: 'b/b', message: 'B.', file: 'z.yaml' });
    const a = diag({ code: 'a/a', message: 'A.', file: 'a.yaml' });
    expect(formatPretty([b, a], { color: false, sources: new Map() })).toBe(
      text('error[b/b] z.yaml', '  B.', '', 'error[a/a] a.yaml', '  A.'),
    );
  });

  it('looks the source up by the diagnostic file', () => {
    const d = diag({ code: 'x/y', message: 'M.', range: range(1, 1, 1, 2) });
    const sources = new Map([
      ['other.yaml', 'wrong: file'],
      [FILE, 'right: file'],
    ]);
    expect(formatPretty([d], { color: false, sources })).toContain('> 1 | right: file');
  });
});

describe('formatPretty: long lines', () => {
  // 8 + 250 + 3 + 100 + 1 = 362 columns; BAD starts at column 259 (1-based).
  const long = 'value: "' + 'x'.repeat(250) + 'BAD' + 'y'.repeat(100) + '"';

  it('trims a long line around the caret, with the same window for every line', () => {
    const d = diag({ code: 'x/long', message: 'M.', range: range(1, 259, 1, 262) });
    const out = formatPretty([d], { color: false, sources: new Map([[FILE, long + '\nnext: 1\n']]) });
    expect(out).toBe(
      text(
        'error[x/long] flows/support.yaml:1:259',
        '  M.',
        '',
        // Window = columns 218..337: 40 columns before the caret, 120 in all.
        '> 1 | …' + 'x'.repeat(40) + 'BAD' + 'y'.repeat(77) + '…',
        '    | ' + ' '.repeat(41) + '^^^',
        '  2 | …',
      ),
    );
  });

  it('keeps the start of a long line when the caret is near it', () => {
    const d = diag({ code: 'x/long', message: 'M.', range: range(1, 1, 1, 6) });
    const out = formatPretty([d], { color: false, sources: new Map([[FILE, long]]) });
    expect(out).toBe(text('error[x/long] flows/support.yaml:1:1', '  M.', '', '> 1 | value: "' + 'x'.repeat(112) + '…', '    | ^^^^^'));
  });

  it('scrolls no further than the end of the longest line', () => {
    const d = diag({ code: 'x/long', message: 'M.', range: range(1, 362, 1, 363) });
    const out = formatPretty([d], { color: false, sources: new Map([[FILE, long]]) });
    // Window = columns 242..361.
    expect(out).toBe(
      text(
        'error[x/long] flows/support.yaml:1:362',
        '  M.',
        '',
        '> 1 | …' + 'x'.repeat(16) + 'BAD' + 'y'.repeat(100) + '"',
        '    | ' + ' '.repeat(120) + '^',
      ),
    );
  });

  it('clips a caret run longer than the window', () => {
    const d = diag({ code: 'x/long', message: 'M.', range: range(1, 9, 1, 359) });
    const out = formatPretty([d], { color: false, sources: new Map([[FILE, long]]) });
    expect(out.split('\n')[4]).toBe('    | ' + ' '.repeat(8) + '^'.repeat(112));
  });

  it('leaves lines of 200 columns alone', () => {
    const line = 'k: ' + 'v'.repeat(197);
    const d = diag({ code: 'x/long', message: 'M.', range: range(1, 200, 1, 201) });
    const out = formatPretty([d], { color: false, sources: new Map([[FILE, line]]) });
    expect(out.split('\n')).toContain('> 1 | ' + line);
  });
});

describe('formatPretty: colour', () => {
  const esc = '\u001b[';
  const all: Diagnostic[] = [
    diag({ range: range(6, 22, 6, 24), hint: 'H.', pointer: '/a', related: [{ message: 'R.', file: 'r.yaml' }] }),
    diag({ severity: 'warning', code: 'w/w', message: 'W.' }),
    { code: 'i/i', severity: 'info', message: 'I.' },
  ];

  it('has no escape codes when colour is off', () => {
    expect(formatPretty(all, { color: false, sources: new Map([[FILE, support]]) })).not.toContain(esc);
  });

  it('colours severity, gutter, carets and labels when on', () => {
    const d = diag({ range: range(1, 1, 1, 5), hint: 'H.', pointer: '/flow' });
    expect(formatPretty([d], { color: true, sources: new Map([[FILE, 'flow: x\n']]) })).toBe(
      text(
        `${esc}1;31merror[ncco/range]${esc}0m ${esc}1mflows/support.yaml:1:1${esc}0m`,
        '  maxDigits must be between 1 and 20, but it is 25.',
        '',
        `${esc}1;31m>${esc}0m ${esc}2m1 |${esc}0m flow: x`,
        `  ${esc}2m  |${esc}0m ${esc}1;31m^^^^${esc}0m`,
        '',
        `  ${esc}1mhint:${esc}0m H.`,
        `  ${esc}2mat${esc}0m /flow`,
      ),
    );
  });

  it.each([
    ['warning', '33'],
    ['info', '36'],
  ] as const)('%s is coloured with SGR %s', (severity, sgr) => {
    const out = formatPretty([diag({ severity })], { color: true, sources: new Map() });
    expect(out.startsWith(`${esc}1;${sgr}m${severity}[ncco/range]${esc}0m`)).toBe(true);
  });
});

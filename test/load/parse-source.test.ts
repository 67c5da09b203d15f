import { describe, expect, it } from 'vitest';
import { parseSource, maxFileBytes, onlyCommentsOrBlank } from '../../compiler/load/parse-source.js';
import { classifyPath, paySetOf } from '../../compiler/load/source-file.js';

const enc = (s: string) => new TextEncoder().encode(s);
const codesAt = (text: string | Uint8Array) => {
  const { diagnostics } = parseSource('flows/x.flow.yaml', 'flow', typeof text === 'string' ? enc(text) : text);
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range?.start.line, col: d.range?.start.col }));
};

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

describe('parseSource: hostile and broken input', () => {
  it.each([
    ['duplicate key', 'flow: a\nflow: b\n', [{ code: 'yaml/duplicate-key', severity: 'error', line: 2, col: 1 }]],
    ['tab indentation', 'steps:\n\t- talk: {}\n', [{ code: 'yaml/tab-indent', severity: 'error', line: 2, col: 1 }]],
    ['invalid YAML', 'flow: [a, b\n', [{ code: 'yaml/syntax', severity: 'error', line: 2, col: 1 }]],
    ['empty file', '', [{ code: 'load/empty-file', severity: 'error', line: 1, col: 1 }]],
    ['only comments', '# nothing here\n', [{ code: 'load/empty-file', severity: 'error', line: 1, col: 1 }]],
    ['__proto__ key', 'vars:\n  __proto__: { polluted: true }\n', [{ code: 'yaml/reserved-key', severity: 'error', line: 2, col: 3 }]],
    ['constructor key', 'constructor: 1\n', [{ code: 'yaml/reserved-key', severity: 'error', line: 1, col: 1 }]],
    ['alias bomb', aliasBomb, [{ code: 'yaml/alias-limit', severity: 'error', line: 4, col: 29 }]], // the *c whose expansion went over the limit
    ['comment trap, not a text', 'desk: Room #4\n', [{ code: 'yaml/comment-in-value', severity: 'warning', line: 1, col: 12 }]],
    ['unquoted template', 'text: {{company}}\n', [{ code: 'yaml/unquoted-template', severity: 'error', line: 1, col: 7 }]],
    ['NUL byte', 'flow: a\0\n', [{ code: 'load/binary', severity: 'error', line: 1, col: 1 }]],
  ])('%s', (_name, text, expected) => {
    expect(codesAt(text)).toEqual(expected);
  });

  it('a real comment after a value is not a trap', () => {
    expect(codesAt('text: Hello # greeting\n')).toEqual([]);
  });

  it('not UTF-8: points at the first bad byte', () => {
    const bytes = new Uint8Array([...enc('flow: a\ntext: caf'), 0xe9, ...enc('\n')]);
    expect(codesAt(bytes)).toEqual([{ code: 'load/not-utf8', severity: 'error', line: 2, col: 10 }]);
  });

  it('a file over the size limit is refused before parsing', () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    expect(big.length).toBeGreaterThan(maxFileBytes);
    expect(codesAt(big)).toEqual([{ code: 'load/file-too-large', severity: 'error', line: 1, col: 1 }]);
  });

  it('the prototype is never polluted', () => {
    const { file } = parseSource('flows/x.flow.yaml', 'flow', enc('vars:\n  __proto__: { polluted: true }\n'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf((file!.value as { vars: object }).vars)).toBe(Object.prototype);
  });

  it('a byte-order mark is accepted', () => {
    expect(codesAt(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('flow: a\n')]))).toEqual([]);
  });
});

describe('classifyPath', () => {
  it.each([
    ['flowc.yaml', 'project'],
    ['flows/bill-pay.flow.yaml', 'flow'],
    ['flows/sub/x.flow.yaml', 'flow'],
    ['flows/messages/es-US.yaml', 'messages'],
    ['flows/pay/card.es-US.yaml', 'pay-set'],
    ['templates/goodbye.yaml', 'template'],
    ['flows/notes.yaml', undefined],
  ])('%s → %s', (p, kind) => expect(classifyPath(p)).toBe(kind));

  it('splits a pay set name from its locale', () => {
    expect(paySetOf('flows/pay/card.es-US.yaml')).toEqual({ set: 'card', locale: 'es-US' });
  });
});

describe('onlyCommentsOrBlank (a line scan: no backtracking on long comment headers)', () => {
  it.each([
    ['', true],
    ['\n\n  \n', true],
    ['# a\n  # b\r\n\t# c\r', true],
    [Array(5000).fill('# licence line   ').join('\n'), true],
    [Array(5000).fill('# licence line').join('\n') + '\nflow: a', false],
    ['flow: a # comment', false],
    ['  x', false],
  ])('%j → %s', (text, expected) => {
    expect(onlyCommentsOrBlank(text)).toBe(expected);
  });
});

describe('a # that cut a text short (decided by the key and by what follows)', () => {
  const at = (path: string, kind: Parameters<typeof parseSource>[1], text: string) =>
    parseSource(path, kind, enc(text)).diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      line: d.range?.start.line,
      col: d.range?.start.col,
    }));
  const err = (line: number, col: number) => ({ code: 'yaml/comment-in-text', severity: 'error', line, col });

  it.each([
    ['catalog: # glued to a digit', 'flows/messages/en-US.yaml', 'messages', 'more: Press #1 for more\n', [err(1, 13)]],
    ['catalog: "then press # to finish"', 'flows/messages/en-US.yaml', 'messages', 'end: then press # to finish\n', [err(1, 17)]],
    ['catalog, nested key', 'flows/messages/en-US.yaml', 'messages', 'menu:\n  end: then press # to finish\n', [err(2, 19)]],
    ['catalog: the whole text is a comment', 'flows/messages/en-US.yaml', 'messages', 'end: # to finish\n', [err(1, 6)]],
    ['catalog: a note after a finished sentence', 'flows/messages/en-US.yaml', 'messages', 'hi: Welcome.  # said first\n', []],
    ['pay set text', 'flows/pay/card.en-US.yaml', 'pay-set', 'CardNumber:\n  text: Enter it, then press #\n', [err(2, 30)]],
    ['pay set error text', 'flows/pay/card.en-US.yaml', 'pay-set', 'CardNumber:\n  errors:\n    Timeout: Press # now\n', [err(3, 20)]],
    [
      'pay set error { text }',
      'flows/pay/card.en-US.yaml',
      'pay-set',
      'CardNumber:\n  errors:\n    Timeout: { text: Press #1 }\n',
      [err(3, 28)],
    ],
    ['talk text in a flow', 'flows/a.flow.yaml', 'flow', 'steps:\n  s:\n    - talk:\n        text: then press # to finish\n', [err(4, 26)]],
    [
      'per-locale talk text',
      'flows/a.flow.yaml',
      'flow',
      'steps:\n  s:\n    - talk:\n        text:\n          en-US: Press #1\n',
      [err(5, 24)],
    ],
    ['talk text in a template', 'templates/t.yaml', 'template', 'actions:\n  - talk:\n      text: then press # to finish\n', [err(3, 24)]],
    [
      'a comment after a number',
      'flows/a.flow.yaml',
      'flow',
      'steps:\n  s:\n    - input:\n        dtmf:\n          maxDigits: 1  # one key\n',
      [],
    ],
    ['a comment after a word that is not spoken', 'flows/a.flow.yaml', 'flow', 'direction: inbound # pay works only inbound\n', []],
    ['a comment after a say key', 'flows/a.flow.yaml', 'flow', 'steps:\n  s:\n    - talk:\n        say: menu # the main menu\n', []],
    ['a description', 'flows/a.flow.yaml', 'flow', 'description: The billing line # for now\n', []],
  ] as const)('%s', (_name, path, kind, text, expected) => {
    expect(at(path, kind, text)).toEqual(expected);
  });

  it('inside { … } the comment also hid the closing bracket: one error, not the parser complaints that follow', () => {
    const text = 'steps:\n  s:\n    - talk: { text: Press #1 for more, bargeIn: true }\n    - talk: { text: Hi }\n';
    expect(at('flows/a.flow.yaml', 'flow', text)).toEqual([err(3, 27)]);
  });

  it('the document stays usable: its value is still read', () => {
    const { file } = parseSource('flows/messages/en-US.yaml', 'messages', enc('end: then press # to finish\nhi: Hello\n'));
    expect(file?.value).toEqual({ end: 'then press', hi: 'Hello' });
  });
});

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
    ['alias bomb', aliasBomb, [{ code: 'yaml/alias-limit', severity: 'error', line: 1, col: 1 }]],
    ['comment trap', 'text: Press #1 to pay\n', [{ code: 'yaml/comment-in-value', severity: 'warning', line: 1, col: 13 }]],
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

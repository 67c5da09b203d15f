import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../compiler/resolve/template-engine/index.js';

/** Syntax errors are reported at the offending character (offset into the template string). */
const cases: { source: string; offset: number; length: number; why: string }[] = [
  { source: '{{money balance}', offset: 15, length: 1, why: 'a single } cannot close {{' },
  { source: '{{foo}', offset: 5, length: 1, why: 'a single } at the end' },
  { source: 'a }} b {{c}', offset: 10, length: 1, why: 'the single } of the second mustache' },
  { source: '{{a}}}', offset: 3, length: 3, why: 'three closing braces for two opening ones' },
  { source: '{{#if x}}a', offset: 0, length: 9, why: 'unclosed block: points at its opening tag' },
  { source: 'Hi {{#if x}}a{{else}}b', offset: 3, length: 9, why: 'unclosed block with else' },
  { source: '{{#if a}}{{#unless b}}x{{/unless}}', offset: 0, length: 9, why: 'outer block unclosed' },
  { source: '{{#if a}}{{#unless b}}x{{/if}}', offset: 23, length: 7, why: 'mismatched close: points at the close tag' },
  { source: '{{#if x}}a{{/unless}}', offset: 10, length: 11, why: 'if closed with unless' },
  { source: '{{#if a}}{{#unless b}}{{/unless}}{{/unless}}', offset: 33, length: 11, why: 'the second, wrong close tag' },
  { source: '{{}}', offset: 0, length: 4, why: 'empty mustache' },
  { source: 'x {{ }} y', offset: 2, length: 5, why: 'empty mustache with a space' },
  { source: '{{ foo bar" }}', offset: 10, length: 1, why: 'stray quote after a name' },
  { source: '{{a "x}}', offset: 4, length: 1, why: 'unclosed quote' },
  { source: 'ab\ncd {{foo', offset: 6, length: 2, why: '{{ never closed, second line' },
  { source: '{{a}} {{', offset: 6, length: 2, why: '{{ at the very end' },
  { source: 'héllo 😀 {{a b', offset: 9, length: 2, why: 'UTF-16 offsets past an astral character' },
  { source: '{{!-- x', offset: 0, length: 5, why: 'unclosed long comment' },
  { source: '{{foo.this}}', offset: 2, length: 8, why: 'invalid path' },
  { source: '{{foo.}}', offset: 5, length: 1, why: 'trailing dot' },
  { source: 'line one\r\nline two {{money balance}\r\n', offset: 34, length: 1, why: 'CRLF line breaks' },
  { source: 'one\ntwo\nthree {{x y=}}', offset: 20, length: 2, why: 'hash without a value, third line' },
];

describe('parseTemplate: syntax errors', () => {
  it.each(cases)('$why: $source', ({ source, offset, length }) => {
    const { template, issues } = parseTemplate(source);
    expect(template).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'template/syntax', severity: 'error', offset, length });
    expect(issues[0]!.message).not.toMatch(/Expecting|Parse error|CLOSE|INVALID/);
  });

  it('never reports past the end of the text', () => {
    for (const { source } of cases) {
      const issue = parseTemplate(source).issues[0]!;
      expect(issue.offset + issue.length).toBeLessThanOrEqual(source.length);
    }
  });
});

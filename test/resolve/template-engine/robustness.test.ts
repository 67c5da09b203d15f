import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, type TemplateIssue } from '../../../compiler/resolve/template-engine/index.js';

/** Deterministic pseudo-random texts built from the pieces authors (mis)type. */
const PIECES = [
  '{{',
  '}}',
  '{',
  '}',
  '{{{',
  '}}}',
  '{{#if ',
  '{{/if}}',
  '{{#unless ',
  '{{else}}',
  '{{^}}',
  'money ',
  'digits ',
  'pause',
  'a',
  'b.c',
  '"x"',
  "'",
  '42',
  ' ',
  '\n',
  '\r\n',
  '~',
  '{{!',
  '--',
  '{{>',
  '@root',
  '../',
  'this',
  '=',
  '(',
  ')',
  '|',
  '\\',
  '😀',
  '<speak>',
  '&',
  '[',
  ']',
  'constructor',
  '{{{{',
];

function* texts(count: number): Generator<string> {
  let seed = 20261121;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = 1 + Math.floor(next() * 12);
    for (let j = 0; j < n; j++) s += PIECES[Math.floor(next() * PIECES.length)];
    yield s;
  }
}

const expectWellFormed = (source: string, issues: TemplateIssue[]) => {
  for (const i of issues) {
    expect(i.offset).toBeGreaterThanOrEqual(0);
    expect(i.length).toBeGreaterThanOrEqual(0);
    expect(i.offset + i.length).toBeLessThanOrEqual(source.length);
    expect(i.code).toMatch(/^template\/[a-z-]+$/);
    expect(i.message).not.toMatch(/Expecting|Parse error|Lexical error|\n\s+at /);
  }
};

describe('robustness', () => {
  it('parse and render never throw and always point inside the text', () => {
    let parsedCount = 0;
    for (const source of texts(3000)) {
      const { template, issues } = parseTemplate(source);
      expectWellFormed(source, issues);
      expect(template === undefined).toBe(issues.some((i) => i.severity === 'error'));
      if (template === undefined) continue;
      parsedCount++;
      expect(template.isStatic).toBe(!source.includes('{{'));
      for (const locale of ['en-US', 'es-US']) {
        const r = renderTemplate(template, { vars: { a: 'x', b: { c: 1 }, x: 1 }, locale });
        expectWellFormed(source, r.issues);
        if (template.isStatic) expect(r.value).toBe(source);
      }
    }
    expect(parsedCount).toBeGreaterThan(100); // the generator also produces valid texts
  });
});

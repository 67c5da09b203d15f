import { describe, expect, it } from 'vitest';
import { checkTemplate, parseTemplate, type ParsedTemplate } from '../../../compiler/resolve/template-engine/index.js';

const parsed = (source: string): ParsedTemplate => {
  const { template, issues } = parseTemplate(source);
  expect(issues).toEqual([]);
  return template!;
};

const known = ['balance', 'company', 'dueDate', 'account'];

const cases: { source: string; expected: [string, number, number, string | undefined][] }[] = [
  { source: 'Hi from {{company}}, you owe {{money balance}}.', expected: [] },
  { source: '{{account.number}} {{#if dueDate}}{{date dueDate}}{{/if}}', expected: [] },
  { source: '{{balnce}}', expected: [['template/unknown-variable', 2, 6, 'balance']] },
  { source: 'Pay {{money Balance}}', expected: [['template/unknown-variable', 12, 7, 'balance']] },
  { source: '{{acount.number}}', expected: [['template/unknown-variable', 2, 6, 'account']] },
  { source: '{{#if duedate}}x{{/if}}', expected: [['template/unknown-variable', 6, 7, 'dueDate']] },
  { source: '{{[company name]}}', expected: [['template/unknown-variable', 2, 14, undefined]] },
  {
    source: '{{xyz}} and {{comapny}}',
    expected: [
      ['template/unknown-variable', 2, 3, undefined],
      ['template/unknown-variable', 14, 7, 'company'],
    ],
  },
];

describe('checkTemplate', () => {
  it.each(cases)('$source', ({ source, expected }) => {
    const issues = checkTemplate(parsed(source), known);
    expect(issues.map((i) => [i.code, i.offset, i.length, /Did you mean "([^"]+)"/.exec(i.hint ?? '')?.[1]])).toEqual(expected);
    for (const i of issues) expect(i.severity).toBe('error');
  });

  it('lists the known variables when nothing is close', () => {
    const [issue] = checkTemplate(parsed('{{xyz}}'), known);
    expect(issue!.hint).toBe('Known variables: account, balance, company, dueDate.');
  });

  it('says when the flow has no vars at all', () => {
    const [issue] = checkTemplate(parsed('{{x}}'), []);
    expect(issue!.hint).toMatch(/no vars/);
  });

  it('static texts use no variables', () => {
    expect(checkTemplate(parsed('Press 1.'), [])).toEqual([]);
  });

  it('does not throw on a malformed template object', () => {
    const bad = { source: '{{x}}', isStatic: false, variables: null } as unknown as ParsedTemplate;
    expect(checkTemplate(bad, known).map((i) => i.code)).toEqual(['template/internal']);
  });
});

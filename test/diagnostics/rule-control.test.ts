import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { applyRuleControl, findDirectives, type RuleSetting } from '../../compiler/diagnostics/rule-control.js';

const at = (line: number, col = 1) => ({ start: { line, col }, end: { line, col: col + 1 } });
const d = (code: string, severity: Diagnostic['severity'], line: number, file = 'flows/a.flow.yaml'): Diagnostic => ({
  code,
  severity,
  message: code,
  file,
  range: at(line),
});
const setting = (code: string, level: RuleSetting['level']): RuleSetting => ({
  code,
  level,
  file: 'flowc.yaml',
  pointer: `/rules/${code}`,
});
const summary = (list: Diagnostic[]) => list.map((x) => `${x.severity} ${x.code} ${x.file}:${x.range?.start.line}:${x.range?.start.col}`);

describe('findDirectives', () => {
  it('reads codes, their columns, the reason, and the line they apply to', () => {
    const text = 'a: 1\n  # flowc-disable-next-line i18n/unused-message, flow/unreachable-step -- why\n\n  # note\nb: 2\n';
    const { directives, diagnostics } = findDirectives('x.yaml', text);
    expect(diagnostics).toEqual([]);
    expect(directives).toEqual([
      {
        file: 'x.yaml',
        line: 2,
        target: 5,
        reason: 'why',
        codes: [
          { code: 'i18n/unused-message', range: { start: { line: 2, col: 29 }, end: { line: 2, col: 48 } } },
          { code: 'flow/unreachable-step', range: { start: { line: 2, col: 50 }, end: { line: 2, col: 71 } } },
        ],
      },
    ]);
  });

  it('a directive without a code is rules/bad-directive', () => {
    expect(summary(findDirectives('x.yaml', '# flowc-disable-next-line -- why\na: 1\n').diagnostics)).toEqual([
      'error rules/bad-directive x.yaml:1:1',
    ]);
  });
});

describe('applyRuleControl', () => {
  it.each([
    ['off drops a warning', [setting('i18n/unused-message', 'off')], d('i18n/unused-message', 'warning', 3), []],
    [
      'error raises a warning',
      [setting('i18n/unused-message', 'error')],
      d('i18n/unused-message', 'warning', 3),
      ['error i18n/unused-message flows/a.flow.yaml:3:1'],
    ],
    [
      'an error stays an error, and lowering it is refused',
      [setting('flow/unknown-step', 'warning')],
      d('flow/unknown-step', 'error', 3),
      ['error rules/cannot-lower flowc.yaml:undefined:undefined', 'error flow/unknown-step flows/a.flow.yaml:3:1'],
    ],
    [
      'an unknown code is refused',
      [setting('flow/no-such-rule', 'off')],
      d('flow/unreachable-step', 'warning', 3),
      ['error rules/unknown-code flowc.yaml:undefined:undefined', 'warning flow/unreachable-step flows/a.flow.yaml:3:1'],
    ],
  ] as const)('%s', (_name, settings, diagnostic, expected) => {
    expect(summary(applyRuleControl([diagnostic], { settings: [...settings], directives: [] }))).toEqual(expected);
  });

  it('a directive silences its code on its target line only, and never an error', () => {
    const { directives } = findDirectives('flows/a.flow.yaml', '# flowc-disable-next-line flow/unreachable-step\nx: 1\ny: 2\n');
    const out = applyRuleControl(
      [d('flow/unreachable-step', 'warning', 2), d('flow/unreachable-step', 'warning', 3), d('flow/unknown-step', 'error', 2)],
      { settings: [], directives },
    );
    expect(summary(out)).toEqual(['warning flow/unreachable-step flows/a.flow.yaml:3:1', 'error flow/unknown-step flows/a.flow.yaml:2:1']);
  });
});

import { describe, expect, it } from 'vitest';
import { capRepeated } from '../../compiler/diagnostics/cap-findings.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';

const d = (code: string, file: string | undefined, line: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  code,
  severity,
  message: `${code} ${line}`,
  ...(file ? { file, range: { start: { line, col: 1 }, end: { line, col: 2 } } } : {}),
});

describe('capRepeated', () => {
  it('keeps the first of each kind per file and says how many more there are, after the last one kept', () => {
    const input = [
      ...Array.from({ length: 5 }, (_, i) => d('yaml/duplicate-key', 'a.yaml', i + 1)),
      d('ncco/range', 'a.yaml', 9),
      ...Array.from({ length: 4 }, (_, i) => d('yaml/duplicate-key', 'b.yaml', i + 1)),
      ...Array.from({ length: 3 }, (_, i) => d('yaml/duplicate-key', 'a.yaml', i + 1, 'warning')),
    ];
    const out = capRepeated(input, 3);
    expect(out.map((x) => `${x.code} ${x.severity} ${x.file} ${x.range?.start.line ?? '-'}`)).toEqual([
      'yaml/duplicate-key error a.yaml 1',
      'yaml/duplicate-key error a.yaml 2',
      'yaml/duplicate-key error a.yaml 3',
      'yaml/duplicate-key error a.yaml -',
      'ncco/range error a.yaml 9',
      'yaml/duplicate-key error b.yaml 1',
      'yaml/duplicate-key error b.yaml 2',
      'yaml/duplicate-key error b.yaml 3',
      'yaml/duplicate-key error b.yaml -',
      'yaml/duplicate-key warning a.yaml 1',
      'yaml/duplicate-key warning a.yaml 2',
      'yaml/duplicate-key warning a.yaml 3',
    ]);
    expect(out[3]!.message).toBe('…and 2 more of this kind in this file, not listed (flowc lists the first 3).');
    expect(out[8]!.message).toContain('and 1 more of this kind');
  });

  it('counts findings without a file per project, and leaves short lists alone', () => {
    const out = capRepeated(
      Array.from({ length: 1500 }, (_, i) => d('flow/x', undefined, i)),
      100,
    );
    expect(out).toHaveLength(101);
    expect(out[100]!.message).toBe('…and 1,400 more of this kind in this project, not listed (flowc lists the first 100).');
    const few = [d('a/b', 'f', 1), d('a/b', 'f', 2)];
    expect(capRepeated(few)).toEqual(few);
    expect(
      capRepeated(
        Array.from({ length: 300 }, (_, i) => d('a/b', 'f', i)),
        Infinity,
      ),
    ).toHaveLength(300);
  });
});

/**
 * compiler/diagnostics/rule-index.ts is docs/rules.md read by parseRulesDoc(): the list of known codes
 * (rule control, did-you-mean) and the rule descriptions of SARIF. This test keeps the two in step;
 * after editing docs/rules.md run `UPDATE_RULE_INDEX=1 npx vitest run test/diagnostics/rule-index.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIndex } from '../../compiler/diagnostics/rule-index.js';
import { parseRulesDoc } from '../../compiler/diagnostics/rules-doc.js';
import { ruleAnchor } from '../../compiler/diagnostics/format-sarif.js';

const docPath = fileURLToPath(new URL('../../docs/rules.md', import.meta.url));
const indexPath = fileURLToPath(new URL('../../compiler/diagnostics/rule-index.ts', import.meta.url));

function renderIndex(entries: ReturnType<typeof parseRulesDoc>): string {
  const lines = entries.map(
    (e) => `  ${JSON.stringify(e.code)}: { severity: ${JSON.stringify(e.severity)}, summary: ${JSON.stringify(e.summary)} },`,
  );
  return [
    '/**',
    ' * Every diagnostic code with its documented severity and first paragraph, read from docs/rules.md by',
    ' * parseRulesDoc(). Generated: test/diagnostics/rule-index.test.ts checks it and rewrites it with',
    ' * UPDATE_RULE_INDEX=1. Do not edit by hand.',
    ' */',
    '// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the summaries quote placeholders such as $-brace names',
    "import type { Severity } from './diagnostic.js';",
    '',
    'export interface RuleEntry {',
    '  severity: Severity;',
    '  summary: string;',
    '}',
    '',
    '// biome-ignore format: generated',
    'export const ruleIndex: Readonly<Record<string, RuleEntry>> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

describe('rule index', () => {
  const entries = parseRulesDoc(readFileSync(docPath, 'utf8'));

  it('reads one entry per code heading of docs/rules.md, each with a summary', () => {
    const headings = readFileSync(docPath, 'utf8').match(/^### `[a-z0-9]+\/[a-z0-9-]+`/gm) ?? [];
    expect(entries.length).toBe(headings.length);
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.anchor, e.code).toBe(ruleAnchor(e.code));
      expect(e.summary.length, e.code).toBeGreaterThan(20);
      expect(e.summary, e.code).not.toMatch(/^(Bad:|```)/);
    }
  });

  it('compiler/diagnostics/rule-index.ts is docs/rules.md as it is now', () => {
    const wanted = renderIndex(entries);
    if (process.env.UPDATE_RULE_INDEX) writeFileSync(indexPath, wanted);
    expect(readFileSync(indexPath, 'utf8')).toBe(wanted);
    expect(Object.keys(ruleIndex)).toEqual(entries.map((e) => e.code));
  });
});

/**
 * Reads docs/rules.md, the reference of every diagnostic code: one entry per code, an anchor
 * (`<a id="ncco-range">`), a `### \`code\`` heading, a "Severity:" line, then a first paragraph that
 * says what the problem is. Pure: the caller reads the file. The result is kept in rule-index.ts.
 */
import type { Severity } from './diagnostic.js';

export interface RuleDoc {
  code: string;
  /** The entry's anchor in docs/rules.md. */
  anchor: string;
  /** The severity the entry states (its first word). */
  severity: Severity;
  /** The first paragraph after the severity: what the problem is, in plain words. */
  summary: string;
}

const entry = new RegExp(
  [
    /<a id="([^"]+)"><\/a>\s*\n\s*\n/.source, // the anchor
    /### `([a-z0-9]+\/[a-z0-9-]+)`[^\n]*\n\s*\n/.source, // the heading with the code
    /Severity: \*\*(error|warning|info)\*\*[^\n]*\n\s*\n/.source, // the severity line
    /([\s\S]*?)(?:\n\s*\n|$)/.source, // the first paragraph
  ].join(''),
  'g',
);

/** The entries in the order of the page. */
export function parseRulesDoc(markdown: string): RuleDoc[] {
  const out: RuleDoc[] = [];
  for (const m of markdown.replace(/\r\n/g, '\n').matchAll(entry)) {
    out.push({
      code: m[2]!,
      anchor: m[1]!,
      severity: m[3] as Severity,
      summary: m[4]!.replace(/\s*\n\s*/g, ' ').trim(),
    });
  }
  return out;
}

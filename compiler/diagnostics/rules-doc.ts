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

const anchorLine = /^<a id="([^"]+)"><\/a>\s*$/;
const headingLine = /^### `([a-z0-9]+\/[a-z0-9-]+)`/;
const severityLine = /^Severity: \*\*(error|warning|info)\*\*/;

/**
 * The entries in the order of the page. Line by line rather than one pattern over the page: each
 * entry is an anchor line, a heading, a severity line and a paragraph, each after blank lines.
 */
export function parseRulesDoc(markdown: string): RuleDoc[] {
  const lines = markdown.split(/\r?\n/);
  const out: RuleDoc[] = [];
  let i = 0;
  /** The index of the next line that is not blank, from `from`. */
  const nextText = (from: number): number => {
    let j = from;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    return j;
  };
  while (i < lines.length) {
    const anchor = anchorLine.exec(lines[i]!);
    i++;
    if (!anchor) continue;
    const h = nextText(i);
    const code = headingLine.exec(lines[h] ?? '');
    if (!code || h === i) continue;
    const s = nextText(h + 1);
    const severity = severityLine.exec(lines[s] ?? '');
    if (!severity || s === h + 1) continue;
    const p = nextText(s + 1);
    if (p === s + 1) continue;
    let end = p;
    while (end < lines.length && lines[end]!.trim() !== '') end++;
    const summary = lines
      .slice(p, end)
      .map((l) => l.trim())
      .join(' ');
    out.push({ code: code[1]!, anchor: anchor[1]!, severity: severity[1] as Severity, summary });
    i = end;
  }
  return out;
}

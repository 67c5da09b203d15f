/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into
 * annotations on the pull request.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 *
 *   ::error file=flows/x.yaml,line=12,col=9,endLine=12,endColumn=11,title=ncco/range::maxDigits must be …
 *
 * `file` must be relative to the repository root for the annotation to land on the file.
 */

import type { Diagnostic, Severity } from './diagnostic.js';
import { formatLocation, normalizeRange } from './format-location.js';
import { controlStandIn } from './format-terminal-text.js';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Command data (the message): `%`, CR and LF are escaped, as @actions/core's escapeData does. Every
 * other control character (ESC, which starts terminal escape sequences in the workflow log; C1
 * controls; bidirectional overrides) becomes a visible stand-in, as in the terminal output: a file
 * name or a value can hold them, and the runner would pass them on raw.
 */
export const escapeGithubData = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '%') out += '%25';
    else if (ch === '\r') out += '%0D';
    else if (ch === '\n') out += '%0A';
    else out += cp === 0x09 ? ch : (controlStandIn(cp) ?? ch);
  }
  return out;
};

/** Property values: additionally `:` and `,`, which would end the value (@actions/core's escapeProperty). */
export const escapeGithubProperty = (s: string): string => escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function properties(d: Diagnostic): string {
  const props: Array<[string, string | number]> = [];
  if (d.file !== undefined) {
    props.push(['file', d.file]);
    if (d.range !== undefined) {
      const { start, end } = normalizeRange(d.range);
      props.push(['line', start.line]);
      // The runner drops columns when the lines differ, so they are only given on one line.
      if (end.line === start.line) props.push(['col', start.col]);
      props.push(['endLine', end.line]);
      if (end.line === start.line) props.push(['endColumn', end.col]);
    }
  }
  props.push(['title', d.code]);
  return props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
}

/** The annotation text: message, then the hint and related places, one per line. */
function body(d: Diagnostic): string {
  const lines = [d.message];
  if (d.hint !== undefined && d.hint !== '') lines.push(`hint: ${d.hint}`);
  // With a range the annotation sits on the right line already; without one the pointer says where.
  if (d.range === undefined && d.pointer !== undefined && d.pointer !== '') lines.push(`at ${d.pointer}`);
  for (const r of d.related ?? []) lines.push(`note: ${formatLocation(r.file, r.range)} — ${r.message}`);
  return lines.join('\n');
}

/** One command per line, in the order given; '' when there is nothing to report. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `::${commands[d.severity]} ${properties(d)}::${escapeGithubData(body(d))}\n`).join('');
}

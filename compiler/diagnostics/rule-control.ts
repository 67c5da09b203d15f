/**
 * Rule control, as in eslint and Spectral: flowc.yaml's `rules:` sets a code to off, warning or error,
 * and `# flowc-disable-next-line <code>[, <code>…] -- reason` silences a code on the next line of YAML.
 * Errors are never lowered: an error means Vonage would reject the NCCO or the call would go wrong,
 * so `off` and `warning` are for warnings only (docs/rules.md, "Rule control"). Pure.
 */
import type { Diagnostic, Range, Severity } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { ruleIndex } from './rule-index.js';

export const ruleLevels = ['off', 'warning', 'error'] as const;
export type RuleLevel = (typeof ruleLevels)[number];

/** One entry of `rules:` with where it is written. */
export interface RuleSetting {
  code: string;
  level: RuleLevel;
  file: string;
  pointer: string;
  /** The key's range (for an unknown code). */
  range?: Range;
}

export interface DisableDirective {
  file: string;
  /** The line the directive is on, and the line it applies to (the next one that is not blank or a comment). */
  line: number;
  target: number;
  codes: { code: string; range: Range }[];
  reason?: string;
}

// No `(.*)$` after it: the rest of the line is sliced off, so the search cannot backtrack.
const directivePattern = /#\s*flowc-disable-next-line\b/;

/** The `# flowc-disable-next-line` comments of one YAML text, and the mistakes in them. */
export function findDirectives(file: string, text: string): { directives: DisableDirective[]; diagnostics: Diagnostic[] } {
  const directives: DisableDirective[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((lineText, i) => {
    const m = directivePattern.exec(lineText);
    if (!m) return;
    const line = i + 1;
    const bodyStart = m.index + m[0].length;
    const body = lineText.slice(bodyStart);
    const [codesPart = '', ...reasonParts] = body.split(/\s--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    const codes: DisableDirective['codes'] = [];
    for (const cm of codesPart.matchAll(/[^\s,]+/g)) {
      const col = bodyStart + cm.index + 1;
      codes.push({ code: cm[0], range: { start: { line, col }, end: { line, col: col + cm[0].length } } });
    }
    const whole: Range = { start: { line, col: m.index + 1 }, end: { line, col: lineText.length + 1 } };
    if (codes.length === 0) {
      diagnostics.push({
        code: 'rules/bad-directive',
        severity: 'error',
        message: 'flowc-disable-next-line needs the code of the problem it silences.',
        file,
        range: whole,
        hint: 'Write it as "# flowc-disable-next-line i18n/unused-message -- why it is fine here".',
      });
      return;
    }
    let target = line + 1;
    while (target <= lines.length && /^\s*(#.*)?$/.test(lines[target - 1]!)) target++;
    directives.push({ file, line, target, codes, ...(reason ? { reason } : {}) });
  });
  return { directives, diagnostics };
}

/** An unknown code, or an error code that `off`/`warning` would lower. */
function checkCode(code: string, lowers: boolean, file: string, range: Range | undefined, pointer?: string): Diagnostic | undefined {
  const known = ruleIndex[code];
  if (!known) {
    const suggestion = didYouMean(code, Object.keys(ruleIndex));
    return {
      code: 'rules/unknown-code',
      severity: 'error',
      message: `flowc has no rule "${code}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      file,
      ...(pointer !== undefined ? { pointer } : {}),
      ...(range ? { range } : {}),
      hint: suggestion ? `Write ${suggestion}.` : 'The codes are listed in docs/rules.md, and flowc prints each one next to its problem.',
    };
  }
  if (lowers && known.severity === 'error') {
    return {
      code: 'rules/cannot-lower',
      severity: 'error',
      message:
        `${code} is an error and cannot be turned off or made a warning: ` +
        'it means Vonage would reject the NCCO or the call would go wrong.',
      file,
      ...(pointer !== undefined ? { pointer } : {}),
      ...(range ? { range } : {}),
      hint: 'Fix the problem instead; only warnings can be turned off.',
    };
  }
  return undefined;
}

export interface RuleControl {
  settings: readonly RuleSetting[];
  directives: readonly DisableDirective[];
}

/**
 * The diagnostics after `rules:` and the disable comments, plus the mistakes in both. A warning can be
 * turned off, kept, or made an error; an error stays an error whatever is written.
 */
export function applyRuleControl(diagnostics: readonly Diagnostic[], control: RuleControl): Diagnostic[] {
  const out: Diagnostic[] = [];
  const levels = new Map<string, RuleLevel>();
  for (const s of control.settings) {
    const problem = checkCode(s.code, s.level !== 'error', s.file, s.range, s.pointer);
    if (problem) out.push(problem);
    else levels.set(s.code, s.level);
  }
  // file → line → directive
  const byLine = new Map<string, Map<number, { directive: DisableDirective; codes: Set<string>; used: Set<string> }>>();
  for (const directive of control.directives) {
    const codes = new Set<string>();
    for (const { code, range } of directive.codes) {
      const problem = checkCode(code, true, directive.file, range);
      if (problem) out.push(problem);
      else codes.add(code);
    }
    if (codes.size === 0) continue;
    const lines = byLine.get(directive.file) ?? new Map();
    lines.set(directive.target, { directive, codes, used: new Set() });
    byLine.set(directive.file, lines);
  }
  for (const d of diagnostics) {
    if (d.severity === 'error') {
      out.push(d);
      continue;
    }
    const entry = d.file !== undefined && d.range ? byLine.get(d.file)?.get(d.range.start.line) : undefined;
    if (entry?.codes.has(d.code)) {
      entry.used.add(d.code);
      continue;
    }
    const level = levels.get(d.code);
    if (level === 'off') continue;
    out.push(level === undefined || level === d.severity ? d : { ...d, severity: level as Severity });
  }
  // A disable comment that silences nothing is stale, unless the build stopped before it could matter.
  if (!out.some((d) => d.severity === 'error')) {
    for (const lines of byLine.values()) {
      for (const { directive, codes, used } of lines.values()) {
        for (const { code, range } of directive.codes) {
          if (!codes.has(code) || used.has(code)) continue;
          out.push({
            code: 'rules/unused-directive',
            severity: 'warning',
            message: `Nothing reports ${code} on the next line, so this flowc-disable-next-line silences nothing.`,
            file: directive.file,
            range,
            hint: 'Remove the code from the comment (or the whole comment).',
          });
        }
      }
    }
  }
  return out;
}

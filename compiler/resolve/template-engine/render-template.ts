/**
 * renderTemplate(): fills a parsed template with a flow's vars for one locale. Static strings are
 * returned as they are. Otherwise the variables are checked first (check-values.ts), then the
 * compiled Handlebars template runs with flowc's helpers; nothing is ever thrown.
 */
import type { Loc } from './ast.js';
import { checkValues } from './check-values.js';
import { compileProgram, runWithState, type RenderState } from './handlebars-env.js';
import { compiledPartsOf } from './parse-template.js';
import { offsetOf, spanOf } from './source-position.js';
import type { ParsedTemplate, RenderContext, TemplateIssue } from './types.js';
import { wrapOutputs } from './wrap-output.js';

const hasError = (issues: readonly TemplateIssue[]): boolean => issues.some((i) => i.severity === 'error');

interface ThrownLike {
  message?: unknown;
  lineNumber?: unknown;
  column?: unknown;
}

/** Last resort: Handlebars threw although every value was checked. Keep the place, drop the stack. */
function renderFailure(source: string, starts: readonly number[], error: unknown): TemplateIssue {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ThrownLike;
  const detail = typeof e.message === 'string' ? e.message.split('\n')[0]!.replace(/ - \d+:\d+$/, '') : String(error);
  const located = typeof e.lineNumber === 'number' && typeof e.column === 'number';
  return {
    code: 'template/render',
    severity: 'error',
    message: `This text could not be filled in: ${detail}.`,
    offset: located ? offsetOf(starts, source.length, { line: e.lineNumber as number, column: e.column as number }) : 0,
    length: located ? 1 : Math.max(source.length, 1),
  };
}

export function renderTemplate(t: ParsedTemplate, ctx: RenderContext): { value: string; issues: TemplateIssue[] } {
  let source = '';
  try {
    source = String(t.source);
    const found = compiledPartsOf(t);
    const parts = found.parts;
    if (parts === 'static') return { value: source, issues: [] };
    if (parts === undefined) return { value: '', issues: [...found.issues] };

    const vars: unknown = ctx?.vars ?? {};
    const spanOfLoc = (loc: Loc) => spanOf(parts.starts, source.length, loc);
    const issues = checkValues(parts.program, source, vars, spanOfLoc);
    if (hasError(issues)) return { value: '', issues };

    parts.render ??= compileProgram(wrapOutputs(parts.program));
    const render = parts.render;
    const state: RenderState = { locale: String(ctx.locale), ssml: parts.ssml, issues, spanOf: spanOfLoc };
    let value: string;
    try {
      value = runWithState(state, () => render(vars));
    } catch (error) {
      issues.push(renderFailure(source, parts.starts, error));
      return { value: '', issues };
    }
    return { value: hasError(issues) ? '' : value, issues };
  } catch (error) {
    return { value: '', issues: [renderFailure(source, [0], error)] };
  }
}

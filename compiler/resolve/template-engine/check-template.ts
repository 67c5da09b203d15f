/** checkTemplate(): build-time check of the variables a template uses against the flow's vars. */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { ParsedTemplate, TemplateIssue } from './types.js';

const LIST_LIMIT = 12;

export function checkTemplate(t: ParsedTemplate, knownVariables: readonly string[]): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  try {
    const known = new Set(knownVariables);
    for (const v of t.variables) {
      if (known.has(v.name)) continue;
      const suggestion = didYouMean(v.name, known);
      const listed = [...known].sort();
      const hint =
        suggestion !== undefined
          ? `Did you mean "${suggestion}"?`
          : listed.length === 0
            ? 'This flow has no vars; add the variable to vars.'
            : `Known variables: ${listed.slice(0, LIST_LIMIT).join(', ')}${listed.length > LIST_LIMIT ? ', …' : ''}.`;
      issues.push({
        code: 'template/unknown-variable',
        severity: 'error',
        message: `The variable "${v.name}" is not defined.`,
        hint,
        offset: v.offset,
        length: Math.max(v.length, 1),
      });
    }
  } catch {
    issues.push({
      code: 'template/internal',
      severity: 'error',
      message: 'flowc could not check the variables of this text.',
      hint: 'Pass a template made by parseTemplate().',
      offset: 0,
      length: 0,
    });
  }
  return issues;
}

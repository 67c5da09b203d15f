/** Public shapes of the template engine (Handlebars, safely — design "resolve" stage). */

export interface TemplateIssue {
  /** Stable code: `template/syntax`, `template/unknown-variable`, `template/unknown-helper`, … (docs/helpers.md). */
  code: string;
  severity: 'error' | 'warning';
  /** Plain words a non-developer understands. */
  message: string;
  /** How to fix it; did-you-mean suggestions go here. */
  hint?: string;
  /** 0-based UTF-16 offset into the template source where the problem is. */
  offset: number;
  /** Length of the offending span (0 only when the problem is "the text ends too early"). */
  length: number;
}

/** A place in the template source. */
export interface SourceSpan {
  name: string;
  offset: number;
  length: number;
}

export interface ParsedTemplate {
  source: string;
  /** true when the string contains no mustache at all (fast path: render returns source). */
  isStatic: boolean;
  /** Root variable names referenced (e.g. 'balance' for {{money balance}} or {{balance.total}}), for unknown-variable and unused checks. */
  variables: SourceSpan[];
  helpers: SourceSpan[];
}

export interface RenderContext {
  vars: Readonly<Record<string, unknown>>;
  /** BCP-47, e.g. en-US, es-US, fr-CA */
  locale: string;
}

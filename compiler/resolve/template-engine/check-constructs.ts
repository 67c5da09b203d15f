/**
 * Build-time check of what an author wrote inside {{ }}: only the safe subset is accepted —
 * `{{var}}`, `{{var.part}}`, `{{helper value}}` (flowc helpers, values are variables, "text" or
 * numbers) and `{{#if var}}…{{else}}…{{/if}}` / `{{#unless var}}`. Everything Handlebars can do
 * beyond that (partials, {{{raw}}}, @data, ../, this, each/with/lookup/log, nested helpers,
 * decorators, block params) is reported with a hint. Also collects variables and helpers used.
 */
import type { BlockStatement, Expression, Loc, MustacheStatement, PathExpression, Program } from './ast.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { helperSpecs, knownHelpers } from './helpers/index.js';
import type { HelperSpec } from './helpers/index.js';
import { spanOf } from './source-position.js';
import type { SourceSpan, TemplateIssue } from './types.js';

/** Names that reach the prototype chain: never variables (Handlebars also blocks them at runtime). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export const BLOCK_HELPERS: readonly string[] = ['if', 'unless'];

/** Handlebars built-ins flowc does not offer, with what to write instead. */
const NOT_OFFERED: Readonly<Record<string, string>> = {
  if: '"if" only works as a block: {{#if variable}}…{{else}}…{{/if}}.',
  unless: '"unless" only works as a block: {{#unless variable}}…{{/unless}}.',
  each: 'Lists cannot be repeated in a text; write each item as its own variable.',
  with: 'Write the full name of the part instead, e.g. {{account.name}}.',
  lookup: 'Write the full name of the part instead, e.g. {{account.name}}.',
  log: 'Logging is not available in texts.',
};

export interface ConstructCheck {
  issues: TemplateIssue[];
  variables: SourceSpan[];
  helpers: SourceSpan[];
}

const helperList = (): string => knownHelpers.join(', ');

export function checkConstructs(program: Program, source: string, starts: readonly number[], ssml: boolean): ConstructCheck {
  const issues: TemplateIssue[] = [];
  const variables: SourceSpan[] = [];
  const helpers: SourceSpan[] = [];
  const span = (loc: Loc) => spanOf(starts, source.length, loc);
  const text = (loc: Loc) => {
    const s = span(loc);
    return source.slice(s.offset, s.offset + s.length);
  };
  const report = (code: string, at: { offset: number; length: number }, message: string, hint?: string) => {
    issues.push(
      hint === undefined
        ? { code, severity: 'error', message, offset: at.offset, length: Math.max(at.length, 1) }
        : { code, severity: 'error', message, hint, offset: at.offset, length: Math.max(at.length, 1) },
    );
  };

  /** The opening tag of a block ({{#if x}}), for block-level messages. */
  const openingTag = (b: BlockStatement) => {
    const start = span(b.loc).offset;
    const close = source.indexOf('}}', span(b.path.loc).offset);
    return { offset: start, length: close === -1 ? 1 : close + 2 - start };
  };

  /** Checks a path used as a variable; records its root name when it is acceptable. */
  const variable = (path: PathExpression): boolean => {
    const at = span(path.loc);
    const written = text(path.loc);
    if (path.data) {
      report(
        'template/unsupported',
        at,
        `"${written}" is a Handlebars data variable, which texts cannot use.`,
        'Write the variable by its name, e.g. {{balance}}.',
      );
      return false;
    }
    if (path.depth > 0 || written.startsWith('..')) {
      report(
        'template/unsupported',
        at,
        `"${written}" refers to an outer scope, which texts do not have.`,
        'All variables are at the top level: write {{name}} without "../".',
      );
      return false;
    }
    if (path.parts.length === 0 || /^(this|\.)([./]|$)/.test(written)) {
      report(
        'template/unsupported',
        at,
        `"${written}" is not a variable name.`,
        'Write the variable by its name, e.g. {{balance}} instead of {{this.balance}}.',
      );
      return false;
    }
    const reserved = path.parts.find((p) => RESERVED_NAMES.has(p));
    if (reserved !== undefined) {
      report('template/reserved-name', at, `"${reserved}" cannot be used as a variable name.`, "Rename the variable in the flow's vars.");
      return false;
    }
    // Root segment as written: "[my var]" or up to the first "." or "/".
    const rootLength = written.startsWith('[')
      ? written.indexOf(']') + 1 || written.length
      : written.search(/[./]/) === -1
        ? written.length
        : written.search(/[./]/);
    variables.push({ name: path.parts[0]!, offset: at.offset, length: rootLength });
    return true;
  };

  /** A helper argument: a variable, "text" or a number. Returns the literal value, if it is one. */
  const argument = (arg: Expression, helper: string): { literal?: unknown; ok: boolean } => {
    switch (arg.type) {
      case 'PathExpression':
        return { ok: variable(arg) };
      case 'StringLiteral':
      case 'NumberLiteral':
        return { literal: arg.value, ok: true };
      case 'SubExpression':
        report(
          'template/unsupported',
          span(arg.loc),
          `Helpers cannot be put inside ${helper}.`,
          `Give ${helper} a variable, "text" or a number.`,
        );
        return { ok: false };
      default:
        report(
          'template/helper-args',
          span(arg.loc),
          `${helper} needs a value here, not "${text(arg.loc)}".`,
          `Give ${helper} a variable, "text" or a number.`,
        );
        return { ok: false };
    }
  };

  const helperCall = (m: MustacheStatement, spec: HelperSpec): void => {
    helpers.push({ name: spec.name, ...span(m.path.loc) });
    const at = span(m.loc);
    let ok = true;
    if (m.params.length < spec.minArgs || m.params.length > spec.maxArgs) {
      const wanted =
        spec.maxArgs === 0 ? 'no value' : spec.minArgs === spec.maxArgs ? `${spec.minArgs} value` : `at most ${spec.maxArgs} value`;
      report(
        'template/helper-args',
        at,
        `${spec.name} takes ${wanted}, but ${m.params.length} ${m.params.length === 1 ? 'is' : 'are'} given.`,
        `Write ${spec.usage}.`,
      );
      ok = false;
    }
    if (m.hash !== undefined && m.hash.pairs.length > 0) {
      report(
        'template/helper-args',
        span(m.hash.loc),
        `${spec.name} has no named options like "${m.hash.pairs[0]!.key}=".`,
        `Write ${spec.usage}.`,
      );
      ok = false;
    }
    const literals: unknown[] = [];
    let allLiteral = true;
    for (const param of m.params) {
      const a = argument(param, spec.name);
      ok &&= a.ok;
      if ('literal' in a) literals.push(a.literal);
      else allLiteral = false;
    }
    // Fixed values can be checked now instead of at render time.
    if (ok && allLiteral) {
      const outcome = spec.format(literals, { locale: 'en-US', ssml });
      if (outcome.kind === 'problem') report(outcome.problem.code, at, outcome.problem.message, outcome.problem.hint);
    }
  };

  const mustache = (m: MustacheStatement): void => {
    const at = span(m.loc);
    if (m.type === 'Decorator') {
      report('template/unsupported', at, 'Decorators ({{* …}}) are not available in texts.');
      return;
    }
    if (!m.escaped) {
      report(
        'template/unsupported',
        at,
        `"${text(m.loc)}" uses triple braces or {{&…}}, which texts do not need.`,
        'Write {{name}}: plain text is never escaped, and values inside <speak> are made SSML-safe for you.',
      );
      return;
    }
    if (m.path.type !== 'PathExpression') {
      report('template/unsupported', at, `"${text(m.loc)}" puts a fixed value between braces.`, 'Write the text directly, without braces.');
      return;
    }
    const path = m.path;
    const first = m.params[0];
    if (
      first?.type === 'PathExpression' &&
      first.parts.length === 0 &&
      span(first.loc).offset === span(path.loc).offset + span(path.loc).length
    ) {
      report(
        'template/syntax',
        span(first.loc),
        `"${text(path.loc)}${text(first.loc)}" is not a valid variable name.`,
        'Remove the dot, or write the part after it: {{name.part}}.',
      );
      return;
    }
    const name = path.parts[0];
    const single = path.parts.length === 1 && !path.data && path.depth === 0;
    const spec = single && name !== undefined ? helperSpecs.get(name) : undefined;
    if (spec !== undefined) {
      helperCall(m, spec);
      return;
    }
    if (single && name !== undefined && Object.hasOwn(NOT_OFFERED, name)) {
      report('template/unsupported', span(path.loc), `"${name}" is not available as {{${name} …}} in texts.`, NOT_OFFERED[name]);
      return;
    }
    const hasHash = m.hash !== undefined && m.hash.pairs.length > 0;
    if (m.params.length > 0 || hasHash) {
      const written = text(path.loc);
      const suggestion = didYouMean(written, knownHelpers);
      report(
        'template/unknown-helper',
        span(path.loc),
        `"${written}" is not a helper.`,
        (suggestion === undefined ? '' : `Did you mean "${suggestion}"? `) +
          `The helpers are: ${helperList()}. A variable name cannot contain spaces.`,
      );
      return;
    }
    variable(path);
  };

  const block = (b: BlockStatement): void => {
    const opening = openingTag(b);
    if (b.type === 'DecoratorBlock') {
      report('template/unsupported', opening, 'Decorator blocks ({{#* …}}) are not available in texts.');
      return;
    }
    if (source.startsWith('{{{{', opening.offset)) {
      report('template/unsupported', opening, 'Raw blocks ({{{{…}}}}) are not available in texts.', 'Write \\{{ to say braces literally.');
      return;
    }
    const path = b.path;
    const name = path.type === 'PathExpression' && path.parts.length === 1 && !path.data && path.depth === 0 ? path.parts[0] : undefined;
    if (name === undefined || !BLOCK_HELPERS.includes(name)) {
      const written = text(path.loc);
      if (name !== undefined && (name === 'each' || name === 'with')) {
        report('template/unsupported', opening, `{{#${name}}} blocks are not available in texts.`, NOT_OFFERED[name]);
      } else if (name !== undefined && helperSpecs.has(name)) {
        report(
          'template/helper-args',
          opening,
          `${name} is not a block.`,
          `Write ${helperSpecs.get(name)!.usage} without # and without {{/${name}}}.`,
        );
      } else {
        const suggestion = didYouMean(written, BLOCK_HELPERS);
        report(
          'template/unknown-helper',
          opening,
          `"{{#${written}}}" is not a block.`,
          (suggestion === undefined ? '' : `Did you mean "{{#${suggestion}}}"? `) +
            'The blocks are {{#if variable}} and {{#unless variable}}.',
        );
      }
      return;
    }
    helpers.push({ name, ...span(path.loc) });
    const hasHash = b.hash !== undefined && b.hash.pairs.length > 0;
    if (b.params.length !== 1 || hasHash) {
      report(
        'template/helper-args',
        opening,
        `{{#${name}}} needs exactly one variable to test.`,
        `Write {{#${name} variable}}, e.g. {{#${name} discount}}.`,
      );
    } else {
      const param = b.params[0]!;
      if (param.type === 'PathExpression') variable(param);
      else if (param.type === 'SubExpression')
        report('template/unsupported', span(param.loc), `Helpers cannot be put inside {{#${name}}}.`, `Write {{#${name} variable}}.`);
      else
        report(
          'template/helper-args',
          span(param.loc),
          `{{#${name}}} needs a variable to test, not a fixed value.`,
          `Write {{#${name} variable}}.`,
        );
    }
    if ((b.program?.blockParams?.length ?? 0) > 0 || (b.inverse?.blockParams?.length ?? 0) > 0) {
      report('template/unsupported', opening, 'Block parameters (as |x|) are not available in texts.', `Write {{#${name} variable}}.`);
    }
    visit(b.program);
    visit(b.inverse);
  };

  function visit(p: Program | undefined): void {
    if (p === undefined || p === null) return;
    for (const s of p.body) {
      switch (s.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement':
        case 'Decorator':
          mustache(s);
          break;
        case 'BlockStatement':
        case 'DecoratorBlock':
          block(s);
          break;
        case 'PartialStatement':
        case 'PartialBlockStatement':
          report(
            'template/unsupported',
            span(s.loc),
            'Partials ({{> name}}) are not available in texts.',
            'Reuse text with a message key or a flow template (use:) instead.',
          );
          break;
        default:
          report('template/unsupported', span((s as { loc: Loc }).loc), 'This {{ }} construct is not available in texts.');
      }
    }
  }

  visit(program);
  return { issues, variables, helpers };
}

/**
 * parseTemplate(): build-time parse and check of one template string, cached per source string
 * (a project has ~30k strings, many repeated across locales and steps).
 */
import type { Program } from './ast.js';
import { checkConstructs } from './check-constructs.js';
import { env, type TemplateFunction } from './handlebars-env.js';
import type { Skeleton } from './skeleton.js';
import { lineStarts } from './source-position.js';
import { syntaxIssue } from './syntax-error.js';
import type { ParsedTemplate, TemplateIssue } from './types.js';
import { isSsmlSource } from './xml-escape.js';

/** What renderTemplate needs beyond the public ParsedTemplate. */
export interface CompiledParts {
  /** The checked AST as Handlebars parsed it (locs refer to the source). */
  program: Program;
  starts: readonly number[];
  ssml: boolean;
  /** Made and compiled on first render. */
  skeleton?: Skeleton;
  render?: TemplateFunction;
}

export interface ParseOutcome {
  template?: ParsedTemplate;
  issues: readonly TemplateIssue[];
}

const cache = new Map<string, ParseOutcome>();
/** Non-static templates made by parseTemplate → their compiled parts; static ones map to 'static'. */
const parts = new WeakMap<ParsedTemplate, CompiledParts | 'static'>();

export const hasMustache = (source: string): boolean => source.includes('{{');

function freezeTemplate(t: ParsedTemplate): ParsedTemplate {
  t.variables.forEach(Object.freeze);
  t.helpers.forEach(Object.freeze);
  Object.freeze(t.variables);
  Object.freeze(t.helpers);
  return Object.freeze(t);
}

function freezeIssues(issues: TemplateIssue[]): readonly TemplateIssue[] {
  issues.forEach(Object.freeze);
  return Object.freeze(issues);
}

function internalIssue(source: string, error: unknown): TemplateIssue {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return {
    code: 'template/internal',
    severity: 'error',
    message: `flowc could not check this text (${detail}).`,
    hint: 'This is a bug in flowc; please report it with the text.',
    offset: 0,
    length: Math.max(source.length, 1),
  };
}

function parseUncached(source: string): ParseOutcome {
  if (!hasMustache(source)) {
    const template = freezeTemplate({ source, isStatic: true, variables: [], helpers: [] });
    parts.set(template, 'static');
    return { template, issues: freezeIssues([]) };
  }
  let program: Program;
  try {
    program = env.parse(source) as unknown as Program;
  } catch (error) {
    return { issues: freezeIssues([syntaxIssue(source, error)]) };
  }
  const starts = lineStarts(source);
  const ssml = isSsmlSource(source);
  const checked = checkConstructs(program, source, starts, ssml);
  const issues = freezeIssues(checked.issues);
  if (issues.some((i) => i.severity === 'error')) return { issues };
  const template = freezeTemplate({ source, isStatic: false, variables: checked.variables, helpers: checked.helpers });
  parts.set(template, { program, starts, ssml });
  return { template, issues };
}

/** Cached outcome (shared, frozen); use parseTemplate() for the public, copyable shape. */
export function parseCached(source: string): ParseOutcome {
  let outcome = cache.get(source);
  if (outcome === undefined) {
    try {
      outcome = parseUncached(source);
    } catch (error) {
      outcome = { issues: freezeIssues([internalIssue(source, error)]) };
    }
    cache.set(source, outcome);
  }
  return outcome;
}

/**
 * Parses and checks one template string. The returned ParsedTemplate is cached, shared and frozen
 * (the same object for the same source); issues are the caller's own copies.
 */
export function parseTemplate(source: string): { template?: ParsedTemplate; issues: TemplateIssue[] } {
  if (typeof source !== 'string') {
    return { issues: [{ code: 'template/syntax', severity: 'error', message: 'This value is not a text.', offset: 0, length: 0 }] };
  }
  const outcome = parseCached(source);
  const issues = outcome.issues.map((i) => ({ ...i })); // the cached ones are shared and frozen
  return outcome.template === undefined ? { issues } : { template: outcome.template, issues };
}

/** The compiled parts of a template made by parseTemplate (or of an equal source). */
export function compiledPartsOf(t: ParsedTemplate): { parts?: CompiledParts | 'static'; issues: readonly TemplateIssue[] } {
  const own = parts.get(t);
  if (own !== undefined) return { parts: own, issues: [] };
  // A ParsedTemplate built by hand: use the parse of its source.
  const outcome = parseCached(String(t.source));
  const found = outcome.template === undefined ? undefined : parts.get(outcome.template);
  return found === undefined ? { issues: outcome.issues } : { parts: found, issues: [] };
}

/** Compiled functions by skeleton key: templates of the same shape share one. */
const compiled = new Map<string, TemplateFunction>();

export function compiledFunction(key: string, compile: () => TemplateFunction): TemplateFunction {
  let f = compiled.get(key);
  if (f === undefined) {
    f = compile();
    compiled.set(key, f);
  }
  return f;
}

/** True when parseTemplate() made `t` (so its variables are every root name it reads). */
export const madeByParse = (t: ParsedTemplate): boolean => parts.has(t);

/** Render outcomes by source, locale and values (render-template.ts, renderKey). */
const rendered = new Map<string, { value: string; issues: readonly TemplateIssue[] }>();
/** A long `--watch` renders ever new values: start over past this many. */
const maxRendered = 200_000;

export const renderedOutcome = (key: string): { value: string; issues: readonly TemplateIssue[] } | undefined => rendered.get(key);

export function keepRendered(key: string, outcome: { value: string; issues: readonly TemplateIssue[] }): void {
  if (rendered.size >= maxRendered) rendered.clear();
  rendered.set(key, outcome);
}

/** Forget every cached parse, compiled function and render outcome (e.g. between runs of a long-lived watch process). */
export function clearTemplateCache(): void {
  cache.clear();
  compiled.clear();
  rendered.clear();
}

/** Cached source strings and distinct compiled functions, for measurements. */
export const templateCacheSize = (): { sources: number; compiled: number } => ({ sources: cache.size, compiled: compiled.size });

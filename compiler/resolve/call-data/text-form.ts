/**
 * Texts that use call data. At build time such a text cannot be rendered to a string: it becomes a form
 * (compiler/router/runtime/program.ts, TextPart[]) made from the Handlebars AST — literal parts rendered
 * and escaped now (vars, helpers of fixed values), data parts left as holes for the router to fill, and
 * {{#if data}} as a branch the router takes. Every data use is recorded with its place in the source so
 * that it can be checked against the type, the place it goes and the paths into the step.
 */
import type { Loc, MustacheStatement, PathExpression, Program } from '../template-engine/ast.js';
import { listHint, lookupPath, truthy, unspeakable, unspeakableHint } from '../template-engine/check-values.js';
import { helperSpecs } from '../template-engine/helpers/index.js';
import { compiledPartsOf } from '../template-engine/parse-template.js';
import { spanOf } from '../template-engine/source-position.js';
import type { ParsedTemplate, TemplateIssue } from '../template-engine/types.js';
import { xmlEscape } from '../template-engine/xml-escape.js';
import type { DataDeclaration, HelperName, TextPart, ValueForm } from '../../router/runtime/program.mjs';
import type { TextSite } from '../render-text.js';
import type { Place } from './check-uses.js';

/** A name of call data, as it appears among the values a text can use. */
export class DataName {
  /** `decl` is undefined when the declaration has errors of its own. */
  constructor(
    readonly name: string,
    readonly decl: DataDeclaration | undefined,
  ) {}
}

export interface DataUse {
  name: string;
  decl: DataDeclaration;
  helper?: HelperName;
  /** Read through a template parameter of this name. */
  via?: string;
  site: TextSite;
  offset: number;
  length: number;
  /** Inside {{#if name}} (or the else of {{#unless name}}): the value is there. */
  guarded: boolean;
  /** The test of an {{#if}} / {{#unless}}: reading it needs no value. */
  test: boolean;
}

/** A rendered value that needs call data: a single piece of data, or a text made of parts. */
export class DataForm {
  constructor(
    readonly value: ValueForm,
    readonly uses: readonly DataUse[],
    readonly site: TextSite,
    /** Where the value goes, once checked there. */
    readonly place?: Place,
  ) {}

  /** The data this value reads (sorted, each once). */
  get reads(): string[] {
    return [...new Set(this.uses.map((u) => u.name))].sort();
  }
}

/** Whether a value found among a text's values stands for call data. */
export const isData = (v: unknown): v is DataName | DataForm => v instanceof DataName || v instanceof DataForm;

/** Whether a parsed template reads call data (directly or through a template parameter). */
export function readsData(t: ParsedTemplate, values: Readonly<Record<string, unknown>>): boolean {
  return t.variables.some((v) => Object.hasOwn(values, v.name) && isData(values[v.name]));
}

const singleVariable = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

export interface FormOutcome {
  /** A string when the parts that need data are in branches that fixed values never take. */
  value?: DataForm | string;
  issues: TemplateIssue[];
  /** Reads data whose declaration has errors: the text is left alone. */
  broken: boolean;
}

/** Merges neighbouring literal parts. */
function push(parts: TextPart[], part: TextPart): void {
  const last = parts[parts.length - 1];
  if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
  else if (part !== '') parts.push(part);
}

/** Literal parts of a form made for plain text, escaped for use inside SSML. */
function escapeParts(parts: readonly TextPart[]): TextPart[] {
  return parts.map((p) =>
    typeof p === 'string' ? xmlEscape(p) : 'if' in p ? { if: p.if, then: escapeParts(p.then), else: escapeParts(p.else) } : p,
  );
}

/** The form of a text that reads call data (`readsData` was true). */
export function buildForm(t: ParsedTemplate, values: Readonly<Record<string, unknown>>, locale: string, site: TextSite): FormOutcome {
  const compiled = compiledPartsOf(t).parts;
  if (compiled === undefined || compiled === 'static') return { value: t.source, issues: [], broken: false };
  const { program, starts, ssml } = compiled;
  const source = t.source;
  const issues: TemplateIssue[] = [];
  const uses: DataUse[] = [];
  let broken = false;
  const span = (loc: Loc) => spanOf(starts, source.length, loc);
  const written = (loc: Loc) => {
    const s = span(loc);
    return source.slice(s.offset, s.offset + s.length);
  };
  const issue = (code: string, loc: Loc, message: string, hint?: string, severity: 'error' | 'warning' = 'error') => {
    const s = span(loc);
    issues.push({ code, severity, message, ...(hint !== undefined ? { hint } : {}), offset: s.offset, length: Math.max(s.length, 1) });
  };

  /** A path: the data it reads (name, declaration, through which parameter), or its fixed value. */
  const resolve = (
    path: PathExpression,
  ): { data?: { name: string; decl: DataDeclaration; via?: string }; form?: DataForm; value?: unknown; ok: boolean } => {
    const root = path.parts[0]!;
    const v = Object.hasOwn(values, root) ? values[root] : undefined;
    if (isData(v)) {
      if (path.parts.length > 1) {
        issue(
          'data/unknown-name',
          path.loc,
          `"${root}" is call data, a single value: it has no part "${path.parts[1]}".`,
          `Write {{${root}}}.`,
        );
        return { ok: false };
      }
      if (v instanceof DataName) {
        if (v.decl === undefined) {
          broken = true;
          return { ok: false };
        }
        return { data: { name: v.name, decl: v.decl }, ok: true };
      }
      if ('data' in v.value) {
        const inner = v.uses.find((u) => u.name === (v.value as { data: string }).data);
        if (inner === undefined) return { ok: false };
        return { data: { name: inner.name, decl: inner.decl, via: root }, ok: true };
      }
      return { form: v, ok: true };
    }
    const found = lookupPath(values, path.parts);
    if (!found.found) return { ok: false }; // reported by the name check (template/unknown-variable)
    return { value: found.value, ok: true };
  };

  const use = (
    d: { name: string; decl: DataDeclaration; via?: string },
    loc: Loc,
    guards: ReadonlySet<string>,
    extra: { helper?: HelperName; test?: boolean },
  ) => {
    const s = span(loc);
    uses.push({
      name: d.name,
      decl: d.decl,
      ...(extra.helper ? { helper: extra.helper } : {}),
      ...(d.via ? { via: d.via } : {}),
      site,
      offset: s.offset,
      length: Math.max(s.length, 1),
      guarded: guards.has(d.name),
      test: extra.test === true,
    });
  };

  const splice = (form: DataForm, guards: ReadonlySet<string>, parts: TextPart[]) => {
    for (const u of form.uses) uses.push(guards.has(u.name) ? { ...u, guarded: true } : u);
    const v = form.value;
    const inner: TextPart[] = 'data' in v ? [{ data: v.data }] : ssml && !v.ssml ? escapeParts(v.text) : v.text;
    for (const p of inner) push(parts, p);
  };

  const mustache = (m: MustacheStatement, guards: ReadonlySet<string>, parts: TextPart[]) => {
    const path = m.path as PathExpression;
    const name = path.parts[0]!;
    const spec = path.parts.length === 1 ? helperSpecs.get(name) : undefined;
    if (spec !== undefined) {
      const args: unknown[] = [];
      for (const [i, p] of m.params.entries()) {
        if (p.type !== 'PathExpression') {
          args.push((p as { value?: unknown }).value);
          continue;
        }
        const r = resolve(p);
        if (!r.ok) return;
        if (r.form) {
          issue(
            'data/helper-mismatch',
            p.loc,
            `"${written(p.loc)}" is a text made of several parts; ${spec.name} needs a single value.`,
            `Pass the data itself to the template, e.g. with: { ${p.parts[0]}: "{{name}}" }.`,
          );
          return;
        }
        if (r.data) {
          if (i > 0) {
            issue('data/helper-mismatch', p.loc, `Call data can only be the first value of ${spec.name}.`, `Write ${spec.usage}.`);
            return;
          }
          use(r.data, p.loc, guards, { helper: spec.name as HelperName });
          push(parts, { data: r.data.name, helper: spec.name as HelperName });
          return;
        }
        args.push(r.value);
      }
      const outcome = spec.format(args, { locale, ssml });
      if (outcome.kind === 'problem') {
        issue(outcome.problem.code, m.loc, outcome.problem.message, outcome.problem.hint);
        return;
      }
      if (outcome.warning) issue(outcome.warning.code, m.loc, outcome.warning.message, outcome.warning.hint, outcome.warning.severity);
      push(parts, outcome.kind === 'markup' || !ssml ? outcome.value : xmlEscape(outcome.value));
      return;
    }
    const r = resolve(path);
    if (!r.ok) return;
    if (r.data) {
      use(r.data, path.loc, guards, {});
      push(parts, { data: r.data.name });
      return;
    }
    if (r.form) {
      splice(r.form, guards, parts);
      return;
    }
    const why = unspeakable(r.value);
    if (why !== undefined) {
      const hint = Array.isArray(r.value) ? listHint(written(path.loc), r.value) : unspeakableHint;
      issue('template/value', path.loc, `"${written(path.loc)}" ${why}.`, hint);
      return;
    }
    const text = typeof r.value === 'number' ? String(r.value) : (r.value as string);
    push(parts, ssml ? xmlEscape(text) : text);
  };

  const walk = (p: Program | undefined, guards: ReadonlySet<string>): TextPart[] => {
    const parts: TextPart[] = [];
    if (p === undefined || p === null) return parts;
    for (const s of p.body) {
      if (s.type === 'ContentStatement') push(parts, s.value);
      else if (s.type === 'MustacheStatement') mustache(s, guards, parts);
      else if (s.type === 'BlockStatement') {
        const isIf = (s.path as PathExpression).parts[0] === 'if';
        const test = s.params[0] as PathExpression;
        const r = resolve(test);
        if (!r.ok) continue;
        if (r.form) {
          issue(
            'data/helper-mismatch',
            test.loc,
            `"${written(test.loc)}" is a text made of several parts, which cannot be tested.`,
            'Test the data itself, e.g. {{#if name}}.',
          );
          continue;
        }
        if (r.data) {
          use(r.data, test.loc, guards, { test: true });
          const known = new Set(guards).add(r.data.name);
          const yes = walk(s.program, isIf ? known : guards);
          const no = walk(s.inverse, isIf ? guards : known);
          parts.push(isIf ? { if: r.data.name, then: yes, else: no } : { if: r.data.name, then: no, else: yes });
          continue;
        }
        const taken = truthy(r.value) === isIf;
        for (const part of walk(taken ? s.program : s.inverse, guards)) push(parts, part);
      }
    }
    return parts;
  };

  const parts = walk(program, new Set());
  if (issues.some((i) => i.severity === 'error') || broken) return { issues, broken };
  if (parts.every((p) => typeof p === 'string')) return { value: (parts as string[]).join(''), issues, broken };
  const single = singleVariable.exec(source);
  const only = parts.length === 1 ? parts[0] : undefined;
  const value: ValueForm =
    single && only !== undefined && typeof only !== 'string' && 'data' in only && only.helper === undefined
      ? { data: only.data }
      : { text: parts, ssml };
  return { value: new DataForm(value, uses, site), issues, broken };
}

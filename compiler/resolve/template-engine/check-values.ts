/**
 * Render-time check of the variables a template reaches with the actual `vars`, following the
 * branches {{#if}}/{{#unless}} really take (as Handlebars does). Only own properties of plain
 * objects and arrays are visible, so nothing from a prototype can ever be read or spoken. Running
 * this before Handlebars gives every problem an exact offset instead of a runtime exception.
 */
import type { Expression, Loc, MustacheStatement, PathExpression, Program } from './ast.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { describeValue } from './helpers/helper-spec.js';
import { helperSpecs } from './helpers/index.js';
import type { TemplateIssue } from './types.js';

type Lookup = { found: true; value: unknown } | { found: false; missing: number; parent: unknown };

const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !(v instanceof Date);

export function lookupPath(vars: unknown, parts: readonly string[]): Lookup {
  let current: unknown = vars;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!isContainer(current) || !Object.hasOwn(current, part)) return { found: false, missing: i, parent: current };
    current = current[part];
  }
  return { found: true, value: current };
}

/** Handlebars' `if`: false, 0, "", null, undefined, NaN and [] take the {{else}} branch. */
export const truthy = (v: unknown): boolean => !(!v || (Array.isArray(v) && v.length === 0));

/** Why a value cannot be spoken by {{name}}, or undefined when it can (text or a finite number). */
export function unspeakable(value: unknown): string | undefined {
  if (typeof value === 'string') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'is not a finite number';
  if (typeof value === 'boolean') return 'is a yes/no value: it can decide an {{#if}} but cannot be spoken';
  if (value === null || value === undefined) return 'has no value';
  if (Array.isArray(value)) return 'is a list, which cannot be spoken as a whole';
  if (typeof value === 'function') return 'is not a value';
  return 'is a group of values: say one of its parts, e.g. {{name.part}}';
}

/** What to do about an unspeakable value (the finding `template/value`). */
export const unspeakableHint = 'Give the variable a text or a number, or use a helper such as {{money …}} or {{date …}}.';

/**
 * What to do about a list said whole, written `{{name}}`: often `name: [Acme, Inc]`, square brackets meant as
 * text (YAML reads a list); else one item.
 */
export function listHint(name: string, list: readonly unknown[]): string {
  const asText = list.length > 0 && list.every((v) => typeof v === 'string' || typeof v === 'number') ? list.join(', ') : undefined;
  // Written as a YAML double-quoted string: a " or \ in an item is escaped, so the hint can be pasted as it is.
  const quote =
    asText === undefined
      ? ''
      : `To say "${asText}", quote it where the variable is given: ${name}: ${JSON.stringify(asText)} (in YAML, [ ] makes a list). `;
  return `${quote}${list.length > 0 ? `To say one item, write {{${name}.[0]}}.` : 'An empty list says nothing: give it text.'}`;
}

export function checkValues(
  program: Program,
  source: string,
  vars: unknown,
  spanOf: (loc: Loc) => { offset: number; length: number },
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const report = (code: string, loc: Loc, message: string, hint?: string) => {
    const at = spanOf(loc);
    const length = Math.max(at.length, 1);
    issues.push(
      hint === undefined
        ? { code, severity: 'error', message, offset: at.offset, length }
        : { code, severity: 'error', message, hint, offset: at.offset, length },
    );
  };
  const written = (loc: Loc) => {
    const at = spanOf(loc);
    return source.slice(at.offset, at.offset + at.length);
  };

  /** Resolves a variable path or reports why it cannot be; returns found + value. */
  const resolve = (path: PathExpression): { ok: boolean; value?: unknown } => {
    const r = lookupPath(vars, path.parts);
    if (r.found) return { ok: true, value: r.value };
    const name = path.parts[r.missing]!;
    const candidates = isContainer(r.parent) ? Object.keys(r.parent) : [];
    const suggestion = didYouMean(name, candidates);
    const didYouMeanHint = suggestion === undefined ? undefined : `Did you mean "${suggestion}"?`;
    if (r.missing === 0) {
      report(
        'template/unknown-variable',
        path.loc,
        `The variable "${name}" is not defined.`,
        didYouMeanHint ?? "Add it to the flow's vars or correct the name.",
      );
    } else {
      const owner = path.parts.slice(0, r.missing).join('.');
      const hint = isContainer(r.parent)
        ? (didYouMeanHint ?? `Its parts are: ${candidates.join(', ') || '(none)'}.`)
        : `"${owner}" is a single value (${describeValue(r.parent)}) and has no parts.`;
      report('template/unknown-variable', path.loc, `"${owner}" has no part named "${name}".`, hint);
    }
    return { ok: false };
  };

  const argument = (e: Expression): void => {
    if (e.type === 'PathExpression') resolve(e);
  };

  const mustache = (m: MustacheStatement): void => {
    const path = m.path as PathExpression;
    if (path.parts.length === 1 && helperSpecs.has(path.parts[0]!)) {
      m.params.forEach(argument); // values are judged by the helper itself
      return;
    }
    const r = resolve(path);
    if (!r.ok) return;
    const why = unspeakable(r.value);
    if (why !== undefined) {
      const hint = Array.isArray(r.value) ? listHint(written(path.loc), r.value) : unspeakableHint;
      report('template/value', path.loc, `"${written(path.loc)}" ${why}.`, hint);
    }
  };

  function visit(p: Program | undefined): void {
    if (p === undefined || p === null) return;
    for (const s of p.body) {
      if (s.type === 'MustacheStatement') mustache(s);
      else if (s.type === 'BlockStatement') {
        const condition = s.params[0] as PathExpression; // checkConstructs: exactly one variable
        const r = resolve(condition);
        if (!r.ok) continue;
        if (typeof r.value === 'function') {
          report('template/value', condition.loc, `"${written(condition.loc)}" is not a value.`);
          continue;
        }
        const yes = truthy(r.value) === ((s.path as PathExpression).parts[0] === 'if');
        visit(yes ? s.program : s.inverse);
      }
    }
  }

  visit(program);
  return issues;
}

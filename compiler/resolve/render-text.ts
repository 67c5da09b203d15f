/** Renders one string value as a template in a scope, placing any problem on its YAML position. */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/source-file.js';
import { checkTemplate, parseTemplate, renderTemplate, type TemplateIssue } from './template-engine/index.js';
import type { ParamBinding, Scope } from './expand-templates.js';
import { rangeInScalar } from './scalar-offset.js';
import { checkForm, type DataEnv, type Place } from './call-data/check-uses.js';
import { describeType } from './call-data/data-types.js';
import { buildForm, DataForm, readsData } from './call-data/text-form.js';

export interface RenderEnv {
  locale: string;
  /** Project vars overlaid by flow vars. */
  vars: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** `file#pointer` of texts left unrendered because of an error reported elsewhere. */
  failedSites: Set<string>;
  /** The flow's call data and the step being rendered (`vars` then holds a DataName for each name). */
  data?: DataEnv;
  /** Counts the values rendered as DataForms (so that a step's NCCO is searched for them only when there are). */
  forms?: { count: number };
}

export interface TextSite {
  file: SourceFile;
  pointer: string;
  related: RelatedLocation[];
}

const singleVariable = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

function issueToDiagnostic(issue: TemplateIssue, site: TextSite): Diagnostic {
  // Handlebars' parser recurses per block: absurd nesting exhausts the stack.
  const tooDeep = /Maximum call stack/.test(issue.message);
  return {
    code: issue.code,
    severity: issue.severity,
    message: tooDeep ? 'This text nests {{#if}} blocks too deeply to read.' : issue.message,
    file: site.file.path,
    pointer: site.pointer,
    range: rangeInScalar(site.file, site.pointer, issue.offset, issue.length),
    ...(issue.hint ? { hint: issue.hint } : {}),
    ...(site.related.length ? { related: site.related } : {}),
  };
}

/** The variables visible in a scope: vars, then template params (inner ones shadow outer ones). */
export function scopeValues(env: RenderEnv, scope: Scope, reported: Set<string>): Record<string, unknown> {
  const chain: Scope[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.params.size > 0) chain.unshift(s);
  // Outside templates (or in templates without parameters) the values are the flow's, unchanged: no copy.
  if (chain.length === 0) return env.vars;
  const values: Record<string, unknown> = { ...env.vars };
  for (const s of chain) {
    for (const [name, binding] of s.params) {
      const v = binding.value;
      if (typeof v === 'string' && v.includes('{{')) {
        // Failures of this render only: the same template's site may have failed for another flow's value.
        const failedHere = new Set<string>();
        const rendered = renderString(
          { ...env, failedSites: failedHere },
          v,
          { file: binding.file, pointer: binding.pointer, related: [] },
          binding.scope,
          reported,
          'param',
        );
        // A value left unrendered (an error reported at it, or data whose declaration has errors) has no
        // type to check: "must be a number, but it became {{balance}}" would only repeat that error.
        for (const site of failedHere) env.failedSites.add(site);
        if (failedHere.has(`${binding.file.path}#${binding.pointer}`)) {
          binding.failed = true;
          values[name] = rendered;
        } else values[name] = coerceParam(env, rendered, binding, reported);
      } else {
        values[name] = v;
      }
    }
  }
  return values;
}

function coerceParam(env: RenderEnv, value: unknown, binding: ParamBinding, reported: Set<string>): unknown {
  /** The parameter does not fit its declared type: marked failed, reported once per site. */
  const misfit = (message: string, hint: string): void => {
    binding.failed = true;
    const key = `${binding.file.path}#${binding.pointer}#type`;
    if (reported.has(key)) return;
    reported.add(key);
    env.diagnostics.push({
      code: 'template/param-type',
      severity: 'error',
      message,
      file: binding.file.path,
      pointer: binding.pointer,
      range: rangeInScalar(binding.file, binding.pointer, 0, String(binding.value).length),
      hint,
    });
  };
  if (value instanceof DataForm) {
    const t = 'data' in value.value ? value.uses.find((u) => !u.test)?.decl.type : undefined;
    const fits =
      binding.declaredType === undefined ||
      binding.declaredType === 'string' ||
      (binding.declaredType === 'number' && (t?.type === 'number' || t?.type === 'money')) ||
      (binding.declaredType === 'boolean' && t?.type === 'boolean');
    if (!fits) {
      misfit(
        `This parameter must be a ${binding.declaredType}, but it is ${t ? `call data that is ${describeType(t)}` : 'a text made of call data'}.`,
        binding.declaredType === 'number' ? 'Pass number or money data, e.g. "{{balance}}".' : 'Pass yes/no data (a boolean).',
      );
    }
    return value;
  }
  if (binding.declaredType === 'number' && typeof value === 'string') {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) return n;
    misfit(`This parameter must be a number, but it became "${value}".`, 'Pass a number, or a variable that holds a number.');
    return value;
  }
  if (binding.declaredType === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * The first `{name}` in single braces (a slip for `{{name}}`, which a caller would hear as written), by index: a
 * pattern with lookarounds for the doubled braces would be one more to prove linear.
 */
export function singleBraceName(text: string): { name: string; offset: number } | undefined {
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    if (text[open + 1] === '{' || text[open - 1] === '{') continue;
    const close = text.indexOf('}', open + 1);
    if (close === -1) return undefined;
    const name = text.slice(open + 1, close);
    if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && text[close + 1] !== '}') return { name, offset: open };
  }
  return undefined;
}

/**
 * Renders `source`; a value that is exactly one `{{name}}` keeps the variable's type (so
 * `amount: "{{balance}}"` stays a number). Diagnostics are reported once per site and locale.
 */
export function renderString(
  env: RenderEnv,
  source: string,
  site: TextSite,
  scope: Scope,
  reported: Set<string>,
  place: Place = 'other',
): unknown {
  const report = (issues: readonly TemplateIssue[]) => {
    for (const issue of issues) {
      const key = `${site.file.path}#${site.pointer}#${issue.code}#${issue.offset}`;
      if (reported.has(key)) continue;
      reported.add(key);
      env.diagnostics.push(issueToDiagnostic(issue, site));
    }
  };
  if (place === 'spoken') {
    const brace = singleBraceName(source);
    if (brace)
      report([
        {
          code: 'template/single-braces',
          severity: 'warning',
          message: `"{${brace.name}}" has single braces, so the caller hears it as it is written.`,
          hint: `Write {{${brace.name}}} to say its value.`,
          offset: brace.offset,
          length: brace.name.length + 2,
        },
      ]);
  }
  if (!source.includes('{{') && !source.includes('}}')) return source;
  const parsed = parseTemplate(source);
  report(parsed.issues);
  if (!parsed.template) {
    env.failedSites.add(`${site.file.path}#${site.pointer}`);
    return source;
  }
  const failed = () => {
    env.failedSites.add(`${site.file.path}#${site.pointer}`);
    return source;
  };
  const values = scopeValues(env, scope, reported);
  if (
    usesFailedParam(
      parsed.template.variables.map((v) => v.name),
      scope,
    )
  )
    return failed();
  // flowc.yaml's whole vars: set aside (reported there): a name nothing else holds may be one of its vars.
  if (Object.hasOwn(values, allVarsSetAside) && parsed.template.variables.some((v) => !Object.hasOwn(values, v.name))) return failed();
  const staticIssues = checkTemplate(parsed.template, Object.keys(values));
  report(staticIssues);
  if (staticIssues.some((i) => i.severity === 'error')) return failed();
  // A var whose value flowc.yaml set aside is reported there; the texts that read it are left alone.
  if (readsSetAsideVar(parsed.template.variables, values)) return failed();
  if (readsData(parsed.template, values)) {
    const outcome = buildForm(parsed.template, values, env.locale, site);
    report(outcome.issues);
    if (outcome.broken || outcome.value === undefined || env.data === undefined) return failed();
    if (typeof outcome.value === 'string') return outcome.value;
    const checked = checkForm(outcome.value, place, env.data, (d, key) => {
      if (reported.has(key)) return;
      reported.add(key);
      env.diagnostics.push(d);
    });
    if (checked && env.forms) env.forms.count++;
    return checked ?? failed();
  }
  const single = singleVariable.exec(source);
  if (single) {
    const raw = values[single[1]!];
    if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  }
  const rendered = renderTemplate(parsed.template, { vars: values, locale: env.locale });
  report(rendered.issues);
  // Left as written, as every other text with an error is: an empty text would look like one that says nothing
  // (no goodbye, no words), and the checks of the text would report that too.
  if (rendered.issues.some((i) => i.severity === 'error')) return failed();
  return rendered.value;
}

/** Set (to true) in a scope's values when flowc.yaml's whole `vars:` was set aside. */
export const allVarsSetAside: unique symbol = Symbol('all vars set aside');

/** The value of a var whose value in flowc.yaml has an error of its own (`company:` with nothing after it). */
export class SetAsideVar {
  constructor(readonly name: string) {}
}

/** Whether a text reads a var set aside (by its root name, as the scope holds it). */
export function readsSetAsideVar(variables: readonly { name: string }[], values: Readonly<Record<string, unknown>>): boolean {
  return variables.some((v) => Object.hasOwn(values, v.name) && values[v.name] instanceof SetAsideVar);
}

/** A parameter that was missing or mistyped at the use site is reported there; its texts are left alone. */
function usesFailedParam(names: readonly string[], scope: Scope): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    for (const [name, binding] of s.params) if (binding.failed && names.includes(name)) return true;
  }
  return false;
}

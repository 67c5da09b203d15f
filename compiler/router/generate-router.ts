/**
 * RouterModel → the text of dist/router.ts ('ts') or dist/router.mjs ('js').
 *
 * Pure and deterministic: map keys are sorted by code unit, so the same model gives the same
 * bytes whatever order it was built in; NCCOs and speech cases keep their (meaningful) order.
 * Both languages come from one template (router-template.ts); for 'js' the generator itself
 * erases the type-only «…» fragments, so Node 20 can run the result without TypeScript.
 */
import { ROUTER_TEMPLATE } from './router-template.js';
import { eventRoutePath, stepKey } from './router-model.js';
import type { ConnectStatus, RouteTarget, RouterModel, StepTransitions } from './router-model.js';

export interface GenerateRouterOptions {
  language: 'ts' | 'js';
}

const CONNECT_STATUSES: readonly ConnectStatus[] = ['busy', 'failed', 'rejected', 'timeout', 'unanswered'];

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sortedKeys = (record: Record<string, unknown>): string[] => Object.keys(record).sort(byCodeUnit);

const target = (t: RouteTarget): RouteTarget => ({ flow: t.flow, locale: t.locale, step: t.step });

/** A step key `${flow}/${locale}/${step}` back to its parts (names contain no '/'). */
function parseStepKey(key: string): RouteTarget | undefined {
  const parts = key.split('/');
  const [flow, locale, step] = parts;
  if (parts.length !== 3 || !flow || !locale || !step) return undefined;
  return { flow, locale, step };
}

/** The path part of routerUrl without a trailing slash ('' at the root). */
export function routerBasePath(routerUrl: string): string {
  const path = new URL(routerUrl).pathname;
  return path.replace(/\/+$/, '');
}

/** Transitions with a fixed key order, targets copied, digit/status maps sorted. */
function normalizeTransitions(t: StepTransitions): Record<string, unknown> {
  switch (t.kind) {
    case 'input': {
      const digits: Record<string, RouteTarget> = {};
      for (const d of sortedKeys(t.digits)) {
        const to = t.digits[d];
        if (to) digits[d] = target(to);
      }
      return {
        kind: 'input',
        digits,
        speech: t.speech.map((c) => ({ words: [...c.words], target: target(c.target) })),
        ...(t.timeout ? { timeout: target(t.timeout) } : {}),
        ...(t.default ? { default: target(t.default) } : {}),
      };
    }
    case 'pay':
      return {
        kind: 'pay',
        ...(t.success ? { success: target(t.success) } : {}),
        ...(t.failure ? { failure: target(t.failure) } : {}),
      };
    case 'connect': {
      const statuses: Record<string, RouteTarget> = {};
      for (const s of CONNECT_STATUSES) {
        const to = t.statuses[s];
        if (to) statuses[s] = target(to);
      }
      return { kind: 'connect', statuses, ...(t.default ? { default: target(t.default) } : {}) };
    }
    case 'notify':
      return { kind: 'notify', default: target(t.default) };
  }
}

function targetsOf(t: StepTransitions): RouteTarget[] {
  switch (t.kind) {
    case 'input':
      return [
        ...Object.values(t.digits),
        ...t.speech.map((c) => c.target),
        ...(t.timeout ? [t.timeout] : []),
        ...(t.default ? [t.default] : []),
      ];
    case 'pay':
      return [...(t.success ? [t.success] : []), ...(t.failure ? [t.failure] : [])];
    case 'connect':
      return [...Object.values(t.statuses), ...(t.default ? [t.default] : [])];
    case 'notify':
      return [t.default];
  }
}

/**
 * An inconsistent model is a bug in the stage that built it, not a user error: it throws
 * with every problem listed rather than emitting a router that would fail at start.
 */
export function checkRouterModel(model: RouterModel): string[] {
  const problems: string[] = [];
  if (/[^\x21-\x7e]/.test(model.routerUrl))
    problems.push(`routerUrl ${JSON.stringify(model.routerUrl)} holds characters other than printable ASCII`);
  try {
    const url = new URL(model.routerUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push(`routerUrl ${model.routerUrl} is not http(s)`);
    if (url.search !== '' || url.hash !== '') problems.push(`routerUrl ${model.routerUrl} has a query or fragment`);
  } catch {
    problems.push(`routerUrl ${JSON.stringify(model.routerUrl)} is not a URL`);
  }
  const hasNcco = (t: RouteTarget): boolean => Object.hasOwn(model.nccos, stepKey(t));
  for (const number of sortedKeys(model.numbers)) {
    const to = model.numbers[number];
    if (!/^\d+$/.test(number)) problems.push(`number ${number} is not digits only`);
    if (to && !hasNcco(to)) problems.push(`number ${number} starts at ${stepKey(to)}, which has no NCCO`);
  }
  for (const key of sortedKeys(model.nccos)) {
    const ncco = model.nccos[key];
    if (!parseStepKey(key)) problems.push(`NCCO key ${key} is not <flow>/<locale>/<step>`);
    if (!Array.isArray(ncco) || ncco.length === 0) problems.push(`NCCO ${key} is not a non-empty array`);
  }
  for (const key of sortedKeys(model.transitions)) {
    const t = model.transitions[key];
    if (!t) continue;
    if (!parseStepKey(key)) problems.push(`transitions key ${key} is not <flow>/<locale>/<step>`);
    if (!Object.hasOwn(model.nccos, key)) problems.push(`step ${key} has transitions but no NCCO`);
    for (const to of targetsOf(t)) {
      if (!hasNcco(to)) problems.push(`step ${key} goes to ${stepKey(to)}, which has no NCCO`);
    }
  }
  return [...new Set(problems)];
}

/** The route table embedded in the module (RouteTable in the template). */
export function buildRouteTable(model: RouterModel): Record<string, unknown> {
  const numbers: Record<string, RouteTarget> = {};
  for (const number of sortedKeys(model.numbers)) {
    const to = model.numbers[number];
    if (to) numbers[number] = target(to);
  }
  const entries: [string, Record<string, unknown>][] = [];
  for (const key of sortedKeys(model.transitions)) {
    const t = model.transitions[key];
    const step = parseStepKey(key);
    if (!t || !step) continue;
    entries.push([eventRoutePath(step), { step, transitions: normalizeTransitions(t) }]);
  }
  entries.sort(([a], [b]) => byCodeUnit(a, b));
  return { routerUrl: model.routerUrl, basePath: routerBasePath(model.routerUrl), numbers, routes: Object.fromEntries(entries) };
}

/** «type text» kept (markers dropped) for TypeScript, removed for JavaScript. */
export function eraseTypes(template: string, language: 'ts' | 'js'): string {
  if (language === 'ts') return template.replace(/[«»]/g, '');
  return template
    .replace(/«[^«»]*»/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n');
}

function header(model: RouterModel, language: 'ts' | 'js'): string {
  const routes = Object.keys(model.transitions).length;
  const numbers = Object.keys(model.numbers).length;
  const steps = Object.keys(model.nccos).length;
  return [
    `// Generated by flowc (${language === 'ts' ? 'dist/router.ts' : 'dist/router.mjs'}). Do not edit: change the flows and run \`flowc build\`.`,
    `// Vonage Voice API webhook router: ${numbers} number(s), ${routes} event route(s), ${steps} step NCCO(s).`,
    // No project text here: a comment ends at a line terminator, so only JSON literals carry project values.
    `// No dependencies. Contract and options: docs/router.md. Router URL: routeTable.routerUrl.`,
  ].join('\n');
}

/** The whole router module for `model`; throws if the model is inconsistent (an internal error). */
export function generateRouter(model: RouterModel, options: GenerateRouterOptions): string {
  return generateRouters(model)[options.language];
}

/**
 * Both router modules at once: the model is checked and its tables serialized once. `nccoJson`
 * may give each NCCO's `JSON.stringify(ncco, null, 2)` text (the build already made it for
 * dist/ncco), so the largest part of the router is not serialized a second time.
 */
export function generateRouters(model: RouterModel, nccoJson?: ReadonlyMap<string, string>): Record<'ts' | 'js', string> {
  const problems = checkRouterModel(model);
  if (problems.length > 0) throw new Error(`flowc: inconsistent router model:\n  ${problems.join('\n  ')}`);
  const keys = sortedKeys(model.nccos).filter((key) => model.nccos[key] !== undefined);
  // Same text as JSON.stringify(nccos, null, 2): each NCCO one level deeper.
  const nccos =
    keys.length === 0
      ? '{}'
      : `{\n${keys
          .map((key) => {
            const text = nccoJson?.get(key)?.trimEnd() ?? JSON.stringify(model.nccos[key], null, 2);
            return `  ${JSON.stringify(key)}: ${text.replace(/\n/g, '\n  ')}`;
          })
          .join(',\n')}\n}`;
  const routeTable = jsonLiteral(JSON.stringify(buildRouteTable(model), null, 2));
  const fill = (language: 'ts' | 'js'): string => {
    const code = eraseTypes(ROUTER_TEMPLATE, language);
    // Data goes in after erasure: prompts may contain « » themselves.
    const values: Record<string, string> = {
      '/*@@HEADER@@*/': header(model, language),
      '/*@@ROUTE_TABLE@@*/': routeTable,
      '/*@@NCCOS@@*/': jsonLiteral(nccos),
    };
    return code.replace(/\/\*@@[A-Z_]+@@\*\//g, (placeholder) => {
      const value = values[placeholder];
      if (value === undefined) throw new Error(`flowc: unknown placeholder ${placeholder} in the router template`);
      return value;
    });
  };
  return { ts: fill('ts'), js: fill('js') };
}

/**
 * JSON text as a JavaScript literal. JSON is valid JavaScript since ES2019, but U+2028 and U+2029
 * are escaped anyway, so that no project text can end a line in the generated module for any tool.
 */
export function jsonLiteral(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

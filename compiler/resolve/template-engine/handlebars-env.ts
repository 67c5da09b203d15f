/**
 * flowc's own, isolated Handlebars environment (Handlebars.create()): only flowc's helpers plus the
 * `if`/`unless` blocks; `each`, `with`, `log` and `lookup` are removed. Handlebars' default
 * prototype-access protection stays on (no allowProto* runtime options are ever passed).
 */
import Handlebars from 'handlebars';
import type { Loc, Program } from './ast.js';
import { helperSpecs } from './helpers/index.js';
import type { HelperSpec } from './helpers/index.js';
import type { TemplateIssue } from './types.js';
import { xmlEscape } from './xml-escape.js';

export const env = Handlebars.create();
for (const name of ['each', 'with', 'log', 'lookup']) env.unregisterHelper(name);

/**
 * Internal helper every `{{…}}` output goes through (see wrap-output.ts). It always returns a
 * string, which closes the Handlebars 4.x `noEscape` trap where `{{a}}{{b}}` with a=1, b=2 is
 * compiled to `1 + 2` and renders "3"; it also does the SSML escaping `noEscape` turns off.
 */
export const OUTPUT_HELPER = '__flowc_output';

/** What a flowc helper hands to the output helper: spoken words or deliberate SSML markup. */
export class HelperValue {
  constructor(
    readonly kind: 'text' | 'markup',
    readonly value: string,
  ) {}
}

/** State of the one render in progress (rendering is synchronous and never re-entered). */
export interface RenderState {
  locale: string;
  ssml: boolean;
  issues: TemplateIssue[];
  spanOf(loc: Loc): { offset: number; length: number };
}
let active: RenderState | undefined;

export function runWithState<T>(state: RenderState, run: () => T): T {
  const previous = active;
  active = state;
  try {
    return run();
  } finally {
    active = previous;
  }
}

interface HelperOptionsWithLoc {
  loc?: Loc;
}

function registerFlowcHelper(spec: HelperSpec): void {
  env.registerHelper(spec.name, function flowcHelper(...argsAndOptions: unknown[]): HelperValue {
    const options = argsAndOptions[argsAndOptions.length - 1] as HelperOptionsWithLoc;
    const state = active;
    if (state === undefined) return new HelperValue('text', '');
    const outcome = spec.format(argsAndOptions.slice(0, -1), { locale: state.locale, ssml: state.ssml });
    const at = options.loc === undefined ? { offset: 0, length: 0 } : state.spanOf(options.loc);
    if (outcome.kind === 'problem') {
      state.issues.push({ ...outcome.problem, ...at });
      return new HelperValue('text', '');
    }
    if (outcome.warning !== undefined) state.issues.push({ ...outcome.warning, ...at });
    return new HelperValue(outcome.kind, outcome.value);
  });
}
for (const spec of helperSpecs.values()) registerFlowcHelper(spec);

env.registerHelper(OUTPUT_HELPER, function output(value: unknown): string {
  const ssml = active?.ssml ?? false;
  if (value instanceof HelperValue) {
    return value.kind === 'markup' || !ssml ? value.value : xmlEscape(value.value);
  }
  // Variables reaching here were checked by check-values.ts: text or a finite number.
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return ssml ? xmlEscape(text) : text;
});

const knownHelpersOption: Record<string, boolean> = {
  if: true,
  unless: true,
  each: false,
  with: false,
  log: false,
  lookup: false,
  [OUTPUT_HELPER]: true,
};
for (const name of helperSpecs.keys()) knownHelpersOption[name] = true;

export const compileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: knownHelpersOption,
  // No HTML escaping in plain text; SSML escaping is done by the output helper.
  noEscape: true,
  // No @data variables (@root, @index…): authors address variables by name only.
  data: false,
  preventIndent: true,
} as const;

export type TemplateFunction = (context: unknown) => string;

/** Compiles an AST that came from env.parse() of an author string (only wrapped by wrap-output.ts). */
export function compileProgram(program: Program): TemplateFunction {
  const delegate = env.compile(program, compileOptions);
  return (context) => delegate(context);
}

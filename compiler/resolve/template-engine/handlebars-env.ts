/**
 * flowc's own, isolated Handlebars environment (Handlebars.create()): only flowc's helpers plus the
 * `if`/`unless` blocks; `each`, `with`, `log` and `lookup` are removed. Handlebars' default
 * prototype-access protection stays on (no allowProto* runtime options are ever passed).
 */
import Handlebars from 'handlebars';
import type { Program } from './ast.js';
import { helperSpecs } from './helpers/index.js';
import type { HelperOutcome, HelperSpec } from './helpers/index.js';
import type { TemplateIssue } from './types.js';
import { xmlEscape } from './xml-escape.js';

export const env = Handlebars.create();
for (const name of ['each', 'with', 'log', 'lookup']) env.unregisterHelper(name);

/**
 * Internal helper every `{{…}}` output goes through: `{{__flowc_output value k}}` (skeleton.ts),
 * k indexing the place of the author's `{{…}}`. It always returns a string, which closes the
 * Handlebars 4.x `noEscape` trap where `{{a}}{{b}}` with a=1, b=2 is compiled to `1 + 2` and
 * renders "3"; it also does the SSML escaping `noEscape` turns off, and records helper issues.
 */
export const OUTPUT_HELPER = '__flowc_output';

/** Internal helper returning the text parts of a template: `{{__flowc_text k}}` (skeleton.ts). */
export const TEXT_HELPER = '__flowc_text';

/** What a flowc helper hands to the output helper. */
export class HelperResult {
  constructor(readonly outcome: HelperOutcome) {}
}

/** State of the one render in progress (rendering is synchronous and never re-entered). */
export interface RenderState {
  locale: string;
  ssml: boolean;
  issues: TemplateIssue[];
  /** texts[k]: the text part of `{{__flowc_text k}}`. */
  texts: readonly (string | undefined)[];
  /** Real place of skeleton index k. */
  spanAt(k: number): { offset: number; length: number };
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

function registerFlowcHelper(spec: HelperSpec): void {
  env.registerHelper(spec.name, function flowcHelper(...argsAndOptions: unknown[]): HelperResult {
    const state = active;
    const args = argsAndOptions.slice(0, -1); // the last one is Handlebars' options object
    return new HelperResult(spec.format(args, { locale: state?.locale ?? 'en-US', ssml: state?.ssml ?? false }));
  });
}
for (const spec of helperSpecs.values()) registerFlowcHelper(spec);

env.registerHelper(OUTPUT_HELPER, function output(value: unknown, k: unknown): string {
  const state = active;
  if (state === undefined) return '';
  if (value instanceof HelperResult) {
    const outcome = value.outcome;
    const at = () => state.spanAt(typeof k === 'number' ? k : -1);
    if (outcome.kind === 'problem') {
      state.issues.push({ ...outcome.problem, ...at() });
      return '';
    }
    if (outcome.warning !== undefined) state.issues.push({ ...outcome.warning, ...at() });
    return outcome.kind === 'markup' || !state.ssml ? outcome.value : xmlEscape(outcome.value);
  }
  // Variables reaching here were checked by check-values.ts: text or a finite number.
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return state.ssml ? xmlEscape(text) : text;
});

env.registerHelper(TEXT_HELPER, function text(k: unknown): string {
  return (typeof k === 'number' ? active?.texts[k] : undefined) ?? '';
});

const knownHelpersOption: Record<string, boolean> = {
  if: true,
  unless: true,
  each: false,
  with: false,
  log: false,
  lookup: false,
  [OUTPUT_HELPER]: true,
  [TEXT_HELPER]: true,
};
for (const name of helperSpecs.keys()) knownHelpersOption[name] = true;

export const compileOptions = {
  // Handlebars' strict mode only checks `{{path}}` heads, not helper parameters ({{money missing}}
  // passes undefined), and the skeleton makes every author path a parameter of the output helper.
  // check-values.ts therefore enforces that every variable exists before Handlebars runs.
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

/** Compiles the skeleton (skeleton.ts) of an AST that came from env.parse() of an author string. */
export function compileProgram(program: Program): TemplateFunction {
  const delegate = env.compile(program, compileOptions);
  return (context) => delegate(context);
}

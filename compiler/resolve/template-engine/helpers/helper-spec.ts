/** The contract every flowc template helper implements (pure: no Handlebars, no I/O). */

export interface HelperEnv {
  /** BCP-47 locale of the rendering, e.g. en-US. */
  locale: string;
  /** The template is SSML (starts with <speak>): markup output is allowed. */
  ssml: boolean;
}

export interface HelperProblem {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

/** `text` is spoken words (escaped inside SSML); `markup` is SSML the helper made on purpose. */
export type HelperOutcome =
  | { kind: 'text' | 'markup'; value: string; warning?: HelperProblem }
  | { kind: 'problem'; problem: HelperProblem };

export interface HelperSpec {
  name: string;
  minArgs: number;
  maxArgs: number;
  /** How an author writes it, for messages: `{{money amount}}`. */
  usage: string;
  format(args: readonly unknown[], env: HelperEnv): HelperOutcome;
}

export const problem = (message: string, hint?: string, code = 'template/helper-value'): HelperOutcome => ({
  kind: 'problem',
  problem: hint === undefined ? { code, severity: 'error', message } : { code, severity: 'error', message, hint },
});

/** A value as an author would recognise it in a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? value.slice(0, 40) + '…' : value;
    return value.trim() === '' ? 'an empty text' : `"${shown}"`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'a number that is not finite';
  if (typeof value === 'boolean') return `${value} (a yes/no value)`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date value';
  return 'a group of values';
}

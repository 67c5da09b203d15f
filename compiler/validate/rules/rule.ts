/** The shape of a rule beyond the schema: a named, pure function over the whole NCCO. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { NccoCode } from '../codes.js';
import type { ValidateOptions } from '../validate-options.js';
import { isObject, type JsonObject } from '../values.js';

export interface RuleContext {
  readonly options: ValidateOptions;
  /** Currencies `pay` may use (lower case). */
  readonly currencies: ReadonlySet<string>;
}

export interface NccoRule {
  /** Stable name, used in tests and docs. */
  readonly name: string;
  /** The codes this rule can emit. */
  readonly codes: readonly NccoCode[];
  /** Runs on any input: actions that are not objects, or have the wrong types, are skipped, not trusted. */
  readonly check: (ncco: readonly unknown[], context: RuleContext) => Diagnostic[];
}

export function ruleContext(options: ValidateOptions = {}): RuleContext {
  return { options, currencies: new Set(options.currencies ?? ['usd']) };
}

/** Calls `fn` for each action named `names` (one name, a list, or '*' for every action), with its index. */
export function forEachAction(
  ncco: readonly unknown[],
  names: string | readonly string[],
  fn: (action: JsonObject, index: number) => void,
): void {
  for (let i = 0; i < ncco.length; i++) {
    const item = ncco[i];
    if (!isObject(item) || typeof item.action !== 'string') continue;
    if (names === '*' || (typeof names === 'string' ? item.action === names : names.includes(item.action))) fn(item, i);
  }
}

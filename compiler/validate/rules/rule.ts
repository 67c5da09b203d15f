/**
 * The shape of a rule beyond the schema. Most rules look at one kind of action at a time (`actionRule`); a few
 * look at the order of actions (`sequenceRule`). validateNcco runs them all in one pass over the NCCO
 * (runRules, index.ts); `check` runs one rule on its own, for tests and tools.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { NccoCode } from '../codes.js';
import type { ValidateOptions } from '../validate-options.js';
import { isObject, type JsonObject } from '../values.js';

export interface RuleContext {
  readonly options: ValidateOptions;
  /** Currencies `pay` may use (lower case). */
  readonly currencies: ReadonlySet<string>;
}

/** Adds the findings for one action (`index` is its position in the NCCO, the first pointer segment). */
export type ActionCheck = (action: JsonObject, index: number, context: RuleContext, out: Diagnostic[]) => void;

/** Adds the findings for the whole NCCO. */
export type SequenceCheck = (ncco: readonly unknown[], context: RuleContext, out: Diagnostic[]) => void;

interface RuleBase {
  /** Stable name, used in tests and docs. */
  readonly name: string;
  /** The codes this rule can emit. */
  readonly codes: readonly NccoCode[];
}

export interface ActionRule extends RuleBase {
  readonly kind: 'action';
  /** The action names it looks at ('*': every action). */
  readonly actions: readonly string[] | '*';
  readonly checkAction: ActionCheck;
  /** This rule alone, on a whole NCCO. Rules run on any input: what is not an object with a string `action` is skipped. */
  readonly check: (ncco: readonly unknown[], context: RuleContext) => Diagnostic[];
}

export interface SequenceRule extends RuleBase {
  readonly kind: 'sequence';
  readonly checkSequence: SequenceCheck;
  readonly check: (ncco: readonly unknown[], context: RuleContext) => Diagnostic[];
}

export type NccoRule = ActionRule | SequenceRule;

export function actionRule(def: RuleBase & { actions: readonly string[] | '*'; check: ActionCheck }): ActionRule {
  const { actions, check: checkAction } = def;
  return {
    kind: 'action',
    name: def.name,
    codes: def.codes,
    actions,
    checkAction,
    check(ncco, context) {
      const out: Diagnostic[] = [];
      ncco.forEach((item, index) => {
        if (!isObject(item) || typeof item.action !== 'string') return;
        if (actions === '*' || actions.includes(item.action)) checkAction(item, index, context, out);
      });
      return out;
    },
  };
}

export function sequenceRule(def: RuleBase & { check: SequenceCheck }): SequenceRule {
  const checkSequence = def.check;
  return {
    kind: 'sequence',
    name: def.name,
    codes: def.codes,
    checkSequence,
    check(ncco, context) {
      const out: Diagnostic[] = [];
      checkSequence(ncco, context, out);
      return out;
    },
  };
}

const defaultCurrencies: ReadonlySet<string> = new Set(['usd']);

export function ruleContext(options: ValidateOptions = {}): RuleContext {
  return { options, currencies: options.currencies === undefined ? defaultCurrencies : new Set(options.currencies) };
}

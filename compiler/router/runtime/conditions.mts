/**
 * Conditions of a decision (program.ts, Condition). Missing data makes every comparison false (only
 * `set` and `not` can tell it apart); values of different kinds never compare equal or ordered, so a
 * text that reached a number's place does not take a branch by accident.
 */
import { isOpen } from './hours.mjs';
import type { Condition, DataValue, OpeningHours } from './program.mjs';

export interface ConditionContext {
  get(name: string): DataValue | undefined;
  hours(name: string): OpeningHours | undefined;
  nowMs: number;
}

function compare(a: DataValue, op: '=' | '!=' | '<' | '<=' | '>' | '>=', b: DataValue): boolean {
  if (typeof a !== typeof b) return false;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return typeof a !== 'boolean' && a < b;
    case '<=':
      return typeof a !== 'boolean' && a <= b;
    case '>':
      return typeof a !== 'boolean' && a > b;
    case '>=':
      return typeof a !== 'boolean' && a >= b;
  }
}

/** Whether a condition holds. Unknown opening hours throw: the program is inconsistent (a build bug). */
export function holds(condition: Condition, ctx: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, ctx));
  if ('any' in condition) return condition.any.some((c) => holds(c, ctx));
  if ('not' in condition) return !holds(condition.not, ctx);
  if ('set' in condition) return ctx.get(condition.set) !== undefined;
  if ('hours' in condition) {
    const hours = ctx.hours(condition.hours);
    if (hours === undefined) throw new Error(`flowc router: the program has no opening hours named ${JSON.stringify(condition.hours)}`);
    return isOpen(hours, ctx.nowMs) === condition.open;
  }
  const value = ctx.get(condition.data);
  if (value === undefined) return false;
  if (condition.op === 'in') return condition.values.some((v) => typeof v === typeof value && v === value);
  return compare(value, condition.op, condition.value);
}

/**
 * Type check of a parsed condition against the flow's data and the project's opening hours, and its
 * program form (compiler/router/runtime/program.ts, Condition). Also says whether the condition can never
 * hold or always holds, from the declared bounds, so that branches nobody can take are reported.
 */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { Condition, DataDeclaration, DataType, DataValue } from '../../router/runtime/program.mjs';
import { describeType, isIsoDate, isTime } from '../call-data/data-types.js';
import type { CompareOp, ConditionAst, Span, Word } from './parse-condition.js';
import { setWhen, union } from './parse-condition.js';

export interface ConditionContext {
  declOf(name: string): DataDeclaration | undefined;
  /** Data that is never missing (built-ins, data with a default). */
  alwaysSet(name: string): boolean;
  dataNames: readonly string[];
  /** Names whose declaration has errors of its own (nothing more is said about them). */
  broken(name: string): boolean;
  hours: ReadonlySet<string>;
  /** Opening hours whose declaration has errors; `hoursUnknown`: the whole `hours:` was (none can be checked). */
  brokenHours: ReadonlySet<string>;
  hoursUnknown?: boolean;
  /** Data set on every path to this decision (and by the branches before). */
  setBefore: ReadonlySet<string>;
  /** The decision's step, for messages. */
  step: string;
}

export interface ConditionProblem extends Span {
  code: 'decide/type' | 'decide/never-true' | 'data/unknown-name' | 'hours/unknown' | 'data/maybe-missing';
  message: string;
  hint: string;
  /** The data a data/maybe-missing is about. */
  name?: string;
}

export interface CheckedCondition {
  condition?: Condition;
  /** Holds for every call that gets here (when the data it reads is set). */
  always: boolean;
  /** Holds for no call. */
  never: boolean;
  problems: ConditionProblem[];
}

const ORDERED = new Set(['number', 'money', 'date', 'time']);

/** The literal as a value of the type, or why it is not one. */
export function literalOf(t: DataType, w: Word): { value?: DataValue; why?: string } {
  const text = w.text.trim();
  switch (t.type) {
    case 'money': {
      const m = /^\$?(\d+(?:\.\d{1,2})?)$/.exec(text);
      return m && !w.quoted ? { value: Number(m[1]) } : { why: `"${w.text}" is not an amount in dollars and cents such as 42.50` };
    }
    case 'number': {
      const ok = /^-?\d+(\.\d+)?$/.test(text) && !w.quoted;
      if (!ok) return { why: `"${w.text}" is not a number` };
      if (t.integer && !Number.isInteger(Number(text))) return { why: `"${w.text}" is not a whole number` };
      return { value: Number(text) };
    }
    case 'date':
      if (isIsoDate(text)) return { value: text };
      // 2026-02-30 is written YYYY-MM-DD: what is wrong with it is the day.
      return {
        why: /^\d{4}-\d{2}-\d{2}$/.test(text)
          ? `"${w.text}" is not a day of the calendar (no such day in that month)`
          : `"${w.text}" is not a date written YYYY-MM-DD, such as 2026-12-15`,
      };
    case 'time':
      return isTime(text) ? { value: text } : { why: `"${w.text}" is not a time written HH:MM, such as 18:30` };
    case 'digits':
      return /^\d+$/.test(text) ? { value: text } : { why: `"${w.text}" is not made of digits` };
    case 'boolean':
      if (!w.quoted && (text === 'true' || text === 'false')) return { value: text === 'true' };
      return { why: `"${w.text}" is not true or false` };
    case 'one-of':
      return { value: w.text };
    case 'text':
      return { value: w.text };
  }
}

export function checkCondition(ast: ConditionAst, ctx: ConditionContext): CheckedCondition {
  const problems: ConditionProblem[] = [];
  const problem = (code: ConditionProblem['code'], at: Span, message: string, hint: string) =>
    problems.push({ code, message, hint, offset: at.offset, length: at.length });

  const dataOf = (name: Word, env: ReadonlySet<string>): DataDeclaration | undefined => {
    const decl = ctx.declOf(name.text);
    if (decl === undefined) {
      if (!ctx.broken(name.text)) {
        const suggestion = didYouMean(name.text, [...ctx.dataNames, ...ctx.hours]);
        problem(
          'data/unknown-name',
          name,
          `"${name.text}" is not call data of this flow.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          `Declare it under data:, or use one of: ${ctx.dataNames.join(', ')}.`,
        );
      }
      return undefined;
    }
    if (!ctx.alwaysSet(name.text) && !env.has(name.text)) {
      problem(
        'data/maybe-missing',
        name,
        decl.optional
          ? `"${name.text}" is optional: it may be missing in step "${ctx.step}".`
          : `"${name.text}" is not set on every path to step "${ctx.step}".`,
        `Test it first: "${name.text} is set and …", or give it a default in data:.`,
      );
      problems[problems.length - 1]!.name = name.text;
    }
    return decl;
  };

  const walk = (c: ConditionAst, env: ReadonlySet<string>): { cond?: Condition; always: boolean; never: boolean } => {
    switch (c.kind) {
      case 'and':
      case 'or': {
        const parts: Condition[] = [];
        let scope = env;
        let always = c.kind === 'and';
        let never = c.kind === 'or';
        let ok = true;
        for (const p of c.parts) {
          const r = walk(p, scope);
          const s = setWhen(p);
          scope = union(scope, c.kind === 'and' ? s.whenTrue : s.whenFalse);
          if (r.cond === undefined) ok = false;
          else parts.push(r.cond);
          if (c.kind === 'and') {
            always &&= r.always;
            never ||= r.never;
          } else {
            always ||= r.always;
            never &&= r.never;
          }
        }
        return ok ? { cond: c.kind === 'and' ? { all: parts } : { any: parts }, always, never } : { always: false, never: false };
      }
      case 'not': {
        const r = walk(c.of, env);
        return r.cond === undefined ? { always: false, never: false } : { cond: { not: r.cond }, always: r.never, never: r.always };
      }
      case 'set': {
        const decl = ctx.declOf(c.name.text);
        if (decl === undefined) {
          dataOf(c.name, env);
          return { always: false, never: false };
        }
        const sure = ctx.alwaysSet(c.name.text) || env.has(c.name.text);
        const cond: Condition = c.negated ? { not: { set: c.name.text } } : { set: c.name.text };
        return { cond, always: sure && !c.negated, never: sure && c.negated };
      }
      case 'hours': {
        if (ctx.hours.has(c.name.text)) return { cond: { hours: c.name.text, open: c.open }, always: false, never: false };
        if (ctx.brokenHours.has(c.name.text)) return { always: false, never: false };
        const decl = ctx.declOf(c.name.text);
        if (decl !== undefined) {
          // `service is open` on data: a comparison with the word open/closed.
          const asCompare: ConditionAst = {
            kind: 'compare',
            name: c.name,
            op: c.word.text.toLowerCase() === (c.open ? 'open' : 'closed') ? '=' : '!=',
            value: c.word,
            offset: c.offset,
            length: c.length,
          };
          return walk(asCompare, env);
        }
        if (ctx.broken(c.name.text) || ctx.hoursUnknown) return { always: false, never: false };
        const suggestion = didYouMean(c.name.text, [...ctx.hours, ...ctx.brokenHours]);
        problem(
          'hours/unknown',
          c.name,
          `There are no opening hours named "${c.name.text}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          ctx.hours.size > 0
            ? `Opening hours in flowc.yaml: ${[...ctx.hours].join(', ')}.`
            : 'Declare them in flowc.yaml under hours:, e.g. office: { timeZone: America/New_York, open: { mon-fri: "08:00-18:00" } }.',
        );
        return { always: false, never: false };
      }
      case 'compare':
        return compare(c.name, c.op, [c.value], false, env, c);
      case 'in':
        return compare(c.name, 'in', c.values, c.negated, env, c);
    }
  };

  const compare = (
    name: Word,
    op: CompareOp | 'in',
    words: Word[],
    negated: boolean,
    env: ReadonlySet<string>,
    whole: Span,
  ): { cond?: Condition; always: boolean; never: boolean } => {
    if (ctx.hours.has(name.text) && ctx.declOf(name.text) === undefined) {
      const word = words[0]!;
      const suggestion = op === '=' || op === '!=' ? didYouMean(word.text, ['open', 'closed']) : undefined;
      problem(
        'decide/type',
        op === '=' || op === '!=' ? word : whole,
        `"${name.text}" is opening hours: they are open or closed.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        `Write "${name.text} is open" or "${name.text} is closed".`,
      );
      return { always: false, never: false };
    }
    const decl = dataOf(name, env);
    if (decl === undefined) return { always: false, never: false };
    const before = problems.length;
    const t = decl.type;
    if (op !== '=' && op !== '!=' && op !== 'in' && !ORDERED.has(t.type)) {
      problem(
        'decide/type',
        whole,
        `"${name.text}" is ${describeType(t)}, which has no order: ${op} cannot compare it.`,
        t.type === 'digits' ? 'Compare digits with = or != (or store them as a number).' : 'Use = or != (or "is" / "is not").',
      );
      return { always: false, never: false };
    }
    const values: DataValue[] = [];
    const neverValues: Word[] = [];
    for (const w of words) {
      const lit = literalOf(t, w);
      if (lit.why !== undefined) {
        problem('decide/type', w, `${lit.why}, and "${name.text}" is ${describeType(t)}.`, hintFor(t));
        return { always: false, never: false };
      }
      const v = lit.value!;
      values.push(v);
      if (impossible(t, v)) neverValues.push(w);
    }
    for (const w of neverValues) {
      const suggestion = t.type === 'one-of' ? didYouMean(w.text, t.values) : undefined;
      problem(
        'decide/never-true',
        w,
        `"${name.text}" is ${describeType(t)}, so it is never ${w.text}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        t.type === 'one-of'
          ? `Use one of its values: ${t.values.join(', ')}.`
          : 'Compare with a value it can have, or change its declaration.',
      );
    }
    if (op === 'in') {
      const cond: Condition = { data: name.text, op: 'in', values };
      const covers =
        t.type === 'one-of'
          ? t.values.every((v) => values.includes(v))
          : t.type === 'boolean' && values.includes(true) && values.includes(false);
      const none = neverValues.length === words.length;
      return negated ? { cond: { not: cond }, always: none, never: covers } : { cond, always: covers, never: none };
    }
    const v = values[0]!;
    const cond: Condition = { data: name.text, op, value: v };
    if (neverValues.length > 0) return { cond, always: op === '!=', never: op === '=' };
    const { always, never } = bounds(t, op, v);
    if (never && problems.length === before) {
      problem(
        'decide/never-true',
        whole,
        `"${name.text}" is ${describeType(t)}, so this is never true.`,
        'Compare with a value it can have, or change its declaration.',
      );
    }
    return { cond, always, never };
  };

  const result = walk(ast, ctx.setBefore);
  return { ...(result.cond ? { condition: result.cond } : {}), always: result.always, never: result.never, problems };
}

function hintFor(t: DataType): string {
  switch (t.type) {
    case 'money':
      return 'Write an amount without quotes, e.g. 42.50 or 0.';
    case 'number':
      return 'Write a number without quotes, e.g. 3.';
    case 'date':
      return 'Write a date as YYYY-MM-DD, e.g. 2026-12-15.';
    case 'time':
      return 'Write a time on the 24-hour clock, e.g. 18:30.';
    case 'digits':
      return 'Write digits, e.g. "12345678" (in quotes when there are leading zeros).';
    case 'boolean':
      return 'Write true or false, without quotes.';
    default:
      return 'Write a word, or a text in quotes.';
  }
}

/** A value the type can never have (outside the declared bounds, not one of the values, wrong length). */
function impossible(t: DataType, v: DataValue): boolean {
  switch (t.type) {
    case 'one-of':
      return !t.values.includes(String(v));
    case 'digits':
      return String(v).length < t.minLength || String(v).length > t.maxLength;
    case 'text':
      return t.maxLength !== undefined && String(v).length > t.maxLength;
    default:
      return false;
  }
}

/** Whether `x op v` always / never holds for every x the bounds allow. */
function bounds(t: DataType, op: CompareOp, v: DataValue): { always: boolean; never: boolean } {
  if ((t.type !== 'number' && t.type !== 'money') || typeof v !== 'number') {
    if (t.type === 'one-of' && t.values.length === 1) return { always: op === '=', never: op === '!=' };
    return { always: false, never: false };
  }
  const min = t.min ?? -Infinity;
  const max = t.max ?? Infinity;
  switch (op) {
    case '=':
      return { always: min === v && max === v, never: v < min || v > max };
    case '!=':
      return { always: v < min || v > max, never: min === v && max === v };
    case '<':
      return { always: max < v, never: min >= v };
    case '<=':
      return { always: max <= v, never: min > v };
    case '>':
      return { always: min > v, never: max <= v };
    case '>=':
      return { always: min >= v, never: max < v };
  }
}

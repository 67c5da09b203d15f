/**
 * Call data types (docs/format.md, "Call data"): reading a declaration written in YAML, describing a
 * type in plain words, whether a value of one type always fits another, and literal values of a type.
 */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { DataDeclaration, DataType, DataValue } from '../../router/runtime/program.mjs';

export const dataTypeNames = ['text', 'digits', 'number', 'money', 'date', 'time', 'boolean', 'one-of'] as const;
export type DataTypeName = (typeof dataTypeNames)[number];

/** Keys a declaration may have, per type (besides `type`, `optional`, `default`, `description`). */
const typeOptions: Record<DataTypeName, readonly string[]> = {
  text: ['max'],
  digits: ['length', 'min', 'max'],
  number: ['min', 'max', 'integer'],
  money: ['min', 'max'],
  date: [],
  time: [],
  boolean: [],
  'one-of': ['values'],
};
const commonKeys = ['type', 'optional', 'default', 'description'];

/** Digits data is at most this long (an input takes at most 20 keys; lookups may return longer numbers). */
export const maxDigitsLength = 64;
/** Digits declared without a length. */
export const defaultDigits = { minLength: 1, maxLength: 20 };

export const dataNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface DeclarationProblem {
  code: 'data/unknown-type' | 'data/bad-declaration';
  message: string;
  hint: string;
  /** Pointer below the declaration ('' = the declaration itself). */
  at: string;
  part?: 'key' | 'value';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const decimals = (n: number): number => {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 || /e/i.test(s) ? 0 : s.length - dot - 1;
};

/** A declaration as written (`dueDate: date` or `{ type: digits, length: 8 }`) → its program form, or problems. */
export function readDeclaration(
  name: string,
  raw: unknown,
  options: { allowDefault: boolean },
): { decl?: DataDeclaration; problems: DeclarationProblem[] } {
  const problems: DeclarationProblem[] = [];
  const bad = (message: string, hint: string, at = '', part: 'key' | 'value' = 'value') =>
    problems.push({ code: 'data/bad-declaration', message, hint, at, part });
  const spec: Record<string, unknown> = typeof raw === 'string' ? { type: raw } : isMap(raw) ? raw : {};
  if (typeof raw !== 'string' && !isMap(raw)) {
    bad(
      `"${name}" must be a type such as text or digits, or a map like { type: digits, length: 8 }.`,
      'Write e.g. `dueDate: date` or `account: { type: digits, length: 8 }`.',
    );
    return { problems };
  }
  const typeName = spec.type;
  if (typeof typeName !== 'string' || !(dataTypeNames as readonly string[]).includes(typeName)) {
    const written = typeof typeName === 'string' ? typeName : undefined;
    const suggestion = written === undefined ? undefined : didYouMean(written, dataTypeNames);
    problems.push({
      code: 'data/unknown-type',
      message:
        written === undefined
          ? `"${name}" does not say its type.`
          : `"${written}" is not a type of call data.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      hint: `The types are: ${dataTypeNames.join(', ')}.`,
      at: typeof raw === 'string' ? '' : written === undefined ? '' : '/type',
      ...(written === undefined && typeof raw !== 'string' ? { part: 'key' as const } : {}),
    });
    return { problems };
  }
  const type = typeName as DataTypeName;
  const allowed = [...commonKeys, ...typeOptions[type]];
  for (const key of Object.keys(spec)) {
    if (allowed.includes(key)) continue;
    const otherType = dataTypeNames.find((t) => typeOptions[t].includes(key));
    const suggestion = didYouMean(key, allowed);
    bad(
      `"${key}" does not go with the type ${type}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      otherType
        ? `"${key}" belongs to ${otherType}; ${type} takes ${typeOptions[type].join(', ') || 'no options'}.`
        : `${type} takes ${typeOptions[type].join(', ') || 'no options'}.`,
      `/${key}`,
      'key',
    );
  }
  if (problems.length > 0) return { problems };
  const num = (key: string, opts: { integer?: boolean; min?: number; cents?: boolean }): number | undefined => {
    const v = spec[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      bad(`"${key}" must be a number.`, `Write a number without quotes, e.g. ${key}: ${opts.integer ? 8 : 10}.`, `/${key}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) bad(`"${key}" must be a whole number.`, `e.g. ${key}: ${Math.round(v)}.`, `/${key}`);
    else if (opts.min !== undefined && v < opts.min)
      bad(`"${key}" must be at least ${opts.min}.`, `Write ${key}: ${opts.min} or more.`, `/${key}`);
    else if (opts.cents && decimals(v) > 2)
      bad(
        `"${key}" has more than two decimals; money is in dollars and cents.`,
        `Round it to cents, e.g. ${key}: ${Math.round(v * 100) / 100}.`,
        `/${key}`,
      );
    else return v;
    return undefined;
  };
  const ordered = (min: number | undefined, max: number | undefined, what: string) => {
    if (min !== undefined && max !== undefined && min > max)
      bad(`min (${min}) is more than max (${max}).`, `Swap them, or fix the ${what}.`, '/min');
  };
  let type_: DataType;
  switch (type) {
    case 'text': {
      const max = num('max', { integer: true, min: 1 });
      type_ = { type: 'text', ...(max !== undefined ? { maxLength: max } : {}) };
      break;
    }
    case 'digits': {
      const length = num('length', { integer: true, min: 1 });
      const min = num('min', { integer: true, min: 1 });
      const max = num('max', { integer: true, min: 1 });
      if (length !== undefined && (spec.min !== undefined || spec.max !== undefined)) {
        bad(
          'Give either length, or min and max, not both.',
          'length: 8 means exactly 8 digits; min: 4, max: 6 means 4 to 6 digits.',
          '/length',
          'key',
        );
      }
      for (const [key, v] of [
        ['length', length],
        ['min', min],
        ['max', max],
      ] as const) {
        if (v !== undefined && v > maxDigitsLength)
          bad(`"${key}" is more than ${maxDigitsLength} digits.`, `Digits data has at most ${maxDigitsLength} digits.`, `/${key}`);
      }
      ordered(min, max, 'number of digits');
      const minLength = length ?? min ?? defaultDigits.minLength;
      const maxLength = length ?? max ?? Math.max(defaultDigits.maxLength, minLength);
      type_ = { type: 'digits', minLength, maxLength };
      break;
    }
    case 'number': {
      const integer = spec.integer;
      if (integer !== undefined && typeof integer !== 'boolean')
        bad('"integer" must be true or false.', 'Write integer: true for whole numbers only.', '/integer');
      const min = num('min', { integer: integer === true });
      const max = num('max', { integer: integer === true });
      ordered(min, max, 'bounds');
      type_ = {
        type: 'number',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(integer === true ? { integer: true } : {}),
      };
      break;
    }
    case 'money': {
      const min = num('min', { min: 0, cents: true });
      const max = num('max', { min: 0, cents: true });
      ordered(min, max, 'bounds');
      type_ = { type: 'money', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
      break;
    }
    case 'one-of': {
      const values = spec.values;
      if (!Array.isArray(values) || values.length === 0) {
        bad(
          `one-of needs its values: a list such as values: [gas, electricity].`,
          'Add values: [ ... ] with the words this data can be.',
          Array.isArray(values) ? '/values' : '',
          Array.isArray(values) ? 'value' : 'key',
        );
        return { problems };
      }
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (typeof v !== 'string' || v.trim() === '' || v !== v.trim())
          bad('Each value must be a word or short text.', 'Write words such as gas or electricity.', `/values/${i}`);
        else if (seen.has(v)) bad(`"${v}" is listed twice.`, 'Remove the repeated value.', `/values/${i}`);
        else seen.add(v);
      });
      type_ = { type: 'one-of', values: [...seen] };
      break;
    }
    default:
      type_ = { type };
  }
  const optional = spec.optional;
  if (optional !== undefined && typeof optional !== 'boolean')
    bad('"optional" must be true or false.', 'Write optional: true for data that may be missing.', '/optional');
  let fallback: DataValue | undefined;
  if (spec.default !== undefined) {
    if (!options.allowDefault)
      bad('A lookup field has no default.', 'Remove default:, or give the flow data that stores it a default.', '/default', 'key');
    else {
      const v = valueOfType(type_, spec.default);
      if (v.ok) fallback = v.value;
      else bad(`The default does not fit: ${v.why}.`, `Give a default that is ${describeType(type_)}.`, '/default');
    }
  }
  if (problems.length > 0) return { problems };
  return {
    decl: { type: type_, ...(optional === true ? { optional: true } : {}), ...(fallback !== undefined ? { default: fallback } : {}) },
    problems,
  };
}

/** A type in plain words: "8 digits", "money from $0.01 to $10,000", "one of gas, electricity". */
export function describeType(t: DataType): string {
  switch (t.type) {
    case 'text':
      return t.maxLength !== undefined ? `text of at most ${t.maxLength} characters` : 'text';
    case 'digits':
      return t.minLength === t.maxLength ? `${t.minLength} digits` : `${t.minLength} to ${t.maxLength} digits`;
    case 'number':
      return `${t.integer ? 'a whole number' : 'a number'}${range(t.min, t.max, String)}`;
    case 'money':
      return `money${range(t.min, t.max, (n) => `$${n}`)}`;
    case 'date':
      return 'a date';
    case 'time':
      return 'a time';
    case 'boolean':
      return 'yes/no (true or false)';
    case 'one-of':
      return `one of ${t.values.join(', ')}`;
  }
}

function range(min: number | undefined, max: number | undefined, show: (n: number) => string): string {
  if (min !== undefined && max !== undefined) return ` from ${show(min)} to ${show(max)}`;
  if (min !== undefined) return ` of at least ${show(min)}`;
  if (max !== undefined) return ` of at most ${show(max)}`;
  return '';
}

/** The short name of a type for messages: "money", "8 digits"… */
export const typeName = (t: DataType): string => (t.type === 'one-of' ? 'one-of' : t.type);

const overlap = (a: { min?: number; max?: number }, b: { min?: number; max?: number }): boolean =>
  (a.max === undefined || b.min === undefined || a.max >= b.min) && (b.max === undefined || a.min === undefined || b.max >= a.min);

/**
 * Why no value of `from` can be a value of `to` (a lookup output stored into flow data, flow data passed to a
 * lookup input), or undefined when some can. Values that may not fit are checked by the router when the call
 * runs (a lookup whose output does not fit the data takes `failed`).
 */
export function cannotFit(from: DataType, to: DataType): string | undefined {
  const no = `${describeType(from)} can never be ${describeType(to)}`;
  switch (to.type) {
    case 'text':
      if (from.type === 'text' || from.type === 'one-of') return undefined;
      if (from.type === 'digits') return to.maxLength === undefined || from.minLength <= to.maxLength ? undefined : no;
      return no;
    case 'digits':
      return from.type === 'digits' && overlap({ min: from.minLength, max: from.maxLength }, { min: to.minLength, max: to.maxLength })
        ? undefined
        : no;
    case 'number':
    case 'money':
      if (from.type !== 'number' && from.type !== 'money') return no;
      return overlap(from, to) ? undefined : no;
    case 'one-of':
      if (from.type === 'text') return undefined;
      return from.type === 'one-of' && from.values.some((v) => to.values.includes(v)) ? undefined : no;
    default:
      return from.type === to.type ? undefined : no;
  }
}

/** Two declarations of the same name in two flows mean the same thing (data carried over by a jump). */
export const sameType = (a: DataType, b: DataType): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const canonical = (t: DataType): DataType => (t.type === 'one-of' ? { type: 'one-of', values: [...t.values].sort() } : t);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
export const isTime = (text: string): boolean => TIME.test(text);

/** A value written in YAML (a default) checked against a type. */
export function valueOfType(t: DataType, v: unknown): { ok: true; value: DataValue } | { ok: false; why: string } {
  const fail = (why: string) => ({ ok: false as const, why });
  switch (t.type) {
    case 'text':
      if (typeof v !== 'string') return fail('it is not a text');
      if (t.maxLength !== undefined && v.length > t.maxLength) return fail(`it is longer than ${t.maxLength} characters`);
      return { ok: true, value: v };
    case 'digits': {
      const s = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
      if (typeof s !== 'string' || !/^\d+$/.test(s)) return fail('it is not made of digits');
      if (s.length < t.minLength || s.length > t.maxLength) return fail(`it has ${s.length} digits`);
      return { ok: true, value: s };
    }
    case 'number':
    case 'money': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail('it is not a number');
      if (t.type === 'number' && t.integer && !Number.isInteger(v)) return fail('it is not a whole number');
      if (t.type === 'money' && (v < 0 || decimals(v) > 2)) return fail('it is not an amount in dollars and cents');
      if (t.min !== undefined && v < t.min) return fail(`it is less than ${t.min}`);
      if (t.max !== undefined && v > t.max) return fail(`it is more than ${t.max}`);
      return { ok: true, value: v };
    }
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? { ok: true, value: v } : fail('it is not a date written YYYY-MM-DD');
    case 'time':
      return typeof v === 'string' && isTime(v) ? { ok: true, value: v } : fail('it is not a time written HH:MM');
    case 'boolean':
      return typeof v === 'boolean' ? { ok: true, value: v } : fail('it is not true or false');
    case 'one-of':
      return typeof v === 'string' && t.values.includes(v) ? { ok: true, value: v } : fail(`it is not one of ${t.values.join(', ')}`);
  }
}

/** A value of the type, for checking the parts of a step that do not depend on data (never sent to a caller). */
export function sampleValue(t: DataType): DataValue {
  switch (t.type) {
    case 'text':
      return 'x';
    case 'digits':
      return '1'.repeat(t.minLength);
    case 'number':
      return t.min ?? (t.max !== undefined && t.max < 0 ? t.max : 0);
    case 'money':
      return t.min !== undefined && t.min > 0 ? t.min : t.max !== undefined && t.max < 1 ? t.max : 1;
    case 'date':
      return '2026-01-01';
    case 'time':
      return '12:00';
    case 'boolean':
      return true;
    case 'one-of':
      return t.values[0] ?? 'x';
  }
}

/** The longest a value of the type can be when spoken with a helper (characters), or undefined when unbounded. */
export function spokenMaxLength(t: DataType, helper: string | undefined): number | undefined {
  switch (t.type) {
    case 'text':
      return t.maxLength;
    case 'digits':
      // {{digits x}} puts a space between digits in plain text.
      return helper === 'digits' ? t.maxLength * 2 : t.maxLength;
    case 'number':
    case 'money':
      // "1234567 dollars and 99 cents" in the wordiest language: generous.
      return 64;
    case 'date':
      return 40;
    case 'time':
      return 16;
    case 'boolean':
      return 5;
    case 'one-of':
      return Math.max(...t.values.map((v) => v.length));
  }
}

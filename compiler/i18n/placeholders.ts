/**
 * The `{{…}}` parts of a text that a translation must keep (docs/helpers.md), and what each one stands for, so
 * that a translator knows what will be said there ("42 dollars and 50 cents", "November 21, 2026"…).
 */

import { mustaches } from './mustaches.js';

/** A `{{…}}` as written, without comments (`{{! … }}`) and escaped braces (`\{{`). */
export interface Placeholder {
  /** The text as written, e.g. `{{money balance}}`. */
  text: string;
  /** Whitespace and `~` removed, for comparing a translation with its source. */
  normalized: string;
  /** The helper, when there is one (`money`), or the block keyword (`#if`, `else`, `/if`). */
  helper?: string;
  /** The variable it reads, when there is one (`balance`). */
  variable?: string;
}

const HELPERS = new Set(['money', 'digits', 'date', 'time', 'pause']);

export function placeholdersOf(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of mustaches(text)) {
    if (m.slashes.length % 2 === 1) continue; // \{{ is said literally
    const inner = m.inner.replace(/^~|~$/g, '').trim();
    if (inner.startsWith('!')) continue;
    const words = inner.split(/\s+/).filter(Boolean);
    const normalized = `{{${words.join(' ')}}}`;
    const first = words[0] ?? '';
    const p: Placeholder = { text: text.slice(m.index + m.slashes.length, m.end), normalized };
    if (HELPERS.has(first) || /^[#/]/.test(first) || first === 'else') {
      p.helper = first;
      const arg = words[1];
      if (arg !== undefined && /^[A-Za-z_[]/.test(arg) && arg !== 'if') p.variable = arg.replace(/^\[|\]$/g, '');
    } else if (first !== '') {
      p.variable = first;
    }
    out.push(p);
  }
  return out;
}

/** What a variable holds, as far as the build can tell: its value in `vars:`, or a template parameter's type. */
export type PlaceholderValueType =
  | 'text'
  | 'number'
  | 'amount of money'
  | 'yes/no'
  | 'date'
  | 'time'
  | 'digits'
  | 'one of some words'
  | 'list'
  | 'group of values'
  | 'unknown';

/** Where the names of a text are defined: vars (project and flow), the flow's call data, and template parameters. */
export interface PlaceholderScope {
  vars: Readonly<Record<string, unknown>>;
  params: Readonly<Record<string, { type?: 'string' | 'number' | 'boolean' }>>;
  /** The flow's call data as declared (`data:`: a type, or { type, values, … }), with the built-ins. */
  data?: Readonly<Record<string, unknown>>;
}

/** Call data every call has (docs/format.md, "Call data"). */
export const builtinData: Readonly<Record<string, unknown>> = { caller: 'digits', called: 'digits', callId: 'text' };

/** A call-data type (docs/format.md, "Call data") in a translator's words, with an example of its form. */
function dataType(declared: unknown): { type: PlaceholderValueType; example?: string } {
  const decl = typeof declared === 'string' ? { type: declared } : (declared as { type?: unknown; values?: unknown } | null);
  switch (decl?.type) {
    case 'text':
      return { type: 'text' };
    case 'digits':
      return { type: 'digits', example: '12345678' };
    case 'number':
      return { type: 'number', example: '3' };
    case 'money':
      return { type: 'amount of money', example: '42.5' };
    case 'date':
      return { type: 'date', example: '2026-12-15' };
    case 'time':
      return { type: 'time', example: '14:30' };
    case 'boolean':
      return { type: 'yes/no' };
    case 'one-of': {
      const values = Array.isArray(decl.values) ? decl.values.filter((v): v is string => typeof v === 'string') : [];
      return values.length > 0 ? { type: 'one of some words', example: values.join(', ') } : { type: 'one of some words' };
    }
    default:
      return { type: 'unknown' };
  }
}

/**
 * The type of a placeholder's variable, the one place that knows it: a template parameter's declared type, else
 * the flow's call data (its declaration), else its value in `vars:`.
 */
export function placeholderType(name: string, scope: PlaceholderScope): { type: PlaceholderValueType; example?: string } {
  const root = name.split('.')[0]!;
  if (Object.hasOwn(scope.params, root)) {
    const t = scope.params[root]!.type;
    return { type: t === 'number' ? 'number' : t === 'boolean' ? 'yes/no' : t === 'string' ? 'text' : 'unknown' };
  }
  if (scope.data !== undefined && Object.hasOwn(scope.data, root)) return dataType(scope.data[root]);
  if (!Object.hasOwn(scope.vars, root)) return { type: 'unknown' };
  let value: unknown = scope.vars[root];
  for (const part of name.split('.').slice(1)) {
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value === 'number') return { type: 'number', example: String(value) };
  if (typeof value === 'boolean') return { type: 'yes/no' };
  if (Array.isArray(value)) return { type: 'list' };
  if (value !== null && typeof value === 'object') return { type: 'group of values' };
  if (typeof value !== 'string') return { type: 'unknown' };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { type: 'date', example: value };
  if (/^([01]?\d|2[0-3]):[0-5]\d$/.test(value)) return { type: 'time', example: value };
  if (/^\d[\d -]*$/.test(value)) return { type: 'digits', example: value };
  return { type: 'text', example: value };
}

const helperMeaning: Readonly<Record<string, string>> = {
  money: 'an amount of US dollars, said in words ("42 dollars and 50 cents")',
  digits: 'a number read digit by digit (a phone number in groups)',
  date: 'a date, said as in the language ("November 21, 2026")',
  time: 'a time of day, said as in the language ("2:30 PM")',
  pause: 'a short pause',
};

/** One line for a translator: the placeholder, what it becomes, and the type of what it reads. */
export function describePlaceholder(p: Placeholder, scope: PlaceholderScope): string {
  if (p.helper !== undefined && /^[#/]|^else$/.test(p.helper))
    return `${p.normalized}: part of a condition; keep it around the words it guards`;
  const meaning = p.helper !== undefined ? helperMeaning[p.helper] : undefined;
  const t = p.variable !== undefined ? placeholderType(p.variable, scope) : undefined;
  const of =
    p.variable !== undefined && t !== undefined
      ? `${p.variable}: ${t.type}${t.example !== undefined ? `, e.g. ${JSON.stringify(t.example)}` : ''}`
      : undefined;
  if (meaning !== undefined) return `${p.normalized}: ${meaning}${of !== undefined ? ` (${of})` : ''}`;
  return `${p.normalized}: the value of ${of ?? 'a variable'}`;
}

/** The placeholders `translation` lacks and those it adds, compared with `source` (as multisets). */
export function comparePlaceholders(source: string, translation: string): { missing: string[]; invented: string[] } {
  const count = (text: string) => {
    const m = new Map<string, number>();
    for (const p of placeholdersOf(text)) m.set(p.normalized, (m.get(p.normalized) ?? 0) + 1);
    return m;
  };
  const a = count(source);
  const b = count(translation);
  const missing: string[] = [];
  const invented: string[] = [];
  for (const [k, n] of a) for (let i = b.get(k) ?? 0; i < n; i++) missing.push(k);
  for (const [k, n] of b) for (let i = a.get(k) ?? 0; i < n; i++) invented.push(k);
  return { missing, invented };
}

/**
 * Reading NCCO values the way Vonage does: numbers and booleans may arrive as strings ("45", "true";
 * ncco-constraints.md §1 "Scalar leniency"), so rules look at the value Vonage would use.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number written the way JSON writes numbers, as a whole string ("45", "-0.5", "1e3"). */
const numericString = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The number Vonage reads from a number or a numeric string; undefined otherwise. */
export function lenientNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && numericString.test(v)) return Number(v);
  return undefined;
}

/** The boolean Vonage reads from a boolean or "true"/"false"; undefined otherwise. */
export function lenientBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Own property of a plain object, safe for names like "constructor". */
export const prop = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** The action name of an NCCO item, when it is an object with a string `action`. */
export const actionName = (item: unknown): string | undefined =>
  isObject(item) && typeof item.action === 'string' ? item.action : undefined;

/** Number of decimals in the shortest representation of a number (1e-7 → 7). */
export function decimalPlaces(n: number): number {
  const s = String(n);
  const exp = /e([+-]\d+)$/.exec(s);
  const mantissa = exp ? s.slice(0, exp.index) : s;
  const dot = mantissa.indexOf('.');
  const fraction = dot === -1 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fraction - (exp ? Number(exp[1]) : 0));
}

/** A short JSON-ish rendering of any value for messages; never throws (BigInt, cycles, undefined). */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    const text = JSON.stringify(v);
    return text.length <= 40 ? text : typeof v === 'string' ? 'a long text' : typeof v;
  }
  return typeof v === 'bigint' ? `${v}n` : String(v);
}

/**
 * Call data at run time: whether a value fits its declared type (program.ts, DataType), and the
 * checks an NCCO option needs before it is answered (ValueCheck). Everything that arrives with a call
 * (a lookup's answer, the caller's digits, a sealed state) goes through here; nothing is trusted.
 */
import { BUILTIN_DATA, type BuiltinName, type DataType, type DataValue, type ValueCheck } from './program.mjs';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DIGITS = /^\d*$/;
/** C0 controls other than tab, line feed and carriage return, and lone surrogates: never spoken, invalid in SSML. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const UNSPEAKABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The value of the ASCII digits text[start, end), or −1 if any other character is there. */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

/**
 * Whether the text is a real calendar date written YYYY-MM-DD. Read character by character, not by a pattern and
 * arrays: every date of a state decrypted from another instance is checked again (values.test.ts: the pattern's answers).
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false; // '-'
  const year = digitsValue(text, 0, 4);
  const month = digitsValue(text, 5, 7);
  const day = digitsValue(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!);
}

export const isTime = (text: string): boolean => TIME.test(text);

/** Characters as a caller would count them (code points, not UTF-16 units). */
export function codePoints(text: string): number {
  // As `for (const _ of text)` counts (a surrogate pair is one, a lone surrogate one), without an iterator.
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** A finite number with at most two decimals (whole cents). */
export function isWholeCents(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const cents = Math.round(n * 100);
  // 12.345 * 100 = 1234.4999…: compare against the nearest cent with a tolerance far below a cent.
  return Math.abs(n * 100 - cents) < 1e-6 && Number.isSafeInteger(cents);
}

/** Money as the nearest cent: 1.1 + 2.2 is 3.3000000000000003 in floating point, and must be sent as 3.3. */
export const toCents = (n: number): number => Math.round(n * 100) / 100;

const inRange = (n: number, min: number | undefined, max: number | undefined): boolean =>
  (min === undefined || n >= min) && (max === undefined || n <= max);

/** Why a value does not fit a type ('type' = the wrong kind of value, 'range' = the right kind out of bounds). */
export type Misfit = 'type' | 'range';

/** undefined when the value fits the type, else why not. */
export function misfit(value: unknown, type: DataType): Misfit | undefined {
  switch (type.type) {
    case 'text':
      if (typeof value !== 'string' || UNSPEAKABLE.test(value)) return 'type';
      return type.maxLength !== undefined && codePoints(value) > type.maxLength ? 'range' : undefined;
    case 'digits':
      if (typeof value !== 'string' || !DIGITS.test(value)) return 'type';
      return value.length < type.minLength || value.length > type.maxLength ? 'range' : undefined;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'type';
      if (type.integer === true && !Number.isInteger(value)) return 'type';
      return inRange(value, type.min, type.max) ? undefined : 'range';
    case 'money':
      if (typeof value !== 'number' || !isWholeCents(value)) return 'type';
      return value >= 0 && inRange(value, type.min, type.max) ? undefined : 'range';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? undefined : 'type';
    case 'time':
      return typeof value === 'string' && isTime(value) ? undefined : 'type';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'type';
    case 'one-of':
      if (typeof value !== 'string') return 'type';
      return type.values.includes(value) ? undefined : 'range';
  }
}

export const fits = (value: unknown, type: DataType): value is DataValue => misfit(value, type) === undefined;

/**
 * What the caller typed or said, as a value of the type it is stored in; undefined when it does not
 * fit (too short, too long, out of range, not one of the values).
 */
export function captureValue(
  raw: string,
  from: 'digits' | 'speech',
  type: DataType,
  fold: (text: string) => string[],
): DataValue | undefined {
  const text = raw.trim();
  // Speech gives "1 2 3 4" or "12-34" for digits; the caller meant the digits.
  const digits = from === 'digits' ? text : text.replace(/[\s.-]+/g, '');
  let value: DataValue | undefined;
  switch (type.type) {
    case 'digits':
      value = digits;
      break;
    case 'number':
    case 'money':
      value = /^\d{1,15}$/.test(digits) ? Number(digits) : undefined;
      break;
    case 'one-of': {
      const said = fold(text).join(' ');
      value = type.values.find((v) => fold(v).join(' ') === said);
      break;
    }
    case 'text':
      value = text;
      break;
    case 'boolean':
    case 'date':
    case 'time':
      value = undefined;
      break;
  }
  return value !== undefined && fits(value, type) ? value : undefined;
}

/** Characters that are spoken: tags and comments removed, entities counted as one character (NCCO reference: talk). */
export function spokenLength(text: string, ssml: boolean): number {
  const plain = ssml
    ? withoutDelimited(withoutDelimited(text, '<!--', '-->'), '<', '>').replace(/&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);/g, '_')
    : text;
  return codePoints(plain);
}

/**
 * `text` without every `open`…`close` span, as text.replace(/<!--[\s\S]*?-->/g, '') does, in linear time:
 * that pattern rescans to the end at every unclosed `<!--` or `<` (test/adversarial/redos.test.ts).
 */
function withoutDelimited(text: string, open: string, close: string): string {
  let out = '';
  let from = 0;
  for (let start = text.indexOf(open); start !== -1; start = text.indexOf(open, from)) {
    const end = text.indexOf(close, start + open.length);
    if (end === -1) break;
    out += text.slice(from, start);
    from = end + close.length;
  }
  return out + text.slice(from);
}

/** E.164 digits without '+', 7 to 15 of them, no leading zero (NCCO reference: connect, phone endpoint). */
const E164 = /^[1-9]\d{6,14}$/;

/** Why a filled-in option fails its check ('missing' is handled by the caller), or undefined. */
export function failsCheck(value: unknown, check: ValueCheck): 'type' | 'range' | 'length' | undefined {
  switch (check.kind) {
    case 'pay-amount':
      // Payments over the Phone: amount > 0 with at most two decimals.
      if (typeof value !== 'number' || !isWholeCents(value)) return 'type';
      return value > 0 && inRange(value, check.min, check.max) ? undefined : 'range';
    case 'text':
      if (typeof value !== 'string') return 'type';
      return spokenLength(value, check.ssml) > check.maxLength ? 'length' : undefined;
    case 'phone-number':
      return typeof value === 'string' && E164.test(value) ? undefined : 'type';
    case 'string':
      if (typeof value !== 'string') return 'type';
      return codePoints(value) > check.maxLength ? 'length' : undefined;
  }
}

/** Whether the text is ASCII digits only (and not empty). */
function isDigitsOnly(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A number as a person may write it ('+1 (555) 123-4567') as its digits; any other text as it is. */
const digitsOnly = (text: string): string =>
  // Most numbers come as digits already (Vonage's E.164 without '+'): neither pattern needed.
  isDigitsOnly(text) ? text : /^\+?[\d\s().-]+$/.test(text) ? text.replace(/\D/g, '') : text;

/**
 * The built-ins a webhook can tell: who called, the number called, the call's uuid. Here (not in engine.mts) so that
 * state.mts can tell them to a state it decrypts, as the engine would (engine.mts, tellBuiltins).
 */
export function builtinsFrom(payload: { readonly [field: string]: unknown }): Partial<Record<BuiltinName, DataValue>> {
  const out: Partial<Record<BuiltinName, DataValue>> = {};
  const from = payload['from'];
  const to = payload['to'];
  const uuid = payload['uuid'];
  const caller = digitsOnly(typeof from === 'string' ? from : '');
  const called = digitsOnly(typeof to === 'string' ? to : '');
  const callId = typeof uuid === 'string' ? uuid : '';
  if (misfit(caller, BUILTIN_DATA.caller.type) === undefined) out.caller = caller;
  if (misfit(called, BUILTIN_DATA.called.type) === undefined) out.called = called;
  if (callId !== '' && misfit(callId, BUILTIN_DATA.callId.type) === undefined) out.callId = callId;
  return out;
}

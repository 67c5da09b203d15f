/**
 * `{{digits value}}` — read a number digit by digit (account numbers, codes, phone numbers).
 * SSML: <say-as interpret-as="digits">; plain text: digits separated by spaces, which TTS reads one by one.
 * A 10-digit number (and, where the North American numbering plan is used, 11 digits starting with 1) is a
 * phone number: it is read in the groups people of that locale use, with a short pause (a comma) between
 * groups. The build's `{{digits}}` (compiler/resolve/template-engine/helpers/digits.ts) calls these functions.
 */
import type { RuntimeHelper } from '../render.mjs';

/** Digits only; spaces or hyphens between groups ("555-0100", "1234 5678") are allowed and dropped. */
const DIGIT_GROUPS = /^\d+(?:[ -]\d+)*$/;

export function digitsOf(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return DIGIT_GROUPS.test(text) ? text.replace(/[ -]/g, '') : undefined;
  }
  return undefined;
}

/** A group of a phone number: read digit by digit ("5 5 5"), or as a two-digit number ("23": vingt-trois). */
export interface DigitGroup {
  digits: string;
  read: 'digits' | 'number';
}

/** Regions of the North American numbering plan (+1): (NPA) NXX-XXXX, said "8 0 0, 5 5 5, 0 1 4 2". */
const nanpRegions = new Set([
  'US',
  'CA',
  'PR',
  'VI',
  'GU',
  'AS',
  'MP',
  'AG',
  'AI',
  'BB',
  'BM',
  'BS',
  'DM',
  'DO',
  'GD',
  'JM',
  'KN',
  'KY',
  'LC',
  'MS',
  'SX',
  'TC',
  'TT',
  'VC',
  'VG',
]);

function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).region;
  } catch {
    return undefined;
  }
}

const split = (digits: string, sizes: readonly number[]): string[] => {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out;
};
const byDigit = (groups: string[]): DigitGroup[] => groups.map((digits) => ({ digits, read: 'digits' }));

/**
 * The groups a phone number is read in, in a locale; undefined when the value is not phone-number-shaped
 * (not 10 digits, or 11 digits starting with 1 in a +1 region), which is then read digit by digit at once.
 * - +1 regions (en-US, es-US, fr-CA, …): 3-3-4, and 1-3-3-4 with the country code;
 * - France: five pairs, each said as a number ("01 23 45" → zéro un, vingt-trois, quarante-cinq);
 * - Brazil: 2-4-4 (area code, then the number in two halves);
 * - elsewhere: 3-3-4, the grouping most 10-digit national numbers are written in.
 */
export function phoneGroups(digits: string, locale: string): DigitGroup[] | undefined {
  const region = regionOf(locale);
  const nanp = region !== undefined && nanpRegions.has(region);
  if (digits.length === 11 && nanp && digits.startsWith('1')) return byDigit(split(digits, [1, 3, 3, 4]));
  if (digits.length !== 10) return undefined;
  if (nanp) return byDigit(split(digits, [3, 3, 4]));
  if (region === 'FR') {
    // A pair starting with 0 is said digit by digit ("zéro un"), the others as numbers.
    return split(digits, [2, 2, 2, 2, 2]).map((d) => ({ digits: d, read: d.startsWith('0') ? 'digits' : 'number' }));
  }
  if (region === 'BR') return byDigit(split(digits, [2, 4, 4]));
  return byDigit(split(digits, [3, 3, 4]));
}

/** Plain text: digits apart so every voice reads them one by one, groups apart with a comma pause. */
export function digitsAsText(digits: string, locale: string): string {
  const groups = phoneGroups(digits, locale) ?? [{ digits, read: 'digits' }];
  return groups.map((g) => (g.read === 'digits' ? g.digits.split('').join(' ') : g.digits)).join(', ');
}

/** SSML: each digit-by-digit group in a say-as, groups apart with a comma pause. */
export function digitsAsSsml(digits: string, locale: string): string {
  const groups = phoneGroups(digits, locale) ?? [{ digits, read: 'digits' }];
  return groups.map((g) => (g.read === 'digits' ? `<say-as interpret-as="digits">${g.digits}</say-as>` : g.digits)).join(', ');
}

export const digits: RuntimeHelper = (value, _args, env) => {
  const d = digitsOf(value);
  if (d === undefined) return undefined;
  return env.ssml ? { kind: 'markup', value: digitsAsSsml(d, env.locale) } : { kind: 'text', value: digitsAsText(d, env.locale) };
};

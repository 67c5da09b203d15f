/**
 * `{{money amount}}` — a USD amount in words TTS reads well ("42 dollars and 50 cents"). Numbers stay
 * digits without grouping separators: every TTS voice reads "1234" correctly, while "1,234" / "1.234"
 * mean different things per language. The same code renders at build time and in the router.
 */
import type { RuntimeHelper } from '../render.mjs';
import { resolveLocale } from './locale.mjs';

interface MoneyWords {
  dollar: { one: string; other: string };
  cent: { one: string; other: string };
  /** Joins the dollar part and the cent part. */
  and: string;
}

/** Languages with their own wording; any other language is spoken with the English words. */
export const moneyWords: Readonly<Record<string, MoneyWords>> = {
  en: { dollar: { one: 'dollar', other: 'dollars' }, cent: { one: 'cent', other: 'cents' }, and: 'and' },
  es: { dollar: { one: 'dólar', other: 'dólares' }, cent: { one: 'centavo', other: 'centavos' }, and: 'con' },
  fr: { dollar: { one: 'dollar', other: 'dollars' }, cent: { one: 'cent', other: 'cents' }, and: 'et' },
  // German counts currency units in the singular: "42 Dollar und 50 Cent".
  de: { dollar: { one: 'Dollar', other: 'Dollar' }, cent: { one: 'Cent', other: 'Cent' }, and: 'und' },
  pt: { dollar: { one: 'dólar', other: 'dólares' }, cent: { one: 'centavo', other: 'centavos' }, and: 'e' },
  it: { dollar: { one: 'dollaro', other: 'dollari' }, cent: { one: 'centesimo', other: 'centesimi' }, and: 'e' },
};

export interface Amount {
  /** Whole dollars as digits, without leading zeros ("0" for none). */
  dollars: string;
  cents: number;
}

const AMOUNT = /^(\d+)(?:\.(\d{1,2}))?$/;

/** A finite, non-negative amount with at most 2 decimals, from a number or a numeric text. */
export function parseAmount(value: unknown): Amount | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    text = String(value); // shortest round-trip form: 42.5 → "42.5"; 1e21 → "1e+21" (rejected below)
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const m = AMOUNT.exec(text);
  if (m === null) return undefined;
  const dollars = m[1]!.replace(/^0+(?=\d)/, '');
  const cents = m[2] === undefined ? 0 : Number(m[2].padEnd(2, '0'));
  return { dollars, cents };
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralOf(tag: string, n: number): 'one' | 'other' {
  let rules = pluralRules.get(tag);
  if (rules === undefined) {
    rules = new Intl.PluralRules(tag);
    pluralRules.set(tag, rules);
  }
  return rules.select(n) === 'one' ? 'one' : 'other';
}

/** The words for an amount in a language tag ICU knows (see resolveLocale). */
export function amountInWords(amount: Amount, tag: string, language: string): string {
  const known = moneyWords[language];
  const words = known ?? moneyWords['en']!;
  const rulesTag = known === undefined ? 'en' : tag;
  const dollars = `${amount.dollars} ${words.dollar[pluralOf(rulesTag, Number(amount.dollars))]}`;
  const cents = `${amount.cents} ${words.cent[pluralOf(rulesTag, amount.cents)]}`;
  if (amount.cents === 0) return dollars;
  if (amount.dollars === '0') return cents;
  return `${dollars} ${words.and} ${cents}`;
}

export const money: RuntimeHelper = (value, _args, env) => {
  const amount = parseAmount(value);
  const locale = resolveLocale(env.locale);
  return amount === undefined || locale === undefined
    ? undefined
    : { kind: 'text', value: amountInWords(amount, locale.tag, locale.language) };
};

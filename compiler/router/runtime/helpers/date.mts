/**
 * `{{date value}}` — a spoken date via Intl.DateTimeFormat in UTC, so the output depends only on the
 * locale (never on the machine's time zone or default locale).
 */
import type { RuntimeHelper } from '../render.mjs';
import { formatter, plainSpaces } from './intl.mjs';
import { resolveLocale } from './locale.mjs';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (UTC midnight) from "YYYY-MM-DD" or a valid Date; undefined otherwise. */
export function dateOf(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const m = ISO_DATE.exec(value.trim());
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0-99 to 1900-1999
  // Rejects 2026-02-30 and friends, which Date would silently roll over.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : undefined;
}

export function formatDate(date: Date, tag: string): string {
  const f = formatter(
    `date:${tag}`,
    () => new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  );
  return plainSpaces(f.format(date));
}

export const date: RuntimeHelper = (value, _args, env) => {
  const d = dateOf(value);
  const locale = resolveLocale(env.locale);
  return d === undefined || locale === undefined ? undefined : { kind: 'text', value: formatDate(d, locale.tag) };
};

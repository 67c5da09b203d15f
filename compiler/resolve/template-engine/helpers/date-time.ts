/**
 * `{{date value}}` / `{{time value}}` — spoken dates and times via Intl.DateTimeFormat in UTC, so the
 * output depends only on the locale (never on the machine's time zone or default locale).
 */
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';
import { LOCALE_HINT, localeProblemMessage, resolveLocale } from './locale.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

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

/** Minutes since midnight from "H:MM" / "HH:MM" (24-hour clock). */
export function timeOf(value: unknown): { hours: number; minutes: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIME.exec(value.trim());
  return m === null ? undefined : { hours: Number(m[1]), minutes: Number(m[2]) };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (f === undefined) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

/** ICU puts no-break spaces in dates/times ("2:30 PM" uses U+202F); TTS wants plain spaces. */
const plainSpaces = (s: string): string => s.replace(/[\u00a0\u2007\u202f]/g, ' ');

export function formatDate(date: Date, tag: string): string {
  const f = formatter(
    `date:${tag}`,
    () => new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  );
  return plainSpaces(f.format(date));
}

/** English speaks a 12-hour clock ("2:30 PM"); the other languages a 24-hour clock ("14:30"). */
export function formatTime(time: { hours: number; minutes: number }, tag: string, language: string): string {
  const hourCycle = language === 'en' ? 'h12' : 'h23';
  const f = formatter(
    `time:${tag}`,
    () => new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit', hourCycle, timeZone: 'UTC' }),
  );
  return plainSpaces(f.format(new Date(Date.UTC(2000, 0, 1, time.hours, time.minutes))));
}

export const date: HelperSpec = {
  name: 'date',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{date value}}',
  format(args, env): HelperOutcome {
    const d = dateOf(args[0]);
    if (d === undefined) {
      return problem(
        `date needs a date written year-month-day like 2026-11-21, but got ${describeValue(args[0])}.`,
        'Write the date as YYYY-MM-DD (a real calendar day), e.g. "2026-11-21".',
      );
    }
    const locale = resolveLocale(env.locale);
    if (locale === undefined) return problem(localeProblemMessage(env.locale), LOCALE_HINT, 'template/locale');
    return { kind: 'text', value: formatDate(d, locale.tag) };
  },
};

export const time: HelperSpec = {
  name: 'time',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{time value}}',
  format(args, env): HelperOutcome {
    const t = timeOf(args[0]);
    if (t === undefined) {
      return problem(
        `time needs a time on the 24-hour clock like 14:30, but got ${describeValue(args[0])}.`,
        'Write the time as HH:MM in quotes, e.g. "14:30" or "09:05".',
      );
    }
    const locale = resolveLocale(env.locale);
    if (locale === undefined) return problem(localeProblemMessage(env.locale), LOCALE_HINT, 'template/locale');
    return { kind: 'text', value: formatTime(t, locale.tag, locale.language) };
  },
};

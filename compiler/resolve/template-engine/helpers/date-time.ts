/**
 * `{{date value}}` / `{{time value}}` — spoken dates and times via Intl.DateTimeFormat in UTC, so the
 * output depends only on the locale (never on the machine's time zone or default locale), with the
 * corrections native speakers expect where ICU's written form is not what a voice should say:
 * the first of the month as an ordinal in French, Portuguese and Italian, Canadian French hours without
 * ":00", and US Spanish on the 12-hour clock with the part of the day ("6:30 de la tarde").
 * formatDate/formatTime are pure and shared with the router runtime.
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

/**
 * How the first day of a month is written so that the voice says the ordinal: French "1er novembre"
 * (premier), Portuguese "1º de março" (primeiro), Italian "1º gennaio" (primo). ICU writes "1", which
 * the voices read as the cardinal ("un novembre"). Other days stay cardinal in these languages.
 */
export const firstOfMonth: Readonly<Record<string, string>> = { fr: '1er', pt: '1º', it: '1º' };

const languageOf = (tag: string): string => tag.split('-')[0]!.toLowerCase();

export function formatDate(date: Date, tag: string): string {
  const f = formatter(
    `date:${tag}`,
    () => new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  );
  const first = date.getUTCDate() === 1 ? firstOfMonth[languageOf(tag)] : undefined;
  if (first === undefined) return plainSpaces(f.format(date));
  return plainSpaces(
    f
      .formatToParts(date)
      .map((p) => (p.type === 'day' ? first : p.value))
      .join(''),
  );
}

/**
 * The part of the day US Spanish speakers name after a 12-hour time: "de la madrugada" (1–5 h),
 * "de la mañana" (6–11 h), "del mediodía" (12 h), "de la tarde" (13–18 h), "de la noche" (19–0 h).
 */
export function spanishDayPeriod(hours: number): string {
  if (hours >= 1 && hours <= 5) return 'de la madrugada';
  if (hours >= 6 && hours <= 11) return 'de la mañana';
  if (hours === 12) return 'del mediodía';
  if (hours >= 13 && hours <= 18) return 'de la tarde';
  return 'de la noche';
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * English speaks a 12-hour clock ("2:30 PM"); Canadian French "14 h 30", and "21 h" on the hour;
 * US Spanish a 12-hour clock with the part of the day ("2:30 de la tarde", "9 de la noche");
 * the other languages a 24-hour clock ("14:30").
 */
export function formatTime(time: { hours: number; minutes: number }, tag: string, language: string): string {
  if (tag === 'fr-CA') return time.minutes === 0 ? `${time.hours} h` : `${time.hours} h ${twoDigits(time.minutes)}`;
  if (tag === 'es-US') {
    const h12 = time.hours % 12 === 0 ? 12 : time.hours % 12;
    const clock = time.minutes === 0 ? String(h12) : `${h12}:${twoDigits(time.minutes)}`;
    return `${clock} ${spanishDayPeriod(time.hours)}`;
  }
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

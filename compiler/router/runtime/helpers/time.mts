/**
 * `{{time value}}` — a spoken time of day on the clock the locale's speakers use: English "2:30 PM",
 * Canadian French "14 h 30" and "21 h" on the hour, US Spanish "2:30 de la tarde", others "14:30".
 * The build's `{{time}}` (compiler/resolve/template-engine/helpers/date-time.ts) calls these functions.
 */
import type { RuntimeHelper } from '../render.mjs';
import { formatter, plainSpaces } from './intl.mjs';
import { resolveLocale } from './locale.mjs';

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Hours and minutes from "H:MM" / "HH:MM" (24-hour clock). */
export function timeOf(value: unknown): { hours: number; minutes: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIME.exec(value.trim());
  return m === null ? undefined : { hours: Number(m[1]), minutes: Number(m[2]) };
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

export const time: RuntimeHelper = (value, _args, env) => {
  const t = timeOf(value);
  const locale = resolveLocale(env.locale);
  return t === undefined || locale === undefined ? undefined : { kind: 'text', value: formatTime(t, locale.tag, locale.language) };
};

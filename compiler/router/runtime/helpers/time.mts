/** `{{time value}}` — a spoken time of day on the clock the locale's speakers use. */
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

/** English speaks a 12-hour clock ("2:30 PM"); the other languages a 24-hour clock ("14:30"). */
export function formatTime(time: { hours: number; minutes: number }, tag: string, language: string): string {
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

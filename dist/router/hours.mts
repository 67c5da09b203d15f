/**
 * Opening hours (program.ts, OpeningHours) at an instant: the wall-clock time in the hours' IANA time
 * zone comes from Intl, which knows every daylight-saving change, so "09:00–17:00 in New York" is
 * right in March and in November alike. A range whose end is not after its start runs past midnight.
 */
import type { OpeningHours } from './program.mjs';

type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const DAYS: readonly Day[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  day: Day;
  /** Minutes since midnight. */
  minutes: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The date and time on a wall clock in `timeZone` at `ms` (throws RangeError for an unknown zone). */
export function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatFor(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
  // The weekday of a calendar date does not depend on the zone: compute it in UTC.
  const day = DAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? 'sun';
  const hour = Number(parts['hour']) % 24;
  return { date, day, minutes: hour * 60 + Number(parts['minute']) };
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** The calendar day before a YYYY-MM-DD date. */
function previousDate(date: string): { date: string; day: Day } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return { date: d.toISOString().slice(0, 10), day: DAYS[d.getUTCDay()] ?? 'sun' };
}

/** Whether the hours are open at `ms`. Closed days close the ranges that start on them. */
export function isOpen(hours: OpeningHours, ms: number): boolean {
  const now = wallClock(ms, hours.timeZone);
  const closed = new Set(hours.closed);
  if (!closed.has(now.date)) {
    for (const range of hours.weekly[now.day] ?? []) {
      const from = minutesOf(range.from);
      const to = minutesOf(range.to);
      if (to > from ? now.minutes >= from && now.minutes < to : now.minutes >= from) return true;
    }
  }
  // Yesterday's ranges that run past midnight.
  const yesterday = previousDate(now.date);
  if (closed.has(yesterday.date)) return false;
  for (const range of hours.weekly[yesterday.day] ?? []) {
    const from = minutesOf(range.from);
    const to = minutesOf(range.to);
    if (to <= from && now.minutes < to) return true;
  }
  return false;
}

/**
 * Times and durations in scenarios: `at: 2026-03-02T10:00` is a wall-clock time in a time zone (the
 * opening hours' own, so "at 19:00" means 19:00 where the office is), or an instant with `Z` or an
 * offset; `wait: 2h`, `after: 500ms`.
 */
import { wallClock } from '../../router/runtime/hours.mjs';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/** Milliseconds since the epoch, or undefined when the text is not a date and time (or the zone is unknown). */
export function parseLocalTime(text: string, timeZone: string): number | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(asUtc).getUTCDate() !== d) return undefined;
  const zone = m[7];
  if (zone === 'Z') return asUtc;
  if (zone !== undefined) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    return asUtc - sign * (oh * 60 + om) * 60_000;
  }
  try {
    // The instant whose wall clock in the zone reads y-mo-d h:mi: correct the guess by the zone's offset, twice (DST edges).
    let guess = asUtc;
    for (let i = 0; i < 2; i++) {
      const wall = wallClock(guess, timeZone);
      const [wy, wm, wd] = wall.date.split('-').map(Number) as [number, number, number];
      const wallMs = Date.UTC(wy, wm - 1, wd, Math.floor(wall.minutes / 60), wall.minutes % 60, s);
      guess += asUtc - wallMs;
    }
    return guess;
  } catch {
    return undefined;
  }
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `2h`, `90s`, `500ms`, `5m`, or a number of seconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)$/.exec(value.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNITS[m[2]!]!);
}

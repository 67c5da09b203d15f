/**
 * `{{pause}}` / `{{pause ms}}` — a silence. SSML: <break time="…ms"/>. Plain text cannot say how long to
 * pause; a comma is the short pause the NCCO reference documents for talk.text ("A single comma in text
 * adds a short pause … To add a longer pause a break tag needs to be used in SSML").
 */
import type { RuntimeHelper } from '../render.mjs';

export const PAUSE_DEFAULT_MS = 500;
export const PAUSE_MIN_MS = 100;
export const PAUSE_MAX_MS = 10_000;
export const PLAIN_TEXT_PAUSE = ', ';

export function pauseMsOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= PAUSE_MIN_MS && n <= PAUSE_MAX_MS ? n : undefined;
}

/** In the router, the value is the length in milliseconds (call data). */
export const pause: RuntimeHelper = (value, _args, env) => {
  const ms = pauseMsOf(value);
  if (ms === undefined) return undefined;
  return env.ssml ? { kind: 'markup', value: `<break time="${ms}ms"/>` } : { kind: 'text', value: PLAIN_TEXT_PAUSE };
};

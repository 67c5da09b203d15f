/**
 * `{{pause}}` / `{{pause ms}}` — a silence. SSML: <break time="…ms"/>. Plain text cannot say how long to
 * pause; a comma is the short pause the NCCO reference documents for talk.text ("A single comma in text
 * adds a short pause … To add a longer pause a break tag needs to be used in SSML"). Where the text already
 * pauses (after a full stop, a comma, a question mark…) or at the very start or end, a plain-text pause adds
 * nothing: a comma there would be read as "PM., You". The helper therefore leaves a mark and
 * joinPlainPauses() decides once the whole text is known. The build's `{{pause}}`
 * (compiler/resolve/template-engine/helpers/pause.ts) uses these.
 */
import { PLAIN_PAUSE_MARK, type RuntimeHelper } from '../render.mjs';

export const PAUSE_DEFAULT_MS = 500;
export const PAUSE_MIN_MS = 100;
export const PAUSE_MAX_MS = 10_000;
export { joinPlainPauses, PLAIN_PAUSE_MARK, PLAIN_TEXT_PAUSE } from '../render.mjs';

export function pauseMsOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= PAUSE_MIN_MS && n <= PAUSE_MAX_MS ? n : undefined;
}

/** In the router, the value is the length in milliseconds (call data); plain text gets the mark, joined by the renderer. */
export const pause: RuntimeHelper = (value, _args, env) => {
  const ms = pauseMsOf(value);
  if (ms === undefined) return undefined;
  return env.ssml ? { kind: 'markup', value: `<break time="${ms}ms"/>` } : { kind: 'text', value: PLAIN_PAUSE_MARK };
};

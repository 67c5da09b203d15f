/**
 * `{{pause}}` / `{{pause ms}}` — a silence. SSML: <break time="…ms"/>. Plain text cannot say how
 * long to pause; a comma is the short pause the NCCO reference documents for talk.text
 * ("A single comma in text adds a short pause … To add a longer pause a break tag needs to be used in SSML").
 * Where the text already pauses (after a full stop, a comma, a question mark…) or at the very start or end,
 * a plain-text pause adds nothing: a comma there would be read as "PM., You". The helper therefore leaves
 * a mark and joinPlainPauses() decides once the whole text is known (pure; shared with the router runtime).
 */
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';

export const PAUSE_DEFAULT_MS = 500;
export const PAUSE_MIN_MS = 100;
export const PAUSE_MAX_MS = 10_000;
/** From this length on, a plain-text comma is noticeably shorter than asked: warn. */
export const PAUSE_PLAIN_TEXT_WARN_MS = 1_000;
export const PLAIN_TEXT_PAUSE = ', ';
/** Left in plain text by the helper, replaced by joinPlainPauses() (a private-use character). */
export const PLAIN_PAUSE_MARK = '\uE000';

/** Punctuation after which the voice already pauses (followed by closing quotes or brackets). */
const CLOSERS = `"'»”’)]`;
const PUNCTUATION = '.,;:!?…';
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/**
 * Replaces each run of pause marks (with the spaces around it) by what plain text can say: a comma and a
 * space between two words ("Hello, welcome"), a single space after punctuation ("PM. You"), nothing at the
 * start or end of the text.
 */
export function joinPlainPauses(text: string): string {
  if (!text.includes(PLAIN_PAUSE_MARK)) return text;
  // Runs as /\s*\uE000(?:\s*\uE000)*\s*/gu finds them, by index: that pattern, and testing the whole text
  // before each run, were polynomial (test/adversarial/redos.test.ts).
  let firstWord = 0;
  while (firstWord < text.length && isSpace(text[firstWord])) firstWord++;
  let lastWord = text.length;
  while (lastWord > 0 && isSpace(text[lastWord - 1])) lastWord--;
  let out = '';
  let from = 0;
  for (let mark = text.indexOf(PLAIN_PAUSE_MARK); mark !== -1; mark = text.indexOf(PLAIN_PAUSE_MARK, from)) {
    let start = mark;
    while (start > from && isSpace(text[start - 1])) start--;
    let end = mark + 1;
    for (;;) {
      let k = end;
      while (k < text.length && isSpace(text[k])) k++;
      if (text[k] === PLAIN_PAUSE_MARK) end = k + 1;
      else {
        end = k;
        break;
      }
    }
    // Nothing but spaces before or after: at the start or end of the text.
    let said = '';
    if (start > firstWord && end < lastWord) {
      let k = start;
      while (k > 0 && CLOSERS.includes(text[k - 1]!)) k--;
      said = k > 0 && PUNCTUATION.includes(text[k - 1]!) ? ' ' : PLAIN_TEXT_PAUSE;
    }
    out += text.slice(from, start) + said;
    from = end;
  }
  return out + text.slice(from);
}

export function pauseMsOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= PAUSE_MIN_MS && n <= PAUSE_MAX_MS ? n : undefined;
}

export const pause: HelperSpec = {
  name: 'pause',
  minArgs: 0,
  maxArgs: 1,
  usage: '{{pause}} or {{pause 1500}}',
  format(args, env): HelperOutcome {
    const ms = args.length === 0 ? PAUSE_DEFAULT_MS : pauseMsOf(args[0]);
    if (ms === undefined) {
      return problem(
        `pause needs a length in milliseconds from ${PAUSE_MIN_MS} to ${PAUSE_MAX_MS}, but got ${describeValue(args[0])}.`,
        'Write a whole number of milliseconds, e.g. {{pause 1500}} for a second and a half, or {{pause}} for half a second.',
      );
    }
    if (env.ssml) return { kind: 'markup', value: `<break time="${ms}ms"/>` };
    if (ms < PAUSE_PLAIN_TEXT_WARN_MS) return { kind: 'text', value: PLAIN_PAUSE_MARK };
    return {
      kind: 'text',
      value: PLAIN_PAUSE_MARK,
      warning: {
        code: 'template/pause-plain-text',
        severity: 'warning',
        message: `In plain text a pause is only a short comma pause, not ${ms} ms.`,
        hint: 'Start the text with <speak> and end it with </speak> to get a pause of exactly that length.',
      },
    };
  },
};

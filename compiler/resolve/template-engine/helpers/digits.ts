/**
 * `{{digits value}}` — read a number digit by digit (account numbers, codes, phone numbers).
 * SSML: <say-as interpret-as="digits">; plain text: digits separated by spaces, which TTS reads one by one.
 */
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';

/** Digits only; spaces or hyphens between groups ("555-0100", "1234 5678") are allowed and dropped. */
const DIGIT_GROUPS = /^\d+(?:[ -]\d+)*$/;

export function digitsOf(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return DIGIT_GROUPS.test(text) ? text.replace(/[ -]/g, '') : undefined;
  }
  return undefined;
}

export const digits: HelperSpec = {
  name: 'digits',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{digits value}}',
  format(args, env): HelperOutcome {
    const d = digitsOf(args[0]);
    if (d === undefined) {
      return problem(
        `digits needs a whole number or a text made of digits, but got ${describeValue(args[0])}.`,
        'Use digits 0-9 only (spaces or hyphens between groups are fine); write long numbers or numbers with leading zeros in quotes, e.g. "0042".',
      );
    }
    return env.ssml
      ? { kind: 'markup', value: `<say-as interpret-as="digits">${d}</say-as>` }
      : { kind: 'text', value: d.split('').join(' ') };
  },
};

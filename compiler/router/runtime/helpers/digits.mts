/**
 * `{{digits value}}` — read a number digit by digit (account numbers, codes, phone numbers).
 * SSML: <say-as interpret-as="digits">; plain text: digits separated by spaces, which TTS reads one by one.
 */
import type { RuntimeHelper } from '../render.mjs';

/** Digits only; spaces or hyphens between groups ("555-0100", "1234 5678") are allowed and dropped. */
const DIGIT_GROUPS = /^\d+(?:[ -]\d+)*$/;

export function digitString(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return DIGIT_GROUPS.test(text) ? text.replace(/[ -]/g, '') : undefined;
  }
  return undefined;
}

export const digits: RuntimeHelper = (value, _args, env) => {
  const d = digitString(value);
  if (d === undefined) return undefined;
  return env.ssml
    ? { kind: 'markup', value: `<say-as interpret-as="digits">${d}</say-as>` }
    : { kind: 'text', value: d.split('').join(' ') };
};

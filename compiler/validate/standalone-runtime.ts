/**
 * What the precompiled action validators (compiled-validators.generated.ts) call at run time: the string
 * formats' tests, and the length of a text in code points (JSON Schema's minLength/maxLength count code points,
 * not UTF-16 units). ajv's standalone code would `require()` its own copy of the latter even in an ES module.
 */
import { formats } from './formats.js';

export const formatTests: Readonly<Record<string, (s: string) => boolean>> = Object.fromEntries(
  Object.entries(formats).map(([name, info]) => [name, info.test]),
);

/** The number of code points of `text` (a surrogate pair counts once, a lone surrogate once), as ajv counts them. */
export function ucs2length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    length++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}

/**
 * Words of speech: how a speech result and an author's phrase are compared. The compiler folds the
 * phrases with this at build time and the router folds each speech result with it, so both sides
 * always agree. Lower-cased, NFC, split into letters/marks/digits runs.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function foldWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

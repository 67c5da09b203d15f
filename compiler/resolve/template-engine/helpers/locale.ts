/**
 * Locale resolution for helpers: the router runtime's (compiler/router/runtime/helpers/locale.mts), plus
 * the build's message for a code that is not a language code.
 */
export { resolveLocale, type ResolvedLocale } from '../../../router/runtime/helpers/locale.mjs';

export const localeProblemMessage = (locale: string): string =>
  `The language code "${locale}" is not valid, so this helper cannot choose its words.`;
export const LOCALE_HINT = 'Write language codes like en-US, es-US or fr-CA (with a hyphen).';

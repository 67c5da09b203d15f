/**
 * Locale resolution for the helpers. Only locales ICU actually has are used, so the output never
 * depends on the machine's default locale (Node 20 ships full ICU); anything else falls back to en-US.
 */

export interface ResolvedLocale {
  /** A tag ICU supports, e.g. "es-US"; "en-US" when the requested locale is unknown to ICU. */
  tag: string;
  /** Its language subtag, e.g. "es". */
  language: string;
}

const FALLBACK: ResolvedLocale = { tag: 'en-US', language: 'en' };
const resolved = new Map<string, ResolvedLocale | undefined>();

/** undefined when the text is not a well-formed BCP-47 tag (e.g. "en_US"). */
export function resolveLocale(locale: string): ResolvedLocale | undefined {
  if (resolved.has(locale)) return resolved.get(locale);
  let result: ResolvedLocale | undefined;
  try {
    const canonical = Intl.getCanonicalLocales(locale)[0];
    if (canonical !== undefined) {
      const supported = Intl.DateTimeFormat.supportedLocalesOf([canonical])[0];
      result = supported === undefined ? FALLBACK : { tag: supported, language: new Intl.Locale(supported).language };
    }
  } catch {
    result = undefined;
  }
  resolved.set(locale, result);
  return result;
}

/**
 * Locale resolution for the helpers. Only locales ICU actually has are used, so the output never
 * depends on the machine's default locale (Node 20 ships full ICU); anything else falls back to en-US.
 */
const FALLBACK = { tag: 'en-US', language: 'en' };
const resolved = new Map();
/** undefined when the text is not a well-formed BCP-47 tag (e.g. "en_US"). */
export function resolveLocale(locale) {
    if (resolved.has(locale))
        return resolved.get(locale);
    let result;
    try {
        const canonical = Intl.getCanonicalLocales(locale)[0];
        if (canonical !== undefined) {
            const supported = Intl.DateTimeFormat.supportedLocalesOf([canonical])[0];
            result = supported === undefined ? FALLBACK : { tag: supported, language: new Intl.Locale(supported).language };
        }
    }
    catch {
        result = undefined;
    }
    resolved.set(locale, result);
    return result;
}

import { formatter, plainSpaces } from './intl.mjs';
import { resolveLocale } from './locale.mjs';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar date (UTC midnight) from "YYYY-MM-DD" or a valid Date; undefined otherwise. */
export function dateOf(value) {
    if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? undefined : value;
    if (typeof value !== 'string')
        return undefined;
    const m = ISO_DATE.exec(value.trim());
    if (m === null)
        return undefined;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0-99 to 1900-1999
    // Rejects 2026-02-30 and friends, which Date would silently roll over.
    return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : undefined;
}
/**
 * How the first day of a month is written so that the voice says the ordinal: French "1er novembre"
 * (premier), Portuguese "1º de março" (primeiro), Italian "1º gennaio" (primo). ICU writes "1", which
 * the voices read as the cardinal ("un novembre"). Other days stay cardinal in these languages.
 */
export const firstOfMonth = { fr: '1er', pt: '1º', it: '1º' };
const languageOf = (tag) => tag.split('-')[0].toLowerCase();
export function formatDate(date, tag) {
    const f = formatter(`date:${tag}`, () => new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }));
    const first = date.getUTCDate() === 1 ? firstOfMonth[languageOf(tag)] : undefined;
    if (first === undefined)
        return plainSpaces(f.format(date));
    return plainSpaces(f
        .formatToParts(date)
        .map((p) => (p.type === 'day' ? first : p.value))
        .join(''));
}
export const date = (value, _args, env) => {
    const d = dateOf(value);
    const locale = resolveLocale(env.locale);
    return d === undefined || locale === undefined ? undefined : { kind: 'text', value: formatDate(d, locale.tag) };
};

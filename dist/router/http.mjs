/**
 * The transport-neutral request and answer, and reading webhooks out of them: query strings (GET)
 * and JSON bodies (POST). No Request/Response here: the fetch handler and the node:http adapter both
 * turn their requests into a RawRequest.
 */
import { isObject } from './payloads.mjs';
/** Query fields that carry JSON objects when eventMethod is GET (constraints §4.3). */
const JSON_QUERY_FIELDS = new Set(['dtmf', 'speech', 'custom_data', 'payload']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
export const utf8 = new TextEncoder();
export const jsonHeaders = () => ({ 'content-type': 'application/json', 'cache-control': 'no-store' });
export const jsonAnswer = (status, body) => ({ status, headers: jsonHeaders(), body });
export const errorAnswer = (status, error) => jsonAnswer(status, JSON.stringify({ error }));
export const noContent = () => ({ status: 204, headers: {}, body: null });
/**
 * Path and query of a request URL. An absolute URL loses its scheme and authority by hand, never by
 * `new URL()`, which throws on hosts such as `%zz` that anyone can send.
 */
export function splitUrl(url) {
    let rest = url;
    // A request line's path starts with '/' (node:http's url): only an absolute URL has a scheme to cut.
    const scheme = url.charCodeAt(0) === 47 ? null : /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(rest);
    if (scheme)
        rest = rest.slice(scheme[0].length) || '/';
    const hash = rest.indexOf('#');
    if (hash >= 0)
        rest = rest.slice(0, hash);
    const q = rest.indexOf('?');
    return q < 0 ? { path: rest, search: '' } : { path: rest.slice(0, q), search: rest.slice(q + 1) };
}
/** One side of a query pair; most (a sealed state, ids, digits) have neither '+' nor '%' and are taken as they are. */
function decodeQueryPart(text) {
    const plus = text.indexOf('+');
    if (plus < 0 && text.indexOf('%') < 0)
        return text;
    return decodeURIComponent(plus < 0 ? text : text.replace(/\+/g, ' '));
}
/**
 * a=1&b=2 → [['a','1'], ['b','2']] in URL order; undefined when a key repeats or an escape is
 * malformed. Pairs, not an object: an object would move integer-like names ("5") to the front.
 */
export function parseQuery(search) {
    if (search === '')
        return [];
    // Made with its first pair: push() on an empty array would give it room for 17.
    let out;
    // A webhook's query has a few pairs (often one: the state): cut out by position (no split array), repeated keys
    // compared in a loop; a Set once there are many.
    let seen;
    // The next '=' at or after the current pair's start (found once per '=': linear, however the pairs look).
    let nextEq = -1;
    for (let start = 0; start <= search.length;) {
        let end = search.indexOf('&', start);
        if (end < 0)
            end = search.length;
        if (end > start) {
            if (nextEq < start) {
                nextEq = search.indexOf('=', start);
                if (nextEq < 0)
                    nextEq = search.length;
            }
            const eq = nextEq < end ? nextEq : -1;
            let key;
            let value;
            try {
                key = decodeQueryPart(eq < 0 ? search.slice(start, end) : search.slice(start, eq));
                value = eq < 0 ? '' : decodeQueryPart(search.slice(eq + 1, end));
            }
            catch {
                return undefined;
            }
            if (out === undefined)
                out = [[key, value]];
            else {
                if (seen === undefined && out.length >= 16)
                    seen = new Set(out.map(([k]) => k));
                if (seen !== undefined ? seen.has(key) : hasKey(out, key))
                    return undefined;
                seen?.add(key);
                out.push([key, value]);
            }
        }
        start = end + 1;
    }
    return out ?? [];
}
function hasKey(pairs, key) {
    for (let i = 0; i < pairs.length; i++)
        if (pairs[i][0] === key)
            return true;
    return false;
}
/** What a GET webhook's payload_hash covers: the pairs in URL order as compact JSON (constraints §4.10). */
export function queryJson(pairs) {
    let out = '{';
    for (let i = 0; i < pairs.length; i++) {
        const [key, value] = pairs[i];
        out += (i === 0 ? '' : ',') + JSON.stringify(key) + ':' + JSON.stringify(value);
    }
    return out + '}';
}
/** The payload of a GET webhook: nested objects arrive JSON-encoded (constraints §4.3). */
export function payloadFromQuery(pairs, skip) {
    // A plain object, as handed to onCallStatus; no Vonage field is named __proto__.
    const out = {};
    for (const [key, value] of pairs) {
        if (key === '__proto__' || key === skip)
            continue;
        if (JSON_QUERY_FIELDS.has(key) && (value.startsWith('{') || value.startsWith('['))) {
            try {
                out[key] = JSON.parse(value);
            }
            catch {
                return undefined;
            }
        }
        else {
            out[key] = value;
        }
    }
    return out;
}
export function payloadFromBody(body) {
    if (!body || body.length === 0)
        return undefined;
    try {
        const value = JSON.parse(strictUtf8.decode(body));
        return isObject(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** A body's chunks as one array (the only chunk itself, not a copy, when there is one). */
export function concat(chunks, size) {
    if (chunks.length === 1 && chunks[0])
        return chunks[0];
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
    }
    return out;
}

/**
 * Call state between webhooks, carried by the call itself: sealed into the eventUrl (`?s=…`) with
 * encrypt-then-MAC (AES-256-CTR, then HMAC-SHA256 over the ciphertext and the call; crypto.mts) under two
 * keys derived (HKDF-SHA256) from the router's state secret and the project id, and bound to the call
 * through the additional authenticated data. A state that was altered, sealed for
 * another call or project, expired or grew too large is refused. What this protects against and what
 * it does not: docs/router.md, "Call state".
 *
 * Format 3 (sealed now) leaves out the built-ins caller, called and callId where the webhook that brings the
 * state back tells them again (an input step's webhook, when the webhook answered told the same values):
 * less to encrypt, MAC and carry in the URL. Formats 2 and 1 are still opened.
 */
import { fromBase64Url, toBase64Url } from './crypto.mjs';
import { isObject } from './payloads.mjs';
import { builtinsFrom } from './values.mjs';
export const emptyState = () => ({ data: {}, counters: {} });
const NO_DATA = Object.freeze({});
const NO_COUNTERS = Object.freeze({});
/**
 * An empty state whose data and counters are shared and frozen (a webhook that brought no state): nothing made
 * for the many webhooks that never write to it, and a data object the engine has checked against a flow once.
 * Written only through writableData and writableCounters, like a remembered state.
 */
export const sharedEmptyState = () => ({ data: NO_DATA, counters: NO_COUNTERS });
/**
 * A state a sealer remembers shares its data and counters, frozen, with every state it hands out from open():
 * whoever changes a state's data or counters takes a copy first (the engine does, through these two).
 */
export function writableData(state) {
    if (Object.isFrozen(state.data))
        state.data = { ...state.data };
    return state.data;
}
export function writableCounters(state) {
    if (Object.isFrozen(state.counters))
        state.counters = { ...state.counters };
    return state.counters;
}
export const isEmptyState = (state) => {
    for (const _ in state.data)
        return false;
    for (const _ in state.counters)
        return false;
    return true;
};
/** 3: AES-256-CTR + HMAC-SHA256 (as 2), without the `v` key, and built-ins left to the webhook where it tells them. */
const FORMAT = 3;
/** 2: the same construction with every built-in sealed: still opened (never sealed), so calls in progress survive an upgrade. */
const FORMAT_2 = 2;
/** 1: AES-256-GCM, before format 2: still opened (never sealed). */
const FORMAT_GCM = 1;
const utf8 = new TextEncoder();
/** The built-ins a format-3 state may leave out, each with the webhook field that tells it (engine.mts, builtinsFrom). */
const TOLD = [
    ['caller', 'from', 1],
    ['called', 'to', 2],
    ['callId', 'uuid', 4],
];
function isDataValue(value) {
    return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
/** The decrypted JSON, checked value by value: a state is authenticated, but its shape is still checked. */
function stateFrom(value, nowSeconds, format) {
    if (!isObject(value))
        return undefined;
    if (format === FORMAT ? value['v'] !== undefined || !isMask(value['t']) : value['v'] !== format)
        return undefined;
    const expires = value['x'];
    if (typeof expires !== 'number' || !Number.isFinite(expires))
        return undefined;
    if (nowSeconds > expires)
        return 'expired';
    const d = value['d'];
    const n = value['n'];
    if (!isObject(d) || !isObject(n))
        return undefined;
    const state = emptyState();
    for (const key of Object.keys(d)) {
        const v = d[key];
        if (key === '__proto__' || !isDataValue(v))
            return undefined;
        state.data[key] = v;
    }
    for (const key of Object.keys(n)) {
        const v = n[key];
        if (key === '__proto__' || typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
            return undefined;
        state.counters[key] = v;
    }
    return state;
}
const PLAIN_HEAD = '{"x":';
/** Format 3's `t`: the built-ins left to the webhook (bits of TOLD), absent when none. */
const isMask = (t) => t === undefined || (typeof t === 'number' && Number.isInteger(t) && t > 0 && t < 8);
/** The data part of a plain state as seal() writes it (after the expiry, whose digits hold no comma); '' otherwise. */
function sealedContent(plain) {
    if (!plain.startsWith(PLAIN_HEAD))
        return '';
    const comma = plain.indexOf(',', PLAIN_HEAD.length);
    return comma < 0 ? '' : plain.slice(comma + 1, -1);
}
/**
 * The end of a JSON string whose characters start at `i`, or −1 unless they are printable ASCII without an escape:
 * characters JSON.stringify writes as they are.
 */
function plainStringEnd(text, i) {
    for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34)
            return i; // '"'
        if (c < 32 || c > 126 || c === 92)
            return -1;
    }
    return -1;
}
/** Past a run of the characters a JSON number is written with (digits, '-', '+', '.', 'e', 'E') from `i`. */
function numberEnd(text, i) {
    for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69))
            break;
    }
    return i;
}
/**
 * The number `text[start, end)` says, when it is how JSON.stringify writes that number (so a valid JSON number,
 * finite, and nothing else writes it); undefined otherwise.
 */
function canonicalNumber(text, start, end) {
    if (end === start)
        return undefined;
    // Digits alone, no leading zero, at most 15 (exact as a double): that integer, read without a text or a conversion.
    if (end - start <= 15 && (text.charCodeAt(start) !== 48 || end - start === 1)) {
        let value = 0;
        let i = start;
        for (; i < end; i++) {
            const c = text.charCodeAt(i);
            if (c < 48 || c > 57)
                break;
            value = value * 10 + (c - 48);
        }
        if (i === end)
            return value;
    }
    const token = text.slice(start, end);
    const value = Number(token);
    return String(value) === token ? value : undefined;
}
/**
 * A key at `i` (its opening quote) and the ':' after it: the key's end (its closing quote), or −1 unless it is a
 * key JSON.stringify writes as it is and that an object keeps in the order written (not starting with a digit, so
 * never an array index, which an object would put first).
 */
function plainKeyEnd(text, i) {
    if (text.charCodeAt(i) !== 34)
        return -1;
    const first = text.charCodeAt(i + 1);
    if (first >= 48 && first <= 57)
        return -1;
    const end = plainStringEnd(text, i + 1);
    return end >= 0 && text.charCodeAt(end + 1) === 58 ? end : -1;
}
/**
 * A format-3 plain text read without JSON.parse, where it is exactly what seal() writes: `{"x":…,"t":…,"d":{…},
 * "n":{…}}` (`t` optional) without blanks, every key and string printable ASCII without escapes, every number as
 * JSON.stringify writes it, data values strings, finite numbers, true or false, counters safe integers ≥ 0, no key
 * twice, none `__proto__` or starting with a digit. Then JSON.parse and stateFrom would read the same values in the
 * same order, and `d` and `n` are their JSON as seal() would write it again. Anything else: undefined (the text is
 * then parsed as JSON, and refused or read as before).
 */
export function scanPlain(text) {
    if (!text.startsWith(PLAIN_HEAD))
        return undefined;
    let i = numberEnd(text, PLAIN_HEAD.length);
    const expires = canonicalNumber(text, PLAIN_HEAD.length, i);
    if (expires === undefined || text.charCodeAt(i) !== 44)
        return undefined; // ','
    i++;
    let mask = 0;
    if (text.startsWith('"t":', i)) {
        mask = text.charCodeAt(i + 4) - 48;
        if (mask < 1 || mask > 7 || text.charCodeAt(i + 5) !== 44)
            return undefined;
        i += 6;
    }
    if (!text.startsWith('"d":{', i))
        return undefined;
    const dataStart = i + 4;
    i += 5;
    const data = {};
    if (text.charCodeAt(i) !== 125) {
        for (;;) {
            const keyEnd = plainKeyEnd(text, i);
            if (keyEnd < 0)
                return undefined;
            const key = text.slice(i + 1, keyEnd);
            if (key === '__proto__' || Object.hasOwn(data, key))
                return undefined;
            i = keyEnd + 2;
            const c = text.charCodeAt(i);
            if (c === 34) {
                const end = plainStringEnd(text, i + 1);
                if (end < 0)
                    return undefined;
                data[key] = text.slice(i + 1, end);
                i = end + 1;
            }
            else if (c === 116 && text.startsWith('true', i)) {
                data[key] = true;
                i += 4;
            }
            else if (c === 102 && text.startsWith('false', i)) {
                data[key] = false;
                i += 5;
            }
            else {
                const end = numberEnd(text, i);
                const value = canonicalNumber(text, i, end);
                if (value === undefined)
                    return undefined;
                data[key] = value;
                i = end;
            }
            const next = text.charCodeAt(i);
            if (next === 125)
                break; // '}'
            if (next !== 44)
                return undefined;
            i++;
        }
    }
    const dataEnd = i + 1;
    if (!text.startsWith(',"n":{', dataEnd))
        return undefined;
    const countersStart = dataEnd + 5;
    i = dataEnd + 6;
    const counters = {};
    if (text.charCodeAt(i) !== 125) {
        for (;;) {
            const keyEnd = plainKeyEnd(text, i);
            if (keyEnd < 0)
                return undefined;
            const key = text.slice(i + 1, keyEnd);
            if (key === '__proto__' || Object.hasOwn(counters, key))
                return undefined;
            const end = numberEnd(text, keyEnd + 2);
            const value = canonicalNumber(text, keyEnd + 2, end);
            if (value === undefined || !Number.isSafeInteger(value) || value < 0)
                return undefined;
            counters[key] = value;
            i = end;
            const next = text.charCodeAt(i);
            if (next === 125)
                break;
            if (next !== 44)
                return undefined;
            i++;
        }
    }
    // The counters' '}', then the text's, and nothing after.
    if (i + 2 !== text.length || text.charCodeAt(i + 1) !== 125)
        return undefined;
    return {
        expires,
        mask,
        data,
        counters,
        dataJson: text.slice(dataStart, dataEnd),
        countersJson: text.slice(countersStart, i + 1),
    };
}
/** Which built-ins `data` holds with exactly the text the webhook tells (bits of TOLD). */
function toldMask(data, webhook) {
    if (webhook === undefined)
        return 0;
    let mask = 0;
    for (let i = 0; i < TOLD.length; i++) {
        const told = TOLD[i];
        const value = data[told[0]];
        if (typeof value === 'string' && value === webhook[told[1]] && Object.hasOwn(data, told[0]))
            mask |= told[2];
    }
    return mask;
}
/** The JSON of a counter's name, kept: the same few names come back with every webhook of a flow. */
const counterNames = new Map();
const nameJson = (name) => {
    let json = counterNames.get(name);
    if (json === undefined) {
        json = JSON.stringify(name);
        if (counterNames.size >= 1024)
            counterNames.clear();
        counterNames.set(name, json);
    }
    return json;
};
/**
 * JSON.stringify(counters), the same text (names in the same order, values safe integers), in half its time: the
 * counters are what a counted transition changes on every webhook.
 */
export function countersJson(counters) {
    let out = '{';
    for (const name in counters)
        out += (out.length === 1 ? '' : ',') + nameJson(name) + ':' + counters[name];
    return out + '}';
}
/** What a format-3 plain text says after its expiry. */
const contentOf = (mask, dataJson, countersJson) => mask === 0 ? `"d":${dataJson},"n":${countersJson}` : `"t":${mask},"d":${dataJson},"n":${countersJson}`;
/** Whether `key` is a built-in that `mask` leaves to the webhook. */
function leftOut(key, mask) {
    for (let i = 0; i < TOLD.length; i++)
        if (TOLD[i][0] === key)
            return (mask & TOLD[i][2]) !== 0;
    return false;
}
/** The JSON of `data` without the built-ins of `mask`. */
function dataJsonWithout(data, mask) {
    if (mask === 0)
        return JSON.stringify(data);
    // Built without the left-out names rather than copied and then deleted from: `delete` turns the object into a
    // dictionary, which JSON.stringify walks several times slower (it ran on every state opened from another instance).
    const rest = {};
    for (const key of Object.keys(data))
        if (!leftOut(key, mask))
            rest[key] = data[key];
    return JSON.stringify(rest);
}
/**
 * A state handed out by open(), with what it came from kept on it (private: invisible to the engine and to
 * comparisons), where a WeakMap entry per webhook would cost the garbage collector an ephemeron each.
 */
class OpenedCallState {
    data;
    counters;
    #from;
    constructor(data, counters, from) {
        this.data = data;
        this.counters = counters;
        this.#from = from;
    }
    /** What `state` came from, if open() handed it out. */
    static fromOf(state) {
        return #from in state ? state.#from : undefined;
    }
}
/**
 * Whether the state's data is frozen only for the sealer's sake (decrypted for this webhook, with its JSON kept), not
 * shared with other webhooks: the engine then keeps nothing about that object (a WeakMap entry made for one
 * webhook costs the garbage collector an ephemeron).
 */
export function isDataOnce(state) {
    const from = OpenedCallState.fromOf(state);
    return from?.once === true && from.data === state.data;
}
/** The latest states of one call a sealer remembers (the one its next webhook brings back, and a few before it). */
const STATES_PER_CALL = 4;
export function createStateSealer(options) {
    const aead = options.backend.aead(utf8.encode(options.secret), utf8.encode('flowc call state'), utf8.encode(`flowc/${FORMAT_2}/${options.projectId}`));
    // Format 1 under its own key and AAD. Its plain text never matches PLAIN_HEAD, so a state opened from it is
    // always sealed again, in the current format, on the next answer.
    let gcm;
    const openGcm = (bytes, binding) => {
        gcm ??= options.backend.gcmOpener(utf8.encode(options.secret), utf8.encode('flowc call state'), utf8.encode(`flowc/${FORMAT_GCM}/${options.projectId}`));
        return gcm(bytes, utf8.encode(`flowc-state/${FORMAT_GCM}/${options.projectId}/${binding}`));
    };
    /** This sealer, as the owner of what it knows of a state. */
    const owner = {};
    const maxAge = options.maxAgeSeconds;
    // A state that did not change is sent again as the text it came in while it still has this much life left:
    // a call's state then stays valid between maxAge − slack and maxAge seconds after its last webhook.
    const slack = Math.min(60, Math.floor(maxAge / 2));
    // The AAD of the last call seen, per format (3 seals and opens, 2 opens): the webhooks of one call come one after another.
    // Formats 2 and 3 share the keys; the format byte and the AAD's format tell them apart.
    const lastAad = new Map();
    const aad = (binding, format) => {
        let last = lastAad.get(format);
        if (last === undefined || last.binding !== binding) {
            last = { binding, bytes: utf8.encode(`flowc-state/${format}/${options.projectId}/${binding}`) };
            lastAad.set(format, last);
        }
        return last.bytes;
    };
    // Per call (its binding), the last states this sealer sealed for it, most recently used first. Only the exact
    // text this sealer produced for this call hits: anyone else's text is decrypted and authenticated as always.
    // Kept per call, a state the call has moved on from is forgotten at its next few webhooks (young garbage,
    // cheap to collect) instead of living on among a thousand others. Two generations of calls of at most half
    // the limit each: forgetting the older one at once costs nothing per seal.
    const remember = options.rememberSealed ?? 0;
    const perCall = Math.min(STATES_PER_CALL, remember);
    const generation = Math.ceil(Math.ceil(remember / Math.max(perCall, 1)) / 2);
    let recent = new Map();
    let older = new Map();
    /** A call's list, moved to the recent generation when it is found in the older one. */
    function callStates(binding, create) {
        let list = recent.get(binding);
        if (list !== undefined)
            return list;
        list = older.get(binding);
        if (list === undefined && !create)
            return undefined;
        if (recent.size >= generation) {
            older = recent;
            recent = new Map();
        }
        list ??= [];
        recent.set(binding, list);
        return list;
    }
    function remember1(binding, entry) {
        const list = callStates(binding, true);
        // Moved down by hand, the oldest dropped once the list is full: unshift() and pop() moved the array's store twice.
        for (let j = list.length < perCall ? list.length : perCall - 1; j > 0; j--)
            list[j] = list[j - 1];
        list[0] = entry;
    }
    /** The remembered entry for exactly this text of this call, if any, moved to the front of its call's list. */
    function recall(sealed, binding) {
        const list = callStates(binding, false);
        if (list === undefined)
            return undefined;
        for (let i = 0; i < list.length; i++) {
            const entry = list[i];
            if (entry.sealed !== sealed)
                continue;
            // Moved to the front by hand: splice() would make an array of what it removed.
            for (let j = i; j > 0; j--)
                list[j] = list[j - 1];
            list[0] = entry;
            return entry;
        }
        return undefined;
    }
    function opened(data, counters, known, fromWebhook) {
        const state = new OpenedCallState(data, counters, known);
        return fromWebhook ? { ok: true, state, fromWebhook: true } : { ok: true, state };
    }
    /**
     * A state this sealer remembers, as decrypting its text would give it: a built-in left to the webhook is the
     * webhook's. When the webhook tells what was sealed (the usual case), the frozen data is shared as it is.
     */
    function reopened(entry, webhook) {
        const data = entry.data;
        if (entry.mask === 0)
            return opened(data, entry.counters, entry, false);
        let differs = 0;
        for (let i = 0; i < TOLD.length; i++) {
            const told = TOLD[i];
            if ((entry.mask & told[2]) !== 0 && webhook?.[told[1]] !== data[told[0]])
                differs |= told[2];
        }
        if (differs === 0)
            return opened(data, entry.counters, entry, true);
        const copy = { ...data };
        for (const [name, , bit] of TOLD)
            if ((differs & bit) !== 0)
                delete copy[name];
        return opened(copy, entry.counters, entry, true);
    }
    /** A sealed text: refused when too long, else remembered (when this sealer remembers) and answered. */
    function sealed(text, state, binding, expires, mask, dataJson, countersJson, 
    /** What the sealer knew of the state it came from: a part still that object is frozen already. */
    before) {
        if (text.length > options.maxChars)
            return undefined;
        if (generation > 0) {
            // Kept as sealed: frozen, so that a state handed out from it copies a part before changing it.
            remember1(binding, {
                owner,
                sealed: text,
                binding,
                format: FORMAT,
                content: '',
                expires,
                mask,
                data: state.data === before?.data ? state.data : Object.freeze(state.data),
                dataJson,
                counters: state.counters === before?.counters ? state.counters : Object.freeze(state.counters),
                countersJson,
                once: false,
            });
        }
        return text;
    }
    const scans = options.scanPlain ?? true;
    /**
     * A decrypted text that scanPlain read, opened as a remembered state is (reopened): with open()'s `tell`, the
     * built-ins it left to the webhook told now, as the engine would tell them (engine.mts, tellBuiltins: each one the
     * state lacks that the webhook tells), and its data and counters frozen with their JSON from the text. So a seal
     * writes no JSON of data that did not change. Where the data's built-ins are not exactly the ones the same mask
     * leaves out again, the JSON in the text is not what a seal would write: it is then opened as before (its content
     * compared). `webhook`: given only with `tell`.
     */
    function fromScanned(scanned, plain, sealed, binding, nowMs, webhook) {
        if (nowMs / 1000 > scanned.expires)
            return { ok: false, reason: 'expired' };
        const { data, mask } = scanned;
        let keeps = webhook !== undefined;
        if (mask !== 0 &&
            webhook !== undefined &&
            !(Object.hasOwn(data, 'caller') && Object.hasOwn(data, 'called') && Object.hasOwn(data, 'callId'))) {
            const told = builtinsFrom(webhook);
            for (let i = 0; i < TOLD.length; i++) {
                const [name, , bit] = TOLD[i];
                const value = told[name];
                if (value === undefined || Object.hasOwn(data, name))
                    continue;
                data[name] = value;
                if ((mask & bit) === 0)
                    keeps = false;
            }
        }
        keeps &&= toldMask(data, webhook) === mask;
        const known = {
            owner,
            sealed,
            binding,
            format: FORMAT,
            content: keeps ? '' : sealedContent(plain),
            expires: scanned.expires,
            mask,
            data: keeps ? Object.freeze(data) : undefined,
            dataJson: keeps ? scanned.dataJson : '',
            counters: keeps ? Object.freeze(scanned.counters) : undefined,
            countersJson: keeps ? scanned.countersJson : '',
            once: keeps,
        };
        return opened(data, scanned.counters, known, mask !== 0);
    }
    /** What a decrypted state says, checked. */
    function fromPlain(plain, sealed, binding, nowMs, format, webhook) {
        if (plain === undefined)
            return { ok: false, reason: 'tampered' };
        if (format === FORMAT && scans) {
            const scanned = scanPlain(plain);
            if (scanned !== undefined)
                return fromScanned(scanned, plain, sealed, binding, nowMs, webhook);
        }
        let value;
        try {
            value = JSON.parse(plain);
        }
        catch {
            return { ok: false, reason: 'malformed' };
        }
        const state = stateFrom(value, nowMs / 1000, format);
        if (state === 'expired')
            return { ok: false, reason: 'expired' };
        if (!state)
            return { ok: false, reason: 'malformed' };
        // The built-ins format 3 left to the webhook: taken from the one that brings the state back.
        const mask = format === FORMAT ? (value.t ?? 0) : 0;
        const known = {
            owner,
            sealed,
            binding,
            format,
            content: format === FORMAT ? sealedContent(plain) : '',
            expires: value.x,
            mask,
            data: undefined,
            dataJson: '',
            counters: undefined,
            countersJson: '',
            once: false,
        };
        return opened(state.data, state.counters, known, mask !== 0);
    }
    return {
        seal(state, binding, nowMs, webhook) {
            const noted = OpenedCallState.fromOf(state);
            const before = noted?.owner === owner ? noted : undefined;
            const mask = toldMask(state.data, webhook);
            // A part that is still the object this sealer sealed (frozen) says what it said then.
            const sameData = before !== undefined && state.data === before.data && mask === before.mask;
            const dataJson = sameData ? before.dataJson : dataJsonWithout(state.data, mask);
            const countersText = before !== undefined && state.counters === before.counters ? before.countersJson : countersJson(state.counters);
            const nowSeconds = Math.floor(nowMs / 1000);
            // Nothing new to carry: the text it came in says exactly this, for this call, and is far from its expiry.
            if (before !== undefined &&
                before.binding === binding &&
                before.format === FORMAT &&
                (before.data !== undefined
                    ? mask === before.mask && dataJson === before.dataJson && countersText === before.countersJson
                    : before.content === contentOf(mask, dataJson, countersText)) &&
                before.expires - nowSeconds >= maxAge - slack) {
                return before.sealed;
            }
            const expires = nowSeconds + maxAge;
            // One text, encoded by TextEncoder.encodeInto into the cipher's input (node:crypto: sealText): writing its
            // pieces byte by byte in JavaScript (sealWritten, the fourth round) took twice as long, the flat copy included.
            const plain = `{"x":${expires},${contentOf(mask, dataJson, countersText)}}`;
            const text = aead.sealText
                ? aead.sealText(plain, aad(binding, FORMAT), FORMAT)
                : Promise.resolve(aead.seal(plain, aad(binding, FORMAT), FORMAT)).then(toBase64Url);
            // No closure on the path without a promise (node:crypto).
            if (typeof text === 'string')
                return sealed(text, state, binding, expires, mask, dataJson, countersText, before);
            return text.then((done) => sealed(done, state, binding, expires, mask, dataJson, countersText, before));
        },
        open(sealed, binding, nowMs, webhook, tell = false) {
            if (sealed.length > options.maxChars)
                return { ok: false, reason: 'oversized' };
            const remembered = generation > 0 ? recall(sealed, binding) : undefined;
            if (remembered !== undefined) {
                if (nowMs / 1000 > remembered.expires)
                    return { ok: false, reason: 'expired' };
                // Its data and counters shared, frozen: the engine copies a part before it changes it.
                return reopened(remembered, webhook);
            }
            // Decoded into the cipher's own buffer where it has one (node:crypto): no Buffer made per state.
            const bytes = aead.decodeKept ? aead.decodeKept(sealed) : fromBase64Url(sealed);
            const format = bytes?.[0];
            if (!bytes || bytes.length < 2 || (format !== FORMAT && format !== FORMAT_2 && format !== FORMAT_GCM))
                return { ok: false, reason: 'malformed' };
            // Format 1 may be opened with a promise (Web Crypto's GCM): its bytes are its own, not the kept buffer.
            const plain = format === FORMAT_GCM ? openGcm(bytes.slice(), binding) : aead.open(bytes, aad(binding, format));
            return typeof plain === 'string' || plain === undefined
                ? fromPlain(plain, sealed, binding, nowMs, format, tell ? webhook : undefined)
                : plain.then((text) => fromPlain(text, sealed, binding, nowMs, format, tell ? webhook : undefined));
        },
    };
}

/**
 * Signed webhooks (constraints §4.10): an HS256 JWT in `Authorization: Bearer`, whose `payload_hash`
 * is the hex SHA-256 of the payload. The secret's HMAC key is imported once per router; with node:crypto
 * the whole check runs without a promise, and the (constant) JWT header is decoded once.
 */
import { fromBase64UrlSegment, sameBytes, segmentDecoder, sameText } from './crypto.mjs';
import { isObject } from './payloads.mjs';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();
const BEARER = /^Bearer[ \t]+[A-Za-z0-9_.-]+[ \t]*$/i;
const isBlank = (c) => c === 32 || c === 9;
/**
 * The token of `Bearer <token>` (the scheme in any case, blanks around the token). The pattern is tested (native
 * code, as fast as a match) without a capture: a match would make an array per webhook; the token's bounds are
 * then found past the blanks at either end.
 */
export function bearerToken(authorization) {
    if (!BEARER.test(authorization))
        return undefined;
    let start = 6; // 'Bearer'
    while (isBlank(authorization.charCodeAt(start)))
        start++;
    let end = authorization.length;
    while (isBlank(authorization.charCodeAt(end - 1)))
        end--;
    return authorization.slice(start, end);
}
/** A token segment's JSON (the segment holds only base64url characters: bearerToken checked them). */
function jsonSegment(text) {
    const bytes = fromBase64UrlSegment(text);
    return bytes ? jsonBytes(bytes) : undefined;
}
/** Decoded JSON bytes as a JSON object (strict UTF-8), or undefined. */
function jsonBytes(bytes) {
    try {
        const value = JSON.parse(strictUtf8.decode(bytes));
        return isObject(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** A claim read by scanClaims, absent: not a number JSON can write. */
export const ABSENT = -Infinity;
const isJsonBlank = (c) => c === 32 || c === 9 || c === 10 || c === 13;
/** Past JSON whitespace from `i`. */
function skipBlanks(b, i) {
    while (isJsonBlank(b[i]))
        i++;
    return i;
}
/** The closing quote of a string whose characters start at `i`, or −1 for an escape, a control or non-ASCII byte. */
function stringEnd(b, i) {
    for (;;) {
        const c = b[i];
        if (c === 34)
            return i;
        // Past the array (a caller without the 0 after the bytes) as well: never a loop without end.
        if (c === undefined || c < 32 || c === 92 || c >= 128)
            return -1;
        i++;
    }
}
/** Which claim a key of the bytes [s, e) is: 1 iat, 2 exp, 3 nbf, 4 payload_hash, 0 another. */
function claimKey(b, s, e) {
    if (e - s === 3) {
        const c0 = b[s];
        const c1 = b[s + 1];
        const c2 = b[s + 2];
        if (c0 === 105 && c1 === 97 && c2 === 116)
            return 1; // iat
        if (c0 === 101 && c1 === 120 && c2 === 112)
            return 2; // exp
        if (c0 === 110 && c1 === 98 && c2 === 102)
            return 3; // nbf
        return 0;
    }
    if (e - s !== 12)
        return 0;
    for (let i = 0; i < 12; i++)
        if (b[s + i] !== PAYLOAD_HASH.charCodeAt(i))
            return 0;
    return 4;
}
const PAYLOAD_HASH = 'payload_hash';
/** Whether the bytes at `i` are the literal `word` (ASCII). */
function isWord(b, i, word) {
    for (let k = 0; k < word.length; k++)
        if (b[i + k] !== word.charCodeAt(k))
            return false;
    return true;
}
/**
 * The claims the verifier reads, straight from the decoded bytes (followed by a 0 byte: SegmentDecoder), where
 * they are what Vonage sends: one flat JSON object of ASCII strings without escapes, integers of at most 15 digits,
 * true, false and null, with iat, exp and nbf integers and payload_hash a string where present. Anything else
 * (non-ASCII or invalid bytes, escapes, fractions, nested values, a claim of another type, any invalid JSON)
 * answers false, and the claims are then parsed as JSON: this answers true only where JSON.parse would read the
 * same values (a repeated key: the last one, as JSON.parse). No text and no object made per webhook.
 */
export function scanClaims(b, length, out) {
    out.iat = ABSENT;
    out.exp = ABSENT;
    out.nbf = ABSENT;
    out.hashStart = -1;
    out.hashEnd = -1;
    let i = skipBlanks(b, 0);
    if (b[i] !== 123)
        return false; // '{'
    i = skipBlanks(b, i + 1);
    if (b[i] === 125)
        return skipBlanks(b, i + 1) === length; // '{}'
    for (;;) {
        if (b[i] !== 34)
            return false;
        const keyEnd = stringEnd(b, i + 1);
        if (keyEnd < 0)
            return false;
        const key = claimKey(b, i + 1, keyEnd);
        i = skipBlanks(b, keyEnd + 1);
        if (b[i] !== 58)
            return false; // ':'
        i = skipBlanks(b, i + 1);
        const c = b[i];
        if (c === 34) {
            const end = stringEnd(b, i + 1);
            if (end < 0 || (key !== 0 && key !== 4))
                return false;
            if (key === 4) {
                out.hashStart = i + 1;
                out.hashEnd = end;
            }
            i = end + 1;
        }
        else if (c === 45 || (c >= 48 && c <= 57)) {
            // An integer: -?(0|[1-9][0-9]*), at most 15 digits (exact as a double), then no fraction or exponent.
            if (key === 4)
                return false;
            const negative = c === 45;
            if (negative)
                i++;
            const first = i;
            let value = 0;
            while (b[i] >= 48 && b[i] <= 57)
                value = value * 10 + (b[i++] - 48);
            const digits = i - first;
            if (digits === 0 || digits > 15 || (digits > 1 && b[first] === 48))
                return false;
            const next = b[i];
            if (next === 46 || next === 101 || next === 69)
                return false; // '.', 'e', 'E'
            if (negative)
                value = -value;
            if (key === 1)
                out.iat = value;
            else if (key === 2)
                out.exp = value;
            else if (key === 3)
                out.nbf = value;
        }
        else if (key === 0 && isWord(b, i, 'true'))
            i += 4;
        else if (key === 0 && isWord(b, i, 'null'))
            i += 4;
        else if (key === 0 && isWord(b, i, 'false'))
            i += 5;
        else
            return false;
        i = skipBlanks(b, i);
        if (b[i] === 44)
            i = skipBlanks(b, i + 1); // ','
        else if (b[i] === 125)
            return skipBlanks(b, i + 1) === length; // '}', then nothing
        else
            return false;
    }
}
/** The signature's bytes, for the backends that compare bytes (its length was checked: it decodes). */
const signatureBytes = (parsed) => fromBase64UrlSegment(parsed.signature) ?? new Uint8Array(0);
/** A NumericDate claim (RFC 7519 §2): absent, or a finite JSON number. */
const numericDate = (value) => value === undefined ? 'absent' : typeof value === 'number' && Number.isFinite(value) ? value : 'invalid';
/** What a header segment says: acceptable, or why not. Vonage's header is always the same text. */
function checkHeader(head) {
    const header = jsonSegment(head);
    if (!header)
        return 'malformed-token';
    // Only HS256: alg none, RS256 and every other value are refused (constraints §4.10).
    if (header['alg'] !== 'HS256')
        return 'unsupported-alg';
    if (header['crit'] !== undefined)
        return 'malformed-token';
    return undefined;
}
export function createVerifier(options) {
    const { backend, maxTokenAgeSeconds: maxAge, maxClockSkewSeconds: maxSkew } = options;
    const secret = utf8.encode(options.secret);
    const syncCheck = backend.sync?.hmacSha256Check?.(secret);
    const syncHmac = syncCheck ? undefined : backend.sync?.hmacSha256(secret);
    const asyncHmac = syncCheck || syncHmac ? undefined : backend.hmacSha256(secret);
    /** Whether the signature is the HMAC of the signing input, without a promise. */
    const signedSync = syncCheck
        ? (parsed) => syncCheck(parsed.signingInput, parsed.signature)
        : syncHmac
            ? (parsed) => sameBytes(syncHmac(utf8.encode(parsed.signingInput)), signatureBytes(parsed))
            : undefined;
    const sync = backend.sync;
    /** Whether the SHA-256 of `text` is the claimed hex (either case), without a promise. */
    const hashIs = sync?.sha256IsHex ?? (sync ? (text, hex) => sameText(sync.sha256Hex(text), hex.toLowerCase()) : undefined);
    const headers = new Map();
    let lastHead = '';
    let lastVerdict = 'malformed-token';
    /** Everything before the HMAC: the token's shape and its header. */
    function parse(authorization) {
        if (!authorization)
            return 'missing-token';
        const token = bearerToken(authorization);
        if (token === undefined)
            return 'malformed-token';
        const first = token.indexOf('.');
        const second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0)
            return 'malformed-token';
        // Vonage's header is always the same text: the last one seen is compared in place, not cut out of the token.
        let verdict;
        if (first === lastHead.length && token.startsWith(lastHead))
            verdict = lastVerdict;
        else {
            const head = token.slice(0, first);
            verdict = headers.get(head);
            if (verdict === undefined && !headers.has(head)) {
                verdict = checkHeader(head);
                if (headers.size < 16)
                    headers.set(head, verdict);
            }
            lastHead = head;
            lastVerdict = verdict;
        }
        if (verdict !== undefined)
            return verdict;
        // An empty signature, or one of a length no base64url has (what decoding it would refuse).
        const signatureLength = token.length - second - 1;
        if (signatureLength === 0 || signatureLength % 4 === 1)
            return 'malformed-token';
        return { signingInput: token.slice(0, second), claimsPart: token.slice(first + 1, second), signature: token.slice(second + 1) };
    }
    /** The payload hash the last claims checked claim (set by checkClaims: no object per webhook). */
    let claimedHash = '';
    /** Set instead of claimedHash where the hash is read in place: segments.bytes from scanned.hashStart to hashEnd. */
    let hashInBytes = false;
    const hashIsBytes = sync?.sha256IsHexBytes;
    const segments = segmentDecoder();
    const scanned = { iat: ABSENT, exp: ABSENT, nbf: ABSENT, hashStart: -1, hashEnd: -1 };
    const scannedDate = (value) => (value === ABSENT ? 'absent' : value);
    /** Why the token's times refuse it (the claims as numericDate reads them), or undefined. */
    function timesFailure(iat, exp, nbf, nowMs) {
        const seconds = nowMs / 1000;
        if (typeof iat !== 'number')
            return 'missing-iat';
        if (iat > seconds + maxSkew)
            return 'iat-in-future';
        if (seconds - iat > maxAge)
            return 'token-expired';
        if (exp === 'invalid')
            return 'invalid-exp';
        if (typeof exp === 'number' && seconds > exp + maxSkew)
            return 'token-expired';
        if (nbf === 'invalid')
            return 'invalid-nbf';
        if (typeof nbf === 'number' && seconds + maxSkew < nbf)
            return 'token-not-yet-valid';
        return undefined;
    }
    /**
     * The claims, once the signature is good: why they are refused, or undefined (and claimedHash set, or, with
     * `inPlace` and claims scanClaims reads, hashInBytes).
     */
    function checkClaims(claimsPart, nowMs, inPlace) {
        const length = segments.decode(claimsPart);
        if (length < 0)
            return 'malformed-token';
        const bytes = segments.bytes;
        if (scanClaims(bytes, length, scanned)) {
            const failure = timesFailure(scannedDate(scanned.iat), scannedDate(scanned.exp), scannedDate(scanned.nbf), nowMs);
            if (failure !== undefined)
                return failure;
            if (scanned.hashStart < 0)
                return 'missing-payload-hash';
            if (inPlace)
                hashInBytes = true;
            else
                claimedHash = strictUtf8.decode(bytes.subarray(scanned.hashStart, scanned.hashEnd));
            return undefined;
        }
        // Anything else Vonage does not send: read as JSON, as always.
        const claims = jsonBytes(bytes.subarray(0, length));
        if (!claims)
            return 'malformed-token';
        const failure = timesFailure(numericDate(claims['iat']), numericDate(claims['exp']), numericDate(claims['nbf']), nowMs);
        if (failure !== undefined)
            return failure;
        const claimed = claims['payload_hash'];
        if (typeof claimed !== 'string')
            return 'missing-payload-hash';
        claimedHash = claimed;
        return undefined;
    }
    async function verifyAsync(parsed, candidates, nowMs) {
        if (!sameBytes(await asyncHmac(utf8.encode(parsed.signingInput)), signatureBytes(parsed)))
            return 'bad-signature';
        const failure = checkClaims(parsed.claimsPart, nowMs, false);
        if (failure !== undefined)
            return failure;
        const wanted = claimedHash.toLowerCase();
        for (let i = 0, text = candidates(0); text !== undefined; text = candidates(++i)) {
            if (sameText(await backend.sha256Hex(text), wanted))
                return undefined;
        }
        return 'payload-hash-mismatch';
    }
    /** Why the request is refused, or undefined when the token is valid for one of the payload texts. */
    return function verify(authorization, candidates, nowMs) {
        const parsed = parse(authorization);
        if (typeof parsed === 'string')
            return parsed;
        if (!signedSync || !hashIs)
            return verifyAsync(parsed, candidates, nowMs);
        if (!signedSync(parsed))
            return 'bad-signature';
        const failure = checkClaims(parsed.claimsPart, nowMs, hashIsBytes !== undefined);
        if (failure !== undefined)
            return failure;
        const wanted = claimedHash;
        const inBytes = hashInBytes;
        claimedHash = '';
        hashInBytes = false;
        const { hashStart, hashEnd } = scanned;
        for (let i = 0, text = candidates(0); text !== undefined; text = candidates(++i)) {
            if (inBytes ? hashIsBytes(text, segments.bytes, hashStart, hashEnd) : hashIs(text, wanted))
                return undefined;
        }
        return 'payload-hash-mismatch';
    };
}

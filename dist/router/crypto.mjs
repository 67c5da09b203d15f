/**
 * The few cryptographic operations the router needs, on the fastest backend the runtime has:
 * `node:crypto` where it exists (Node, and Workers with nodejs_compat), found through
 * `process.getBuiltinModule` so that no edge bundler sees an import of a Node module; Web Crypto
 * (`crypto.subtle`) everywhere else. Both give the same bytes: a state sealed by one opens with the other.
 */
/** Format 1's IV (AES-GCM's 96 bits). */
const GCM_IV_BYTES = 12;
/** The initial counter block: a 12-byte random nonce, then the block counter (32 bits, big-endian). */
const NONCE_BYTES = 12;
const IV_BYTES = 16;
/** HMAC-SHA256 truncated to 128 bits (RFC 2104 §5, as in RFC 4868). */
const TAG_BYTES = 16;
const BLOCK_BYTES = 16;
/** Sealed bytes around the ciphertext: the prefix, the counter block and the tag. */
const OVERHEAD = 1 + IV_BYTES + TAG_BYTES;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** HKDF output: the AES-256 key, then the HMAC key. */
const KEYS_BYTES = 64;
/** What the tag covers: len(aad) (4 bytes, big-endian) ∥ aad ∥ prefix ∥ counter block ∥ ciphertext. */
export function macInput(aad, sealedWithoutTag) {
    const out = new Uint8Array(4 + aad.length + sealedWithoutTag.length);
    new DataView(out.buffer).setUint32(0, aad.length);
    out.set(aad, 4);
    out.set(sealedWithoutTag, 4 + aad.length);
    return out;
}
/** The 32-bit big-endian block counter of a counter block (its last four bytes). */
const blockCounter = (iv, at = 0) => ((iv[at + 12] << 24) >>> 0) + (iv[at + 13] << 16) + (iv[at + 14] << 8) + iv[at + 15];
/**
 * A counter block (in `iv` from `at` on) the ciphertext can use without its counter wrapping: both backends then
 * agree (OpenSSL carries into the nonce, Web Crypto with a 32-bit counter would wrap). Only reached for authentic bytes.
 */
function counterFits(iv, bytes, at = 0) {
    const counter = blockCounter(iv, at);
    return counter + Math.ceil(bytes / BLOCK_BYTES) <= 2 ** 32;
}
function hex(bytes) {
    let out = '';
    for (let i = 0; i < bytes.length; i++)
        out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
    return out;
}
/** node:crypto when the runtime has it, found without any import: edge bundlers must not see one. */
function findNodeCrypto() {
    try {
        const proc = globalThis.process;
        if (typeof proc?.getBuiltinModule !== 'function')
            return undefined;
        const mod = proc.getBuiltinModule('node:crypto');
        const needed = [
            'randomFillSync',
            'createSecretKey',
            'createHmac',
            'createHash',
            'createCipheriv',
            'createDecipheriv',
            'hkdfSync',
        ];
        return mod && needed.every((name) => typeof mod[name] === 'function') ? mod : undefined;
    }
    catch {
        return undefined;
    }
}
/** Where a message starts in OneShotHmac.room(): after the padded key's block. */
const MESSAGE_AT = 64;
function oneShotHmac(hash, secret) {
    const BLOCK = 64;
    const key = secret.length > BLOCK ? hash('sha256', secret, 'buffer') : secret;
    const inner = new Uint8Array(BLOCK + 1024);
    const outer = new Uint8Array(BLOCK + 32);
    for (let i = 0; i < BLOCK; i++) {
        inner[i] = (key[i] ?? 0) ^ 0x36;
        outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
    let scratch = inner;
    /** The part after the padded key: a text is encoded into it (one view, made again only when scratch grows). */
    let tail = scratch.subarray(BLOCK);
    // The view hashed last: the next message of the same length (most are) reuses it instead of making one.
    let view = scratch.subarray(0, BLOCK);
    const grow = (length) => {
        if (BLOCK + length <= scratch.length)
            return;
        const bigger = new Uint8Array(BLOCK + length);
        bigger.set(inner.subarray(0, BLOCK));
        scratch = bigger;
        tail = scratch.subarray(BLOCK);
        view = scratch.subarray(0, BLOCK);
    };
    const finish = (length) => {
        if (view.length !== BLOCK + length)
            view = scratch.subarray(0, BLOCK + length);
        const innerDigest = hash('sha256', view, 'latin1');
        for (let i = 0; i < 32; i++)
            outer[BLOCK + i] = innerDigest.charCodeAt(i);
        return hash('sha256', outer, 'latin1');
    };
    return {
        latin1(data) {
            grow(data.length);
            scratch.set(data, BLOCK);
            return finish(data.length);
        },
        latin1OfAscii(text) {
            // UTF-8 is at most 3 bytes a UTF-16 unit (an ASCII text: 1); encodeInto writes it in place.
            grow(text.length * 3);
            return finish(encoder.encodeInto(text, tail).written);
        },
        room(length) {
            grow(length);
            return scratch;
        },
        latin1InPlace: finish,
    };
}
/** A base64url character's 6 bits, or 64 for any other character. */
const B64URL_VALUE = new Uint8Array(128).fill(64);
for (let i = 0; i < 64; i++)
    B64URL_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i;
const b64urlValue = (c) => (c < 128 ? B64URL_VALUE[c] : 64);
/**
 * Whether the unpadded base64url `text` decodes to the 32 bytes of a latin1 digest, comparing every byte whatever
 * the first difference. As Buffer decodes: 43 characters, the last one's two spare bits ignored.
 */
export function sameDigestBase64Url(digest, text) {
    if (text.length !== 43 || digest.length !== 32)
        return false;
    let diff = 0;
    let d = 0;
    for (let i = 0; i < 40; i += 4) {
        const a = b64urlValue(text.charCodeAt(i));
        const b = b64urlValue(text.charCodeAt(i + 1));
        const c = b64urlValue(text.charCodeAt(i + 2));
        const e = b64urlValue(text.charCodeAt(i + 3));
        diff |= (a | b | c | e) & 64;
        const n = ((a & 63) << 18) | ((b & 63) << 12) | ((c & 63) << 6) | (e & 63);
        diff |= ((n >>> 16) ^ digest.charCodeAt(d)) | (((n >>> 8) & 255) ^ digest.charCodeAt(d + 1)) | ((n & 255) ^ digest.charCodeAt(d + 2));
        d += 3;
    }
    const a = b64urlValue(text.charCodeAt(40));
    const b = b64urlValue(text.charCodeAt(41));
    const c = b64urlValue(text.charCodeAt(42));
    diff |= (a | b | c) & 64;
    const n = ((a & 63) << 10) | ((b & 63) << 4) | ((c & 63) >>> 2);
    diff |= ((n >>> 8) ^ digest.charCodeAt(30)) | ((n & 255) ^ digest.charCodeAt(31));
    return diff === 0;
}
/** A hex digit's value (either case), or 16 for any other character. */
const HEX_VALUE = new Uint8Array(128).fill(16);
for (let i = 0; i < 16; i++) {
    HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
    HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}
const hexValue = (c) => (c < 128 ? HEX_VALUE[c] : 16);
/** Whether `hex` (either case) is a latin1 digest's hex text, comparing every byte whatever the first difference. */
export function sameDigestHex(digest, hex) {
    if (hex.length !== digest.length * 2)
        return false;
    let diff = 0;
    for (let i = 0; i < digest.length; i++) {
        const high = hexValue(hex.charCodeAt(2 * i));
        const low = hexValue(hex.charCodeAt(2 * i + 1));
        diff |= ((high | low) & 16) | ((((high & 15) << 4) | (low & 15)) ^ digest.charCodeAt(i));
    }
    return diff === 0;
}
/** sameDigestHex() of hex written as bytes, `hex[start..end)`. */
export function sameDigestHexBytes(digest, hex, start, end) {
    if (end - start !== digest.length * 2 || end > hex.length)
        return false;
    let diff = 0;
    for (let i = 0; i < digest.length; i++) {
        const high = hexValue(hex[start + 2 * i]);
        const low = hexValue(hex[start + 2 * i + 1]);
        diff |= ((high | low) & 16) | ((((high & 15) << 4) | (low & 15)) ^ digest.charCodeAt(i));
    }
    return diff === 0;
}
function latin1Bytes(digest) {
    const out = new Uint8Array(digest.length);
    for (let i = 0; i < digest.length; i++)
        out[i] = digest.charCodeAt(i);
    return out;
}
/** Compares a latin1 digest's first `length` bytes with `bytes` in full, whatever the first difference. */
function sameDigest(digest, bytes, at, length) {
    if (bytes.length - at < length || digest.length < length)
        return false;
    let diff = 0;
    for (let i = 0; i < length; i++)
        diff |= digest.charCodeAt(i) ^ bytes[at + i];
    return diff === 0;
}
/** Keystream made at once: 4,096 AES blocks under one random nonce, handed out in ranges never used twice. */
export const KEYSTREAM_BLOCKS = 4096;
/**
 * AES-256-CTR keystream in batches (one Cipher object per 64 KiB, not one per seal). Each call takes the
 * next blocks of the current batch: a range is never handed out twice, and a new batch has a fresh random
 * nonce, its counter starting at 0 and never passing KEYSTREAM_BLOCKS (so it never carries into the nonce).
 * A text longer than a batch gets a keystream of its own under a fresh nonce.
 */
export function keystreamSource(
/** `bytes` of keystream from the counter block `iv` on. */
makeStream, fillRandom, 
/**
 * Hand out one range object and one counter block, rewritten by each call (valid until the next one): for a
 * caller that uses a range at once, no objects per seal.
 */
reuse = false, 
/** Hand out the batch itself and where the range starts in it, not a view made per range (with `reuse`). */
views = true) {
    const BATCH_BYTES = KEYSTREAM_BLOCKS * BLOCK_BYTES;
    let nonce = new Uint8Array(NONCE_BYTES);
    let batch = new Uint8Array(0);
    let next = KEYSTREAM_BLOCKS;
    const range = { iv: new Uint8Array(IV_BYTES), stream: batch, at: 0 };
    const freshIv = () => {
        nonce = new Uint8Array(NONCE_BYTES);
        fillRandom(nonce);
        const iv = new Uint8Array(IV_BYTES);
        iv.set(nonce);
        return iv;
    };
    const checked = (stream, bytes) => {
        if (stream.length < bytes)
            throw new Error('flowc router: short keystream');
        return stream.subarray(0, bytes);
    };
    return (bytes) => {
        const blocks = Math.ceil(bytes / BLOCK_BYTES);
        if (blocks > KEYSTREAM_BLOCKS) {
            const iv = freshIv();
            next = KEYSTREAM_BLOCKS; // the nonce is this text's: the next range starts a new batch
            return { iv, stream: checked(makeStream(iv, bytes), bytes), at: 0 };
        }
        if (next + blocks > KEYSTREAM_BLOCKS) {
            batch = checked(makeStream(freshIv(), BATCH_BYTES), BATCH_BYTES);
            next = 0;
        }
        const iv = reuse ? range.iv : new Uint8Array(IV_BYTES);
        iv.set(nonce);
        iv[12] = next >>> 24;
        iv[13] = (next >>> 16) & 255;
        iv[14] = (next >>> 8) & 255;
        iv[15] = next & 255;
        if (reuse && !views) {
            range.stream = batch;
            range.at = next * BLOCK_BYTES;
            next += blocks;
            return range;
        }
        const stream = batch.subarray(next * BLOCK_BYTES, next * BLOCK_BYTES + bytes);
        next += blocks;
        if (!reuse)
            return { iv, stream, at: 0 };
        range.stream = stream;
        return range;
    };
}
/**
 * out[outAt…] = plain[plainAt…] XOR stream[streamAt…] for `length` bytes (offsets in the views' buffers), the stream
 * zeroed as it is used (a range is never used twice, nor kept). Four bytes a step: about a third of the time of a
 * byte loop on a state's hundred-odd bytes.
 */
export function xorStream(out, outAt, plain, plainAt, stream, streamAt, length) {
    let i = 0;
    for (; i + 4 <= length; i += 4) {
        out.setInt32(outAt + i, plain.getInt32(plainAt + i) ^ stream.getInt32(streamAt + i));
        stream.setInt32(streamAt + i, 0);
    }
    for (; i < length; i++) {
        out.setUint8(outAt + i, plain.getUint8(plainAt + i) ^ stream.getUint8(streamAt + i));
        stream.setUint8(streamAt + i, 0);
    }
}
/**
 * AES-256-CTR decryption of `sealed[from, end)` from the counter block at `sealed[ivAt, ivAt + 16)` (its 32-bit
 * counter must not wrap: counterFits), written into a reused buffer (valid until the next call). CTR's keystream is
 * AES of the successive counter blocks (NIST SP 800-38A §6.5), so one ECB cipher made once serves every state:
 * opening another instance's state makes no Cipher object (about 2 µs and a Buffer each). Where the runtime has no
 * ECB (or it misbehaves), a CTR cipher per call, as before. Read by index, not through subarray(): a view of a
 * Buffer is a Buffer (about 0.2 µs each), and the counter blocks took one a block.
 */
function ctrOpener(node, key) {
    let ecb;
    let counters = new Uint8Array(0);
    let out = new Uint8Array(0);
    const perCall = (sealed, ivAt, from, end) => node.createCipheriv('aes-256-ctr', key, sealed.slice(ivAt, ivAt + IV_BYTES)).update(sealed.subarray(from, end));
    return (sealed, ivAt, from, end) => {
        if (ecb === undefined) {
            try {
                const cipher = node.createCipheriv('aes-256-ecb', key, null);
                cipher.setAutoPadding(false);
                ecb = cipher;
            }
            catch {
                ecb = null;
            }
        }
        if (ecb === null)
            return perCall(sealed, ivAt, from, end);
        const length = end - from;
        const blocks = Math.ceil(length / BLOCK_BYTES);
        const size = blocks * BLOCK_BYTES;
        if (counters.length < size) {
            counters = new Uint8Array(size);
            out = new Uint8Array(size);
        }
        const first = blockCounter(sealed, ivAt);
        for (let b = 0, at = 0; b < blocks; b++, at += BLOCK_BYTES) {
            for (let i = 0; i < NONCE_BYTES; i++)
                counters[at + i] = sealed[ivAt + i];
            const counter = first + b;
            counters[at + 12] = counter >>> 24;
            counters[at + 13] = (counter >>> 16) & 255;
            counters[at + 14] = (counter >>> 8) & 255;
            counters[at + 15] = counter & 255;
        }
        const stream = ecb.update(size === counters.length ? counters : counters.subarray(0, size));
        // Whole blocks in, padding off: the same number of bytes out. Anything else: never trusted again.
        if (stream.length !== size) {
            ecb = null;
            return perCall(sealed, ivAt, from, end);
        }
        for (let i = 0; i < length; i++)
            out[i] = sealed[from + i] ^ stream[i];
        return out.subarray(0, length);
    };
}
function nodeBackend(node) {
    const hash = node.hash?.bind(node);
    const hmacSha256 = (secret) => {
        if (hash) {
            const hmac = oneShotHmac(hash, secret);
            return (data) => latin1Bytes(hmac.latin1(data));
        }
        const key = node.createSecretKey(secret);
        return (data) => node.createHmac('sha256', key).update(data).digest();
    };
    const hmacSha256Check = hash
        ? (secret) => {
            const hmac = oneShotHmac(hash, secret);
            return (ascii, signature) => sameDigestBase64Url(hmac.latin1OfAscii(ascii), signature);
        }
        : undefined;
    const sha256Hex = hash
        ? (data) => hash('sha256', data, 'hex')
        : (data) => node.createHash('sha256').update(data).digest('hex');
    // latin1: half the characters of hex, and no hex text to make.
    const sha256IsHex = hash ? (data, hex) => sameDigestHex(hash('sha256', data, 'latin1'), hex) : undefined;
    const sha256IsHexBytes = hash
        ? (data, hex, start, end) => sameDigestHexBytes(hash('sha256', data, 'latin1'), hex, start, end)
        : undefined;
    return {
        name: 'node',
        sync: {
            hmacSha256,
            ...(hmacSha256Check ? { hmacSha256Check } : {}),
            sha256Hex,
            ...(sha256IsHex ? { sha256IsHex } : {}),
            ...(sha256IsHexBytes ? { sha256IsHexBytes } : {}),
        },
        hmacSha256,
        sha256Hex,
        aead(secret, salt, info) {
            const keys = new Uint8Array(node.hkdfSync('sha256', secret, salt, info, KEYS_BYTES));
            const encKey = node.createSecretKey(keys.subarray(0, 32));
            const macKey = keys.slice(32);
            const oneShot = hash ? oneShotHmac(hash, macKey) : undefined;
            const macBytes = hmacSha256(macKey);
            /** The tag of `data` as latin1 text (its first TAG_BYTES characters are the tag). */
            const mac = (data) => {
                if (oneShot)
                    return oneShot.latin1(data);
                const bytes = macBytes(data);
                let out = '';
                for (let i = 0; i < TAG_BYTES; i++)
                    out += String.fromCharCode(bytes[i]);
                return out;
            };
            keys.fill(0);
            macKey.fill(0);
            const openCtr = ctrOpener(node, encKey);
            let zeros = new Uint8Array(KEYSTREAM_BLOCKS * BLOCK_BYTES);
            const keystream = keystreamSource((iv, bytes) => {
                if (zeros.length < bytes)
                    zeros = new Uint8Array(bytes);
                const made = node.createCipheriv('aes-256-ctr', encKey, iv).update(zeros.subarray(0, bytes));
                // A plain Uint8Array over the Buffer's bytes: its subarray() and fill() are the engine's, not Buffer's wrappers.
                return new Uint8Array(made.buffer, made.byteOffset, made.length);
            }, (buffer) => node.randomFillSync(buffer), true, // each range is used at once, in sealInPlace or sealText
            false);
            let scratch = new Uint8Array(1024);
            let macScratch = new Uint8Array(2048);
            /**
             * Seals into macScratch: len(aad) ∥ aad ∥ prefix ∥ iv ∥ ciphertext ∥ tag, all of it written in place (this
             * runs without a pause, so one reused buffer serves every seal). The sealed bytes are [start, end).
             */
            const sealInPlace = (plain, aad, prefix) => {
                // At most 3 bytes per UTF-16 unit: encode once into a reused buffer.
                if (plain.length * 3 > scratch.length)
                    scratch = new Uint8Array(plain.length * 3);
                const { written } = encoder.encodeInto(plain, scratch);
                const { iv, stream, at: from } = keystream(written);
                const head = 4 + aad.length;
                const size = head + 1 + IV_BYTES + written;
                if (size + TAG_BYTES > macScratch.length)
                    macScratch = new Uint8Array((size + TAG_BYTES) * 2);
                const body = macScratch;
                body[0] = aad.length >>> 24;
                body[1] = (aad.length >>> 16) & 255;
                body[2] = (aad.length >>> 8) & 255;
                body[3] = aad.length & 255;
                body.set(aad, 4);
                body[head] = prefix;
                body.set(iv, head + 1);
                const at = head + 1 + IV_BYTES;
                for (let i = 0; i < written; i++)
                    body[at + i] = scratch[i] ^ stream[from + i];
                stream.fill(0, from, from + written); // used once: not kept
                const tag = mac(body.subarray(0, size));
                for (let i = 0; i < TAG_BYTES; i++)
                    body[size + i] = tag.charCodeAt(i);
                return { start: head, end: size + TAG_BYTES };
            };
            /**
             * With one-shot digests: the same bytes written straight into the HMAC's own input (no copy of them for the
             * MAC), and their base64url read from there through one Buffer kept over it (no view made per seal).
             */
            let room;
            let roomText;
            let roomView;
            let scratchView;
            let streamView;
            const sealText = (plain, aad, prefix) => {
                if (!oneShot || !NodeBuffer) {
                    const { start, end } = sealInPlace(plain, aad, prefix);
                    return toBase64Url(macScratch.subarray(start, end));
                }
                if (plain.length * 3 > scratch.length)
                    scratch = new Uint8Array(plain.length * 3);
                return sealScratch(oneShot, NodeBuffer, encoder.encodeInto(plain, scratch).written, aad, prefix);
            };
            /** sealText() of the `written` bytes of plain text in `scratch`. */
            const sealScratch = (hmac, buffers, written, aad, prefix) => {
                const { iv, stream, at: from } = keystream(written);
                const head = 4 + aad.length;
                const size = head + 1 + IV_BYTES + written;
                const body = hmac.room(size + TAG_BYTES);
                if (body !== room) {
                    room = body;
                    roomText = buffers.from(body.buffer, body.byteOffset, body.length);
                }
                const o = MESSAGE_AT;
                body[o] = aad.length >>> 24;
                body[o + 1] = (aad.length >>> 16) & 255;
                body[o + 2] = (aad.length >>> 8) & 255;
                body[o + 3] = aad.length & 255;
                body.set(aad, o + 4);
                body[o + head] = prefix;
                body.set(iv, o + head + 1);
                const at = o + head + 1 + IV_BYTES;
                // Four bytes at a time, through views kept over the buffers (each made again only when its buffer is replaced).
                if (roomView?.buffer !== body.buffer)
                    roomView = new DataView(body.buffer);
                if (scratchView?.buffer !== scratch.buffer)
                    scratchView = new DataView(scratch.buffer);
                if (streamView?.buffer !== stream.buffer)
                    streamView = new DataView(stream.buffer);
                xorStream(roomView, body.byteOffset + at, scratchView, scratch.byteOffset, streamView, stream.byteOffset + from, written);
                const tag = hmac.latin1InPlace(size);
                for (let i = 0; i < TAG_BYTES; i++)
                    body[o + size + i] = tag.charCodeAt(i);
                return roomText.toString('base64url', o + head, o + size + TAG_BYTES);
            };
            return {
                seal(plain, aad, prefix) {
                    const { start, end } = sealInPlace(plain, aad, prefix);
                    return macScratch.slice(start, end);
                },
                sealText,
                open(sealed, aad) {
                    if (sealed.length < OVERHEAD)
                        return undefined;
                    const end = sealed.length - TAG_BYTES;
                    const size = 4 + aad.length + end;
                    let tag;
                    if (oneShot) {
                        // Written straight into the HMAC's input (its tag too, after what is hashed: set() needs no view then).
                        const body = oneShot.room(size + TAG_BYTES);
                        const o = MESSAGE_AT;
                        body[o] = aad.length >>> 24;
                        body[o + 1] = (aad.length >>> 16) & 255;
                        body[o + 2] = (aad.length >>> 8) & 255;
                        body[o + 3] = aad.length & 255;
                        body.set(aad, o + 4);
                        body.set(sealed, o + 4 + aad.length);
                        tag = oneShot.latin1InPlace(size);
                    }
                    else {
                        if (size > macScratch.length)
                            macScratch = new Uint8Array(size * 2);
                        macScratch[0] = aad.length >>> 24;
                        macScratch[1] = (aad.length >>> 16) & 255;
                        macScratch[2] = (aad.length >>> 8) & 255;
                        macScratch[3] = aad.length & 255;
                        macScratch.set(aad, 4);
                        macScratch.set(sealed.subarray(0, end), 4 + aad.length);
                        tag = mac(macScratch.subarray(0, size));
                    }
                    if (!sameDigest(tag, sealed, end, TAG_BYTES))
                        return undefined;
                    if (!counterFits(sealed, end - 1 - IV_BYTES, 1))
                        return undefined;
                    // Another instance's state (this one's is remembered): decrypted with the kept ECB cipher.
                    const plain = openCtr(sealed, 1, 1 + IV_BYTES, end);
                    const text = decoder.decode(plain);
                    plain.fill(0); // the reused buffer does not keep the last state
                    return text;
                },
                ...(NodeBuffer ? { decodeKept: keptDecoder(NodeBuffer) } : {}),
            };
        },
        gcmOpener(secret, salt, info) {
            const createDecipheriv = node.createDecipheriv?.bind(node);
            if (createDecipheriv === undefined)
                return webBackend.gcmOpener(secret, salt, info);
            let key;
            return (sealed, aad) => {
                if (sealed.length < 1 + GCM_IV_BYTES + TAG_BYTES)
                    return undefined;
                key ??= node.createSecretKey(new Uint8Array(node.hkdfSync('sha256', secret, salt, info, 32)));
                try {
                    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + GCM_IV_BYTES));
                    decipher.setAAD(aad);
                    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
                    const text = decipher.update(sealed.subarray(1 + GCM_IV_BYTES, sealed.length - TAG_BYTES), undefined, 'utf8');
                    return text + decipher.final('utf8'); // final throws when the tag does not authenticate
                }
                catch {
                    return undefined;
                }
            };
        },
    };
}
const webBackend = {
    name: 'web',
    hmacSha256(secret) {
        let key;
        return async (data) => {
            key ??= crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
            return new Uint8Array(await crypto.subtle.sign('HMAC', await key, data));
        };
    },
    sha256Hex: async (data) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data))),
    aead(secret, salt, info) {
        let keys;
        const derived = () => (keys ??= crypto.subtle
            .importKey('raw', secret, 'HKDF', false, ['deriveBits'])
            .then((base) => crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: salt, info: info }, base, KEYS_BYTES * 8))
            .then(async (bits) => {
            const bytes = new Uint8Array(bits);
            const enc = await crypto.subtle.importKey('raw', bytes.slice(0, 32), 'AES-CTR', false, ['encrypt']);
            const mac = await crypto.subtle.importKey('raw', bytes.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
            bytes.fill(0);
            return { enc, mac };
        }));
        const tagOf = async (key, aad, sealedWithoutTag) => new Uint8Array(await crypto.subtle.sign('HMAC', key, macInput(aad, sealedWithoutTag))).subarray(0, TAG_BYTES);
        const seal = async (plain, aad, prefix) => {
            const { enc, mac } = await derived();
            // A fresh random nonce per seal, its counter starting at 0.
            const iv = new Uint8Array(IV_BYTES);
            crypto.getRandomValues(iv.subarray(0, NONCE_BYTES));
            const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 32 }, enc, encoder.encode(plain)));
            const out = new Uint8Array(1 + IV_BYTES + body.length + TAG_BYTES);
            out[0] = prefix;
            out.set(iv, 1);
            out.set(body, 1 + IV_BYTES);
            out.set(await tagOf(mac, aad, out.subarray(0, 1 + IV_BYTES + body.length)), 1 + IV_BYTES + body.length);
            return out;
        };
        return {
            seal,
            sealText: async (plain, aad, prefix) => toBase64Url(await seal(plain, aad, prefix)),
            async open(sealed, aad) {
                if (sealed.length < OVERHEAD)
                    return undefined;
                const { enc, mac } = await derived();
                const end = sealed.length - TAG_BYTES;
                if (!sameBytes(await tagOf(mac, aad, sealed.subarray(0, end)), sealed.subarray(end)))
                    return undefined;
                const iv = sealed.slice(1, 1 + IV_BYTES);
                if (!counterFits(iv, end - 1 - IV_BYTES))
                    return undefined;
                // CTR decryption is encryption.
                const plain = await crypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 32 }, enc, sealed.slice(1 + IV_BYTES, end));
                return decoder.decode(plain);
            },
        };
    },
    gcmOpener(secret, salt, info) {
        let key;
        return async (sealed, aad) => {
            if (sealed.length < 1 + GCM_IV_BYTES + TAG_BYTES)
                return undefined;
            key ??= crypto.subtle
                .importKey('raw', secret, 'HKDF', false, ['deriveKey'])
                .then((base) => crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: salt, info: info }, base, { name: 'AES-GCM', length: 256 }, false, ['decrypt']));
            try {
                const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(1, 1 + GCM_IV_BYTES), additionalData: aad }, await key, sealed.slice(1 + GCM_IV_BYTES));
                return decoder.decode(plain);
            }
            catch {
                return undefined;
            }
        };
    },
};
/** 'auto': node:crypto when present, else Web Crypto. 'web' forces Web Crypto (tests, edge parity). */
export function cryptoBackend(choice = 'auto', 
/** node:crypto as found (tests: a wrapped one, e.g. without ECB). */
node = choice === 'auto' ? findNodeCrypto() : undefined) {
    return node ? nodeBackend(node) : webBackend;
}
/** Compares every byte whatever the first difference, so the time taken says nothing about the secret. */
export function sameBytes(a, b) {
    if (a.length !== b.length)
        return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++)
        diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
    return diff === 0;
}
export function sameText(a, b) {
    if (a.length !== b.length)
        return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++)
        diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return diff === 0;
}
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++)
    B64_INDEX[B64.charCodeAt(i)] = i;
/** base64url without padding, in JavaScript (runtimes without Buffer). */
export function toBase64UrlJs(bytes) {
    let out = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
        const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
        out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
    }
    const rest = bytes.length - i;
    if (rest === 1) {
        const n = (bytes[i] ?? 0) << 16;
        out += B64[n >> 18] + B64[(n >> 12) & 63];
    }
    else if (rest === 2) {
        const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
        out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
    }
    return out;
}
/** Node's Buffer, where the runtime has one: its base64url codec is native. */
const NodeBuffer = globalThis.Buffer;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** base64url without padding (Buffer's native codec where there is one). */
export function toBase64Url(bytes) {
    return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url') : toBase64UrlJs(bytes);
}
/** base64url (padding optional); undefined for any other character or an impossible length. */
export function fromBase64Url(text) {
    if (NodeBuffer === undefined)
        return fromBase64UrlJs(text);
    const body = base64UrlBody(text);
    return body === undefined ? undefined : NodeBuffer.from(body, 'base64url');
}
/** `text` without its padding, when Buffer decodes it as fromBase64UrlJs would; undefined otherwise. */
function base64UrlBody(text) {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 61)
        end--; // '='
    const body = end === text.length ? text : text.slice(0, end);
    // Buffer skips characters it does not know: check the alphabet and the length first.
    return end % 4 === 1 || !BASE64URL.test(body) ? undefined : body;
}
/**
 * fromBase64Url() into one buffer kept (valid until the next call), answered as a plain Uint8Array over it: no
 * Buffer made per call, and a view whose subarray() is not Buffer's.
 */
function keptDecoder(buffers) {
    let kept = buffers.alloc(256);
    let view = new Uint8Array(kept.buffer, kept.byteOffset, kept.length);
    return (text) => {
        const body = base64UrlBody(text);
        if (body === undefined)
            return undefined;
        const most = Math.ceil((body.length * 3) / 4);
        if (most > kept.length) {
            kept = buffers.alloc(most * 2);
            view = new Uint8Array(kept.buffer, kept.byteOffset, kept.length);
        }
        return view.subarray(0, kept.write(body, 0, 'base64url'));
    };
}
/**
 * base64url of a text already known to hold nothing but the alphabet (a JWT segment: the token matched the
 * bearer pattern and has no '.' inside a segment): only its length is checked before decoding.
 */
export function fromBase64UrlSegment(text) {
    if (NodeBuffer === undefined)
        return fromBase64UrlJs(text);
    if (text.length % 4 === 1)
        return undefined;
    return NodeBuffer.from(text, 'base64url');
}
/** Buffer's native decoder where the runtime has Buffer (unless `native` is false: tests), else JavaScript. */
export function segmentDecoder(native = true) {
    const buffers = native ? NodeBuffer : undefined;
    let scratch = buffers ? buffers.alloc(256) : new Uint8Array(256);
    return {
        get bytes() {
            return scratch;
        },
        decode(text) {
            if (text.length % 4 === 1)
                return -1;
            // 3 bytes per 4 characters, and the 0 after them.
            const most = Math.ceil((text.length * 3) / 4) + 1;
            if (most > scratch.length)
                scratch = buffers ? buffers.alloc(most * 2) : new Uint8Array(most * 2);
            const length = buffers ? scratch.write(text, 0, 'base64url') : base64UrlInto(text, scratch);
            if (length >= 0)
                scratch[length] = 0;
            return length;
        },
    };
}
/** base64url (unpadded) decoded into `out` (room checked by the caller) in JavaScript; -1 for another character. */
function base64UrlInto(text, out) {
    let bits = 0;
    let value = 0;
    let o = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const v = c < 128 ? (B64_INDEX[c] ?? -1) : -1;
        if (v < 0)
            return -1;
        value = ((value << 6) | v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (value >> bits) & 255;
        }
    }
    return o;
}
/** base64url decoding in JavaScript (runtimes without Buffer). */
export function fromBase64UrlJs(text) {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 61)
        end--; // '='
    if (end % 4 === 1)
        return undefined;
    const out = new Uint8Array(Math.floor((end * 3) / 4));
    let bits = 0;
    let value = 0;
    let o = 0;
    for (let i = 0; i < end; i++) {
        const c = text.charCodeAt(i);
        const v = c < 128 ? (B64_INDEX[c] ?? -1) : -1;
        if (v < 0)
            return undefined;
        value = (value << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (value >> bits) & 255;
        }
    }
    return out;
}

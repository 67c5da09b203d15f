/**
 * The few cryptographic operations the router needs, on the fastest backend the runtime has:
 * `node:crypto` where it exists (Node, and Workers with nodejs_compat), found through
 * `process.getBuiltinModule` so that no edge bundler sees an import of a Node module; Web Crypto
 * (`crypto.subtle`) everywhere else. Both give the same bytes: a state sealed by one opens with the other.
 */
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const TAG_BYTES = 16;
const randomIv = () => crypto.getRandomValues(new Uint8Array(IV_BYTES));
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
/**
 * HMAC-SHA256 (RFC 2104) from two one-shot digests, H((K ⊕ opad) ∥ H((K ⊕ ipad) ∥ m)), with the padded keys
 * made once: per webhook no Hmac object is made (each one costs the garbage collector a finalizer).
 * Tested equal to createHmac.
 */
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
    return (data) => {
        if (BLOCK + data.length > scratch.length) {
            const bigger = new Uint8Array(BLOCK + data.length);
            bigger.set(inner.subarray(0, BLOCK));
            scratch = bigger;
        }
        scratch.set(data, BLOCK);
        outer.set(hash('sha256', scratch.subarray(0, BLOCK + data.length), 'buffer'), BLOCK);
        return hash('sha256', outer, 'buffer');
    };
}
/** Random IVs from a pool filled 4 KiB at a time: one call into the random source per 341 seals. */
function ivSource(fill) {
    const pool = new Uint8Array(IV_BYTES * 341);
    let offset = pool.length;
    return () => {
        if (offset + IV_BYTES > pool.length) {
            fill(pool);
            offset = 0;
        }
        const iv = pool.slice(offset, offset + IV_BYTES);
        offset += IV_BYTES;
        return iv;
    };
}
function nodeBackend(node) {
    const hash = node.hash?.bind(node);
    const nextIv = ivSource((buffer) => node.randomFillSync(buffer));
    const hmacSha256 = (secret) => {
        if (hash)
            return oneShotHmac(hash, secret);
        const key = node.createSecretKey(secret);
        return (data) => node.createHmac('sha256', key).update(data).digest();
    };
    const sha256Hex = hash
        ? (data) => hash('sha256', data, 'hex')
        : (data) => node.createHash('sha256').update(data).digest('hex');
    return {
        name: 'node',
        sync: { hmacSha256, sha256Hex },
        hmacSha256,
        sha256Hex,
        aead(secret, salt, info) {
            const key = node.createSecretKey(new Uint8Array(node.hkdfSync('sha256', secret, salt, info, 32)));
            return {
                seal(plain, aad, prefix) {
                    const iv = nextIv();
                    const cipher = node.createCipheriv('aes-256-gcm', key, iv);
                    cipher.setAAD(aad);
                    const body = cipher.update(plain, 'utf8');
                    const tail = cipher.final(); // empty for GCM, kept for correctness
                    const tag = cipher.getAuthTag();
                    const out = new Uint8Array(1 + IV_BYTES + body.length + tail.length + TAG_BYTES);
                    out[0] = prefix;
                    out.set(iv, 1);
                    out.set(body, 1 + IV_BYTES);
                    out.set(tail, 1 + IV_BYTES + body.length);
                    out.set(tag, 1 + IV_BYTES + body.length + tail.length);
                    return out;
                },
                open(sealed, aad) {
                    if (sealed.length < 1 + IV_BYTES + TAG_BYTES)
                        return undefined;
                    try {
                        const decipher = node.createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV_BYTES));
                        decipher.setAAD(aad);
                        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
                        const text = decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES), undefined, 'utf8');
                        return text + decipher.final('utf8'); // final throws when the tag does not authenticate
                    }
                    catch {
                        return undefined;
                    }
                },
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
        let key;
        const derived = () => (key ??= crypto.subtle
            .importKey('raw', secret, 'HKDF', false, ['deriveKey'])
            .then((base) => crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: salt, info: info }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])));
        return {
            async seal(plain, aad, prefix) {
                const iv = randomIv();
                const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, await derived(), encoder.encode(plain)));
                const out = new Uint8Array(1 + IV_BYTES + body.length);
                out[0] = prefix;
                out.set(iv, 1);
                out.set(body, 1 + IV_BYTES);
                return out;
            },
            async open(sealed, aad) {
                if (sealed.length < 1 + IV_BYTES + TAG_BYTES)
                    return undefined;
                try {
                    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(1, 1 + IV_BYTES), additionalData: aad }, await derived(), sealed.slice(1 + IV_BYTES));
                    return decoder.decode(plain);
                }
                catch {
                    return undefined;
                }
            },
        };
    },
};
/** 'auto': node:crypto when present, else Web Crypto. 'web' forces Web Crypto (tests, edge parity). */
export function cryptoBackend(choice = 'auto') {
    const node = choice === 'auto' ? findNodeCrypto() : undefined;
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
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 61)
        end--; // '='
    const body = end === text.length ? text : text.slice(0, end);
    // Buffer skips characters it does not know: check the alphabet and the length first.
    if (end % 4 === 1 || !BASE64URL.test(body))
        return undefined;
    return NodeBuffer.from(body, 'base64url');
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

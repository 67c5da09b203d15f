/**
 * The few cryptographic operations the router needs, on the fastest backend the runtime has:
 * `node:crypto` where it exists (Node, and Workers with nodejs_compat), found through
 * `process.getBuiltinModule` so that no edge bundler sees an import of a Node module; Web Crypto
 * (`crypto.subtle`) everywhere else. Both give the same bytes: a state sealed by one opens with the other.
 */

/** What the router uses of node:crypto, typed structurally (this module imports nothing). */
interface NodeCryptoLike {
  /** One-shot digest (Node ≥ 20.12): no Hash object, so nothing for the garbage collector to finalize. */
  hash?(algorithm: string, data: Uint8Array, outputEncoding: 'hex'): string;
  hash?(algorithm: string, data: Uint8Array, outputEncoding: 'buffer'): Uint8Array;
  randomFillSync(buffer: Uint8Array): Uint8Array;
  /** A KeyObject: the secret is imported once, not on every webhook. */
  createSecretKey(key: Uint8Array): object;
  createHmac(algorithm: string, key: Uint8Array | object): { update(data: Uint8Array): { digest(): Uint8Array } };
  createHash(algorithm: string): { update(data: Uint8Array): { digest(encoding: 'hex'): string } };
  createCipheriv(
    algorithm: string,
    key: object,
    iv: Uint8Array,
  ): {
    setAAD(aad: Uint8Array): unknown;
    update(data: string, inputEncoding: 'utf8'): Uint8Array;
    final(): Uint8Array;
    getAuthTag(): Uint8Array;
  };
  createDecipheriv(
    algorithm: string,
    key: object,
    iv: Uint8Array,
  ): {
    setAAD(aad: Uint8Array): unknown;
    setAuthTag(tag: Uint8Array): unknown;
    update(data: Uint8Array, inputEncoding: undefined, outputEncoding: 'utf8'): string;
    final(outputEncoding: 'utf8'): string;
  };
  hkdfSync(digest: string, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): ArrayBuffer;
}

export type MaybePromise<T> = T | Promise<T>;

/**
 * An authenticated cipher under one derived key, on text. Sealed bytes: `prefix` (one byte, the caller's
 * format), then the 12-byte IV, the ciphertext and the 16-byte tag, in one buffer.
 */
export interface Aead {
  seal(plain: string, aad: Uint8Array, prefix: number): MaybePromise<Uint8Array>;
  /** The text sealed in `sealed` after its prefix byte, or undefined for anything that does not authenticate. */
  open(sealed: Uint8Array, aad: Uint8Array): MaybePromise<string | undefined>;
}

export interface CryptoBackend {
  readonly name: 'node' | 'web';
  /** The same operations without promises, where the backend has them (node:crypto): no microtask per webhook. */
  readonly sync?: {
    hmacSha256(secret: Uint8Array): (data: Uint8Array) => Uint8Array;
    sha256Hex(data: Uint8Array): string;
  };
  /** HMAC-SHA256 under `secret`; the key is imported once, on the first use. */
  hmacSha256(secret: Uint8Array): (data: Uint8Array) => MaybePromise<Uint8Array>;
  sha256Hex(data: Uint8Array): MaybePromise<string>;
  /** AES-256-GCM under HKDF-SHA256(secret, salt, info). Sealed bytes: 12-byte IV, ciphertext, 16-byte tag. */
  aead(secret: Uint8Array, salt: Uint8Array, info: Uint8Array): Aead;
}

// Named through crypto.subtle, so that this compiles with the DOM lib and with @types/node alike.
type Subtle = typeof crypto.subtle;
type Key = Awaited<ReturnType<Subtle['importKey']>>;
type BufferSource = Parameters<Subtle['digest']>[1];

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const TAG_BYTES = 16;

const randomIv = (): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(IV_BYTES));

function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return out;
}

/** node:crypto when the runtime has it, found without any import: edge bundlers must not see one. */
function findNodeCrypto(): NodeCryptoLike | undefined {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    if (typeof proc?.getBuiltinModule !== 'function') return undefined;
    const mod = proc.getBuiltinModule('node:crypto') as Partial<NodeCryptoLike> | undefined;
    const needed = [
      'randomFillSync',
      'createSecretKey',
      'createHmac',
      'createHash',
      'createCipheriv',
      'createDecipheriv',
      'hkdfSync',
    ] as const;
    return mod && needed.every((name) => typeof mod[name] === 'function') ? (mod as NodeCryptoLike) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * HMAC-SHA256 (RFC 2104) from two one-shot digests, H((K ⊕ opad) ∥ H((K ⊕ ipad) ∥ m)), with the padded keys
 * made once: per webhook no Hmac object is made (each one costs the garbage collector a finalizer).
 * Tested equal to createHmac.
 */
function oneShotHmac(hash: NonNullable<NodeCryptoLike['hash']>, secret: Uint8Array): (data: Uint8Array) => Uint8Array {
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
function ivSource(fill: (buffer: Uint8Array) => unknown): () => Uint8Array {
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

function nodeBackend(node: NodeCryptoLike): CryptoBackend {
  const hash = node.hash?.bind(node);
  const nextIv = ivSource((buffer) => node.randomFillSync(buffer));
  const hmacSha256 = (secret: Uint8Array): ((data: Uint8Array) => Uint8Array) => {
    if (hash) return oneShotHmac(hash, secret);
    const key = node.createSecretKey(secret);
    return (data) => node.createHmac('sha256', key).update(data).digest();
  };
  const sha256Hex = hash
    ? (data: Uint8Array) => hash('sha256', data, 'hex')
    : (data: Uint8Array) => node.createHash('sha256').update(data).digest('hex');
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
          if (sealed.length < 1 + IV_BYTES + TAG_BYTES) return undefined;
          try {
            const decipher = node.createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV_BYTES));
            decipher.setAAD(aad);
            decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
            const text = decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES), undefined, 'utf8');
            return text + decipher.final('utf8'); // final throws when the tag does not authenticate
          } catch {
            return undefined;
          }
        },
      };
    },
  };
}

const webBackend: CryptoBackend = {
  name: 'web',
  hmacSha256(secret) {
    let key: Promise<Key> | undefined;
    return async (data) => {
      key ??= crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return new Uint8Array(await crypto.subtle.sign('HMAC', await key, data as BufferSource));
    };
  },
  sha256Hex: async (data) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource))),
  aead(secret, salt, info) {
    let key: Promise<Key> | undefined;
    const derived = (): Promise<Key> =>
      (key ??= crypto.subtle
        .importKey('raw', secret as BufferSource, 'HKDF', false, ['deriveKey'])
        .then((base) =>
          crypto.subtle.deriveKey(
            { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: info as BufferSource },
            base,
            { name: 'AES-GCM', length: 256 },
            false,
            ['encrypt', 'decrypt'],
          ),
        ));
    return {
      async seal(plain, aad, prefix) {
        const iv = randomIv();
        const body = new Uint8Array(
          await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad as BufferSource }, await derived(), encoder.encode(plain)),
        );
        const out = new Uint8Array(1 + IV_BYTES + body.length);
        out[0] = prefix;
        out.set(iv, 1);
        out.set(body, 1 + IV_BYTES);
        return out;
      },
      async open(sealed, aad) {
        if (sealed.length < 1 + IV_BYTES + TAG_BYTES) return undefined;
        try {
          const plain = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: sealed.slice(1, 1 + IV_BYTES), additionalData: aad as BufferSource },
            await derived(),
            sealed.slice(1 + IV_BYTES) as BufferSource,
          );
          return decoder.decode(plain);
        } catch {
          return undefined;
        }
      },
    };
  },
};

/** 'auto': node:crypto when present, else Web Crypto. 'web' forces Web Crypto (tests, edge parity). */
export function cryptoBackend(choice: 'auto' | 'web' = 'auto'): CryptoBackend {
  const node = choice === 'auto' ? findNodeCrypto() : undefined;
  return node ? nodeBackend(node) : webBackend;
}

/** Compares every byte whatever the first difference, so the time taken says nothing about the secret. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** base64url without padding, in JavaScript (runtimes without Buffer). */
export function toBase64UrlJs(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return out;
}

/** Node's Buffer, where the runtime has one: its base64url codec is native. */
const NodeBuffer = (
  globalThis as {
    Buffer?: {
      from(text: string, encoding: 'base64url'): Uint8Array<ArrayBuffer>;
      from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64url'): string };
    };
  }
).Buffer;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (Buffer's native codec where there is one). */
export function toBase64Url(bytes: Uint8Array): string {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url') : toBase64UrlJs(bytes);
}

/** base64url (padding optional); undefined for any other character or an impossible length. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (NodeBuffer === undefined) return fromBase64UrlJs(text);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
  const body = end === text.length ? text : text.slice(0, end);
  // Buffer skips characters it does not know: check the alphabet and the length first.
  if (end % 4 === 1 || !BASE64URL.test(body)) return undefined;
  return NodeBuffer.from(body, 'base64url');
}

/** base64url decoding in JavaScript (runtimes without Buffer). */
export function fromBase64UrlJs(text: string): Uint8Array<ArrayBuffer> | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
  if (end % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (B64_INDEX[c] ?? -1) : -1;
    if (v < 0) return undefined;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 255;
    }
  }
  return out;
}

/**
 * The few cryptographic operations the router needs, on the fastest backend the runtime has:
 * `node:crypto` where it exists (Node, and Workers with nodejs_compat), found through
 * `process.getBuiltinModule` so that no edge bundler sees an import of a Node module; Web Crypto
 * (`crypto.subtle`) everywhere else. Both give the same bytes: a state sealed by one opens with the other.
 */

/** What the router uses of node:crypto, typed structurally (this module imports nothing). */
interface NodeCryptoLike {
  createHmac(algorithm: string, key: Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
  createHash(algorithm: string): { update(data: Uint8Array): { digest(encoding: 'hex'): string } };
  createCipheriv(
    algorithm: string,
    key: Uint8Array,
    iv: Uint8Array,
  ): { setAAD(aad: Uint8Array): unknown; update(data: Uint8Array): Uint8Array; final(): Uint8Array; getAuthTag(): Uint8Array };
  createDecipheriv(
    algorithm: string,
    key: Uint8Array,
    iv: Uint8Array,
  ): { setAAD(aad: Uint8Array): unknown; setAuthTag(tag: Uint8Array): unknown; update(data: Uint8Array): Uint8Array; final(): Uint8Array };
  hkdfSync(digest: string, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): ArrayBuffer;
}

export type MaybePromise<T> = T | Promise<T>;

/** An authenticated cipher under one derived key. `open` gives undefined for anything that does not authenticate. */
export interface Aead {
  seal(plain: Uint8Array, aad: Uint8Array): MaybePromise<Uint8Array>;
  open(sealed: Uint8Array, aad: Uint8Array): MaybePromise<Uint8Array | undefined>;
}

export interface CryptoBackend {
  readonly name: 'node' | 'web';
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
    const needed = ['createHmac', 'createHash', 'createCipheriv', 'createDecipheriv', 'hkdfSync'] as const;
    return mod && needed.every((name) => typeof mod[name] === 'function') ? (mod as NodeCryptoLike) : undefined;
  } catch {
    return undefined;
  }
}

function nodeBackend(node: NodeCryptoLike): CryptoBackend {
  return {
    name: 'node',
    hmacSha256: (secret) => (data) => node.createHmac('sha256', secret).update(data).digest(),
    sha256Hex: (data) => node.createHash('sha256').update(data).digest('hex'),
    aead(secret, salt, info) {
      const key = new Uint8Array(node.hkdfSync('sha256', secret, salt, info, 32));
      return {
        seal(plain, aad) {
          const iv = randomIv();
          const cipher = node.createCipheriv('aes-256-gcm', key, iv);
          cipher.setAAD(aad);
          const head = cipher.update(plain);
          const tail = cipher.final();
          const tag = cipher.getAuthTag();
          const out = new Uint8Array(IV_BYTES + head.length + tail.length + TAG_BYTES);
          out.set(iv, 0);
          out.set(head, IV_BYTES);
          out.set(tail, IV_BYTES + head.length);
          out.set(tag, IV_BYTES + head.length + tail.length);
          return out;
        },
        open(sealed, aad) {
          if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
          try {
            const decipher = node.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
            decipher.setAAD(aad);
            decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
            const head = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
            const tail = decipher.final(); // throws when the tag does not authenticate
            if (tail.length === 0) return head;
            const out = new Uint8Array(head.length + tail.length);
            out.set(head, 0);
            out.set(tail, head.length);
            return out;
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
      async seal(plain, aad) {
        const iv = randomIv();
        const body = new Uint8Array(
          await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad as BufferSource }, await derived(), plain as BufferSource),
        );
        const out = new Uint8Array(IV_BYTES + body.length);
        out.set(iv, 0);
        out.set(body, IV_BYTES);
        return out;
      },
      async open(sealed, aad) {
        if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
        try {
          const plain = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: sealed.slice(0, IV_BYTES), additionalData: aad as BufferSource },
            await derived(),
            sealed.slice(IV_BYTES) as BufferSource,
          );
          return new Uint8Array(plain);
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

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
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

/** base64url (padding optional); undefined for any other character or an impossible length. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
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

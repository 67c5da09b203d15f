/**
 * Call state between webhooks, carried by the call itself: sealed into the eventUrl (`?s=…`) with
 * AES-256-GCM under a key derived (HKDF-SHA256) from the router's state secret and the project id, and
 * bound to the call through the additional authenticated data. A state that was altered, sealed for
 * another call or project, expired or grew too large is refused. What this protects against and what
 * it does not: docs/router.md, "Call state".
 */
import { fromBase64Url, toBase64Url, type Aead, type CryptoBackend } from './crypto.mjs';
import { isObject } from './payloads.mjs';
import type { DataValue } from './program.mjs';

export interface CallState {
  /** Call data by name: what was captured and looked up, and the built-ins caller, called and callId. */
  data: Record<string, DataValue>;
  /** Attempt counters (`<flow>/<counter>` → how many times the counted transition was taken). */
  counters: Record<string, number>;
}

export const emptyState = (): CallState => ({ data: {}, counters: {} });

export const isEmptyState = (state: CallState): boolean => {
  for (const _ in state.data) return false;
  for (const _ in state.counters) return false;
  return true;
};

/** Why a sealed state is refused. */
export type StateRefusal = 'malformed' | 'oversized' | 'tampered' | 'expired';

export type OpenedState = { ok: true; state: CallState } | { ok: false; reason: StateRefusal };

export interface StateSealer {
  /** The query value for `?s=`; undefined when it would be larger than the limit. */
  seal(state: CallState, binding: string, nowMs: number): Promise<string | undefined>;
  open(sealed: string, binding: string, nowMs: number): Promise<OpenedState>;
}

export interface StateOptions {
  secret: string;
  projectId: string;
  backend: CryptoBackend;
  /** Seconds a sealed state stays valid (it is sealed again on every answer). */
  maxAgeSeconds: number;
  /** Longest sealed state, in characters of the query value. */
  maxChars: number;
  /**
   * How many states this sealer sealed it remembers in plain form (0: none). The next webhook of a call
   * usually brings back the state this instance just sealed: it is then not decrypted again. A state
   * sealed elsewhere (another instance, another isolate) is always decrypted.
   */
  rememberSealed?: number;
}

const FORMAT = 1;
const utf8 = new TextEncoder();

function isDataValue(value: unknown): value is DataValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** The decrypted JSON, checked value by value: a state is authenticated, but its shape is still checked. */
function stateFrom(value: unknown, nowSeconds: number): CallState | 'expired' | undefined {
  if (!isObject(value) || value['v'] !== FORMAT) return undefined;
  const expires = value['x'];
  if (typeof expires !== 'number' || !Number.isFinite(expires)) return undefined;
  if (nowSeconds > expires) return 'expired';
  const d = value['d'];
  const n = value['n'];
  if (!isObject(d) || !isObject(n)) return undefined;
  const state = emptyState();
  for (const key of Object.keys(d)) {
    const v = d[key];
    if (key === '__proto__' || !isDataValue(v)) return undefined;
    state.data[key] = v;
  }
  for (const key of Object.keys(n)) {
    const v = n[key];
    if (key === '__proto__' || typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return undefined;
    state.counters[key] = v;
  }
  return state;
}

export function createStateSealer(options: StateOptions): StateSealer {
  const aead: Aead = options.backend.aead(
    utf8.encode(options.secret),
    utf8.encode('flowc call state'),
    utf8.encode(`flowc/${FORMAT}/${options.projectId}`),
  );
  // The AAD of the last call seen: the webhooks of one call come one after another.
  let lastBinding = '';
  let lastAad = new Uint8Array(0);
  const aad = (binding: string): Uint8Array => {
    if (binding !== lastBinding || lastAad.length === 0) {
      lastAad = utf8.encode(`flowc-state/${FORMAT}/${options.projectId}/${binding}`);
      lastBinding = binding;
    }
    return lastAad;
  };
  // Sealed text → what it seals (its binding and its plain JSON), for the states this sealer made. Only the
  // exact text this sealer produced hits: anyone else's text is decrypted and authenticated as always.
  const remember = options.rememberSealed ?? 0;
  const sealedHere = new Map<string, { binding: string; plain: string }>();
  return {
    async seal(state, binding, nowMs) {
      const plain = JSON.stringify({ v: FORMAT, x: Math.floor(nowMs / 1000) + options.maxAgeSeconds, d: state.data, n: state.counters });
      const text = toBase64Url(await aead.seal(plain, aad(binding), FORMAT));
      if (text.length > options.maxChars) return undefined;
      if (remember > 0) {
        if (sealedHere.size >= remember) sealedHere.delete(sealedHere.keys().next().value!);
        sealedHere.set(text, { binding, plain });
      }
      return text;
    },
    async open(sealed, binding, nowMs) {
      if (sealed.length > options.maxChars) return { ok: false, reason: 'oversized' };
      const known = sealedHere.get(sealed);
      if (known !== undefined && known.binding === binding) {
        const state = stateFrom(JSON.parse(known.plain), nowMs / 1000);
        if (state === 'expired') return { ok: false, reason: 'expired' };
        if (state) return { ok: true, state };
      }
      const bytes = fromBase64Url(sealed);
      if (!bytes || bytes.length < 2 || bytes[0] !== FORMAT) return { ok: false, reason: 'malformed' };
      const plain = await aead.open(bytes, aad(binding));
      if (plain === undefined) return { ok: false, reason: 'tampered' };
      let value: unknown;
      try {
        value = JSON.parse(plain);
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const state = stateFrom(value, nowMs / 1000);
      if (state === 'expired') return { ok: false, reason: 'expired' };
      return state ? { ok: true, state } : { ok: false, reason: 'malformed' };
    },
  };
}

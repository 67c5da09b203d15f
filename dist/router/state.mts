/**
 * Call state between webhooks, carried by the call itself: sealed into the eventUrl (`?s=…`) with
 * encrypt-then-MAC (AES-256-CTR, then HMAC-SHA256 over the ciphertext and the call; crypto.mts) under two
 * keys derived (HKDF-SHA256) from the router's state secret and the project id, and bound to the call
 * through the additional authenticated data. A state that was altered, sealed for
 * another call or project, expired or grew too large is refused. What this protects against and what
 * it does not: docs/router.md, "Call state".
 */
import { fromBase64Url, toBase64Url, type Aead, type CryptoBackend, type MaybePromise } from './crypto.mjs';
import { isObject } from './payloads.mjs';
import type { DataValue } from './program.mjs';

export interface CallState {
  /** Call data by name: what was captured and looked up, and the built-ins caller, called and callId. */
  data: Record<string, DataValue>;
  /** Attempt counters (`<flow>/<counter>` → how many times the counted transition was taken). */
  counters: Record<string, number>;
}

export const emptyState = (): CallState => ({ data: {}, counters: {} });

/**
 * A state a sealer remembers shares its data and counters, frozen, with every state it hands out from open():
 * whoever changes a state's data or counters takes a copy first (the engine does, through these two).
 */
export function writableData(state: CallState): Record<string, DataValue> {
  if (Object.isFrozen(state.data)) state.data = { ...state.data };
  return state.data;
}

export function writableCounters(state: CallState): Record<string, number> {
  if (Object.isFrozen(state.counters)) state.counters = { ...state.counters };
  return state.counters;
}

export const isEmptyState = (state: CallState): boolean => {
  for (const _ in state.data) return false;
  for (const _ in state.counters) return false;
  return true;
};

/** Why a sealed state is refused. */
export type StateRefusal = 'malformed' | 'oversized' | 'tampered' | 'expired';

export type OpenedState = { ok: true; state: CallState } | { ok: false; reason: StateRefusal };

/**
 * A sealer answers without a promise where its backend can (node:crypto, or a state it remembers): a
 * promise per webhook is a microtask and an allocation the static path does not pay.
 */
export interface StateSealer {
  /** The query value for `?s=`; undefined when it would be larger than the limit. */
  seal(state: CallState, binding: string, nowMs: number): MaybePromise<string | undefined>;
  open(sealed: string, binding: string, nowMs: number): MaybePromise<OpenedState>;
}

export interface StateOptions {
  secret: string;
  projectId: string;
  backend: CryptoBackend;
  /**
   * Seconds a sealed state stays valid. It is sealed again on every answer that changes it; one that did not
   * change is sent again as it came while it has at least maxAgeSeconds − min(60, maxAgeSeconds / 2) left.
   */
  maxAgeSeconds: number;
  /** Longest sealed state, in characters of the query value. */
  maxChars: number;
  /**
   * How many states this sealer sealed it remembers in plain form (0: none): the last few (up to 4) of each
   * call, for as many calls as that allows. The next webhook of a call usually brings back the state this
   * instance just sealed: it is then not decrypted again. A state sealed elsewhere (another instance,
   * another isolate) is always decrypted.
   */
  rememberSealed?: number;
}

/** 2: AES-256-CTR + HMAC-SHA256. */
const FORMAT = 2;
/** 1: AES-256-GCM, before format 2: still opened (never sealed), so calls in progress survive an upgrade. */
const FORMAT_GCM = 1;
const utf8 = new TextEncoder();

function isDataValue(value: unknown): value is DataValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** The decrypted JSON, checked value by value: a state is authenticated, but its shape is still checked. */
function stateFrom(value: unknown, nowSeconds: number, format: number): CallState | 'expired' | undefined {
  if (!isObject(value) || value['v'] !== format) return undefined;
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

const PLAIN_HEAD = `{"v":${FORMAT},"x":`;

/** The data part of a plain state as seal() writes it (after the expiry, whose digits hold no comma); '' otherwise. */
function sealedContent(plain: string): string {
  if (!plain.startsWith(PLAIN_HEAD)) return '';
  const comma = plain.indexOf(',', PLAIN_HEAD.length);
  return comma < 0 ? '' : plain.slice(comma + 1, -1);
}

/** What a sealer knows of a state it opened or sealed: enough to send the same text again while nothing changed. */
interface Known {
  sealed: string;
  binding: string;
  /** The sealed JSON's two parts that hold the call's data (`"d":{…},"n":{…}`), compared to tell whether a state changed. */
  content: string;
  /** Expiry, in seconds since the epoch. */
  expires: number;
  /**
   * For a state this sealer sealed: its data and counters (frozen, never changed) with their JSON, so that a
   * part still the same object is not written again.
   */
  parts?: { data: CallState['data']; dataJson: string; counters: CallState['counters']; countersJson: string };
}

interface Remembered {
  known: Known;
  /** The state as sealed, its data and counters frozen: open() hands out a state sharing them. */
  state: CallState;
}

/** The latest states of one call a sealer remembers (the one its next webhook brings back, and a few before it). */
const STATES_PER_CALL = 4;

export function createStateSealer(options: StateOptions): StateSealer {
  const aead: Aead = options.backend.aead(
    utf8.encode(options.secret),
    utf8.encode('flowc call state'),
    utf8.encode(`flowc/${FORMAT}/${options.projectId}`),
  );
  // Format 1 under its own key and AAD. Its plain text never matches PLAIN_HEAD, so a state opened from it is
  // always sealed again, in format 2, on the next answer.
  let gcm: ReturnType<CryptoBackend['gcmOpener']> | undefined;
  const openGcm = (bytes: Uint8Array, binding: string) => {
    gcm ??= options.backend.gcmOpener(
      utf8.encode(options.secret),
      utf8.encode('flowc call state'),
      utf8.encode(`flowc/${FORMAT_GCM}/${options.projectId}`),
    );
    return gcm(bytes, utf8.encode(`flowc-state/${FORMAT_GCM}/${options.projectId}/${binding}`));
  };
  const maxAge = options.maxAgeSeconds;
  // A state that did not change is sent again as the text it came in while it still has this much life left:
  // a call's state then stays valid between maxAge − slack and maxAge seconds after its last webhook.
  const slack = Math.min(60, Math.floor(maxAge / 2));
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
  // Per call (its binding), the last states this sealer sealed for it, most recently used first. Only the exact
  // text this sealer produced for this call hits: anyone else's text is decrypted and authenticated as always.
  // Kept per call, a state the call has moved on from is forgotten at its next few webhooks (young garbage,
  // cheap to collect) instead of living on among a thousand others. Two generations of calls of at most half
  // the limit each: forgetting the older one at once costs nothing per seal.
  const remember = options.rememberSealed ?? 0;
  const perCall = Math.min(STATES_PER_CALL, remember);
  const generation = Math.ceil(Math.ceil(remember / Math.max(perCall, 1)) / 2);
  let recent = new Map<string, Remembered[]>();
  let older = new Map<string, Remembered[]>();
  // The states this sealer handed out from open(), with the text they came in (the engine changes them in place).
  const openedFrom = new WeakMap<CallState, Known>();

  /** A call's list, moved to the recent generation when it is found in the older one. */
  function callStates(binding: string, create: boolean): Remembered[] | undefined {
    let list = recent.get(binding);
    if (list !== undefined) return list;
    list = older.get(binding);
    if (list === undefined && !create) return undefined;
    if (recent.size >= generation) {
      older = recent;
      recent = new Map();
    }
    list ??= [];
    recent.set(binding, list);
    return list;
  }

  function remember1(binding: string, entry: Remembered): void {
    const list = callStates(binding, true)!;
    list.unshift(entry);
    if (list.length > perCall) list.pop();
  }

  /** The remembered entry for exactly this text of this call, if any, moved to the front of its call's list. */
  function recall(sealed: string, binding: string): Remembered | undefined {
    const list = callStates(binding, false);
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      if (entry.known.sealed !== sealed) continue;
      if (i > 0) {
        list.splice(i, 1);
        list.unshift(entry);
      }
      return entry;
    }
    return undefined;
  }

  function opened(state: CallState, known: Known): OpenedState {
    openedFrom.set(state, known);
    return { ok: true, state };
  }

  /** What a decrypted state says, checked. */
  function fromPlain(plain: string | undefined, sealed: string, binding: string, nowMs: number, format: number): OpenedState {
    if (plain === undefined) return { ok: false, reason: 'tampered' };
    let value: unknown;
    try {
      value = JSON.parse(plain);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const state = stateFrom(value, nowMs / 1000, format);
    if (state === 'expired') return { ok: false, reason: 'expired' };
    if (!state) return { ok: false, reason: 'malformed' };
    return opened(state, { sealed, binding, content: sealedContent(plain), expires: (value as { x: number }).x });
  }

  return {
    seal(state, binding, nowMs) {
      const before = openedFrom.get(state);
      const parts = before?.parts;
      // A part that is still the object this sealer sealed (frozen) says what it said then.
      const dataJson = parts !== undefined && state.data === parts.data ? parts.dataJson : JSON.stringify(state.data);
      const countersJson = parts !== undefined && state.counters === parts.counters ? parts.countersJson : JSON.stringify(state.counters);
      const nowSeconds = Math.floor(nowMs / 1000);
      const content = `"d":${dataJson},"n":${countersJson}`;
      // Nothing new to carry: the text it came in says exactly this, for this call, and is far from its expiry.
      if (
        before !== undefined &&
        before.binding === binding &&
        (parts !== undefined ? dataJson === parts.dataJson && countersJson === parts.countersJson : before.content === content) &&
        before.expires - nowSeconds >= maxAge - slack
      ) {
        return before.sealed;
      }
      const expires = nowSeconds + maxAge;
      const plain = `{"v":${FORMAT},"x":${expires},${content}}`;
      const done = (text: string): string | undefined => {
        if (text.length > options.maxChars) return undefined;
        if (generation > 0) {
          // Kept as sealed: frozen, so that a state handed out from it copies a part before changing it.
          const kept = { data: Object.freeze(state.data), counters: Object.freeze(state.counters) };
          remember1(binding, {
            known: { sealed: text, binding, content, expires, parts: { data: kept.data, dataJson, counters: kept.counters, countersJson } },
            state: kept,
          });
        }
        return text;
      };
      const text = aead.sealText
        ? aead.sealText(plain, aad(binding), FORMAT)
        : Promise.resolve(aead.seal(plain, aad(binding), FORMAT)).then(toBase64Url);
      return typeof text === 'string' ? done(text) : text.then(done);
    },
    open(sealed, binding, nowMs) {
      if (sealed.length > options.maxChars) return { ok: false, reason: 'oversized' };
      const remembered = generation > 0 ? recall(sealed, binding) : undefined;
      if (remembered !== undefined) {
        if (nowMs / 1000 > remembered.known.expires) return { ok: false, reason: 'expired' };
        // Its data and counters shared, frozen: the engine copies a part before it changes it.
        return opened({ data: remembered.state.data, counters: remembered.state.counters }, remembered.known);
      }
      const bytes = fromBase64Url(sealed);
      const format = bytes?.[0];
      if (!bytes || bytes.length < 2 || (format !== FORMAT && format !== FORMAT_GCM)) return { ok: false, reason: 'malformed' };
      const plain = format === FORMAT ? aead.open(bytes, aad(binding)) : openGcm(bytes, binding);
      return typeof plain === 'string' || plain === undefined
        ? fromPlain(plain, sealed, binding, nowMs, format)
        : plain.then((text) => fromPlain(text, sealed, binding, nowMs, format));
    },
  };
}

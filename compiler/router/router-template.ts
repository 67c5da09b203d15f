/**
 * The source of the generated router (dist/router.ts and dist/router.mjs), written once.
 *
 * Type-only text is wrapped in «…»: for TypeScript the two marker characters are dropped, for
 * JavaScript everything between them is (see `eraseTypes` in generate-router.ts). The route
 * data is spliced in at the `/*@@…@@*\/` placeholders *after* that, so prompts that contain
 * « » (French quotes) are never touched. The text is a String.raw literal: it must not contain
 * a backtick or a dollar-brace sequence.
 *
 * Only Web-standard APIs are used (crypto.subtle, TextEncoder/TextDecoder, atob, URL,
 * Request/Response) so the module runs on Node ≥ 20, edge runtimes and serverless functions.
 */
export const ROUTER_TEMPLATE = String.raw`/*@@HEADER@@*/

«// ---------------------------------------------------------------------------
// Route data types
// ---------------------------------------------------------------------------

/** An NCCO: the list of actions Vonage runs (NCCO reference). */
export type Ncco = Record<string, unknown>[];

/** A step of a flow in a locale. */
export interface RouteTarget {
  flow: string;
  locale: string;
  step: string;
}

/** Speech alternatives for one target, matched as whole words, case-insensitively. */
export interface SpeechCase {
  words: string[];
  target: RouteTarget;
}

export interface InputTransitions {
  kind: 'input';
  digits: Record<string, RouteTarget>;
  speech: SpeechCase[];
  timeout?: RouteTarget;
  default?: RouteTarget;
}

export interface PayTransitions {
  kind: 'pay';
  success?: RouteTarget;
  failure?: RouteTarget;
}

/** connect with eventType: synchronous may be answered on these statuses (NCCO reference: connect). */
export type ConnectStatus = 'timeout' | 'failed' | 'rejected' | 'unanswered' | 'busy';

export interface ConnectTransitions {
  kind: 'connect';
  statuses: Partial<Record<ConnectStatus, RouteTarget>>;
  default?: RouteTarget;
}

export interface NotifyTransitions {
  kind: 'notify';
  default: RouteTarget;
}

export type StepTransitions = InputTransitions | PayTransitions | ConnectTransitions | NotifyTransitions;

/** One event route: the step whose NCCO points at it, and where each webhook outcome goes. */
export interface EventRoute {
  step: RouteTarget;
  transitions: StepTransitions;
}

export interface RouteTable {
  /** The base URL the NCCOs' eventUrls point at. */
  routerUrl: string;
  /** The path part of routerUrl ('' at the root); requests are accepted with and without it. */
  basePath: string;
  /** Called number (digits only) → the step the call starts at. */
  numbers: Record<string, RouteTarget>;
  /** Event route path (/on/<flow>/<locale>/<step>, URI-encoded segments) → its transitions. */
  routes: Record<string, EventRoute>;
}

»// ---------------------------------------------------------------------------
// Route data (generated from the flows)
// ---------------------------------------------------------------------------

export const routeTable«: RouteTable» = /*@@ROUTE_TABLE@@*/;

/** Key: <flow>/<locale>/<step> → that step's NCCO (the same NCCOs as dist/ncco). */
export const nccos«: Readonly<Record<string, Ncco>>» = /*@@NCCOS@@*/;

«// ---------------------------------------------------------------------------
// Webhook payloads (constraints §4; samples in the Vonage SDKs and docs)
// ---------------------------------------------------------------------------

/** Fields most call webhooks carry. */
export interface CallIdentity {
  from?: string;
  to?: string;
  uuid?: string;
  conversation_uuid?: string;
  timestamp?: string;
}

/** answer_url: GET query or POST JSON (constraints §4.1). */
export interface AnswerPayload extends CallIdentity {
  to: string;
  from_user?: string;
  endpoint_type?: string;
  region_url?: string;
  custom_data?: unknown;
  /** SipHeader_X-… and any field Vonage adds later. */
  [field: string]: unknown;
}

export interface DtmfResult {
  /** The keys pressed, e.g. "1234"; null or "" when none. */
  digits?: string | null;
  timed_out?: boolean;
}

export interface SpeechResult {
  text: string;
  /** 0.0–1.0, sent as a string ("0.9405097"). */
  confidence?: string | number;
}

export interface SpeechOutcome {
  results?: SpeechResult[];
  timeout_reason?: 'end_on_silence_timeout' | 'max_duration' | 'start_timeout' | (string & {});
  error?: string;
  recording_url?: string;
}

/** input eventUrl (constraints §4.3). With eventMethod GET, dtmf and speech arrive JSON-encoded in the query. */
export interface InputPayload extends CallIdentity {
  dtmf?: DtmfResult;
  speech?: SpeechOutcome;
  [field: string]: unknown;
}

/** pay eventUrl (Payments over the Phone guide; constraints §3.4). */
export interface PayPayload extends CallIdentity {
  type?: 'payment';
  status: 'success' | 'failure' | (string & {});
  [field: string]: unknown;
}

/** Call statuses (constraints §4.2). */
export type CallStatus =
  | 'started' | 'ringing' | 'answered' | 'machine' | 'human' | 'completed' | 'busy'
  | 'cancelled' | 'failed' | 'rejected' | 'timeout' | 'unanswered' | 'disconnected';

/** event_url call-status events and NCCO errors (constraints §4.2, §4.8). */
export interface CallStatusPayload extends CallIdentity {
  status?: CallStatus | (string & {});
  /** human/machine events carry call_uuid instead of uuid. */
  call_uuid?: string;
  direction?: 'inbound' | 'outbound';
  start_time?: string;
  end_time?: string;
  duration?: string;
  rate?: string;
  price?: string;
  network?: string;
  detail?: string;
  sub_state?: string;
  disconnected_by?: string;
  sip_code?: number;
  /** NCCO error reports: "Syntax error in NCCO. Invalid value type or action." */
  reason?: string;
  [field: string]: unknown;
}

/** A connect (eventType: synchronous) eventUrl receives the call statuses of the leg it dials. */
export type ConnectEventPayload = CallStatusPayload;

/** notify eventUrl: the action's payload object (constraints §4.7). */
export interface NotifyPayload {
  conversation_uuid?: string;
  payload?: unknown;
  timestamp?: string;
  [field: string]: unknown;
}

export type WebhookPayload = AnswerPayload | InputPayload | PayPayload | ConnectEventPayload | NotifyPayload | CallStatusPayload;

// ---------------------------------------------------------------------------
// Router interface
// ---------------------------------------------------------------------------

export interface RouterLogger {
  warn(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

/** Why the router answers a safe NCCO instead of a step of the flow. */
export type FallbackReason = 'unknown-number' | 'no-transition' | 'bad-request' | 'payload-too-large' | 'internal-error';

export interface FallbackContext {
  reason: FallbackReason;
  /** The step whose event route was called (absent on /answer). */
  route?: RouteTarget;
  /** The called number, for unknown-number. */
  to?: string;
}

export interface CallStatusContext {
  /** The connect step whose eventUrl received the event (absent on /event). */
  route?: RouteTarget;
}

export interface RouterOptions {
  /** The Vonage account signature secret (HS256). Without it, set allowUnsigned: true. */
  signatureSecret?: string;
  /** Accept unsigned webhooks when no secret is given (local testing only). */
  allowUnsigned?: boolean;
  /** Maximum age of a token's iat, in seconds (default 300). */
  maxTokenAgeSeconds?: number;
  /** How far in the future an iat may be, for clock drift, in seconds (default 60). */
  maxClockSkewSeconds?: number;
  /** Largest accepted request body, in bytes (default 65536). */
  maxBodyBytes?: number;
  /** Call-status events (/event, and connect legs). Not awaited: the answer never waits on it. */
  onCallStatus?(event: CallStatusPayload, context: CallStatusContext): void | Promise<void>;
  /** Where warnings go (default console). Nothing but the status of a pay webhook is ever logged. */
  logger?: RouterLogger;
  /** Clock in milliseconds since the epoch (default Date.now), for tests. */
  now?(): number;
  /** The safe NCCO answered when the flow cannot continue (default: a short English goodbye). */
  fallbackNcco?(context: FallbackContext): Ncco;
}

/** A transport-neutral request: what the fetch handler and the node:http adapter both pass to handle(). */
export interface RawRequest {
  method: string;
  /** Path and query, e.g. /flowc/answer?to=447700900000 */
  url: string;
  authorization?: string | null;
  /** The raw body bytes (POST); null or absent for GET. */
  body?: Uint8Array | null;
  /** The body was larger than maxBodyBytes and was not read. */
  oversized?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export interface Router {
  /** Web-standard handler: Node ≥ 20, edge runtimes, serverless functions. */
  fetch(request: Request): Promise<Response>;
  /** The same router without Request/Response objects (used by toNodeHandler). */
  handle(request: RawRequest): Promise<RawResponse>;
  readonly maxBodyBytes: number;
}

// Minimal structural views of node:http's IncomingMessage and ServerResponse, so that this
// module imports nothing and still runs on edge runtimes.
export interface NodeRequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  readableEnded?: boolean;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface NodeResponseLike {
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

export type NodeHandler = (request: NodeRequestLike, response: NodeResponseLike) => void;

// ---------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------

interface CompiledTarget {
  target: RouteTarget;
  key: string;
  body: string;
}

interface CompiledSpeechCase {
  phrases: string[][];
  to: CompiledTarget;
}

type CompiledRoute =
  | { kind: 'input'; step: RouteTarget; key: string; repeat: CompiledTarget; digits: Map<string, CompiledTarget>; speech: CompiledSpeechCase[]; timeout: CompiledTarget | undefined; otherwise: CompiledTarget | undefined }
  | { kind: 'pay'; step: RouteTarget; key: string; success: CompiledTarget | undefined; failure: CompiledTarget | undefined }
  | { kind: 'connect'; step: RouteTarget; key: string; statuses: Map<string, CompiledTarget>; otherwise: CompiledTarget | undefined }
  | { kind: 'notify'; step: RouteTarget; key: string; otherwise: CompiledTarget };

type Found = { kind: 'answer' } | { kind: 'event' } | { kind: 'step'; route: CompiledRoute };

type Payload = Record<string, unknown>;

»// ---------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 300;
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_MAX_BODY_BYTES = 65536;

/** Answered (200) when no flow owns the called number. */
export const UNKNOWN_NUMBER_NCCO«: Ncco» = [
  { action: 'talk', text: 'Sorry, this number is not in service. Please check the number and call again. Goodbye.', language: 'en-US' },
];

/** Answered when a caller is on the line and the flow cannot continue. */
export const SAFE_NCCO«: Ncco» = [
  { action: 'talk', text: 'Sorry, we cannot continue this call right now. Please call again later. Goodbye.', language: 'en-US' },
];

/** The call statuses a synchronous connect may answer with an NCCO (NCCO reference: connect). */
const CONNECT_FALLBACK_STATUSES = new Set(['timeout', 'failed', 'rejected', 'unanswered', 'busy']);

/** Query fields that carry JSON objects when eventMethod is GET (constraints §4.3). */
const JSON_QUERY_FIELDS = new Set(['dtmf', 'speech', 'custom_data', 'payload']);

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const stepKey = (t«: RouteTarget»)«: string» => t.flow + '/' + t.locale + '/' + t.step;

const isObject = (value«: unknown»)«: value is Payload» =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const jsonHeaders = ()«: Record<string, string>» => ({ 'content-type': 'application/json', 'cache-control': 'no-store' });

const jsonAnswer = (status«: number», body«: string»)«: RawResponse» => ({ status, headers: jsonHeaders(), body });

const errorAnswer = (status«: number», error«: string»)«: RawResponse» => jsonAnswer(status, JSON.stringify({ error }));

const NO_CONTENT_STATUS = 204;

/** Lower-cased word tokens; speech results and the author's phrases are compared as word sequences. */
function words(text«: string»)«: string[]» {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

function containsWords(haystack«: string[]», needle«: string[]»)«: boolean» {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    let i = 0;
    while (i < needle.length && haystack[start + i] === needle[i]) i++;
    if (i === needle.length) return true;
  }
  return false;
}

function confidenceOf(result«: Payload»)«: number» {
  const c = result['confidence'];
  const n = typeof c === 'number' ? c : typeof c === 'string' ? Number.parseFloat(c) : Number.NaN;
  return Number.isFinite(n) ? n : 0;
}

/** Speech results best confidence first; the first result that holds a listed phrase wins, cases in author order. */
function matchSpeech(results«: Payload[]», cases«: CompiledSpeechCase[]»)«: CompiledTarget | undefined» {
  const ranked = results
    .map((result, index) => ({ index, confidence: confidenceOf(result), tokens: words(String(result['text'])) }))
    .sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  for (const result of ranked) {
    for (const c of cases) {
      for (const phrase of c.phrases) {
        if (containsWords(result.tokens, phrase)) return c.to;
      }
    }
  }
  return undefined;
}

/** Digits pressed: dtmf.digits, or the pre-2020 form where dtmf itself is the digit string. */
function digitsOf(payload«: Payload»)«: string» {
  const dtmf = payload['dtmf'];
  if (typeof dtmf === 'string') return dtmf.trim();
  if (!isObject(dtmf)) return '';
  const d = dtmf['digits'];
  if (typeof d === 'string') return d.trim();
  if (typeof d === 'number') return String(d);
  return '';
}

function speechResultsOf(payload«: Payload»)«: Payload[]» {
  const speech = payload['speech'];
  if (!isObject(speech) || !Array.isArray(speech['results'])) return [];
  const out«: Payload[]» = [];
  for (const r of speech['results']) {
    const text = isObject(r) ? r['text'] : undefined;
    if (isObject(r) && typeof text === 'string' && text.trim() !== '') out.push(r);
  }
  return out;
}

/** a=1&b=2 → { a: '1', b: '2' } in order; undefined when a key repeats or an escape is malformed. */
function parseQuery(search«: string»)«: Record<string, string> | undefined» {
  const out«: Record<string, string>» = Object.create(null);
  if (search === '') return out;
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key«: string»;
    let value«: string»;
    try {
      key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    out[key] = value;
  }
  return out;
}

/** The payload of a GET webhook: nested objects arrive JSON-encoded (constraints §4.3). */
function payloadFromQuery(query«: Record<string, string>»)«: Payload | undefined» {
  // A plain object, as handed to onCallStatus; no Vonage field is named __proto__.
  const out«: Payload» = {};
  for (const key of Object.keys(query)) {
    if (key === '__proto__') continue;
    const value = query[key] ?? '';
    if (JSON_QUERY_FIELDS.has(key) && (value.startsWith('{') || value.startsWith('['))) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        return undefined;
      }
    } else {
      out[key] = value;
    }
  }
  return out;
}

function payloadFromBody(body«: Uint8Array | null | undefined»)«: Payload | undefined» {
  if (!body || body.length === 0) return undefined;
  try {
    const value«: unknown» = JSON.parse(strictUtf8.decode(body));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// --- signed webhooks (constraints §4.10): HS256 JWT, payload_hash = hex SHA-256 ---

function base64UrlToBytes(text«: string»)«: Uint8Array | undefined» {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  let b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  while (b64.length % 4 !== 0) b64 += '=';
  try {
    const binary = atob(b64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function jsonSegment(text«: string»)«: Payload | undefined» {
  const bytes = base64UrlToBytes(text);
  if (!bytes) return undefined;
  try {
    const value«: unknown» = JSON.parse(strictUtf8.decode(bytes));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Compares every byte whatever the first difference, so the time taken says nothing about the secret. */
function sameBytes(a«: Uint8Array», b«: Uint8Array»)«: boolean» {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function sameText(a«: string», b«: string»)«: boolean» {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function hex(buffer«: ArrayBuffer»)«: string» {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return out;
}

async function sha256Hex(data«: Uint8Array»)«: Promise<string>» {
  return hex(await crypto.subtle.digest('SHA-256', data« as BufferSource»));
}

function isPositive(value«: unknown»)«: value is number» {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * Creates the router. Throws at start (never per request) when no signature secret is given
 * and allowUnsigned is not true, or when an option is out of range.
 */
export function createRouter(options«: RouterOptions» = {})«: Router» {
  const secret = options.signatureSecret;
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
    throw new Error('flowc router: signatureSecret must be a non-empty string.');
  }
  if (secret === undefined && options.allowUnsigned !== true) {
    throw new Error(
      'flowc router: refusing to start without a signature secret. Pass signatureSecret (your Vonage ' +
        'signature secret) so webhooks are verified, or allowUnsigned: true to accept unsigned webhooks (local testing only).',
    );
  }
  const maxTokenAge = options.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const maxSkew = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!isPositive(maxTokenAge)) throw new Error('flowc router: maxTokenAgeSeconds must be a positive number.');
  if (typeof maxSkew !== 'number' || !Number.isFinite(maxSkew) || maxSkew < 0) {
    throw new Error('flowc router: maxClockSkewSeconds must be zero or a positive number.');
  }
  if (!isPositive(maxBodyBytes) || !Number.isInteger(maxBodyBytes)) {
    throw new Error('flowc router: maxBodyBytes must be a positive integer.');
  }
  const now = options.now ?? Date.now;
  const logger«: RouterLogger» = options.logger ?? {
    warn: (message, data) => console.warn(message, data ?? {}),
    error: (message, data) => console.error(message, data ?? {}),
  };
  const logError = (message«: string», data«: Record<string, unknown>»)«: void» => {
    if (logger.error) logger.error(message, data);
    else logger.warn(message, data);
  };
  const describe = (error«: unknown»)«: string» => (error instanceof Error ? error.message : String(error));

  // --- compile the route table once: every answer is a pre-serialized string behind a map lookup ---
  const bodies = new Map«<string, string>»();
  for (const key of Object.keys(nccos)) bodies.set(key, JSON.stringify(nccos[key]));
  const compileTarget = (target«: RouteTarget»)«: CompiledTarget» => {
    const key = stepKey(target);
    const body = bodies.get(key);
    if (body === undefined) throw new Error('flowc router: no NCCO for step ' + key + '.');
    return { target, key, body };
  };
  const optionalTarget = (target«: RouteTarget | undefined»)«: CompiledTarget | undefined» =>
    target ? compileTarget(target) : undefined;

  const numbers = new Map«<string, CompiledTarget>»();
  for (const number of Object.keys(routeTable.numbers)) {
    const target = routeTable.numbers[number];
    if (target) numbers.set(number, compileTarget(target));
  }

  const routes = new Map«<string, CompiledRoute>»();
  for (const path of Object.keys(routeTable.routes)) {
    const entry = routeTable.routes[path];
    if (!entry) continue;
    const t = entry.transitions;
    const base = { step: entry.step, key: stepKey(entry.step) };
    let route«: CompiledRoute»;
    if (t.kind === 'input') {
      const digits = new Map«<string, CompiledTarget>»();
      for (const d of Object.keys(t.digits)) {
        const target = t.digits[d];
        if (target) digits.set(d, compileTarget(target));
      }
      route = {
        kind: 'input',
        ...base,
        repeat: compileTarget(entry.step),
        digits,
        speech: t.speech.map((c) => ({ phrases: c.words.map(words), to: compileTarget(c.target) })),
        timeout: optionalTarget(t.timeout),
        otherwise: optionalTarget(t.default),
      };
    } else if (t.kind === 'pay') {
      route = { kind: 'pay', ...base, success: optionalTarget(t.success), failure: optionalTarget(t.failure) };
    } else if (t.kind === 'connect') {
      const statuses = new Map«<string, CompiledTarget>»();
      for (const s of Object.keys(t.statuses)) {
        const target = t.statuses[s« as ConnectStatus»];
        if (target) statuses.set(s, compileTarget(target));
      }
      route = { kind: 'connect', ...base, statuses, otherwise: optionalTarget(t.default) };
    } else {
      route = { kind: 'notify', ...base, otherwise: compileTarget(t.default) };
    }
    routes.set(path, route);
  }

  const basePath = routeTable.basePath;
  const ANSWER«: Found» = { kind: 'answer' };
  const EVENT«: Found» = { kind: 'event' };

  /** /flowc/answer and /answer both work: the router may sit behind a path-stripping proxy. */
  function findRoute(rawPath«: string»)«: Found | undefined» {
    let path = rawPath;
    if (
      basePath !== '' &&
      path.startsWith(basePath) &&
      (path.length === basePath.length || path.charCodeAt(basePath.length) === 47)
    ) {
      path = path.slice(basePath.length);
    }
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    if (path === '/answer') return ANSWER;
    if (path === '/event') return EVENT;
    if (!path.startsWith('/on/')) return undefined;
    const route = routes.get(path) ?? routes.get(canonicalPath(path));
    return route ? { kind: 'step', route } : undefined;
  }

  /** Re-encodes each segment the way the build did (encodeURIComponent), whatever a proxy did to it. */
  function canonicalPath(path«: string»)«: string» {
    const segments = path.split('/');
    if (segments.length !== 5) return '';
    try {
      return '/on/' + segments.slice(2).map((s) => encodeURIComponent(decodeURIComponent(s))).join('/');
    } catch {
      return '';
    }
  }

  // --- signature verification ---
  let keyPromise«: Promise<CryptoKey> | undefined»;
  const hmacKey = ()«: Promise<CryptoKey>» => {
    if (keyPromise === undefined && secret !== undefined) {
      keyPromise = crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    }
    return keyPromise ?? Promise.reject(new Error('no signature secret'));
  };

  /** Returns why the request is rejected, or undefined when the token is valid for this payload. */
  async function verify(authorization«: string | null | undefined», signed«: Uint8Array», isBody«: boolean»)«: Promise<string | undefined>» {
    if (!authorization) return 'missing-token';
    const match = /^Bearer[ \t]+([A-Za-z0-9_.-]+)[ \t]*$/i.exec(authorization);
    const token = match ? match[1] : undefined;
    if (token === undefined) return 'malformed-token';
    const parts = token.split('.');
    const [head, claimsPart, signaturePart] = parts;
    if (parts.length !== 3 || head === undefined || claimsPart === undefined || signaturePart === undefined) {
      return 'malformed-token';
    }
    const header = jsonSegment(head);
    if (!header) return 'malformed-token';
    // Only HS256: alg none, RS256 and every other value are refused (constraints §4.10).
    if (header['alg'] !== 'HS256') return 'unsupported-alg';
    if (header['crit'] !== undefined) return 'malformed-token';
    const signature = base64UrlToBytes(signaturePart);
    if (!signature) return 'malformed-token';
    // The HMAC and the payload hash run side by side on the crypto thread pool.
    const hashing = sha256Hex(signed);
    hashing.catch(() => undefined);
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(), utf8.encode(head + '.' + claimsPart)));
    if (!sameBytes(expected, signature)) return 'bad-signature';
    const claims = jsonSegment(claimsPart);
    if (!claims) return 'malformed-token';
    const seconds = now() / 1000;
    const iat = claims['iat'];
    if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'missing-iat';
    if (iat > seconds + maxSkew) return 'iat-in-future';
    if (seconds - iat > maxTokenAge) return 'token-expired';
    const exp = claims['exp'];
    if (typeof exp === 'number' && seconds > exp + maxSkew) return 'token-expired';
    const nbf = claims['nbf'];
    if (typeof nbf === 'number' && seconds + maxSkew < nbf) return 'token-not-yet-valid';
    const claimed = claims['payload_hash'];
    if (typeof claimed !== 'string') return 'missing-payload-hash';
    const wanted = claimed.toLowerCase();
    if (sameText(await hashing, wanted)) return undefined;
    // Vonage hashes its compact JSON; a body re-serialized with other whitespace still matches.
    if (isBody) {
      const parsed = payloadFromBody(signed);
      if (parsed && sameText(await sha256Hex(utf8.encode(JSON.stringify(parsed))), wanted)) return undefined;
    }
    return 'payload-hash-mismatch';
  }

  // --- answers ---
  function fallback(context«: FallbackContext», status«: number»)«: RawResponse» {
    let body = JSON.stringify(context.reason === 'unknown-number' ? UNKNOWN_NUMBER_NCCO : SAFE_NCCO);
    if (options.fallbackNcco) {
      try {
        const custom = options.fallbackNcco(context);
        if (Array.isArray(custom) && custom.length > 0) body = JSON.stringify(custom);
        else logError('flowc router: fallbackNcco did not return a non-empty NCCO array; using the default', { reason: context.reason });
      } catch (error) {
        logError('flowc router: fallbackNcco failed; using the default', { reason: context.reason, error: describe(error) });
      }
    }
    return jsonAnswer(status, body);
  }

  /** A 4xx where a caller may be on the line still carries a safe NCCO (design: router contract). */
  function reject(found«: Found», status«: number», reason«: FallbackReason»)«: RawResponse» {
    if (found.kind === 'event') return errorAnswer(status, reason);
    return fallback(found.kind === 'step' ? { reason, route: found.route.step } : { reason }, status);
  }

  function reportStatus(payload«: Payload», route«: RouteTarget | undefined»)«: void» {
    const callback = options.onCallStatus;
    if (!callback) return;
    try {
      const result = callback(payload« as CallStatusPayload», route ? { route } : {});
      if (result instanceof Promise) {
        result.catch((error«: unknown») => logError('flowc router: onCallStatus failed', { error: describe(error) }));
      }
    } catch (error) {
      logError('flowc router: onCallStatus failed', { error: describe(error) });
    }
  }

  function answerCall(payload«: Payload»)«: RawResponse» {
    const field = payload['to'];
    const to = typeof field === 'string' ? field : typeof field === 'number' ? String(field) : '';
    // Vonage sends E.164 digits without '+'; tolerate '+', spaces and dashes typed by people testing.
    const number = /^[+\d\s().-]+$/.test(to) ? to.replace(/\D/g, '') : to;
    const start = numbers.get(number);
    if (start) return jsonAnswer(200, start.body);
    logger.warn('flowc router: no flow answers this number', { to: to.slice(0, 64) });
    return fallback({ reason: 'unknown-number', to }, 200);
  }

  function routeStep(route«: CompiledRoute», payload«: Payload»)«: RawResponse» {
    if (route.kind === 'input') {
      const digits = digitsOf(payload);
      let next«: CompiledTarget | undefined»;
      if (digits !== '') {
        next = route.digits.get(digits) ?? route.otherwise;
      } else {
        const results = speechResultsOf(payload);
        next = results.length > 0 ? matchSpeech(results, route.speech) ?? route.otherwise : route.timeout ?? route.otherwise;
      }
      if (next) return jsonAnswer(200, next.body);
      // Nothing matched and the author gave no default: ask again.
      logger.warn('flowc router: no transition matched; repeating the step', { route: route.key });
      return jsonAnswer(200, route.repeat.body);
    }
    if (route.kind === 'pay') {
      // Never log a pay webhook beyond its status.
      const status = typeof payload['status'] === 'string' ? payload['status'] : '';
      const next = status === 'success' ? route.success : status === 'failure' ? route.failure : undefined;
      if (next) return jsonAnswer(200, next.body);
      logger.warn('flowc router: no transition for this payment status', { route: route.key, status: status.slice(0, 32) });
      return fallback({ reason: 'no-transition', route: route.step }, 200);
    }
    if (route.kind === 'connect') {
      const status = typeof payload['status'] === 'string' ? payload['status'] : '';
      reportStatus(payload, route.step);
      if (!CONNECT_FALLBACK_STATUSES.has(status)) return { status: NO_CONTENT_STATUS, headers: {}, body: null };
      const next = route.statuses.get(status) ?? route.otherwise;
      if (next) return jsonAnswer(200, next.body);
      logger.warn('flowc router: no transition for this connect status', { route: route.key, status });
      return fallback({ reason: 'no-transition', route: route.step }, 200);
    }
    return jsonAnswer(200, route.otherwise.body);
  }

  async function handle(request«: RawRequest»)«: Promise<RawResponse>» {
    let found«: Found | undefined»;
    try {
      let url = request.url;
      if (url.startsWith('http://') || url.startsWith('https://')) {
        const absolute = new URL(url);
        url = absolute.pathname + absolute.search;
      }
      const q = url.indexOf('?');
      found = findRoute(q < 0 ? url : url.slice(0, q));
      if (!found) return errorAnswer(404, 'not-found');
      const method = request.method.toUpperCase();
      if (method !== 'GET' && method !== 'POST') {
        const answer = errorAnswer(405, 'method-not-allowed');
        answer.headers['allow'] = 'GET, POST';
        return answer;
      }
      if (request.oversized) {
        logger.warn('flowc router: request body too large', { path: url.slice(0, q < 0 ? url.length : q), limit: maxBodyBytes });
        return reject(found, 413, 'payload-too-large');
      }
      let query«: Record<string, string> | undefined»;
      if (method === 'GET') {
        query = parseQuery(q < 0 ? '' : url.slice(q + 1));
        if (!query) return badRequest(found, url, 'malformed-query');
      }
      if (secret !== undefined) {
        const signed = query ? utf8.encode(JSON.stringify(query)) : request.body ?? new Uint8Array(0);
        const failure = await verify(request.authorization, signed, query === undefined);
        if (failure !== undefined) {
          logger.warn('flowc router: webhook signature rejected', { reason: failure });
          return errorAnswer(401, 'unauthorized');
        }
      }
      const payload = query ? payloadFromQuery(query) : payloadFromBody(request.body);
      if (!payload) return badRequest(found, url, query ? 'malformed-query' : 'malformed-json');
      if (found.kind === 'answer') return answerCall(payload);
      if (found.kind === 'event') {
        reportStatus(payload, undefined);
        return { status: NO_CONTENT_STATUS, headers: {}, body: null };
      }
      return routeStep(found.route, payload);
    } catch (error) {
      // Never a 500 to a caller: log, then answer the safe NCCO.
      try {
        logError('flowc router: internal error', { error: describe(error) });
      } catch {
        // a failing logger must not turn into a failed call
      }
      if (!found || found.kind === 'event') return { status: NO_CONTENT_STATUS, headers: {}, body: null };
      return fallback(found.kind === 'step' ? { reason: 'internal-error', route: found.route.step } : { reason: 'internal-error' }, 200);
    }
  }

  function badRequest(found«: Found», url«: string», reason«: string»)«: RawResponse» {
    const q = url.indexOf('?');
    logger.warn('flowc router: malformed webhook', { path: q < 0 ? url : url.slice(0, q), reason });
    return reject(found, 400, 'bad-request');
  }

  async function readBody(request«: Request»)«: Promise<Uint8Array | undefined>» {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) return undefined;
    if (!request.body) return new Uint8Array(0);
    const reader = request.body.getReader();
    const chunks«: Uint8Array[]» = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBodyBytes) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    return concat(chunks, size);
  }

  async function fetchHandler(request«: Request»)«: Promise<Response>» {
    let body«: Uint8Array | null» = null;
    let oversized = false;
    if (request.method.toUpperCase() === 'POST') {
      try {
        const read = await readBody(request);
        if (read === undefined) oversized = true;
        else body = read;
      } catch {
        body = null; // an aborted upload is a malformed request
      }
    }
    const answer = await handle({ method: request.method, url: request.url, authorization: request.headers.get('authorization'), body, oversized });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }

  return { fetch: fetchHandler, handle, maxBodyBytes };
}

function concat(chunks«: Uint8Array[]», size«: number»)«: Uint8Array» {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function headerValue(value«: string | string[] | undefined»)«: string | null» {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/**
 * node:http adapter: http.createServer(toNodeHandler(router)). The request and response are
 * typed structurally, so this module needs no import of node:http and stays edge-safe.
 */
export function toNodeHandler(router«: Router»)«: NodeHandler» {
  const limit = router.maxBodyBytes;
  return (req, res) => {
    let done = false;
    const send = (answer«: RawResponse») => {
      if (done) return;
      done = true;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? undefined);
    };
    const dispatch = (body«: Uint8Array | null», oversized«: boolean») => {
      router
        .handle({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: headerValue(req.headers['authorization']), body, oversized })
        .then((answer) => {
          // The rest of an oversized upload is not read: close the connection after answering.
          if (oversized) answer.headers['connection'] = 'close';
          send(answer);
        })
        .catch(() => send(jsonAnswer(200, JSON.stringify(SAFE_NCCO))));
    };
    if ((req.method ?? 'GET').toUpperCase() !== 'POST' || req.readableEnded === true) {
      // GET carries no body; a body already consumed by other middleware cannot be verified.
      dispatch(null, false);
      return;
    }
    if (Number(headerValue(req.headers['content-length']) ?? '0') > limit) {
      dispatch(null, true);
      return;
    }
    const chunks«: Uint8Array[]» = [];
    let size = 0;
    let stopped = false;
    req.on('data', (chunk) => {
      if (stopped) return;
      const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        stopped = true;
        dispatch(null, true);
        return;
      }
      chunks.push(bytes);
    });
    req.on('end', () => {
      if (!stopped) dispatch(concat(chunks, size), false);
    });
    req.on('error', () => {
      stopped = true; // the client went away; there is no one to answer
    });
  };
}
`;

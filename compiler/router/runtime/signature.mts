/**
 * Signed webhooks (constraints §4.10): an HS256 JWT in `Authorization: Bearer`, whose `payload_hash`
 * is the hex SHA-256 of the payload. The secret's HMAC key is imported once per router; with node:crypto
 * the whole check runs without a promise, and the (constant) JWT header is decoded once.
 */
import { fromBase64UrlSegment, sameBytes, sameText, type CryptoBackend } from './crypto.mjs';
import { isObject, type Payload } from './payloads.mjs';

/** Why a token is refused (logged as the reason; docs/router.md, "Signed webhooks"). */
export type SignatureFailure =
  | 'missing-token'
  | 'malformed-token'
  | 'unsupported-alg'
  | 'bad-signature'
  | 'missing-iat'
  | 'iat-in-future'
  | 'token-expired'
  | 'token-not-yet-valid'
  | 'invalid-exp'
  | 'invalid-nbf'
  | 'missing-payload-hash'
  | 'payload-hash-mismatch';

export interface VerifierOptions {
  secret: string;
  backend: CryptoBackend;
  maxTokenAgeSeconds: number;
  maxClockSkewSeconds: number;
}

/** The i-th text whose SHA-256 may match payload_hash (tried in order until one does), or undefined: no more. */
export type PayloadCandidates = (index: number) => Uint8Array | undefined;

export type Verdict = SignatureFailure | undefined;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();
const BEARER = /^Bearer[ \t]+[A-Za-z0-9_.-]+[ \t]*$/i;
const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * The token of `Bearer <token>` (the scheme in any case, blanks around the token). The pattern is tested (native
 * code, as fast as a match) without a capture: a match would make an array per webhook; the token's bounds are
 * then found past the blanks at either end.
 */
export function bearerToken(authorization: string): string | undefined {
  if (!BEARER.test(authorization)) return undefined;
  let start = 6; // 'Bearer'
  while (isBlank(authorization.charCodeAt(start))) start++;
  let end = authorization.length;
  while (isBlank(authorization.charCodeAt(end - 1))) end--;
  return authorization.slice(start, end);
}

/** A token segment's JSON (the segment holds only base64url characters: bearerToken checked them). */
function jsonSegment(text: string): Payload | undefined {
  const bytes = fromBase64UrlSegment(text);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(bytes));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The signature's bytes, for the backends that compare bytes (its length was checked: it decodes). */
const signatureBytes = (parsed: Parsed): Uint8Array => fromBase64UrlSegment(parsed.signature) ?? new Uint8Array(0);

/** A NumericDate claim (RFC 7519 §2): absent, or a finite JSON number. */
const numericDate = (value: unknown): number | 'absent' | 'invalid' =>
  value === undefined ? 'absent' : typeof value === 'number' && Number.isFinite(value) ? value : 'invalid';

/** What a header segment says: acceptable, or why not. Vonage's header is always the same text. */
function checkHeader(head: string): Verdict {
  const header = jsonSegment(head);
  if (!header) return 'malformed-token';
  // Only HS256: alg none, RS256 and every other value are refused (constraints §4.10).
  if (header['alg'] !== 'HS256') return 'unsupported-alg';
  if (header['crit'] !== undefined) return 'malformed-token';
  return undefined;
}

interface Parsed {
  /** The token's header and claims as sent (ASCII: bearerToken took only base64url characters and dots). */
  signingInput: string;
  claimsPart: string;
  /** The signature's base64url text (of a length that decodes). */
  signature: string;
}

export function createVerifier(options: VerifierOptions) {
  const { backend, maxTokenAgeSeconds: maxAge, maxClockSkewSeconds: maxSkew } = options;
  const secret = utf8.encode(options.secret);
  const syncCheck = backend.sync?.hmacSha256Check?.(secret);
  const syncHmac = syncCheck ? undefined : backend.sync?.hmacSha256(secret);
  const asyncHmac = syncCheck || syncHmac ? undefined : backend.hmacSha256(secret);
  /** Whether the signature is the HMAC of the signing input, without a promise. */
  const signedSync = syncCheck
    ? (parsed: Parsed) => syncCheck(parsed.signingInput, parsed.signature)
    : syncHmac
      ? (parsed: Parsed) => sameBytes(syncHmac(utf8.encode(parsed.signingInput)), signatureBytes(parsed))
      : undefined;
  const sync = backend.sync;
  /** Whether the SHA-256 of `text` is the claimed hex (either case), without a promise. */
  const hashIs =
    sync?.sha256IsHex ?? (sync ? (text: Uint8Array, hex: string) => sameText(sync.sha256Hex(text), hex.toLowerCase()) : undefined);
  const headers = new Map<string, Verdict>();
  let lastHead = '';
  let lastVerdict: Verdict = 'malformed-token';

  /** Everything before the HMAC: the token's shape and its header. */
  function parse(authorization: string | null | undefined): Parsed | SignatureFailure {
    if (!authorization) return 'missing-token';
    const token = bearerToken(authorization);
    if (token === undefined) return 'malformed-token';
    const first = token.indexOf('.');
    const second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) return 'malformed-token';
    // Vonage's header is always the same text: the last one seen is compared in place, not cut out of the token.
    let verdict: Verdict;
    if (first === lastHead.length && token.startsWith(lastHead)) verdict = lastVerdict;
    else {
      const head = token.slice(0, first);
      verdict = headers.get(head);
      if (verdict === undefined && !headers.has(head)) {
        verdict = checkHeader(head);
        if (headers.size < 16) headers.set(head, verdict);
      }
      lastHead = head;
      lastVerdict = verdict;
    }
    if (verdict !== undefined) return verdict;
    // An empty signature, or one of a length no base64url has (what decoding it would refuse).
    const signatureLength = token.length - second - 1;
    if (signatureLength === 0 || signatureLength % 4 === 1) return 'malformed-token';
    return { signingInput: token.slice(0, second), claimsPart: token.slice(first + 1, second), signature: token.slice(second + 1) };
  }

  /** The payload hash the last claims checked claim (set by checkClaims: no object per webhook). */
  let claimedHash = '';

  /** The claims, once the signature is good: why they are refused, or undefined (and claimedHash set). */
  function checkClaims(claimsPart: string, nowMs: number): SignatureFailure | undefined {
    const claims = jsonSegment(claimsPart);
    if (!claims) return 'malformed-token';
    const seconds = nowMs / 1000;
    const iat = numericDate(claims['iat']);
    if (typeof iat !== 'number') return 'missing-iat';
    if (iat > seconds + maxSkew) return 'iat-in-future';
    if (seconds - iat > maxAge) return 'token-expired';
    const exp = numericDate(claims['exp']);
    if (exp === 'invalid') return 'invalid-exp';
    if (typeof exp === 'number' && seconds > exp + maxSkew) return 'token-expired';
    const nbf = numericDate(claims['nbf']);
    if (nbf === 'invalid') return 'invalid-nbf';
    if (typeof nbf === 'number' && seconds + maxSkew < nbf) return 'token-not-yet-valid';
    const claimed = claims['payload_hash'];
    if (typeof claimed !== 'string') return 'missing-payload-hash';
    claimedHash = claimed;
    return undefined;
  }

  async function verifyAsync(parsed: Parsed, candidates: PayloadCandidates, nowMs: number): Promise<Verdict> {
    if (!sameBytes(await asyncHmac!(utf8.encode(parsed.signingInput)), signatureBytes(parsed))) return 'bad-signature';
    const failure = checkClaims(parsed.claimsPart, nowMs);
    if (failure !== undefined) return failure;
    const wanted = claimedHash.toLowerCase();
    for (let i = 0, text = candidates(0); text !== undefined; text = candidates(++i)) {
      if (sameText(await backend.sha256Hex(text), wanted)) return undefined;
    }
    return 'payload-hash-mismatch';
  }

  /** Why the request is refused, or undefined when the token is valid for one of the payload texts. */
  return function verify(
    authorization: string | null | undefined,
    candidates: PayloadCandidates,
    nowMs: number,
  ): Verdict | Promise<Verdict> {
    const parsed = parse(authorization);
    if (typeof parsed === 'string') return parsed;
    if (!signedSync || !hashIs) return verifyAsync(parsed, candidates, nowMs);
    if (!signedSync(parsed)) return 'bad-signature';
    const failure = checkClaims(parsed.claimsPart, nowMs);
    if (failure !== undefined) return failure;
    const wanted = claimedHash;
    claimedHash = '';
    for (let i = 0, text = candidates(0); text !== undefined; text = candidates(++i)) {
      if (hashIs(text, wanted)) return undefined;
    }
    return 'payload-hash-mismatch';
  };
}

export type Verifier = ReturnType<typeof createVerifier>;

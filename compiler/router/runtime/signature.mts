/**
 * Signed webhooks (constraints §4.10): an HS256 JWT in `Authorization: Bearer`, whose `payload_hash`
 * is the hex SHA-256 of the payload. The secret's HMAC key is imported once per router.
 */
import { fromBase64Url, sameBytes, sameText, type CryptoBackend } from './crypto.mjs';
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

/** The texts whose SHA-256 may match payload_hash, tried in order until one does. */
export type PayloadCandidates = () => Iterable<Uint8Array>;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();
const BEARER = /^Bearer[ \t]+([A-Za-z0-9_.-]+)[ \t]*$/i;

function jsonSegment(text: string): Payload | undefined {
  const bytes = fromBase64Url(text);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(bytes));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A NumericDate claim (RFC 7519 §2): absent, or a finite JSON number. */
const numericDate = (value: unknown): number | 'absent' | 'invalid' =>
  value === undefined ? 'absent' : typeof value === 'number' && Number.isFinite(value) ? value : 'invalid';

export function createVerifier(options: VerifierOptions) {
  const hmac = options.backend.hmacSha256(utf8.encode(options.secret));
  const { backend, maxTokenAgeSeconds: maxAge, maxClockSkewSeconds: maxSkew } = options;

  /** Why the request is refused, or undefined when the token is valid for one of the payload texts. */
  return async function verify(
    authorization: string | null | undefined,
    candidates: PayloadCandidates,
    nowMs: number,
  ): Promise<SignatureFailure | undefined> {
    if (!authorization) return 'missing-token';
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined) return 'malformed-token';
    const parts = token.split('.');
    const [head, claimsPart, signaturePart] = parts;
    if (parts.length !== 3 || head === undefined || claimsPart === undefined || signaturePart === undefined) return 'malformed-token';
    const header = jsonSegment(head);
    if (!header) return 'malformed-token';
    // Only HS256: alg none, RS256 and every other value are refused (constraints §4.10).
    if (header['alg'] !== 'HS256') return 'unsupported-alg';
    if (header['crit'] !== undefined) return 'malformed-token';
    const signature = fromBase64Url(signaturePart);
    if (!signature) return 'malformed-token';
    const expected = await hmac(utf8.encode(head + '.' + claimsPart));
    if (!sameBytes(expected, signature)) return 'bad-signature';
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
    const wanted = claimed.toLowerCase();
    for (const text of candidates()) {
      if (sameText(await backend.sha256Hex(text), wanted)) return undefined;
    }
    return 'payload-hash-mismatch';
  };
}

export type Verifier = ReturnType<typeof createVerifier>;

/**
 * Signs a webhook the way Vonage does (constraints §4.10): an HS256 JWT with `iat`, `jti`,
 * `iss: "Vonage"` and `payload_hash` = hex SHA-256 of the payload. Used by `flowc sign`, the
 * tests and the load bench to make requests the generated router accepts.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

export interface SignWebhookOptions {
  /** Issued-at, Unix seconds (default: now). */
  iat?: number;
  /** JWT header alg (default HS256). Anything else is for testing that the router refuses it:
   *  'none' gives an unsigned token, other values are still HMAC-signed with the secret. */
  alg?: string;
  /** Token id (default: a random UUID). */
  jti?: string;
  /** Extra or overriding claims, e.g. { api_key: '…', application_id: '…' }. */
  claims?: Record<string, unknown>;
}

const base64Url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

export const sha256Hex = (payload: string): string => createHash('sha256').update(payload, 'utf8').digest('hex');

/** The JWT (without "Bearer "): send it as `Authorization: Bearer <token>`. */
export function signWebhook(body: string, secret: string, options: SignWebhookOptions = {}): string {
  const alg = options.alg ?? 'HS256';
  const header = { alg, typ: 'JWT' };
  const claims = {
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    jti: options.jti ?? randomUUID(),
    iss: 'Vonage',
    payload_hash: sha256Hex(body),
    ...options.claims,
  };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  if (alg === 'none') return `${signingInput}.`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/**
 * What a GET webhook's payload_hash covers: the query parameters, decoded, in URL order, as compact
 * JSON (constraints §4.10). Written pair by pair: a JavaScript object would move integer-like names
 * ("5") to the front. Sign `queryHashPayload(search)` for a GET request.
 */
export function queryHashPayload(search: string): string {
  const entries = [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)];
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
}

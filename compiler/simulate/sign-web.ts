/**
 * Signs a webhook the way Vonage does (constraints §4.10: HS256 JWT, `iat`, `jti`, `iss`, and
 * `payload_hash` = hex SHA-256 of the exact body), with Web Crypto only, so the simulator runs in a
 * browser page too. The router under test verifies every one of these.
 */
const utf8 = new TextEncoder();

const base64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const padded = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
  let end = padded.length;
  while (end > 0 && padded[end - 1] === '=') end--;
  return padded.slice(0, end);
};

const hex = (bytes: ArrayBuffer): string => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

export interface WebSigner {
  /** `Bearer <jwt>` for this body, issued at `nowMs`. */
  authorization(body: string, nowMs: number): Promise<string>;
}

export function createWebSigner(secret: string): WebSigner {
  let key: ReturnType<typeof crypto.subtle.importKey> | undefined;
  let counter = 0;
  return {
    async authorization(body, nowMs) {
      key ??= crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const payloadHash = hex(await crypto.subtle.digest('SHA-256', utf8.encode(body)));
      counter += 1;
      const header = base64Url(utf8.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
      const claims = base64Url(
        utf8.encode(
          JSON.stringify({ iat: Math.floor(nowMs / 1000), jti: `flowc-sim-${counter}`, iss: 'Vonage', payload_hash: payloadHash }),
        ),
      );
      const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await key, utf8.encode(`${header}.${claims}`)));
      return `Bearer ${header}.${claims}.${base64Url(signature)}`;
    },
  };
}

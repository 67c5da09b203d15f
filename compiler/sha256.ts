/**
 * sha256 of a text (as UTF-8) or of bytes, in one call. Node's crypto.hash() (Node 20.12 and later) makes no
 * Hash object on the way: two to three times faster for the short texts a rebuild hashes by the tens of
 * thousands (each message a flow uses, docs/performance.md "Rebuilds"). Older Node 20 releases use
 * createHash(); both give the same digest.
 */
import crypto from 'node:crypto';

export type DigestEncoding = 'hex' | 'base64url';
type OneShot = (algorithm: string, data: string | Uint8Array, encoding: DigestEncoding) => string;

/** The sha256 function over `oneShot` when there is one, else over createHash() (exported for the tests). */
export const makeSha256 =
  (oneShot: OneShot | undefined) =>
  (data: string | Uint8Array, encoding: DigestEncoding): string =>
    oneShot !== undefined ? oneShot('sha256', data, encoding) : crypto.createHash('sha256').update(data).digest(encoding);

export const sha256 = makeSha256(typeof crypto.hash === 'function' ? (crypto.hash as OneShot) : undefined);

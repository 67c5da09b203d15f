/**
 * compiler/sha256.ts: the one-call sha256 (crypto.hash) and its fallback (createHash, for Node 20 before
 * 20.12) give the digest createHash() gives, for texts as UTF-8 and for bytes. The cache's keys and the
 * output record's hashes are these digests: one that differed would be a cache that never hits, or a file
 * judged unchanged by the wrong hash.
 */
import { createHash, hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DigestEncoding, makeSha256, sha256 } from '../compiler/sha256.js';

const inputs: [name: string, data: string | Uint8Array][] = [
  ['empty text', ''],
  ['ASCII', 'flows/messages/en-US.yaml\u0000/greeting\u0000Hello.'],
  ['non-ASCII', 'Grüß Gott, ¿qué tal? 日本語 🎉'],
  ['a lone surrogate (written as U+FFFD)', 'a\ud800b'],
  ['NUL and newlines', '\u0000\n\r\n\u2028'],
  ['a long text', 'x'.repeat(1 << 20)],
  ['empty bytes', new Uint8Array(0)],
  ['bytes', Uint8Array.from([0, 1, 2, 253, 254, 255])],
  ['a view into a larger buffer', Buffer.from('..abc..').subarray(2, 5)],
];

const expected = (data: string | Uint8Array, encoding: DigestEncoding): string =>
  createHash('sha256')
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest(encoding);

describe('sha256', () => {
  const variants: [string, ReturnType<typeof makeSha256>][] = [
    ['the exported one', sha256],
    ['over crypto.hash', makeSha256(hash as Parameters<typeof makeSha256>[0])],
    ['over createHash (no crypto.hash)', makeSha256(undefined)],
  ];
  for (const [variant, fn] of variants) {
    for (const [name, data] of inputs) {
      for (const encoding of ['hex', 'base64url'] as const) {
        it(`${variant}: ${name}, ${encoding}`, () => {
          expect(fn(data, encoding)).toBe(expected(data, encoding));
        });
      }
    }
  }
  it('is the known digest of a known text', () => {
    expect(sha256('abc', 'hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

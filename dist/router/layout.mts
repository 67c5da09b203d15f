/**
 * How a project's program is laid out next to the router (dist/router/data/): one chunk per flow and
 * the numbers split over a few shards, each read when a call first needs it, so that starting the
 * router costs the same for 10 flows and for 5,000. The build writes this layout with the same
 * functions the router reads it with.
 */
import type { LookupDeclaration, OpeningHours, OutboundStart, Target } from './program.mjs';

/** What the router holds from the start: everything but the flows and the numbers. */
export interface ProjectCore {
  version: 1;
  projectId: string;
  routerUrl: string;
  hours: Record<string, OpeningHours>;
  lookups: Record<string, LookupDeclaration>;
  /** Outbound flows by name: what `/answer?flow=<flow>&locale=<locale>` starts (few: not split into chunks). */
  outbound?: Record<string, OutboundStart>;
  /** How many shards (numbers/<i>.json) the numbers are split over. */
  numberShards: number;
}

/** One number's entry in its shard. */
export interface NumberEntry {
  start: Target;
  answeredBy: 'cdn' | 'router';
}

/**
 * A flow name as a file name: letters, digits, '_' and '-' as they are, every other character (a
 * '.', a '/', anything) as %XX of its UTF-8 bytes, so that no name can leave the folder or clash
 * with another name.
 */
export function flowFileKey(flow: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(flow)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const flowDataPath = (flow: string): string => `flows/${flowFileKey(flow)}.json`;

export const numbersDataPath = (shard: number): string => `numbers/${shard}.json`;

/** FNV-1a (32-bit) of the number's digits, modulo the shard count. */
export function numberShard(number: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < number.length; i++) {
    h ^= number.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return shards <= 1 ? 0 : h % shards;
}

/** About this many numbers per shard: small enough to parse in well under a millisecond. */
export const NUMBERS_PER_SHARD = 512;

/** The shard count for a project: a power of two, 1 for small projects. */
export function shardCountFor(numbers: number): number {
  let shards = 1;
  while (numbers / shards > NUMBERS_PER_SHARD) shards *= 2;
  return shards;
}

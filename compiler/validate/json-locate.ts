/**
 * Source positions in JSON text by RFC 6901 pointer, for lint-ncco. The text is known to be valid JSON (it
 * parsed), so a scan that walks only along the pointer and skips everything else is enough — about a hundred
 * times cheaper than building a YAML document (load/source-position.ts) for every file that has a finding,
 * which decided the lint-ncco benchmark. With duplicate keys the last one wins, as in JSON.parse.
 */
import type { Range } from '../diagnostics/diagnostic.js';
import { parsePointer } from '../diagnostics/json-pointer.js';

export interface JsonLocation {
  /** [start, end) offsets of the value. */
  value: [number, number];
  /** [start, end) offsets of the key, when the last segment named an object member. */
  key?: [number, number];
  kind: 'object' | 'array' | 'scalar';
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipWs(text: string, pos: number): number {
  while (pos < text.length && isWs(text.charCodeAt(pos))) pos++;
  return pos;
}

/** `pos` is at an opening quote; returns the offset after the closing quote. */
function skipString(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (Number.isNaN(c)) return text.length;
    i += c === 0x5c ? 2 : 1;
  }
}

/** `pos` is at the start of a value; returns the offset after it. */
function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x22) return skipString(text, pos);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let i = pos;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 0x22) {
        i = skipString(text, i);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return text.length;
  }
  let i = pos;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x5d || d === 0x7d || isWs(d)) break;
    i++;
  }
  return i;
}

function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/** Where the value at `pointer` is in valid JSON `text`; undefined when the pointer does not exist. */
/** Element start offsets of each array already scanned, by the array's own offset (one per text). */
export type JsonArrayIndex = Map<number, number[]>;

export function locateJsonPointer(text: string, pointer: string, arrays: JsonArrayIndex = new Map()): JsonLocation | undefined {
  let pos = skipWs(text, 0);
  let key: [number, number] | undefined;
  for (const segment of parsePointer(pointer)) {
    const c = text.charCodeAt(pos);
    if (c === 0x7b) {
      // Object: remember the last member named `segment`.
      let found: { key: [number, number]; value: number } | undefined;
      pos = skipWs(text, pos + 1);
      while (text.charCodeAt(pos) === 0x22) {
        const keyEnd = skipString(text, pos);
        const valueStart = skipWs(text, skipWs(text, keyEnd) + 1);
        if (keyAt(text, pos, keyEnd) === segment) found = { key: [pos, keyEnd], value: valueStart };
        pos = skipWs(text, skipValue(text, valueStart));
        if (text.charCodeAt(pos) === 0x2c) pos = skipWs(text, pos + 1);
      }
      if (found === undefined) return undefined;
      key = found.key;
      pos = found.value;
    } else if (c === 0x5b) {
      if (!/^(?:0|[1-9]\d*)$/.test(segment)) return undefined;
      const index = Number(segment);
      // Many findings in one large array: scan it once, then jump to each element.
      let starts = arrays.get(pos);
      if (!starts) {
        starts = [];
        let p = skipWs(text, pos + 1);
        while (p < text.length && text.charCodeAt(p) !== 0x5d) {
          starts.push(p);
          p = skipWs(text, skipValue(text, p));
          if (text.charCodeAt(p) === 0x2c) p = skipWs(text, p + 1);
          else break;
        }
        arrays.set(pos, starts);
      }
      const start = starts[index];
      if (start === undefined) return undefined;
      pos = start;
      if (pos >= text.length || text.charCodeAt(pos) === 0x5d) return undefined;
      key = undefined;
    } else {
      return undefined;
    }
  }
  const c = text.charCodeAt(pos);
  const location: JsonLocation = { value: [pos, skipValue(text, pos)], kind: c === 0x7b ? 'object' : c === 0x5b ? 'array' : 'scalar' };
  if (key !== undefined) location.key = key;
  return location;
}

/** Offsets where each line starts, for turning offsets into 1-based line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column (UTF-16 units, like the other stages) of an offset. */
export function positionOf(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

export const rangeOf = (starts: readonly number[], [start, end]: readonly [number, number]): Range => ({
  start: positionOf(starts, start),
  end: positionOf(starts, end),
});

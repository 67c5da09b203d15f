/** Source positions of YAML (and JSON, which is YAML 1.2) nodes, found by JSON pointer. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from '../diagnostics/diagnostic.js';
import { parsePointer } from '../diagnostics/json-pointer.js';

export type NodePart = 'key' | 'value';

export function rangeOfOffsets(lineCounter: LineCounter, start: number, end: number): Range {
  const s = lineCounter.linePos(start);
  const e = lineCounter.linePos(Math.max(start, end));
  return { start: { line: s.line, col: s.col }, end: { line: e.line, col: e.col } };
}

/** The range of a node's own text (without trailing comments). */
export function rangeOfNode(lineCounter: LineCounter, node: Node | Pair): Range | undefined {
  if (isPair(node)) {
    const key = node.key as Node | null;
    const value = node.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    return start === undefined || end === undefined ? undefined : rangeOfOffsets(lineCounter, start, end);
  }
  return node.range ? rangeOfOffsets(lineCounter, node.range[0], node.range[1]) : undefined;
}

const keyText = (pair: Pair): string | undefined => {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
};

export interface NodeAtPointer {
  /** The deepest node reached. */
  node: Node;
  /** The pair whose value `node` is, when the last segment was a map key. */
  pair?: Pair;
  /** True when the whole pointer was resolved; false → `node` is the deepest ancestor found. */
  exact: boolean;
}

/**
 * key text → its first pair, per map, built on the first lookup: a finding per key of a 40,000-key
 * catalog would otherwise scan the map once per finding (quadratic; issue 10 #5). Documents are not
 * changed after parsing, so the index stays right.
 */
const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairByKey(map: YAMLMap, key: string): Pair | undefined {
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const text = keyText(p);
      if (text !== undefined && !index.has(text)) index.set(text, p);
    }
    keyIndex.set(map, index);
  }
  return index.get(key);
}

/** Walks a pointer through maps and sequences; stops at the deepest existing node. */
export function nodeAtPointer(doc: Document, pointer: string): NodeAtPointer | undefined {
  let node = doc.contents as Node | null;
  if (!node) return undefined;
  let pair: Pair | undefined;
  for (const segment of parsePointer(pointer)) {
    let next: Node | undefined;
    let nextPair: Pair | undefined;
    if (isMap(node)) {
      const p = pairByKey(node, segment);
      if (p) {
        nextPair = p;
        next = (p.value as Node | null) ?? (p.key as Node);
      }
    } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      next = (node.items[Number(segment)] as Node | undefined) ?? undefined;
    }
    if (!next) return { node, exact: false, ...(pair ? { pair } : {}) };
    node = next;
    pair = nextPair;
  }
  return { node, exact: true, ...(pair ? { pair } : {}) };
}

/**
 * The range of the value (default) or the key at `pointer`. When the pointer goes past what
 * exists (a missing required key), the range of the deepest existing ancestor's key is given.
 */
export function rangeAtPointer(doc: Document, lineCounter: LineCounter, pointer: string, part: NodePart = 'value'): Range | undefined {
  // The same places are asked for once per locale: remember them per document.
  let cache = rangeCache.get(doc);
  if (!cache) rangeCache.set(doc, (cache = new Map()));
  const key = `${part}:${pointer}`;
  if (cache.has(key)) return cache.get(key);
  const range = computeRange(doc, lineCounter, pointer, part);
  cache.set(key, range);
  return range;
}

const rangeCache = new WeakMap<Document, Map<string, Range | undefined>>();

function computeRange(doc: Document, lineCounter: LineCounter, pointer: string, part: NodePart): Range | undefined {
  const found = nodeAtPointer(doc, pointer);
  if (!found) return undefined;
  const { node, pair, exact } = found;
  if ((part === 'key' || !exact) && pair && (pair.key as Node | null)?.range) {
    return rangeOfNode(lineCounter, pair.key as Node);
  }
  if (!exact && !pair) {
    // A missing key in an object that is a list item or the document: mark its first line.
    const r = node.range;
    if (!r) return undefined;
    return rangeOfOffsets(lineCounter, r[0], r[0] + 1);
  }
  return rangeOfNode(lineCounter, node);
}

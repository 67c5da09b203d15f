/**
 * Writes values into a YAML file without disturbing the rest of it. The `yaml` Document API finds each node and
 * its source range; the new text is spliced into the original at that range, so every other byte — comments,
 * key order, quoting, blank lines, alignment — stays as the author wrote it. A key that does not exist yet is
 * inserted next to its siblings, in the order of the source locale's file. Pure: text in, text out.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node, type Pair, parseDocument, type Scalar, stringify, type YAMLMap } from 'yaml';

export type ScalarValue = string | number | boolean;

export interface Assignment {
  path: readonly string[];
  value: ScalarValue;
  /**
   * When the node above the last key is a text rather than a map (`text: Hello`), it becomes a map that keeps that
   * text under `locale` (checked: `text` must be what is written there) beside the assigned key.
   */
  promote?: { locale: string; text: string };
}

/** The keys of the map at `path` in the order they should have (the source locale's order). */
export type KeyOrder = (path: readonly string[]) => readonly string[];

export class YamlWriteError extends Error {}

interface Edit {
  at: number;
  end: number;
  text: string;
  /** Order among insertions at the same place. */
  seq: number;
}

type Tree = { [key: string]: Tree | ScalarValue };
const isTree = (v: Tree | ScalarValue | undefined): v is Tree => typeof v === 'object';

const keyText = (p: Pair): string | undefined => (isScalar(p.key) ? String(p.key.value) : undefined);
const findPair = (map: YAMLMap, key: string): Pair | undefined =>
  map.items.find((p) => isPair(p) && keyText(p as Pair) === key) as Pair | undefined;

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number): number => {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
};
const columnOf = (text: string, offset: number): number => offset - lineStart(text, offset);

/** `key: value` lines for a subtree, at column 0 (block style, long lines never folded). */
function renderBlock(tree: Tree, order: KeyOrder, path: readonly string[]): string {
  return stringify(toOrdered(tree, order, path), { lineWidth: 0 });
}

function toOrdered(tree: Tree, order: KeyOrder, path: readonly string[]): Record<string, unknown> {
  const keys = sortKeys(Object.keys(tree), order(path));
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = tree[k]!;
    out[k] = isTree(v) ? toOrdered(v, order, [...path, k]) : v;
  }
  return out;
}

function sortKeys(keys: readonly string[], preferred: readonly string[]): string[] {
  const rank = (k: string) => {
    const i = preferred.indexOf(k);
    return i === -1 ? preferred.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

const indentLines = (text: string, indent: number): string =>
  text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(indent) + l))
    .join('\n');

/** A scalar value as it would be written after `key: `, in the style of the node it replaces when possible. */
function renderScalar(value: ScalarValue, like: Scalar | undefined, keyColumn: number): string {
  if (typeof value !== 'string') return String(value);
  const type = like?.type;
  const block = type === 'BLOCK_FOLDED' || type === 'BLOCK_LITERAL' || value.includes('\n');
  // Block scalars go on the following lines, indented under the key (not for texts that start or end with spaces).
  if (block && !/^\s|\s$/.test(value)) {
    const indent = ' '.repeat(keyColumn + 2);
    if (type === 'BLOCK_FOLDED' && !value.includes('\n')) return `>-\n${indent}${value}`;
    return `|-\n${value
      .split('\n')
      .map((l) => (l === '' ? '' : indent + l))
      .join('\n')}`;
  }
  const defaultStringType = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? type : 'PLAIN';
  return stringify(value, { lineWidth: 0, defaultStringType, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER }).replace(/\n$/, '');
}

/** Writes every assignment into `text`; throws YamlWriteError when the file cannot take it. */
export function writeIntoYaml(text: string, assignments: readonly Assignment[], order: KeyOrder): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlWriteError(`it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  const root = doc.contents as Node | null;
  if (root === null || (isMap(root) && root.items.length === 0)) return rewriteEmpty(doc, assignments, order);
  if (!isMap(root)) throw new YamlWriteError('it does not hold a map of keys');

  const edits: Edit[] = [];
  let seq = 0;
  const pending = new Map<YAMLMap, { path: string[]; tree: Tree }>();
  const promotions = new Map<Pair, { inFlowMap: boolean; path: string[]; tree: Tree }>();
  for (const { path, value, promote } of assignments) {
    let map: YAMLMap = root;
    let i = 0;
    let done = false;
    for (; i < path.length; i++) {
      const pair = findPair(map, path[i]!);
      if (!pair) break;
      let v = pair.value as Node | null;
      // Through list items (a flow's steps): /steps/welcome/0/talk/text.
      while (isSeq(v) && i + 1 < path.length - 1 && /^\d+$/.test(path[i + 1]!)) {
        v = (v.items[Number(path[i + 1])] as Node | undefined) ?? null;
        i++;
      }
      const last = i === path.length - 1;
      if (promote && i === path.length - 2 && isScalar(v)) {
        if (v.value !== promote.text) throw new YamlWriteError(`${path.slice(0, -1).join(' → ')} is no longer the text that was exported`);
        const entry = promotions.get(pair) ?? {
          inFlowMap: map.flow === true,
          path: path.slice(0, -1) as string[],
          tree: { [promote.locale]: promote.text },
        };
        entry.tree[path[path.length - 1]!] = value;
        promotions.set(pair, entry);
        done = true;
        break;
      }
      if (last && isMap(v) && findPair(v, 'text')) {
        // An error prompt written { text: … }: write its text.
        const inner = findPair(v, 'text')!;
        if (!isScalar(inner.value)) throw new YamlWriteError(`${[...path, 'text'].join(' → ')} is not a text`);
        edits.push(replaceEdit(text, inner, value, seq++));
        done = true;
        break;
      }
      if (last) {
        if (v !== null && !isScalar(v)) throw new YamlWriteError(`${path.join(' → ')} holds more than a text`);
        edits.push(v === null ? emptyValueEdit(text, pair, value, seq++) : replaceEdit(text, pair, value, seq++));
        done = true;
        break;
      }
      if (!isMap(v)) throw new YamlWriteError(`${path.slice(0, i + 1).join(' → ')} is not a group of keys`);
      map = v;
    }
    if (done) continue;
    const entry = pending.get(map) ?? { path: path.slice(0, i) as string[], tree: {} };
    let node = entry.tree;
    for (let j = i; j < path.length - 1; j++) {
      const next = node[path[j]!];
      if (next !== undefined && !isTree(next)) throw new YamlWriteError(`${path.slice(0, j + 1).join(' → ')} is a text, not a group`);
      node = next ?? (node[path[j]!] = {});
    }
    node[path[path.length - 1]!] = value;
    pending.set(map, entry);
  }
  for (const [map, { path, tree }] of pending) edits.push(...insertEdits(text, map, path, tree, order, () => seq++));
  for (const [pair, { inFlowMap, path, tree }] of promotions) edits.push(promoteEdit(text, pair, inFlowMap, path, tree, order, seq++));

  edits.sort((a, b) => b.at - a.at || b.seq - a.seq);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  verify(out, assignments);
  return out;
}

function replaceEdit(text: string, pair: Pair, value: ScalarValue, seq: number): Edit {
  const node = pair.value as Scalar;
  const [start, end] = node.range!;
  const keyColumn = columnOf(text, (pair.key as Node).range![0]);
  let rendered = renderScalar(value, node, keyColumn);
  // A block scalar's range ends after its last line break: keep one there.
  if (text.slice(start, end).endsWith('\n') && !rendered.endsWith('\n')) rendered += '\n';
  return { at: start, end, text: rendered, seq };
}

/** A text value replaced by a map of texts: block lines under the key, or `{ … }` inside a flow map. */
function promoteEdit(
  text: string,
  pair: Pair,
  inFlowMap: boolean,
  path: readonly string[],
  tree: Tree,
  order: KeyOrder,
  seq: number,
): Edit {
  const node = pair.value as Scalar;
  const [start, valueEnd] = node.range!;
  if (inFlowMap) {
    const parts = sortKeys(Object.keys(tree), order(path)).map((k) => flowEntry(k, tree[k] as ScalarValue));
    return { at: start, end: valueEnd, text: `{ ${parts.join(', ')} }`, seq };
  }
  const keyNode = pair.key as Node;
  const colon = text.indexOf(':', keyNode.range![1]);
  const column = columnOf(text, keyNode.range![0]) + 2;
  const block = renderBlock(tree, order, path).replace(/\n$/, '');
  let rendered = `\n${' '.repeat(column)}${indentLines(block, column)}`;
  // A block scalar's range ends after its last line break: keep one there.
  if (text.slice(start, valueEnd).endsWith('\n')) rendered += '\n';
  return { at: colon + 1, end: valueEnd, text: rendered, seq };
}

function emptyValueEdit(text: string, pair: Pair, value: ScalarValue, seq: number): Edit {
  const keyNode = pair.key as Node;
  const after = keyNode.range![1];
  const colon = text.indexOf(':', after);
  const at = colon === -1 ? after : colon + 1;
  return { at, end: at, text: ` ${renderScalar(value, undefined, columnOf(text, keyNode.range![0]))}`, seq };
}

function insertEdits(text: string, map: YAMLMap, path: readonly string[], tree: Tree, order: KeyOrder, nextSeq: () => number): Edit[] {
  const preferred = order(path);
  const edits: Edit[] = [];
  if (map.flow) {
    // { en-US: …, es-US: … }: add before the closing brace.
    const close = text.lastIndexOf('}', map.range![1]);
    const body = text.slice(map.range![0] + 1, close).trim();
    const parts = sortKeys(Object.keys(tree), preferred).map((k) => {
      const v = tree[k]!;
      if (isTree(v)) throw new YamlWriteError(`cannot add a group inside the inline map at ${path.join(' → ')}`);
      return flowEntry(k, v);
    });
    const trimmedEnd = text.slice(0, close).trimEnd().length;
    edits.push({ at: trimmedEnd, end: close, text: `${body === '' ? ' ' : ', '}${parts.join(', ')} `, seq: nextSeq() });
    return edits;
  }
  const firstKey = map.items[0]!.key as Node;
  const column = columnOf(text, firstKey.range![0]);
  for (const key of sortKeys(Object.keys(tree), preferred)) {
    const v = tree[key]!;
    const block = renderBlock({ [key]: v }, order, path).replace(/\n$/, '');
    const lines = indentLines(block, column);
    // After the last existing sibling that comes before it in the preferred order, else before the first one
    // that comes after it; a key the order does not know goes last.
    const rank = preferred.indexOf(key);
    const items = map.items as Pair[];
    const rankOf = (p: Pair) => preferred.indexOf(keyText(p) ?? '');
    let after: Pair | undefined;
    let before: Pair | undefined;
    if (rank !== -1) {
      for (const p of items) if (rankOf(p) !== -1 && rankOf(p) < rank) after = p;
      if (!after) before = items.find((p) => rankOf(p) > rank);
    }
    if (!after && !before) after = items[items.length - 1];
    if (after) {
      const at = lineEnd(text, Math.max(pairEnd(after) - 1, 0));
      edits.push({ at, end: at, text: `\n${' '.repeat(column)}${lines}`, seq: nextSeq() });
    } else {
      const at = lineStart(text, (before!.key as Node).range![0]);
      edits.push({ at, end: at, text: `${' '.repeat(column)}${lines}\n`, seq: nextSeq() });
    }
  }
  return edits;
}

/** `key: value` inside `{ … }`, quoted where a flow map needs it (a comma or a brace would end a plain text). */
function flowEntry(key: string, value: ScalarValue): string {
  const one = new Document({ [key]: value });
  (one.contents as YAMLMap).flow = true;
  const text = one.toString({ lineWidth: 0 }).trim();
  if (!text.includes('\n') && text.startsWith('{ ') && text.endsWith(' }')) return text.slice(2, -2);
  // A text over several lines: one double-quoted line with \n escapes.
  const quoted = stringify(value, {
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  });
  return `${renderKey(key)}: ${quoted.replace(/\n$/, '')}`;
}

const renderKey = (key: string): string => stringify(key, { lineWidth: 0 }).replace(/\n$/, '');

/** Offset just past the value of a pair (a nested map ends with its last item). */
function pairEnd(pair: Pair): number {
  const v = pair.value as Node | null;
  if (v?.range) return v.range[1];
  return (pair.key as Node).range![1];
}

/** A file that holds nothing yet (`{}` or only comments): written anew, keeping its comments. */
function rewriteEmpty(doc: Document, assignments: readonly Assignment[], order: KeyOrder): string {
  const tree: Tree = {};
  for (const { path, value } of assignments) {
    let node = tree;
    path.slice(0, -1).forEach((k) => {
      const next = node[k];
      if (next !== undefined && !isTree(next)) throw new YamlWriteError(`${k} is a text, not a group`);
      node = next ?? (node[k] = {});
    });
    node[path[path.length - 1]!] = value;
  }
  const fresh = new Document(toOrdered(tree, order, []));
  const comment = doc.commentBefore ?? (doc.contents as Node | null)?.commentBefore;
  if (comment) fresh.commentBefore = comment;
  const out = fresh.toString({ lineWidth: 0 });
  verify(out, assignments);
  return out;
}

/** The written file must read back as the values written (else nothing is written: a bug, not a user error). */
function verify(text: string, assignments: readonly Assignment[]): void {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`flowc wrote YAML it cannot read back: ${doc.errors[0]!.message}`);
  for (const { path, value } of assignments) {
    let got = doc.getIn(path as string[]);
    if (got !== null && typeof got === 'object') got = doc.getIn([...path, 'text']);
    if (got !== value) throw new Error(`flowc wrote ${path.join(' → ')} but reads back ${JSON.stringify(got)}`);
  }
}

/**
 * A catalog edited in one place, parsed again in that place only (issue 12, "Rebuilds"): a one-message
 * edit of a 1,000-flow project's catalog (190 kB, 890 sections) took 35–90 ms to parse whole in
 * `flowc build --watch`, most of its load stage. The text is cut at the starts of its top-level keys (known
 * from the last parse); when everything that changed lies inside one section, and that section parsed on
 * its own is clean, has the same key and nothing that reaches across sections (anchors, aliases,
 * document markers, directives), the file's data is the last data with that section replaced.
 *
 * Anything else — a change across two sections or before the first, a section with any finding, a key
 * renamed — returns undefined and the file is parsed whole, as before. The result equals parseSource()'s
 * (test/load/edit-parse.test.ts checks it on random edits); its YAML document is parsed from the text only
 * if something asks for a position in it.
 */
import { isMap, isScalar, type Node, visit } from 'yaml';
import { decodeSource, maxFileBytes, type ParsedSource, parseSource, parseYamlDocument } from './parse-source.js';
import type { SourceFile, SourceKind } from './source-file.js';

/** What the last clean parse of a catalog left to parse an edit of it. */
export interface LastParse {
  text: string;
  /** The file's data as parsed (never changed since). */
  value: Readonly<Record<string, unknown>>;
  /** The offset of each top-level key, in order. */
  starts: readonly number[];
}

/** The top-level keys' offsets of a clean catalog parse (a block map whose keys each start a line), else undefined. */
export function sectionStarts(file: SourceFile): number[] | undefined {
  const contents = file.doc.contents;
  if (!isMap(contents) || contents.flow) return undefined;
  const starts: number[] = [];
  for (const item of contents.items) {
    const key = item.key as Node | null;
    const at = isScalar(key) ? key.range?.[0] : undefined;
    if (at === undefined || (at > 0 && file.text[at - 1] !== '\n') || (starts.length > 0 && at <= starts[starts.length - 1]!))
      return undefined;
    starts.push(at);
  }
  return starts;
}

/** The offsets of the top-level keys of a file that parseEdited() made (its document is not parsed). */
const startsOfEdited = new WeakMap<SourceFile, number[]>();
export const editedStarts = (file: SourceFile): number[] | undefined => startsOfEdited.get(file);

/** Lines that act on the whole stream, never inside one section. */
const streamLevel = /^(---|\.\.\.|%)/m;

export function parseEdited(rel: string, kind: SourceKind, bytes: Uint8Array, last: LastParse): ParsedSource | undefined {
  if (kind !== 'messages' || bytes.length > maxFileBytes) return undefined;
  const text = decodeSource(bytes);
  if (text === undefined) return undefined;
  const old = last.text;
  const limit = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  // The section the change starts in (text put in just before a key is the end of the section before);
  // it must also end there, before the next section's key.
  const { starts } = last;
  let i = -1;
  for (let lo = 0, hi = starts.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < prefix) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (i === -1) return undefined;
  const oldEnd = starts[i + 1] ?? old.length;
  if (old.length - suffix > oldEnd) return undefined;
  const delta = text.length - old.length;
  const newEnd = oldEnd + delta;
  // The next key must still start a line.
  if (newEnd < text.length && text[newEnd - 1] !== '\n') return undefined;
  const oldSection = section(rel, kind, old.slice(starts[i], oldEnd));
  const newSection = section(rel, kind, text.slice(starts[i], newEnd));
  if (!oldSection || !newSection || oldSection.key !== newSection.key) return undefined;
  const value: Record<string, unknown> = { ...last.value, [newSection.key]: newSection.value };
  let parsed: ReturnType<typeof parseYamlDocument> | undefined;
  const file = { path: rel, kind, text, value } as SourceFile;
  Object.defineProperty(file, 'doc', { get: () => (parsed ??= parseYamlDocument(text)).doc, enumerable: true, configurable: true });
  Object.defineProperty(file, 'lineCounter', {
    get: () => (parsed ??= parseYamlDocument(text)).lineCounter,
    enumerable: true,
    configurable: true,
  });
  startsOfEdited.set(file, [...starts.slice(0, i + 1), ...starts.slice(i + 1).map((s) => s + delta)]);
  return { file, diagnostics: [] };
}

/** One section parsed on its own: its key and value when it is one clean pair with nothing that reaches other sections. */
function section(rel: string, kind: SourceKind, text: string): { key: string; value: unknown } | undefined {
  if (streamLevel.test(text)) return undefined;
  const parsed = parseSource(rel, kind, Buffer.from(text, 'utf8'));
  if (!parsed.file || parsed.diagnostics.length > 0) return undefined;
  const { doc, value } = parsed.file;
  const contents = doc.contents;
  if (!isMap(contents) || contents.flow || contents.items.length !== 1) return undefined;
  const key = contents.items[0]!.key as Node | null;
  if (!isScalar(key) || typeof key.value !== 'string') return undefined;
  let reaches = false;
  visit(doc, {
    Alias: () => {
      reaches = true;
      return visit.BREAK;
    },
    Node: (_, node) => {
      if (node.anchor !== undefined) {
        reaches = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (reaches || typeof value !== 'object' || value === null) return undefined;
  return { key: key.value, value: (value as Record<string, unknown>)[key.value] };
}

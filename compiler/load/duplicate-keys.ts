/**
 * Duplicate map keys in linear time (issue 10 #5, issue 12). The yaml package's own check
 * (`uniqueKeys: true`) compares each new key with every earlier key of its map, so a 40,000-key
 * catalog took half a minute to parse. This finds the same duplicates — keys are equal when both are
 * scalars with the same value (===), as yaml's default comparison has it — and also a number or a
 * boolean written once bare and once quoted (`1:` and `"1":`): flowc reads every key as text, so the
 * second would silently replace the first. One hash lookup per key; reported as yaml did: a
 * YAMLParseError with code DUPLICATE_KEY, the message "Map keys must be unique", at the key's first
 * character.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, YAMLParseError } from 'yaml';

/**
 * Where yaml reported a duplicate key: its first character, or for an empty key (`: value`), whose
 * node starts before the indentation, the `:` after it (spaces, line breaks and comments skipped).
 */
function keyStart(text: string, key: Node): number {
  const start = key.range![0];
  if (key.range![1] !== start) return start;
  let at = start;
  while (at < text.length) {
    const c = text[at]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') at++;
    else if (c === '#') while (at < text.length && text[at] !== '\n') at++;
    else break;
  }
  return at;
}

export function duplicateKeyErrors(doc: Document, text: string): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  // A stack, not recursion: nesting is only limited by the file size here.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, true>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          // Map uses SameValueZero, which is === except for NaN (skipped: NaN !== NaN). A number or a
          // boolean as the text it becomes (1 and "1", true and "true": one property once read).
          const v = key.value;
          const id = typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : v;
          if (seen.has(id) && key.range) {
            const at = keyStart(text, key);
            errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else seen.set(id, true);
        }
        stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

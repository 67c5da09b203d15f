/** Maps a character offset inside a YAML string value back to a line and column of the file. */
import { isScalar, Scalar } from 'yaml';
import type { Range } from '../diagnostics/diagnostic.js';
import { nodeAtPointer, rangeAtPointer, rangeOfOffsets } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';

export function rangeInScalar(file: SourceFile, pointer: string, offset: number, length: number): Range | undefined {
  const found = nodeAtPointer(file.doc, pointer);
  const node = found?.exact ? found.node : undefined;
  if (!node || !isScalar(node) || !node.range || typeof node.value !== 'string') {
    return rangeAtPointer(file.doc, file.lineCounter, pointer);
  }
  const [start, end] = node.range;
  const src = file.text.slice(start, end);
  const value = node.value;
  // Plain and quoted scalars without escapes keep the value's characters in order in the source.
  let base: number | undefined;
  if (node.type === Scalar.PLAIN && src === value) base = start;
  else if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && src.slice(1, -1) === value) base = start + 1;
  if (base === undefined) {
    // Block scalars and escaped strings: find the line the offset falls on.
    const before = value.slice(0, offset);
    const lineIndex = before.split('\n').length - 1;
    const lineText = value.split('\n')[lineIndex] ?? '';
    const at = lineText.length > 0 ? src.indexOf(lineText) : -1;
    if (at >= 0 && lineIndex === 0) {
      const col = offset;
      return rangeOfOffsets(file.lineCounter, start + at + col, start + at + col + Math.max(1, length));
    }
    return rangeOfOffsets(file.lineCounter, start, end);
  }
  return rangeOfOffsets(file.lineCounter, base + offset, base + offset + Math.max(1, length));
}

/**
 * releaseDocument (compiler/load/release-document.ts): a released flow file gives the same document and
 * positions as a fresh parse when asked; its parse is let go at the next release, unless it was among the
 * last few asked for (a warm compiler releases the same file objects at every build).
 */
import { describe, expect, it } from 'vitest';
import { parseYamlDocument } from '../../compiler/load/parse-source.js';
import { keptParses, releaseDocument } from '../../compiler/load/release-document.js';
import type { SourceFile } from '../../compiler/load/source-file.js';
import { rangeAtPointer } from '../../compiler/load/source-position.js';

const fileOf = (n: number): SourceFile => {
  const text = `flow: f-${n}\nstart: a\nsteps:\n  a:\n    - talk: { text: "Hello ${n}." }\n`;
  return { path: `flows/f-${n}.flow.yaml`, kind: 'flow', text, value: undefined, ...parseYamlDocument(text) };
};

describe('releaseDocument', () => {
  it('gives what a fresh parse gives, positions included', () => {
    const file = fileOf(1);
    const before = rangeAtPointer(file.doc, file.lineCounter, '/steps/a/0/talk/text');
    releaseDocument(file);
    expect(rangeAtPointer(file.doc, file.lineCounter, '/steps/a/0/talk/text')).toEqual(before);
    expect(file.doc.toJS()).toEqual(parseYamlDocument(file.text).doc.toJS());
  });

  // Each row: how many other files are asked for after the file, and whether its parse survives a release.
  const rows: { others: number; kept: boolean }[] = [
    { others: 0, kept: true },
    { others: keptParses - 1, kept: true },
    { others: keptParses, kept: false },
    { others: 3 * keptParses, kept: false },
  ];
  for (const { others, kept } of rows) {
    it(`${kept ? 'keeps' : 'lets go'} the parse through a release with ${others} other files asked for since`, () => {
      const file = fileOf(100 + others);
      releaseDocument(file);
      const doc = file.doc;
      expect(file.doc, 'asked twice: parsed once').toBe(doc);
      for (let i = 0; i < others; i++) {
        const other = fileOf(1000 + 100 * others + i);
        releaseDocument(other);
        void other.doc;
      }
      releaseDocument(file);
      if (kept) expect(file.doc).toBe(doc);
      else expect(file.doc).not.toBe(doc);
      // Parsed again or not, the same document.
      expect(file.doc.toJS()).toEqual(doc.toJS());
      expect(file.lineCounter.linePos(file.text.length)).toEqual(parseYamlDocument(file.text).lineCounter.linePos(file.text.length));
    });
  }

  it('lets a parse go at the next release when the file was not asked for lately', () => {
    const file = fileOf(7);
    releaseDocument(file);
    const doc = file.doc;
    for (let i = 0; i < keptParses; i++) {
      const other = fileOf(5000 + i);
      releaseDocument(other);
      void other.doc;
    }
    // Not released since: the parse is still there.
    expect(file.doc).toBe(doc);
    releaseDocument(file);
    expect(file.doc).not.toBe(doc);
  });
});

/**
 * A catalog edited in one section is parsed in that section only (compiler/load/edit-parse.ts): whenever
 * parseEdited() gives a result, it must be what parseSource() gives for the whole new text — no findings,
 * the same data in the same key order, the same document when a position is asked for — and it must give
 * none when the edit reaches beyond one section or makes any finding. Random edits, chained as a watch
 * chains them, and the cases that must fall back to a whole parse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedStarts, type LastParse, parseEdited, sectionStarts } from '../../compiler/load/edit-parse.js';
import { ParseCache } from '../../compiler/load/parse-cache.js';
import { parseSource } from '../../compiler/load/parse-source.js';

const rel = 'flows/messages/en-US.yaml';
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

const catalog = [
  '# en-US messages',
  '',
  'common:',
  '  hello: Hello there.',
  '  bye: "Goodbye, {{name}}."',
  'billing-00001:',
  '  greeting: Welcome to billing.',
  '  # a note',
  '  menu: >',
  '    For billing press 1.',
  '    For support press 2.',
  '"123":',
  '  a: one',
  'info-00002:',
  '  greeting: |',
  '    Hello',
  '    there',
  '  "7": seven',
  'support-00003: { greeting: Hi, menu: Press 1 }',
  'last:',
  '  x: y',
  '',
].join('\n');

/** What the last clean parse of `text` leaves for the next edit, as the parse cache keeps it. */
function lastOf(text: string): LastParse | undefined {
  const parsed = parseSource(rel, 'messages', bytesOf(text));
  if (!parsed.file || parsed.diagnostics.length > 0) return undefined;
  const starts = sectionStarts(parsed.file);
  return starts ? { text, value: structuredClone(parsed.file.value) as Record<string, unknown>, starts } : undefined;
}

/** parseEdited() on `next` after `last`, checked against a whole parse; returns what the next edit starts from. */
function check(last: LastParse, next: string): { edited: boolean; last: LastParse | undefined } {
  const edited = parseEdited(rel, 'messages', bytesOf(next), last);
  const whole = parseSource(rel, 'messages', bytesOf(next));
  if (!edited) return { edited: false, last: lastOf(next) };
  expect(whole.diagnostics).toEqual([]);
  expect(edited.diagnostics).toEqual([]);
  expect(edited.file!.text).toBe(next);
  // The same data in the same key order.
  expect(JSON.stringify(edited.file!.value)).toBe(JSON.stringify(whole.file!.value));
  expect(edited.file!.value).toEqual(whole.file!.value);
  expect(editedStarts(edited.file!)).toEqual(sectionStarts(whole.file!));
  // Its document, parsed when asked for, is the whole parse's.
  expect(edited.file!.doc.toJS()).toEqual(whole.file!.doc.toJS());
  expect(edited.file!.lineCounter.lineStarts).toEqual(whole.file!.lineCounter.lineStarts);
  return { edited: true, last: { text: next, value: edited.file!.value as Record<string, unknown>, starts: editedStarts(edited.file!)! } };
}

const replace = (text: string, from: string, to: string): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('parseEdited', () => {
  const base = lastOf(catalog)!;

  it.each([
    ['a message text changed', replace(catalog, 'Welcome to billing.', 'Welcome back to billing.')],
    ['a message added to a section', replace(catalog, '  a: one\n', '  a: one\n  b: two\n')],
    ['a message removed', replace(catalog, '  hello: Hello there.\n', '')],
    ['a folded text changed', replace(catalog, 'For support press 2.', 'For support, press 2 now.')],
    ['a literal text changed', replace(catalog, '    there\n', '    there, friend\n')],
    ['a flow-style section changed', replace(catalog, 'menu: Press 1 }', 'menu: Press 2 }')],
    ['the last section changed', replace(catalog, '  x: y\n', '  x: z\n')],
    ['a comment added inside a section', replace(catalog, '  a: one\n', '  a: one\n# later\n')],
  ])('parses %s in one section', (_, next) => {
    expect(check(base, next).edited).toBe(true);
  });

  it.each([
    ['a section added between two', replace(catalog, 'last:\n', 'added:\n  k: v\nlast:\n')],
    ['a key renamed', replace(catalog, 'billing-00001:', 'billing-00009:')],
    ['a change across two sections', replace(catalog, '  a: one\ninfo-00002:', '  a: two\ninfo-00003:')],
    ['the header comment changed', replace(catalog, '# en-US messages', '# en-US')],
    ['an anchor defined', replace(catalog, '  a: one', '  a: &x one')],
    ['an alias to another section', replace(catalog, '  a: one', '  a: *x')],
    ['a document end marker', replace(catalog, '  a: one\n', '  a: one\n...\n')],
    ['a second document', replace(catalog, '  a: one\n', '  a: one\n---\n')],
    ['a duplicate key in a section', replace(catalog, '  a: one\n', '  a: one\n  a: two\n')],
    ['a tab as indentation', replace(catalog, '  a: one\n', '\ta: one\n')],
    ['an unclosed quote', replace(catalog, '  a: one\n', '  a: "one\n')],
    ['an unclosed flow map', replace(catalog, 'menu: Press 1 }', 'menu: Press 1')],
    ['a line at column 0 inside a section', replace(catalog, '  a: one\n', '  a: one\nstray\n')],
    ['the line break before the next key removed', replace(catalog, '  a: one\ninfo', '  a: oneinfo')],
    ['an unquoted template', replace(catalog, '  a: one', '  a: {{name}} one')],
    ['a text cut by a comment', replace(catalog, '  a: one', '  a: one #two')],
    ['not UTF-8', `${catalog}\u0000`],
  ])('parses the whole file when %s', (_, next) => {
    expect(parseEdited(rel, 'messages', bytesOf(next), base)).toBeUndefined();
  });

  it('leaves other kinds of file alone', () => {
    expect(parseEdited('flows/a.flow.yaml', 'flow', bytesOf(catalog.replace('one', 'two')), base)).toBeUndefined();
  });

  it('equals a whole parse on chained random edits', () => {
    // Small pieces that make and break YAML: quotes, flow brackets, anchors, markers, comments, tabs, keys.
    const pieces = [
      'x',
      ' ',
      '\n',
      '\n  ',
      '\n  k: v',
      ': ',
      '"',
      "'",
      '{',
      '}',
      '[',
      ']',
      ',',
      '#',
      ' #',
      '&a ',
      '*a',
      '!!str ',
      '---',
      '...',
      '%YAML 1.2',
      '\t',
      '|',
      '>',
      '- ',
      '? ',
      '{{n}}',
      'é',
      '€',
      '\r\n',
      'greeting',
      'common:',
      '\nnew:\n  k: v\n',
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let last = base;
    let edits = 0;
    let inPlace = 0;
    for (let round = 0; round < 3000; round++) {
      const text = last.text;
      const at = random(text.length + 1);
      const cut = random(4) === 0 ? random(12) : 0;
      const insert = random(3) === 0 ? '' : pieces[random(pieces.length)]!;
      const next = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
      const result = check(last, next);
      edits++;
      if (result.edited) inPlace++;
      // A broken text is put back to the last clean one (as a person fixes a typo).
      last = result.last ?? last;
    }
    // Both ways are taken often (the test would say nothing if every edit fell back, or none did).
    expect(inPlace).toBeGreaterThan(edits / 10);
    expect(inPlace).toBeLessThan(edits);
  });

  it('is used by the parse cache for an edit of a catalog it holds', () => {
    const cache = new ParseCache(undefined, 'fp');
    let text = catalog;
    const parse = (t: string) =>
      cache.parse(
        rel,
        'messages',
        bytesOf(t),
        (last) => (last && parseEdited(rel, 'messages', bytesOf(t), last)) || parseSource(rel, 'messages', bytesOf(t)),
      );
    const first = parse(text);
    expect(editedStarts(first.file!)).toBeUndefined();
    for (const word of ['uno', 'eins', 'one']) {
      text = text.replace(/ {2}a: .*\n/, `  a: ${word}\n`);
      const got = parse(text);
      // Parsed in one section (the file's document is not parsed), and the same as a whole parse.
      expect(editedStarts(got.file!)).toBeDefined();
      expect(got.file!.value).toEqual(parseSource(rel, 'messages', bytesOf(text)).file!.value);
    }
    // A record's data is not the file's: changing what the build got does not change the next edit's result.
    const got = parse(text);
    (got.file!.value as Record<string, Record<string, string>>).common!.hello = 'changed';
    text = text.replace('  a: one', '  a: zwei');
    expect(parse(text).file!.value).toEqual(parseSource(rel, 'messages', bytesOf(text)).file!.value);
  });

  it('is used by a new process on the parse cache file the last one wrote', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flowc-edit-parse-'));
    try {
      const parseWith = (cache: ParseCache, t: string) =>
        cache.parse(
          rel,
          'messages',
          bytesOf(t),
          (last) => (last && parseEdited(rel, 'messages', bytesOf(t), last)) || parseSource(rel, 'messages', bytesOf(t)),
        );
      const first = new ParseCache(dir, 'fp');
      parseWith(first, catalog);
      first.flush();
      let text = catalog;
      for (const word of ['uno', 'eins']) {
        // Each build a new process: the records come from the file only.
        text = text.replace(/ {2}a: .*\n/, `  a: ${word}\n`);
        const cache = new ParseCache(dir, 'fp');
        const got = parseWith(cache, text);
        cache.flush();
        expect(editedStarts(got.file!)).toBeDefined();
        expect(got.file!.value).toEqual(parseSource(rel, 'messages', bytesOf(text)).file!.value);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

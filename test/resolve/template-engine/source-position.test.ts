import { describe, expect, it } from 'vitest';
import { lineStarts, offsetOf, spanOf } from '../../../compiler/resolve/template-engine/source-position.js';

describe('source positions (Handlebars line/column → offset)', () => {
  it.each([
    ['abc', [0]],
    ['a\nb', [0, 2]],
    ['a\r\nb', [0, 3]],
    ['a\rb\n\nc', [0, 2, 4, 5]],
    ['\n', [0, 1]],
  ])('line starts of %j', (source, starts) => {
    expect(lineStarts(source)).toEqual(starts);
  });

  it.each([
    ['a\r\nbcd', 2, 1, 4],
    ['a\nb', 1, 0, 0],
    ['😀{{x}}', 1, 4, 4], // columns are UTF-16 code units, like JS offsets
    ['ab', 1, 99, 2], // clamped to the end
    ['ab', 7, 0, 0], // unknown line → last line
  ])('%j line %i column %i → %i', (source, line, column, offset) => {
    expect(offsetOf(lineStarts(source), source.length, { line, column })).toBe(offset);
  });

  it('spans cross lines', () => {
    const source = 'ab\ncd {{x\ny}}';
    expect(spanOf(lineStarts(source), source.length, { start: { line: 2, column: 3 }, end: { line: 3, column: 3 } })).toEqual({
      offset: 6,
      length: 7,
    });
  });
});

/** Locating JSON syntax errors: offsets (and the kind of mistake) for the usual ways published NCCOs break. */
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../compiler/validate/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each(['[]', '[{"a":1}]', ' {"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]} ', '"just text"'])('accepts %s', (text) => {
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  // [text, offset, a word the message contains]
  it.each([
    ['// note\n[]', 0, 'comments'],
    ['[1, /* x */ 2]', 4, 'comments'],
    ['[{"a":1,}]', 7, 'comma after the last entry'],
    ['[1,2,]', 4, 'comma after the last item'],
    ['[{"a":1 "b":2}]', 8, 'comma is missing'],
    ['[{"a":1}\n{"b":2}]', 9, 'comma is missing'],
    ["[{'a':1}]", 2, 'double quotes'],
    ['[{"a":\'x\'}]', 6, 'double quotes'],
    ['[{"a": "x\n"}]', 7, 'not closed before the end of the line'],
    ['[{"format": $format$}]', 12, '$format$'],
    ['[{"a":1}', 8, 'ends too early'],
    ['[{"a" 1}]', 6, 'expected ":"'],
    ['[{a:1}]', 2, 'name in double quotes'],
    ['[01]', 1, 'number'],
    ['[1] [2]', 4, 'more text'],
    ['[tru]', 1, 'not a valid JSON value'],
    ['["\\x"]', 2, 'escape'],
    ['', 0, 'ends too early'],
  ] as const)('%j fails at %i', (text, offset, words) => {
    const problem = findJsonSyntaxError(text);
    expect(problem?.offset).toBe(offset);
    expect(problem?.message).toContain(words);
  });

  it('agrees with JSON.parse', () => {
    for (const text of ['[1,2]', '[1,,2]', '{"a":"\\u12"}', '[1e]', '[-]', '[.5]', '{"a":{}}', '[[[[]]]]', '[1.]', 'nul']) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(text) === undefined, text).toBe(parses);
    }
  });
});

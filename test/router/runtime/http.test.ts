/** Query strings as the router reads them: pairs in URL order, a repeated key refused however many pairs come before it. */
import { describe, expect, it } from 'vitest';
import { parseQuery, splitUrl } from '../../../compiler/router/runtime/http.mjs';

const many = (n: number, prefix = 'k'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}=${i}`);

describe('parseQuery', () => {
  it.each([
    ['empty', '', []],
    ['one pair (a state)', 's=abc_-', [['s', 'abc_-']]],
    [
      'in URL order, integer-like names too',
      'b=1&5=x&a=2',
      [
        ['b', '1'],
        ['5', 'x'],
        ['a', '2'],
      ],
    ],
    [
      'escapes and plus signs',
      'to=%2B44+7700&x',
      [
        ['to', '+44 7700'],
        ['x', ''],
      ],
    ],
    [
      'empty parts skipped',
      '&a=1&&b=2&',
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ],
    ['only empty parts', '&&', []],
    ['many distinct keys', many(40).join('&'), many(40).map((p) => p.split('='))],
  ] as const)('%s', (_name, search, expected) => {
    expect(parseQuery(search)).toEqual(expected);
  });

  it.each([
    ['a key repeated at once', 'a=1&a=2'],
    ['a key repeated after others', 'a=1&b=2&c=3&a=4'],
    ['the same key spelled with an escape', 'ab=1&a%62=2'],
    ['a repeat among many keys, of an early one', [...many(30), 'k3=again'].join('&')],
    ['a repeat among many keys, of a late one', [...many(30), 'k29=again'].join('&')],
    ['a repeat of the 16th key, just as the keys are counted in a set', [...many(16), 'k15=again'].join('&')],
    ['a malformed escape', 'a=%E0%A4%A'],
  ])('refuses %s', (_name, search) => {
    expect(parseQuery(search)).toBeUndefined();
  });
});

describe('splitUrl', () => {
  it.each([
    ['a path', '/flowc/on/f/en-US/menu', '/flowc/on/f/en-US/menu', ''],
    ['a path and a query', '/flowc/on/f/en-US/menu?s=abc', '/flowc/on/f/en-US/menu', 's=abc'],
    ['an absolute URL (fetch)', 'https://ivr.example.com/flowc/answer?flow=a', '/flowc/answer', 'flow=a'],
    ['an absolute URL without a path', 'http://127.0.0.1:3000', '/', ''],
    ['a fragment', '/answer?x=1#frag', '/answer', 'x=1'],
    ['a path that only looks like a scheme', '/http://x/answer', '/http://x/answer', ''],
  ])('%s', (_name, url, path, search) => {
    expect(splitUrl(url)).toEqual({ path, search });
  });
});

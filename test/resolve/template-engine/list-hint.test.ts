import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listHint } from '../../../compiler/resolve/template-engine/check-values.js';

/** The YAML the hint offers (after "where the variable is given: "), parsed back. */
const offered = (hint: string): unknown => {
  const m = /given: (.*) \(in YAML/.exec(hint);
  return m ? parse(m[1]!) : undefined;
};

describe('listHint: the fix offered for a list said whole', () => {
  it.each([
    [['Acme', 'Inc'], 'Acme, Inc'],
    [['Say "hi"', 'back\\slash'], 'Say "hi", back\\slash'],
    [[1, 2], '1, 2'],
  ] as const)('%j: the quoted value it offers is valid YAML for the text', (list, text) => {
    const hint = listHint('company', list);
    expect(offered(hint)).toEqual({ company: text });
    expect(hint).toContain('{{company.[0]}}');
  });

  it('an empty list: no quoting offered, nor an item to say', () => {
    expect(listHint('company', [])).toBe('An empty list says nothing: give it text.');
  });

  it('a list of maps: only the item', () => {
    expect(listHint('company', [{ a: 1 }])).toBe('To say one item, write {{company.[0]}}.');
  });
});

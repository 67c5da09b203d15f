/** Every call-data diagnostic: a failing case asserted by code and position, and its fix, which is clean. */
import { describe, expect, it } from 'vitest';
import { cases } from './cases.js';
import { build } from './helpers.js';

describe('call data: failing and passing cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const bad = await build(c.bad);
    expect(bad.codes).toEqual(c.expect);
    const good = await build(c.good);
    expect(good.codes).toEqual([]);
  });
});

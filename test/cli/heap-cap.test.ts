/**
 * The heap cap (compiler/cli/heap-cap.ts) is set only in the flowc process (bin.ts allows it), once per
 * build, and taken off by the build that set it — never by another.
 */
import { describe, expect, it } from 'vitest';
import { allowHeapCap, capHeapGrowth, uncapHeapGrowth } from '../../compiler/cli/heap-cap.js';

describe('heap cap', () => {
  it('is not set unless the process allows it, then set once until taken off', () => {
    expect(capHeapGrowth()).toBe(false);
    allowHeapCap();
    expect(capHeapGrowth()).toBe(true);
    // Already on: the second caller did not set it, so it must not take it off.
    expect(capHeapGrowth()).toBe(false);
    uncapHeapGrowth();
    expect(capHeapGrowth()).toBe(true);
    uncapHeapGrowth();
  });
});

/** The package as users import it: `import { validateNcco } from 'flowc'` (the built output, via package.json exports). */
import { describe, expect, it } from 'vitest';

describe("import from 'flowc'", () => {
  it('exposes validateNcco, which reports by code and pointer', async () => {
    const flowc = (await import('flowc')) as typeof import('../../compiler/index.js');
    expect(flowc.validateNcco([{ action: 'talk', text: 'Hello' }])).toEqual([]);
    const found = flowc.validateNcco([{ action: 'input', type: ['dtmf'], dtmf: { maxDigits: 25 } }]);
    expect(found.map((d) => [d.code, d.pointer])).toContainEqual(['ncco/range', '/0/dtmf/maxDigits']);
    expect(typeof flowc.buildProject).toBe('function');
    expect(typeof flowc.lintNccoFiles).toBe('function');
  });
});

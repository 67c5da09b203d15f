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

  it('ships the editor schemas (package.json files and exports)', async () => {
    const { createRequire } = await import('node:module');
    const { readFileSync } = await import('node:fs');
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas');
    const schema = JSON.parse(readFileSync(require.resolve('flowc/schemas/flow.schema.json'), 'utf8')) as { title: string };
    expect(schema.title).toBe('flowc flow');
  });
});

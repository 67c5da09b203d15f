import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleRuntime } from '../../compiler/router/bundle-runtime.js';
import { runtimeModules, type RuntimeModule } from '../../compiler/router/runtime-files.js';

const mod = (name: string, mjs: string): RuntimeModule => ({ name, mts: '', mjs });

async function run(code: string, tail: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowc-bundle-'));
  try {
    writeFileSync(path.join(dir, 'entry.mjs'), `${code}\n${tail}\n`);
    return (await import(pathToFileURL(path.join(dir, 'entry.mjs')).href)) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('bundling the router runtime into router.mjs', () => {
  it('runs modules once, dependencies first in import order, each in its own scope, with renamed and re-exported names', async () => {
    const modules = [
      mod('a', "export const order = [];\norder.push('a');\nconst local = 'a';\nexport function who() { return local; }"),
      mod(
        'helpers/b',
        "import { order, who as whoA } from '../a.mjs';\norder.push('b');\nconst local = 'b';\nexport const both = () => whoA() + local;",
      ),
      mod(
        'c',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the module's own template literal
        "import { order } from './a.mjs';\norder.push('c');\n// a comment with ’ in it\nexport const quotes = [`»${'”'}`, /[’]/.test('’'), /\\u{1F600}|😀/u.test('😀')];",
      ),
      mod(
        'index',
        "import { both } from './helpers/b.mjs';\nimport {\n  order,\n} from './a.mjs';\nimport {} from './c.mjs';\nexport { who } from './a.mjs';\nexport { quotes } from './c.mjs';\nexport const result = both();\nexport const url = import.meta.url;\nexport { order };",
      ),
    ];
    const bundle = bundleRuntime(modules, ['index']);
    expect(bundle.exports.get('index')).toEqual(['who', 'quotes', 'result', 'url', 'order']);
    // One-byte text, the same strings, templates and regular expressions.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII up to '~' is the point
    expect(bundle.code).toMatch(/^[\x00-\x7e]*$/);
    const m = await run(bundle.code, `export const { ${bundle.exports.get('index')!.join(', ')} } = __flowc.index;`);
    expect(m.order).toEqual(['a', 'b', 'c']);
    expect(m.result).toBe('ab');
    expect(m.quotes).toEqual(['»”', true, true]);
    expect((m.who as () => string)()).toBe('a');
    // import.meta.url is the module's own place in dist/router/, as when it was a file of its own.
    expect(String(m.url)).toMatch(/\/router\/index\.mjs$/);
  });

  it.each([
    ['a default export', 'export default 1;'],
    ['export *', "export * from './a.mjs';"],
    ['a namespace import', "import * as a from './a.mjs';"],
    ['a dynamic import', "const a = await import('./a.mjs');"],
    ['a destructuring export', 'export const { a } = {};'],
    ['an import of a package', "import { x } from 'node:fs';"],
  ])('refuses %s instead of bundling it wrongly', (_label, line) => {
    expect(() => bundleRuntime([mod('a', 'export const a = 1;'), mod('index', line)], ['index'])).toThrow(/flowc:/);
  });

  it('refuses modules that import each other in a cycle', () => {
    const modules = [
      mod('a', "import { b } from './b.mjs';\nexport const a = 1;"),
      mod('b', "import { a } from './a.mjs';\nexport const b = 1;"),
    ];
    expect(() => bundleRuntime(modules, ['a'])).toThrow(/cycle/);
  });

  it('bundles the real runtime with every helper', () => {
    const helpers = runtimeModules()
      .map((m) => m.name)
      .filter((n) => n.startsWith('helpers/') && n !== 'helpers/all');
    const bundle = bundleRuntime(runtimeModules(), ['index', ...helpers]);
    expect(bundle.exports.get('index')).toEqual(expect.arrayContaining(['createProjectRouter', 'toNodeHandler', 'SAFE_NCCO']));
  });
});

/**
 * The router runtime's JavaScript modules (tsc's output of compiler/router/runtime/) as one piece of
 * code for dist/router.mjs: Node then loads one file at start instead of twenty (issue 12: start-up).
 * Each module keeps its own scope (a function), runs once in the order ES modules would run it, and
 * hands its exports to the modules that import it. The runtime's modules are our own code in a small
 * subset of ES module syntax (named imports and exports only); anything else is refused here, loudly,
 * so that a new form cannot slip through unbundled.
 */
import { posix } from 'node:path';
import type { RuntimeModule } from './runtime-files.js';

export interface RuntimeBundle {
  /** The statements that define `__flowc` (module name → its exports), ready to paste into an ES module. */
  code: string;
  /** What each root module exports, by module name. */
  exports: ReadonlyMap<string, readonly string[]>;
}

interface Parsed {
  name: string;
  /** The body with its import and export syntax taken out. */
  body: string;
  imports: { from: string; names: [imported: string, local: string][] }[];
  /** Exported name → [module it comes from, its name there]; from this module itself for its own declarations. */
  exports: Map<string, [string, string]>;
}

const DECLARATION = /^export (?:async function\*? |function\*? |const |class )([A-Za-z_$][\w$]*)/;
const FROM = / from '(\.\.?\/[^']+)\.mjs';$/;

/** `a, b as c,` → [['a','a'], ['b','c']]. */
function namesOf(list: string, statement: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of list.split(',')) {
    const words = part.trim().split(/\s+/);
    if (words.length === 1 && words[0] === '') continue;
    if (words.length === 1) out.push([words[0]!, words[0]!]);
    else if (words.length === 3 && words[1] === 'as') out.push([words[0]!, words[2]!]);
    else throw new Error(`flowc: cannot bundle the router runtime statement: ${statement}`);
  }
  return out;
}

function parse(module: RuntimeModule): Parsed {
  const dir = module.name.includes('/') ? module.name.slice(0, module.name.lastIndexOf('/') + 1) : '';
  const target = (spec: string): string => posix.normalize(dir + spec);
  const parsed: Parsed = { name: module.name, body: '', imports: [], exports: new Map() };
  const body: string[] = [];
  const lines = module.mjs.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.startsWith('import ') || line.startsWith('export {') || line.startsWith('export *') || line.startsWith('export default')) {
      // One statement, possibly over several lines, ending with its module specifier.
      while (!line.trimEnd().endsWith(';') && i + 1 < lines.length) line += ` ${lines[++i]!.trim()}`;
      const statement = line.trim();
      const open = statement.indexOf('{');
      const close = statement.indexOf('}');
      const from = FROM.exec(statement);
      if (statement.startsWith('import {') && open >= 0 && close > open && from) {
        parsed.imports.push({ from: target(from[1]!), names: namesOf(statement.slice(open + 1, close), statement) });
        body.push('');
        continue;
      }
      if (statement.startsWith('export {') && open >= 0 && close > open) {
        const source = from ? target(from[1]!) : module.name;
        for (const [name, as] of namesOf(statement.slice(open + 1, close), statement)) parsed.exports.set(as, [source, name]);
        body.push('');
        continue;
      }
      throw new Error(`flowc: cannot bundle the router runtime statement (${module.name}): ${statement}`);
    }
    if (line.startsWith('export ')) {
      const declared = DECLARATION.exec(line);
      if (!declared) throw new Error(`flowc: cannot bundle the router runtime export (${module.name}): ${line}`);
      parsed.exports.set(declared[1]!, [module.name, declared[1]!]);
      line = line.slice('export '.length);
    }
    if (/\bimport\s*\(/.test(line)) throw new Error(`flowc: the router runtime must not import dynamically (${module.name})`);
    body.push(line.replaceAll('import.meta.url', `__flowcUrl(${JSON.stringify(module.name)})`));
  }
  parsed.body = body.join('\n');
  return parsed;
}

/** The modules `roots` need, bundled in the order ES modules would evaluate them (depth first, by import order). */
export function bundleRuntime(modules: readonly RuntimeModule[], roots: readonly string[]): RuntimeBundle {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const parsed = new Map<string, Parsed>();
  const order: Parsed[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (parsed.has(name)) return;
    if (visiting.has(name)) throw new Error(`flowc: the router runtime's modules import each other in a cycle (${name})`);
    const module = byName.get(name);
    if (!module) throw new Error(`flowc: the router runtime has no module ${name}`);
    visiting.add(name);
    const p = parse(module);
    for (const i of p.imports) visit(i.from);
    // Re-exported modules are evaluated like imported ones.
    for (const [source] of p.exports.values()) if (source !== name) visit(source);
    visiting.delete(name);
    parsed.set(name, p);
    order.push(p);
  };
  for (const root of roots) visit(root);

  const ref = (name: string): string => `__flowc[${JSON.stringify(name)}]`;
  const out = [
    'const __flowc = Object.create(null);',
    // import.meta.url of a module as if it were still dist/router/<name>.mjs (read only when a module asks).
    "const __flowcUrl = (name) => new URL('./router/' + name + '.mjs', import.meta.url).href;",
  ];
  for (const p of order) {
    const imports = p.imports.map(
      (i) =>
        `const { ${i.names.map(([imported, local]) => (imported === local ? local : `${imported}: ${local}`)).join(', ')} } = ${ref(i.from)};`,
    );
    const exported = [...p.exports].map(([as, [source, name]]) =>
      source === p.name ? (as === name ? as : `${as}: ${name}`) : `${as}: ${ref(source)}.${name}`,
    );
    out.push(
      `// ---- router/${p.name}.mjs`,
      `${ref(p.name)} = (() => {`,
      ...imports,
      p.body.trim(),
      `return { ${exported.join(', ')} };`,
      '})();',
    );
  }
  return {
    // One-byte text (V8 keeps it at half the size): every other character as a \u escape, which means the same
    // character in the runtime's strings, templates and regular expressions (and is only text in its comments).
    code: out.join('\n').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    exports: new Map(roots.map((root) => [root, [...parsed.get(root)!.exports.keys()]])),
  };
}

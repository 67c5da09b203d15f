/**
 * The router runtime as files to copy into dist/router/: each module's TypeScript source (.mts) and
 * the JavaScript tsc made of it (.mjs), verbatim, so that the two import each other with the same
 * specifiers. `npm run build:compiler` puts both in build/compiler/router/runtime/; when flowc runs
 * from its sources (the tests), the JavaScript comes from there and must be as fresh as the sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuntimeModule {
  /** Path under the runtime folder without extension, e.g. "router" or "helpers/money". */
  name: string;
  mts: string;
  mjs: string;
}

/**
 * compiler/router (or build/compiler/router): this module's folder, or its sibling when this module runs
 * bundled into build/compiler/cli/bin.js (compiler/cli/bundle-bin.mjs).
 */
const here = ((dir: string) => (path.basename(dir) === 'cli' ? path.join(path.dirname(dir), 'router') : dir))(
  path.dirname(fileURLToPath(import.meta.url)),
);

function listModules(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory()) out.push(...listModules(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith('.mts') && !entry.name.endsWith('.d.mts')) out.push(prefix + entry.name.slice(0, -'.mts'.length));
  }
  return out;
}

let cache: RuntimeModule[] | undefined;

/** Every runtime module, sorted by name. Throws when the compiled JavaScript is missing or stale. */
export function runtimeModules(): RuntimeModule[] {
  if (cache) return cache;
  const sources = path.join(here, 'runtime');
  const compiled = existsSync(path.join(sources, 'index.mjs')) ? sources : path.resolve(here, '../../build/compiler/router/runtime');
  const modules = listModules(sources).map((name) => {
    const mts = readFileSync(path.join(sources, `${name}.mts`), 'utf8');
    const built = path.join(compiled, `${name}.mjs`);
    const copied = path.join(compiled, `${name}.mts`);
    if (!existsSync(built) || (compiled !== sources && (!existsSync(copied) || readFileSync(copied, 'utf8') !== mts))) {
      throw new Error(`flowc: the compiled router runtime (${built}) is missing or older than its source: run "npm run build:compiler".`);
    }
    return { name, mts, mjs: readFileSync(built, 'utf8') };
  });
  cache = modules;
  return modules;
}

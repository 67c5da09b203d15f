#!/usr/bin/env node
/**
 * `npm run build:compiler`'s last step: the flowc command as one file. A CLI rebuild starts a new process each
 * time, and Node then resolved, read and compiled about 300 module files before the build began (about 80 ms
 * of CPU, docs/performance.md, "Rebuilds"). build/compiler/cli/bin.js (tsc's output) and every module it
 * imports, flowc's and its dependencies', become build/compiler/cli/flowc.cjs, one CommonJS file, and bin.js
 * is replaced by a launcher that runs it from V8's code cache where it can (compiler/cli/code-cache.ts). The
 * modules stay in build/compiler for the API (build/compiler/index.js) and for the files the CLI reads beside
 * it (the router runtime, the helpers the simulator imports), whose paths from build/compiler/cli/ are the same
 * as from any other folder there. Without this step (tsc alone), bin.js imports the modules one by one and
 * works the same.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const folder = 'build/compiler/cli';
const bin = `${folder}/bin.js`;
const bundle = `${folder}/flowc.cjs`;
const tmp = `${bundle}.${process.pid}.tmp`;
await build({
  entryPoints: [bin],
  outfile: tmp,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // Each module's import.meta.url is the bundle's (the modules' paths from build/compiler/cli/ are the same).
  define: { 'import.meta.url': '__flowcModuleUrl' },
  // "use strict" first: flowc's modules were ES modules, always strict; esbuild's own directive comes after the
  // banner, where it is only an expression and the whole bundle would run in sloppy mode.
  banner: { js: "'use strict';\nconst __flowcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
renameSync(tmp, bundle);
// A code cache made for an earlier bundle is of no use (its key would not match either).
rmSync(`${bundle}.v8-cache`, { force: true });
const hash = createHash('sha256').update(readFileSync(bundle)).digest('hex');
const launcher = `#!/usr/bin/env node
// Made by compiler/cli/bundle-bin.mjs: the flowc command is flowc.cjs, run by compiler/cli/code-cache.ts.
import { runBundle } from './code-cache.js';

runBundle(new URL('./flowc.cjs', import.meta.url), '${hash}');
`;
writeFileSync(`${bin}.${process.pid}.tmp`, launcher);
renameSync(`${bin}.${process.pid}.tmp`, bin);
chmodSync(bin, 0o755);

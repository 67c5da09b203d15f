#!/usr/bin/env node
/**
 * `npm run build:compiler`'s last step: build/compiler/cli/bin.js (tsc's output) is replaced by one file that
 * holds it with every module it imports, flowc's and its dependencies'. A CLI rebuild starts a new process each
 * time, and Node then resolves, reads and compiles about 300 module files before the build begins (about 80 ms
 * of CPU, docs/performance.md, "Rebuilds"); from one file it does not. The modules stay in build/compiler for the
 * API (build/compiler/index.js) and for the files the CLI reads beside it (the router runtime, the helpers the
 * simulator imports), whose paths from build/compiler/cli/ are the same as from any other folder there.
 * Without this step (tsc alone), bin.js imports the modules one by one and works the same.
 */
import { chmodSync, renameSync } from 'node:fs';
import { build } from 'esbuild';

const bin = 'build/compiler/cli/bin.js';
const tmp = `${bin}.${process.pid}.tmp`;
await build({
  entryPoints: [bin],
  outfile: tmp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies (ajv, yaml's CJS build, handlebars) call require() for Node's modules.
  banner: { js: "import { createRequire as __flowcRequire } from 'node:module';\nconst require = __flowcRequire(import.meta.url);" },
});
renameSync(tmp, bin);
chmodSync(bin, 0o755);

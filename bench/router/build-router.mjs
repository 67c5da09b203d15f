// Builds only the router of a project (no NCCO files): `node bench/router/build-router.mjs <project> <out> [--wrangler]`.
// For the router benchmarks and the workerd test, which need the router of large projects without
// writing 32,000 NCCOs. Uses the built compiler (npm run build:compiler). Prints one JSON line:
// { flows, numbers, files, codeBytes, dataBytes }.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [project, out, ...flags] = process.argv.slice(2);
if (!project || !out) {
  console.error('usage: node bench/router/build-router.mjs <project> <out> [--wrangler]');
  process.exit(2);
}
const { buildProject } = await import(pathToFileURL(path.join(root, 'build/compiler/pipeline/build-project.js')).href);
const { generateRouterFiles, workerFiles } = await import(pathToFileURL(path.join(root, 'build/compiler/router/generate-router.js')).href);

const result = await buildProject(path.resolve(project));
const errors = result.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0) {
  console.error(`${errors.length} error(s), e.g. ${errors[0].code}: ${errors[0].message}`);
  process.exit(1);
}
const files = [...generateRouterFiles(result.program), ...(flags.includes('--wrangler') ? workerFiles(result.program) : [])];
rmSync(out, { recursive: true, force: true });
let codeBytes = 0;
let dataBytes = 0;
for (const file of files) {
  const target = path.join(out, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  if (file.path.startsWith('router/data/')) dataBytes += Buffer.byteLength(file.content);
  else if (file.path.endsWith('.mjs')) codeBytes += Buffer.byteLength(file.content);
}
console.log(
  JSON.stringify({
    flows: result.program.flows.length,
    numbers: Object.keys(result.program.project.numbers).length,
    files: files.length,
    codeBytes,
    dataBytes,
  }),
);

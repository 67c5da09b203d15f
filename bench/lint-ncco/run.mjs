#!/usr/bin/env node
/**
 * lint-ncco benchmark: flowc's NCCO linter side by side with ajv-cli on the same files.
 *
 *   npx tsc -p tsconfig.build.json          (flowc's build/ is what is measured)
 *   node bench/lint-ncco/run.mjs [--files 10000] [--runs 5] [--calls 200000]
 *
 * 1. Writes --files synthetic NCCOs (generate-nccos.mjs; ~10% with findings) to bench/out/lint-ncco/files/.
 * 2. Times, --runs times each, as whole processes started with `node` (so neither pays for npx):
 *    - flowc CLI:         node build/compiler/cli/bin.js lint-ncco --format json <every file>
 *    - flowc API:         a node process that imports build/compiler/validate/lint-ncco.js and lints every file
 *    - ajv-cli:           node node_modules/ajv-cli/dist/index.js validate -s bench/lint-ncco/plain-schema.json
 *                         -d "bench/out/lint-ncco/files/*.json" --all-errors --errors=json   (= npx ajv validate …)
 *    flowc does more per file than ajv-cli: the rules beyond the schema, leniency, did-you-mean, and a source
 *    range for every finding (a YAML parse of each file that has findings).
 *    Then the same on one file (start-up cost).
 * 3. Measures validateNcco() per call on a typical 5-action NCCO (median of many batches, after warm-up), and
 *    its first call in a fresh process (which compiles the schemas it needs).
 * Prints medians and writes bench/out/lint-ncco/results.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makeNcco } from './generate-nccos.mjs';
import { plainSchema, plainSchemaFile } from './plain-schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    calls: { type: 'string', default: '200000' },
  },
});
const fileCount = Number(args.files);
const runs = Number(args.runs);
const calls = Number(args.calls);

const outDir = path.join(root, 'bench/out/lint-ncco');
const filesDir = path.join(outDir, 'files');
const cliBin = path.join(root, 'build/compiler/cli/bin.js');
const lintModule = path.join(root, 'build/compiler/validate/lint-ncco.js');
const validateModule = path.join(root, 'build/compiler/validate/validate-ncco.js');
const ajvBin = path.join(root, 'node_modules/ajv-cli/dist/index.js');

if (!existsSync(lintModule)) {
  console.error('flowc is not built: run `npx tsc -p tsconfig.build.json` first.');
  process.exit(2);
}
const schema = JSON.stringify(await plainSchema(), null, 2) + '\n';
if (!existsSync(plainSchemaFile) || readFileSync(plainSchemaFile, 'utf8') !== schema) {
  console.error('bench/lint-ncco/plain-schema.json does not match the built schemas: run `node bench/lint-ncco/plain-schema.mjs`.');
  process.exit(2);
}

// 1. The files (rewritten only when the count changed).
const marker = path.join(outDir, 'files.json');
if (!existsSync(marker) || JSON.parse(readFileSync(marker, 'utf8')).files !== fileCount) {
  rmSync(filesDir, { recursive: true, force: true });
  mkdirSync(filesDir, { recursive: true });
  for (let i = 0; i < fileCount; i++) {
    writeFileSync(path.join(filesDir, `ncco-${String(i).padStart(5, '0')}.json`), JSON.stringify(makeNcco(i), null, 2) + '\n');
  }
  writeFileSync(marker, JSON.stringify({ files: fileCount }));
}
const files = readdirSync(filesDir)
  .sort()
  .map((f) => path.relative(root, path.join(filesDir, f)));
const bytes = files.reduce((n, f) => n + readFileSync(path.join(root, f)).length, 0);
const fileList = path.join(outDir, 'file-list.json');
writeFileSync(fileList, JSON.stringify(files));
process.env.BENCH_FILE_LIST = fileList;

// 2. Whole-process timings.
function timed(command, commandArgs) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...commandArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, command };
}

const apiScript = `
const { lintNccoFiles } = await import(${JSON.stringify(pathToFileURL(lintModule).href)});
const files = JSON.parse((await import('node:fs')).readFileSync(process.env.BENCH_FILE_LIST, 'utf8'));
const t = performance.now();
const { diagnostics } = await lintNccoFiles(files);
const ms = performance.now() - t;
const errorFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
console.log(JSON.stringify({ ms, diagnostics: diagnostics.length, errorFiles }));
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const results = { files: files.length, bytes, runs, node: process.version, measured: {} };
const sides = {
  'flowc lint-ncco (CLI, --format json)': () => {
    const r = timed('cli', [cliBin, 'lint-ncco', '--format', 'json', ...files]);
    const out = JSON.parse(r.stdout);
    return {
      ms: r.ms,
      status: r.status,
      errorFiles: new Set(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size,
      findings: out.diagnostics.length,
    };
  },
  'flowc lintNccoFiles() (API, whole process)': () => {
    const r = timed('api', ['--input-type=module', '-e', apiScript]);
    const out = JSON.parse(r.stdout);
    return { ms: r.ms, inner: out.ms, errorFiles: out.errorFiles, findings: out.diagnostics };
  },
  'ajv-cli validate (plain schema)': () => {
    const r = timed('ajv', [
      ajvBin,
      'validate',
      '-s',
      path.relative(root, plainSchemaFile),
      '-d',
      `${path.relative(root, filesDir)}/*.json`,
      '--all-errors',
      '--errors=json',
    ]);
    const invalid = (r.stderr.match(/ invalid$/gm) ?? []).length;
    return { ms: r.ms, status: r.status, errorFiles: invalid };
  },
};
const cliAvailable = existsSync(cliBin);
const active = Object.entries(sides).filter(([name]) => cliAvailable || !name.includes('CLI'));
// Warm the file-system cache, then interleave the sides run by run, so that a busy machine slows all alike.
for (const [, run] of active) run();
const samples = new Map(active.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) for (const [name, run] of active) samples.get(name).push(run());
for (const [name, list] of samples) {
  const last = list[list.length - 1];
  results.measured[name] = {
    medianMs: median(list.map((s) => s.ms)),
    ...(last.inner !== undefined ? { medianInnerMs: median(list.map((s) => s.inner)) } : {}),
    samplesMs: list.map((s) => Math.round(s.ms)),
    filesWithErrors: last.errorFiles,
    ...(last.findings !== undefined ? { findings: last.findings } : {}),
  };
}

// Start-up: the same three commands on a single file (what a CI step linting a handful of NCCOs pays).
const one = [files[0]];
const startup = {
  'flowc lint-ncco (CLI)': () => timed('cli', [cliBin, 'lint-ncco', '--format', 'json', ...one]).ms,
  'ajv-cli validate': () =>
    timed('ajv', [ajvBin, 'validate', '-s', path.relative(root, plainSchemaFile), '-d', one[0], '--all-errors', '--errors=json']).ms,
};
results.singleFile = {};
for (const [name, run] of Object.entries(startup)) {
  if (name.includes('CLI') && !cliAvailable) continue;
  results.singleFile[name] = { medianMs: median(Array.from({ length: runs }, run)) };
}

// 3. validateNcco() per call.
const { validateNcco } = await import(pathToFileURL(validateModule).href);
const typical = makeNcco(0); // talk, talk, talk, talk with bargeIn, input (dtmf + speech)
if (typical.length !== 5 || validateNcco(typical).length !== 0) throw new Error('the typical NCCO should be 5 clean actions');
for (let i = 0; i < 20_000; i++) validateNcco(typical);
const batch = 2_000;
const perCall = [];
for (let done = 0; done < calls; done += batch) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) validateNcco(typical);
  perCall.push(Number(process.hrtime.bigint() - t) / 1e3 / batch);
}
const firstCall = timed('first', [
  '--input-type=module',
  '-e',
  `
const { validateNcco } = await import(${JSON.stringify(pathToFileURL(validateModule).href)});
const ncco = ${JSON.stringify(typical)};
const t = performance.now(); validateNcco(ncco); console.log(performance.now() - t);`,
]);
results.validateNcco = {
  ncco: typical.map((a) => a.action).join(', '),
  medianMicrosecondsPerCall: median(perCall),
  callsPerSecond: Math.round(1e6 / median(perCall)),
  firstCallMs: Number(firstCall.stdout),
};

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(
  `lint-ncco benchmark — ${results.files} files, ${(bytes / 1e6).toFixed(1)} MB, median of ${runs} runs, node ${process.version}`,
);
for (const [name, m] of Object.entries(results.measured)) {
  console.log(
    `  ${name.padEnd(44)} ${m.medianMs.toFixed(0).padStart(6)} ms${m.medianInnerMs !== undefined ? `  (lintNccoFiles itself ${m.medianInnerMs.toFixed(0)} ms)` : ''}  files with errors: ${m.filesWithErrors}`,
  );
}
if (!cliAvailable) console.log('  (flowc CLI not built: build/compiler/cli/bin.js is missing)');
console.log(
  `  one file: ${Object.entries(results.singleFile)
    .map(([name, m]) => `${name} ${m.medianMs.toFixed(0)} ms`)
    .join(', ')}`,
);
const v = results.validateNcco;
console.log(
  `  validateNcco() on a typical 5-action NCCO (${v.ncco}): ${v.medianMicrosecondsPerCall.toFixed(1)} µs per call (${v.callsPerSecond} calls/s); first call in a fresh process ${v.firstCallMs.toFixed(1)} ms`,
);

// Router start-up at any size: from the import to the first answer of a signed webhook, and memory, for
// projects of 10, 1,000 and 5,000 flows (bench/build/generate-project.mjs × 4 locales × 8 steps).
//
//   node bench/router/startup.mjs [--flows 10,1000,5000] [--runs 7]
//
// Two entries of the same router, interleaved: router.mjs (the runtime bundled into it) and modules.mjs,
// written here, which imports the runtime's modules from router/*.mjs one by one, as router.mjs did
// before the bundle (before → after in one run).
//
// Each run is a fresh Node process (startup-child.mjs); sizes interleaved. The projects and their routers
// are made once into bench/out/router-startup/ (the 5,000-flow build takes minutes; delete the folder to
// remake them). Target (issue 12): ≤ 100 ms and ≤ 64 MB RSS, the same at every size.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(root, 'bench/out/router-startup');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('flows', '10,1000,5000').split(',').map(Number);
const RUNS = Number(arg('runs', '7'));
const SECRET = 'bench-signature-secret-0123456789abcdef';

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const routers = {};
for (const flows of SIZES) {
  const project = path.join(out, `p${flows}`);
  const router = path.join(out, `r${flows}`);
  if (!existsSync(path.join(router, 'router.mjs'))) {
    console.log(`making the ${flows}-flow project and its router (once)…`);
    execFileSync(
      process.execPath,
      [path.join(root, 'bench/build/generate-project.mjs'), '--flows', String(flows), '--locales', '4', '--steps', '8', '--out', project],
      { stdio: 'ignore' },
    );
    const built = execFileSync(process.execPath, ['--max-old-space-size=8192', path.join(here, 'build-router.mjs'), project, router], {
      encoding: 'utf8',
    });
    writeFileSync(path.join(router, 'built.json'), built);
  }
  // A number of the project: the first of its first shard.
  const shards = path.join(router, 'router/data/numbers');
  const table = JSON.parse(readFileSync(path.join(shards, readdirSync(shards).sort()[0]), 'utf8'));
  routers[flows] = { dir: router, number: Object.keys(table)[0], built: JSON.parse(readFileSync(path.join(router, 'built.json'), 'utf8')) };
  writeFileSync(path.join(router, 'modules.mjs'), unbundledEntry(readFileSync(path.join(router, 'router.mjs'), 'utf8')));
}

/** router.mjs without the bundle: the project's tables, and the runtime imported module by module. */
function unbundledEntry(bundled) {
  const project = bundled.split('\n').find((line) => line.startsWith('export const project = '));
  const helpers = [...bundled.matchAll(/^const \{ (\w+) \} = __flowc\["helpers\//gm)].map((m) => m[1]);
  if (!project) throw new Error('router.mjs has no project line');
  return [
    "import { createProjectRouter } from './router/index.mjs';",
    ...helpers.map((h) => `import { ${h} } from './router/helpers/${h}.mjs';`),
    "export * from './router/index.mjs';",
    project,
    `const helpers = { ${helpers.join(', ')} };`,
    'export function createRouter(options = {}) {',
    '  return createProjectRouter(project, helpers, options);',
    '}',
    '',
  ].join('\n');
}
const ENTRIES = ['router.mjs', 'modules.mjs'];

const KEYS = SIZES.flatMap((flows) => ENTRIES.map((entry) => `${flows} ${entry}`));
const results = Object.fromEntries(KEYS.map((k) => [k, []]));
console.log(`node ${process.version}, ${RUNS} runs per size, sizes interleaved, each a fresh process`);
for (let run = 0; run < RUNS; run++) {
  for (const key of KEYS) {
    const [flows, entry] = key.split(' ');
    const r = routers[flows];
    const child = spawnSync(process.execPath, [path.join(here, 'startup-child.mjs'), r.dir, r.number, SECRET, entry], {
      encoding: 'utf8',
      env: { ...process.env, FLOWC_ROOT: root },
    });
    if (child.status !== 0) throw new Error(`start-up of ${key} failed: ${child.stderr}`);
    results[key].push(JSON.parse(child.stdout));
  }
}

console.log(
  '\nflows  entry         numbers  data MB  import ms  createRouter ms  first answer ms  start → first answer ms (min–max)  RSS MB (min–max)  heap MB',
);
const summary = {};
for (const key of KEYS) {
  const [flows, entry] = key.split(' ');
  const rs = results[key];
  const pick = (k) => rs.map((x) => x[k]);
  const s = {
    numbers: routers[flows].built.numbers,
    dataMB: routers[flows].built.dataBytes / 1e6,
    importMs: median(pick('importMs')),
    createMs: median(pick('createMs')),
    answerMs: median(pick('answerMs')),
    firstAnswerMs: median(pick('firstAnswerMs')),
    firstAnswerMin: Math.min(...pick('firstAnswerMs')),
    firstAnswerMax: Math.max(...pick('firstAnswerMs')),
    rssMB: median(pick('rssMB')),
    rssMin: Math.min(...pick('rssMB')),
    rssMax: Math.max(...pick('rssMB')),
    heapMB: median(pick('heapMB')),
    nodeStartMs: median(pick('nodeStartMs')),
  };
  summary[key] = s;
  console.log(
    `${String(flows).padStart(5)}  ${entry.padEnd(12)}  ${String(s.numbers).padStart(7)}  ${s.dataMB.toFixed(1).padStart(7)}  ${s.importMs.toFixed(1).padStart(9)}  ${s.createMs.toFixed(2).padStart(15)}  ${s.answerMs.toFixed(1).padStart(15)}  ${`${s.firstAnswerMs.toFixed(1)} (${s.firstAnswerMin.toFixed(1)}–${s.firstAnswerMax.toFixed(1)})`.padStart(33)}  ${`${s.rssMB.toFixed(1)} (${s.rssMin.toFixed(1)}–${s.rssMax.toFixed(1)})`.padStart(16)}  ${s.heapMB.toFixed(1).padStart(7)}`,
  );
}
console.log(`(Node's own start before the script: ${median(KEYS.map((k) => summary[k].nodeStartMs)).toFixed(0)} ms, not counted)`);
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ node: process.version, runs: RUNS, summary, results }, null, 2) + '\n');

/**
 * The route program → the files of the generated router:
 *
 *   router.ts, router.mjs        a small entry: the runtime re-exported, this project's tables, its types
 *   router/*.mts, router/*.mjs   the runtime (compiler/router/runtime/), copied verbatim
 *   router/data/flows/*.json     one chunk per flow, read when a call first needs it
 *   router/data/numbers/*.json   the numbers, split over a few shards
 *
 * Project values reach the generated code only as JSON literals with every non-ASCII character escaped
 * (asciiJson): a name, a text or a URL can hold a quote, a newline or U+2028 and stays a string. No
 * comment holds a project value.
 */
import { flowDataPath, numberShard, numbersDataPath, shardCountFor, type NumberEntry, type ProjectCore } from './runtime/layout.mjs';
import {
  BUILTIN_DATA,
  stepId,
  type DataDeclaration,
  type DataType,
  type FlowProgram,
  type HelperName,
  type ProjectProgram,
  type Target,
} from './runtime/program.mjs';
import { asciiJson } from './runtime/render.mjs';
import { posix } from 'node:path';
import { bundleRuntime } from './bundle-runtime.js';
import { runtimeModules, type RuntimeModule } from './runtime-files.js';
import { type FlowSummary, HELPER_NAMES, helpersOfFlow, programChunk, summarizeFlow, targetName } from './flow-summary.js';

export { HELPER_NAMES } from './flow-summary.js';

export interface RouterProgram {
  project: ProjectProgram;
  flows: readonly FlowProgram[];
  /**
   * Every flow's summary (a streaming build's: it wrote each flow's data file in the flow's turn, and
   * `flows` holds only those not yet written). Without it, the summaries are made from `flows`.
   */
  summaries?: readonly FlowSummary[];
}

export interface GeneratedFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string;
}

/** The runtime modules `roots` import, directly or not, types included (by the .mts import specifiers). */
function moduleClosure(modules: readonly RuntimeModule[], roots: readonly string[]): RuntimeModule[] {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name)) return;
    const module = byName.get(name);
    if (!module) throw new Error(`flowc: the router runtime has no module ${name}`);
    wanted.add(name);
    const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    for (const m of module.mts.matchAll(/\bfrom '(\.\.?\/[^']+)\.mjs'/g)) visit(posix.normalize(dir + m[1]!));
  };
  for (const root of roots) visit(root);
  return modules.filter((m) => wanted.has(m.name));
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
// Consistency: a program the router could not run is a bug of the stage that built it (an internal error).

/** The helpers the program's forms use. */
export function usedHelpers(flows: readonly FlowProgram[]): HelperName[] {
  const out = new Set<HelperName>();
  for (const flow of flows) helpersOfFlow(flow, out);
  return HELPER_NAMES.filter((h) => out.has(h));
}

const helpersOfSummaries = (flows: readonly FlowSummary[]): HelperName[] => HELPER_NAMES.filter((h) => flows.some((f) => f.helpers.has(h)));

/** Every flow's summary: given by a streaming build, else made from the programs. */
export const summariesOf = (program: RouterProgram): readonly FlowSummary[] => program.summaries ?? program.flows.map(summarizeFlow);

/** Every problem that would make the router fail at run time; empty when the program is consistent. */
export function checkProgram(program: RouterProgram): string[] {
  return checkSummaries(program.project, summariesOf(program));
}

/**
 * What one flow's checks found, and what they looked at: the summaries of the flows it jumps into (by name)
 * and whether each lookup it calls is declared. Summaries are never changed once made, so while those are
 * the same, so is the answer: a warm compiler (`flowc build --watch`) hands the same summary objects for the
 * flows served from its cache, and only a changed flow, or one that jumps into a changed flow, is checked again.
 */
interface FlowProblems {
  targets: Map<string, FlowSummary | undefined>;
  lookups: Map<string, boolean>;
  problems: string[];
}
let flowProblemsMemo = new WeakMap<FlowSummary, FlowProblems>();

function flowProblems(flow: FlowSummary, flows: ReadonlyMap<string, FlowSummary>, lookups: ProjectProgram['lookups']): readonly string[] {
  const known = flowProblemsMemo.get(flow);
  if (known && sameTargets(known, flows) && sameLookups(known, lookups)) return known.problems;
  const made: FlowProblems = { targets: new Map(), lookups: new Map(), problems: [] };
  const exists = (t: Target): boolean => {
    const into = flows.get(t.flow);
    made.targets.set(t.flow, into);
    return into?.steps.has(stepId(t)) === true;
  };
  for (const check of flow.checks) {
    if ('problem' in check) made.problems.push(check.problem);
    else if ('target' in check) {
      if (!exists(check.target))
        made.problems.push(`step ${JSON.stringify(`${flow.flow}/${check.key}`)} goes to ${targetName(check.target)}, which does not exist`);
    } else {
      const declared = Object.hasOwn(lookups, check.lookup);
      made.lookups.set(check.lookup, declared);
      if (!declared)
        made.problems.push(
          `step ${JSON.stringify(`${flow.flow}/${check.key}`)} calls lookup ${JSON.stringify(check.lookup)}, which is not declared`,
        );
    }
  }
  flowProblemsMemo.set(flow, made);
  return made.problems;
}

function sameTargets(known: FlowProblems, flows: ReadonlyMap<string, FlowSummary>): boolean {
  for (const [name, into] of known.targets) if (flows.get(name) !== into) return false;
  return true;
}

function sameLookups(known: FlowProblems, lookups: ProjectProgram['lookups']): boolean {
  for (const [name, declared] of known.lookups) if (Object.hasOwn(lookups, name) !== declared) return false;
  return true;
}

function checkSummaries(project: ProjectProgram, summaries: readonly FlowSummary[]): string[] {
  const problems: string[] = [];
  if (/[^\x21-\x7e]/.test(project.routerUrl))
    problems.push(`routerUrl ${JSON.stringify(project.routerUrl)} holds characters other than printable ASCII`);
  try {
    const url = new URL(project.routerUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push(`routerUrl ${project.routerUrl} is not http(s)`);
    if (url.search !== '' || url.hash !== '') problems.push(`routerUrl ${project.routerUrl} has a query or fragment`);
  } catch {
    problems.push(`routerUrl ${JSON.stringify(project.routerUrl)} is not a URL`);
  }
  const flows = new Map<string, FlowSummary>();
  for (const flow of summaries) {
    if (flows.has(flow.flow)) problems.push(`flow ${JSON.stringify(flow.flow)} appears twice`);
    flows.set(flow.flow, flow);
  }
  // Reported in the numbers' order; only the few with a problem are sorted.
  const badNumbers: string[] = [];
  for (const number of Object.keys(project.numbers)) {
    const { start } = project.numbers[number]!;
    if (!/^\d+$/.test(number) || flows.get(start.flow)?.steps.has(stepId(start)) !== true) badNumbers.push(number);
  }
  for (const number of badNumbers.sort(byCodeUnit)) {
    const entry = project.numbers[number]!;
    if (!/^\d+$/.test(number)) problems.push(`number ${JSON.stringify(number)} is not digits only`);
    if (flows.get(entry.start.flow)?.steps.has(stepId(entry.start)) !== true)
      problems.push(`number ${number} starts at ${targetName(entry.start)}, which does not exist`);
  }
  for (const flow of summaries) problems.push(...flowProblems(flow, flows, project.lookups));
  return [...new Set(problems)];
}

// ---------------------------------------------------------------------------------------------------
// Types of the application's side: call data per flow, lookups

function tsType(type: DataType): string {
  switch (type.type) {
    case 'text':
    case 'digits':
    case 'date':
    case 'time':
      return 'string';
    case 'number':
    case 'money':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'one-of':
      return type.values.length === 0 ? 'never' : [...type.values].map((v) => asciiJson(v)).join(' | ');
  }
}

function tsFields(fields: Readonly<Record<string, DataDeclaration>>, indent: string, allOptional = false): string {
  const names = Object.keys(fields).sort(byCodeUnit);
  if (names.length === 0) return '{}';
  const lines = names.map((n) => `${indent}  ${asciiJson(n)}${allOptional || fields[n]!.optional ? '?' : ''}: ${tsType(fields[n]!.type)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The built-ins every flow has: caller, called and callId when the webhooks told them, the locale always. */
const BUILTIN_TYPES = `export interface BuiltinData {
  caller?: string;
  called?: string;
  callId?: string;
  locale: string;
}`;

function flowDataTypes(flows: readonly FlowSummary[]): string {
  const sorted = [...flows].sort((a, b) => byCodeUnit(a.flow, b.flow));
  if (sorted.length === 0) return 'export type FlowData = {};';
  return `export type FlowData = {\n${sorted.map(flowDataLine).join('\n')}\n};`;
}

/** A flow's line of FlowData, made once per summary (never changed once made; a warm compiler keeps them). */
let flowDataLines = new WeakMap<FlowSummary, string>();
function flowDataLine(f: FlowSummary): string {
  let line = flowDataLines.get(f);
  if (line === undefined) {
    const own = Object.fromEntries(Object.entries(f.data).filter(([name]) => !Object.hasOwn(BUILTIN_DATA, name)));
    line = `  ${asciiJson(f.flow)}: BuiltinData${Object.keys(own).length > 0 ? ` & ${tsFields(own, '  ')}` : ''};`;
    flowDataLines.set(f, line);
  }
  return line;
}

function lookupTypes(project: ProjectProgram): string {
  const names = Object.keys(project.lookups).sort(byCodeUnit);
  if (names.length === 0) return 'export type Lookups = {};';
  const entries = names.map((n) => {
    const d = project.lookups[n]!;
    return `  ${asciiJson(n)}: {\n    input: ${tsFields(d.input, '    ')};\n    output: ${tsFields(d.output, '    ')};\n  };`;
  });
  return `export type Lookups = {\n${entries.join('\n')}\n};`;
}

// ---------------------------------------------------------------------------------------------------
// The entry modules

function coreOf(project: ProjectProgram, numberShards: number): ProjectCore {
  const sorted = <T>(record: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(record)
        .sort(byCodeUnit)
        .map((k) => [k, record[k]!]),
    );
  return {
    version: 1,
    projectId: project.projectId,
    routerUrl: project.routerUrl,
    hours: sorted(project.hours),
    lookups: sorted(project.lookups),
    ...(project.outbound && Object.keys(project.outbound).length > 0 ? { outbound: sorted(project.outbound) } : {}),
    numberShards,
  };
}

function entry(
  language: 'ts' | 'js',
  core: ProjectCore,
  helpers: readonly HelperName[],
  project: ProjectProgram,
  flows: readonly FlowSummary[],
): string {
  const ts = language === 'ts';
  const counts = `${Object.keys(project.numbers).length} number(s), ${flows.length} flow(s)`;
  const hasLookups = Object.keys(core.lookups).length > 0;
  // The JavaScript entry holds the runtime itself, bundled: one file to load at start (issue 12).
  const bundle = ts ? undefined : bundledRuntime(helpers);
  const lines = [
    `// Generated by flowc (${ts ? 'dist/router.ts' : 'dist/router.mjs'}). Do not edit: change the flows and run \`flowc build\`.`,
    ts
      ? `// The Vonage Voice API webhook router of this project: ${counts}. The runtime is in ./router/, the`
      : `// The Vonage Voice API webhook router of this project: ${counts}. The runtime (./router/*.mjs, bundled here so`,
    ts
      ? '// flows and numbers in ./router/data/ (read when a call first needs them). Contract and options: docs/router.md.'
      : '// that it loads as one file), then the flows and numbers in ./router/data/, read when a call first needs them. Contract and options: docs/router.md.',
    ...(ts
      ? [
          "import { createProjectRouter, type ProjectCore, type ProjectRouterOptions, type Router } from './router/index.mjs';",
          ...helpers.map((h) => `import { ${h} } from './router/helpers/${h}.mjs';`),
          '',
          "export * from './router/index.mjs';",
        ]
      : [
          bundle!.code,
          '// ---- the entry',
          `export const { ${bundle!.exports.get('index')!.join(', ')} } = __flowc.index;`,
          ...helpers.map((h) => `const { ${h} } = __flowc[${JSON.stringify(`helpers/${h}`)}];`),
        ]),
    '',
    '/** The tables the router holds from the start: everything but the flows and the numbers. */',
    // JSON.parse of a JSON literal: project values stay data, and V8 parses JSON faster than a literal.
    `export const project${ts ? ': ProjectCore' : ''} = JSON.parse(${asciiJson(asciiJson(core))});`,
    '',
    ...(ts
      ? [
          BUILTIN_TYPES,
          '',
          '/** The call data of each flow, built-ins included: what onInput reports as stored. */',
          flowDataTypes(flows),
          '',
          '/** The lookups the flows call: implement each and pass them to createRouter({ lookups }). */',
          lookupTypes(project),
          '',
          '/** The options of createRouter for this project: `lookups` is required as soon as the project has lookups. */',
          'export type ProjectOptions = ProjectRouterOptions<Lookups, FlowData>;',
          '',
        ]
      : []),
    helpers.length === 0 ? 'const helpers = {};' : `const helpers = { ${helpers.join(', ')} };`,
    '',
    '/** Creates the router (docs/router.md, "Options"). Throws at start, never per request. */',
    ts
      ? `export function createRouter(options: ProjectOptions${hasLookups ? '' : ' = {}'}): Router {`
      : `export function createRouter(options${hasLookups ? '' : ' = {}'}) {`,
    ts
      ? '  return createProjectRouter<Lookups, FlowData>(project, helpers, options);'
      : '  return createProjectRouter(project, helpers, options);',
    '}',
    '',
  ];
  return lines.join('\n');
}

/** The runtime bundled with these helpers: its modules are the package's own, read once (runtimeModules), so once per helper list. */
const bundles = new Map<string, ReturnType<typeof bundleRuntime>>();
function bundledRuntime(helpers: readonly HelperName[]): ReturnType<typeof bundleRuntime> {
  const key = helpers.join(',');
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleRuntime(runtimeModules(), ['index', ...helpers.map((h) => `helpers/${h}`)]);
    bundles.set(key, bundle);
  }
  return bundle;
}

/** The Cloudflare Workers entry the build writes with --wrangler: no lookups (write your own entry for those). */
const WORKER_ENTRY = `// Generated by flowc (dist/worker.mjs): the Cloudflare Workers entry of the router, for wrangler.jsonc.
// A project with lookups or callbacks needs its own entry: see docs/hosting.md, "Cloudflare Workers".
import { createRouter, createWorker } from './router.mjs';

export default createWorker((_env, base) => createRouter(base));
`;

/** wrangler's configuration for dist/ (docs/hosting.md). The Worker's name is made of the project id's letters and digits. */
export function wranglerConfig(projectId: string): string {
  const name = `flowc-${projectId}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63)
    .replace(/-$/, ''); // runs are one hyphen already
  return [
    '// Generated by flowc (dist/wrangler.jsonc): deploys the router to Cloudflare Workers.',
    '//   npx wrangler secret put VONAGE_SIGNATURE_SECRET --config dist/wrangler.jsonc',
    '//   npx wrangler secret put FLOWC_STATE_SECRET --config dist/wrangler.jsonc',
    '//   npx wrangler deploy --config dist/wrangler.jsonc',
    '{',
    `  "name": ${JSON.stringify(name)},`,
    '  "main": "worker.mjs",',
    '  "compatibility_date": "2025-01-01",',
    '  // The flows and numbers, read through the binding when a call first needs them. The Worker runs',
    '  // first for every request, so they are never served to the public.',
    '  "assets": { "directory": "router/data", "binding": "FLOWC_DATA", "run_worker_first": true }',
    '}',
    '',
  ].join('\n');
}

/** The files a Cloudflare Workers deployment adds next to the router (flowc build --wrangler). */
export function workerFiles(program: RouterProgram): GeneratedFile[] {
  return [
    { path: 'worker.mjs', content: WORKER_ENTRY },
    { path: 'wrangler.jsonc', content: wranglerConfig(program.project.projectId) },
  ];
}

/** The sha256 (hex) of generated files that know it already (the flow chunks): the writer need not hash them. */
const generatedHashes = new WeakMap<GeneratedFile, string>();
export const generatedSha256 = (file: GeneratedFile): string | undefined => generatedHashes.get(file);

/** A flow's data file (router/data/flows/…), with its sha256. A streaming build stages it in the flow's turn. */
export function flowChunkFile(flow: FlowProgram): GeneratedFile {
  const chunk = programChunk(flow);
  const file = { path: `router/data/${flowDataPath(flow.flow)}`, content: chunk.content };
  generatedHashes.set(file, chunk.sha256);
  return file;
}

/**
 * The last text of each numbers shard, with the values it was made of (number, flow, locale, step, answeredBy
 * of each entry, in order): a rebuild whose numbers did not change makes none of it again. Compared by value.
 */
const shardTexts = new Map<string, { values: readonly string[]; text: string }>();
function numbersShardText(shards: number, shard: number, values: readonly string[]): string {
  const key = `${shards}/${shard}`;
  const known = shardTexts.get(key);
  if (known && known.values.length === values.length && known.values.every((v, i) => v === values[i])) return known.text;
  const table: Record<string, NumberEntry> = {};
  for (let i = 0; i < values.length; i += 5) {
    const [number, flow, locale, step, answeredBy] = values.slice(i, i + 5) as [string, string, string, string, NumberEntry['answeredBy']];
    table[number] = { start: { flow, locale, step }, answeredBy };
  }
  const text = asciiJson(table) + '\n';
  shardTexts.set(key, { values, text });
  return text;
}

/** Forgets every text kept between builds (tests: a build that remembers nothing, to compare with). */
export function forgetRouterPieces(): void {
  flowProblemsMemo = new WeakMap();
  flowDataLines = new WeakMap();
  bundles.clear();
  shardTexts.clear();
}

/**
 * Every file of the generated router, sorted by path: the data files of `program.flows` (with
 * `program.summaries`, a streaming build's, those are the flows whose data files were not written yet). Throws, listing every problem, when the program
 * is inconsistent (a bug of the stage that built it, never a user error).
 */
export function generateRouterFiles(program: RouterProgram): GeneratedFile[] {
  const summaries = summariesOf(program);
  const problems = checkSummaries(program.project, summaries);
  if (problems.length > 0) throw new Error(`flowc: inconsistent route program:\n  ${problems.join('\n  ')}`);
  const helpers = helpersOfSummaries(summaries);
  const numbers = Object.keys(program.project.numbers).sort(byCodeUnit);
  const shards = shardCountFor(numbers.length);
  const core = coreOf(program.project, shards);
  const files: GeneratedFile[] = [
    { path: 'router.ts', content: entry('ts', core, helpers, program.project, summaries) },
    { path: 'router.mjs', content: entry('js', core, helpers, program.project, summaries) },
  ];
  for (const module of moduleClosure(runtimeModules(), ['index', ...helpers.map((h) => `helpers/${h}`)])) {
    files.push({ path: `router/${module.name}.mts`, content: module.mts }, { path: `router/${module.name}.mjs`, content: module.mjs });
  }
  const shardValues: string[][] = Array.from({ length: shards }, () => []);
  for (const number of numbers) {
    const { start, answeredBy } = program.project.numbers[number]!;
    shardValues[numberShard(number, shards)]!.push(number, start.flow, start.locale, start.step, answeredBy);
  }
  shardValues.forEach((values, shard) => {
    if (values.length > 0) files.push({ path: `router/data/${numbersDataPath(shard)}`, content: numbersShardText(shards, shard, values) });
  });
  for (const flow of program.flows) files.push(flowChunkFile(flow));
  return files.sort((a, b) => byCodeUnit(a.path, b.path));
}

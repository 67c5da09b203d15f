/**
 * The whole pipeline as one pure-at-heart function: load → check → resolve → lower → validate,
 * then plan the output files. Only loadProject() touches the file system; writing is the CLI's.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors, promoteWarnings, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { capRepeated } from '../diagnostics/cap-findings.js';
import { checkDocument, checkSettingsDocument } from '../check/check-documents.js';
import { checkOutputNames } from '../check/output-names.js';
import { checkFlowForCallers } from '../flow-checks/index.js';
import { documentStillUsable } from '../load/comment-traps.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import {
  applyRuleControl,
  findDirectives,
  type DisableDirective,
  type RuleControl,
  type RuleLevel,
  type RuleSetting,
} from '../diagnostics/rule-control.js';
import { loadProject, type ParseMemo, type TakeSourceChanges } from '../load/read-project.js';
import { knownCheck, type ParseCache, rememberCheck } from '../load/parse-cache.js';
import type { SourceFile } from '../load/source-file.js';
import { releaseDocument } from '../load/release-document.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { Edge } from '../lower/flow-graph.js';
import { lowerFlow } from '../lower/lower-flow.js';
import type { RouteTarget } from '../lower/lowered-transitions.js';
import { buildProjectModel, type FlowDoc, type ProjectModel, type StepItem } from '../resolve/project-model.js';
import { checkReservedVars } from '../resolve/call-data/flow-data.js';
import { checkUndeclaredLookupFields, lookupUses } from '../resolve/call-data/lookup-uses.js';
import { readProjectData, setAsideIn } from '../resolve/call-data/project-data.js';
import { resolveFlow, type I18nRecord, type ResolveState } from '../resolve/resolve-flow.js';
import type { FlowProgram, ProjectProgram } from '../router/runtime/program.mjs';
import { lowerFlowProgram, lowerProjectProgram } from '../lower/lower-program.js';
import { type FlowSummary, summarizeFlow } from '../router/flow-summary.js';
import { checkErrorStep, type DataShape, planSteps } from './call-data-checks.js';
import { stepsRunByOnAnswer, stepsWhileRecording } from '../lower/call-context.js';
import { FlowValidation } from './flow-validation.js';
import { baseUrlProblem, normalizeBaseUrl } from './base-url.js';
import { type CachedFlow, chunkOf, compilerFingerprint, type FlowCache, hashText, type OutputStep, StaleCacheError } from './flow-cache.js';
import { changedMessages, type DepSource, depsHold, FlowTrace, mergeUsedKeys, replayEffects } from './flow-deps.js';
import { type JumpUses, jumpDiagnostics } from '../resolve/call-data/jump-arrivals.js';
import { flowShape, type FlowPlace, type GraphInput, type GraphRecord, graphKey, runGraphStage } from './project-graph.js';
import { mergeAcrossLocales } from './map-diagnostics.js';
import { checkLocaleSettings, checkUnusedMessages } from './project-checks.js';

/** Used when neither --router-url nor flowc.yaml's routerUrl is given (with a warning). */
export const defaultRouterUrl = 'http://localhost:3000';

export interface BuildOptions {
  routerUrl?: string;
  cdnUrl?: string;
  strict?: boolean;
  /** Called as the build goes (the CLI shows it on a terminal): a stage, how much of it is done, of how much. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Findings of one kind (code and severity) per file that are listed; the rest are counted in one more. Default 100; Infinity lists all. */
  maxFindingsPerKind?: number;
  /**
   * Reuse and record per-flow results (incremental builds, compiler/pipeline/flow-cache.ts). The result is
   * the same, byte for byte, as without it.
   */
  cache?: FlowCache;
  /** Parses to reuse when a file's bytes did not change (a warm compiler: `flowc build --watch`). */
  parseMemo?: ParseMemo;
  /**
   * Parse and schema-check results by file content (compiler/load/parse-cache.ts), so that only changed
   * files are parsed. The result is the same, byte for byte, as without it.
   */
  parseCache?: ParseCache;
  /** A watch's events: the files they did not name are taken from parseCache unseen (compiler/load/read-project.ts). */
  sourceChanges?: TakeSourceChanges;
  /**
   * Takes each flow's steps as soon as they are compiled and validated, in flow order. When given,
   * BuildResult.steps is empty and nothing keeps the steps: `flowc build` stages each flow's files at
   * once (compiler/emit/output-stream.ts). The build may still fail after a flow was handed on: only a
   * result without errors is output.
   */
  output?: FlowOutputSink;
  /** Collect BuildResult.i18n (the default); `flowc build` does not need the records, which grow with the project. */
  i18n?: boolean;
}

export interface FlowOutputSink {
  flow(steps: readonly OutputStep[]): void;
  /**
   * Takes each flow's route program in its turn (its router data file is staged at once). When given,
   * BuildResult.program.flows is empty and only the flows' summaries are kept (program.summaries).
   */
  program?(flow: FlowProgram): void;
  /**
   * Takes the router data file of a flow served from the cache, by path and sha256: the program is read
   * (from the cache's body file) only if the file has to be written. Without it, the program is taken.
   * With it, a cached flow's steps handed to flow() read their NCCOs from the cache's body file when first
   * asked: a sink must do so while the build runs (a body that does not match the cache's index then
   * restarts the build without the cache).
   */
  cachedProgram?(chunk: { path: string; sha256: string }, program: () => FlowProgram): void;
  /** Forget every flow handed on so far: the build starts again from the first (a stale cache entry). */
  restart(): void;
}

/** The options of such a second build. */
const noCacheReads = new WeakSet<BuildOptions>();

/**
 * The caches of watches that have compiled a flow. A watch's first build is usually served whole from the
 * cache folder, and then its first rebuild paid for the compiler's first run (modules and code not yet warm,
 * ajv's validators compiled, about 100-150 ms at 1,000 flows): so a watch's first build that compiles no
 * flow compiles its last one anyway, before anyone waits on a rebuild. The result is the same (a cached
 * flow's output and findings are those of compiling it).
 */
const warmedCaches = new WeakSet<FlowCache>();

/** What a flow compiled in this build leaves for the cache: its trace and the entry to store. */
interface CompiledFlow {
  trace: FlowTrace;
  partial: Omit<CachedFlow, 'deps' | 'found' | 'onAnswer' | 'chunk'>;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /**
   * Every step's NCCO (the full LoweredStep when it was compiled in this build, its output when cached);
   * empty when options.output took them.
   */
  steps: OutputStep[];
  /**
   * The route program the router runs: one chunk per flow (empty when options.output took them) plus
   * the project's tables, and every flow's summary (compiler/router/flow-summary.ts).
   */
  program: { project: ProjectProgram; flows: FlowProgram[]; summaries: FlowSummary[] };
  i18n: I18nRecord[];
  cdnUrl?: string;
  /** flow → locales, for reports; its start step, for tools that start calls (flowc test, call) */
  flows: { name: string; file: string; locales: string[]; direction: string; start: string }[];
}

export async function buildProject(root: string, options: BuildOptions = {}): Promise<BuildResult> {
  try {
    return await buildOnce(root, options);
  } catch (err) {
    if (!(err instanceof StaleCacheError) || !options.cache) throw err;
    options.cache.discardPending();
    options.cache.stats = { hits: 0, misses: 0 };
    const again = { ...options };
    noCacheReads.add(again);
    options.output?.restart();
    return buildOnce(root, again);
  }
}

async function buildOnce(root: string, options: BuildOptions): Promise<BuildResult> {
  const loaded = await loadProject(root, options.parseMemo, options.parseCache, options.sourceChanges);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];

  // Check: only documents that parsed cleanly are validated and used.
  const failed = new Set(
    diagnostics.filter((d) => d.severity === 'error' && d.file && !documentStillUsable.has(d.code)).map((d) => d.file!),
  );
  const good: SourceFile[] = [];
  // A catalog, template or pay prompt set written as .yml (an error) is one that cannot be read: its uses are not
  // reported again, as for one with a YAML error.
  const broken: string[] = [...failed].map((file) => (file.endsWith('.yml') ? file.replace(/\.yml$/, '.yaml') : file));
  // flowc.yaml with a bad key keeps its other keys; one that cannot be read at all leaves everything that
  // depends on the settings (vars, locales, voices, URLs) unknown, so only each file's own errors are reported.
  let settingsErrors = failed.has('flowc.yaml');
  // What the settings check set aside (a lookup given as null): reported there, and not again at its uses.
  let settingsDropped: readonly string[] = [];
  for (const file of loaded.files) {
    if (failed.has(file.path) || file.value === undefined) continue;
    if (file.kind === 'project') {
      // A clean flowc.yaml served from its parse record is not checked again: compiling the settings
      // schema is some 30 ms of a one-message rebuild. One with findings is checked again for its value.
      const known = knownCheck(file);
      const checked = known?.length === 0 ? { diagnostics: known, value: file.value } : checkSettingsDocument(file);
      if (known === undefined) rememberCheck(file, checked.diagnostics);
      diagnostics.push(...checked.diagnostics);
      settingsErrors ||= hasErrors(checked.diagnostics);
      if ('dropped' in checked) settingsDropped = checked.dropped;
      if (checked.value !== undefined) good.push({ ...file, value: checked.value });
      else broken.push(file.path);
      continue;
    }
    const found = knownCheck(file) ?? rememberCheck(file, checkDocument(file));
    diagnostics.push(...found);
    if (!hasErrors(found)) good.push(file);
    else broken.push(file.path);
  }
  const settingsUnknown = broken.includes('flowc.yaml');

  const { model, diagnostics: modelDiagnostics } = buildProjectModel(good, broken);
  const { names: varsAside, all: allVarsAside } = setAsideIn(settingsDropped, 'vars');
  if (varsAside.size > 0) model.settings.setAsideVars = [...varsAside].sort();
  if (allVarsAside) model.settings.allVarsSetAside = true;
  diagnostics.push(...modelDiagnostics, ...outputNameFindings(model, options.cache));
  if (loaded.files.every((f) => f.kind !== 'flow') && !loaded.diagnostics.some((d) => d.file?.startsWith('flows/'))) {
    diagnostics.push({
      code: 'load/no-flows',
      severity: 'error',
      message: `No flow files were found in ${root}.`,
      hint: 'Flows are files named flows/<name>.flow.yaml. Run flowc in the project folder, or pass it: flowc build <dir>.',
    });
  }

  for (const key of ['routerUrl', 'cdnUrl'] as const) {
    const value = model.settings[key];
    const problem = value === undefined ? undefined : baseUrlProblem(value);
    const file = model.settings.file;
    if (problem && file) {
      diagnostics.push({
        code: 'project/bad-url',
        severity: 'error',
        message: `${key} ${problem}`,
        file: file.path,
        pointer: `/${key}`,
        range: rangeAtPointer(file.doc, file.lineCounter, `/${key}`),
        hint: 'Write the base URL only, e.g. https://ivr.example.com/flowc.',
      });
    }
    if (problem || value === undefined) delete model.settings[key];
    else model.settings[key] = normalizeBaseUrl(value);
    // The API takes URLs too (the CLI checks its flags before): a bad one is an error, never output.
    const given = options[key];
    const givenProblem = given === undefined ? undefined : baseUrlProblem(given);
    if (givenProblem) {
      diagnostics.push({
        code: 'project/bad-url',
        severity: 'error',
        message: `The ${key} option ${givenProblem}`,
        hint: 'Pass the base URL only, e.g. https://ivr.example.com/flowc.',
      });
    }
  }
  const option = (key: 'routerUrl' | 'cdnUrl'): string | undefined => {
    const given = options[key];
    return given === undefined || baseUrlProblem(given) ? undefined : normalizeBaseUrl(given);
  };
  const routerUrl = option('routerUrl') ?? model.settings.routerUrl ?? defaultRouterUrl;
  const usingDefaultRouter = option('routerUrl') === undefined && model.settings.routerUrl === undefined;
  // With an error in flowc.yaml, the router URL may be what that error is about.
  if (usingDefaultRouter && !settingsErrors) {
    diagnostics.push({
      code: 'build/default-router-url',
      severity: 'warning',
      message: `No router URL is set, so eventUrls point at ${defaultRouterUrl}.`,
      hint: 'Set routerUrl in flowc.yaml or pass --router-url https://your-host/path.',
    });
  }
  if (!settingsUnknown) diagnostics.push(...checkLocaleSettings(model.settings));

  const state: ResolveState = {
    model,
    diagnostics,
    i18n: [],
    usedKeys: new Map(),
    checkedPaySets: new Set(),
    reported: new Set(),
    failedSites: new Set(),
    languageOf: (locale) => model.settings.locales[locale]?.language ?? locale,
  };
  const localeErrors = new Set(
    diagnostics.filter((d) => d.code.startsWith('locale/') && d.severity === 'error').map((d) => (d.pointer ?? '').split('/')[2] ?? ''),
  );
  const numberOwners = new Map<string, string>();
  const flowPrograms: FlowProgram[] = [];
  const flowSummaries: FlowSummary[] = [];
  // A streaming build hands each program on in its turn and keeps only its summary.
  const takeProgram = (program: FlowProgram): FlowSummary => {
    const summary = summarizeFlow(program);
    flowSummaries.push(summary);
    if (options.output?.program) options.output.program(program);
    else flowPrograms.push(program);
    return summary;
  };
  // A cached flow's summary and router file hash are in its entry: its program is read only if needed.
  const takeCachedProgram = (entry: CachedFlow): void => {
    flowSummaries.push(entry.summary);
    if (options.output?.cachedProgram) options.output.cachedProgram(entry.chunk, () => entry.program);
    else if (options.output?.program) options.output.program(entry.program);
    else flowPrograms.push(entry.program);
  };
  const programNumbers: Record<string, RouteTarget> = {};
  const projectData = readProjectData(
    settingsUnknown ? undefined : model.settings.file,
    model.settings.lookups,
    model.settings.hours,
    settingsDropped,
  );
  diagnostics.push(...projectData.diagnostics);
  const hoursNames = [...projectData.data.hours.keys(), ...projectData.data.brokenHours];
  if (model.settings.file && !settingsUnknown) diagnostics.push(...checkReservedVars(model.settings.file, model.settings.vars));

  // A flow that uses a template with errors of its own would only repeat them (template/unknown, …).
  const usable = settingsUnknown ? [] : model.flows.filter(({ doc }) => !usesBrokenTemplate(doc, model));
  // A lookup declared without the input or output its uses give or store: one error at the declaration.
  const undeclared = checkUndeclaredLookupFields(projectData.data, lookupUses(usable));
  diagnostics.push(...undeclared.diagnostics);
  projectData.data.undeclaredFields = undeclared.undeclared;
  // A flow left out for a name another flow has is not read either: the messages it says would look unused.
  const complete =
    usable.length === model.flows.length &&
    broken.every((p) => !/^(flows\/.*\.flow|templates\/.*)\.yaml$/.test(p)) &&
    !modelDiagnostics.some((d) => d.code === 'flow/duplicate-name');
  const progress = options.onProgress ?? (() => {});
  let flowsDone = 0;
  const brokenFlows = new Set(
    loaded.files
      .filter((f) => f.kind === 'flow' && broken.includes(f.path))
      .map((f) => {
        const name = (f.value as { flow?: unknown } | undefined)?.flow;
        return typeof name === 'string' ? name : f.path.replace(/^.*\//, '').replace(/\.flow\.yaml$/, '');
      }),
  );
  // A flow left out for a broken template it uses is as broken: a jump to it is not also "There is no flow".
  if (!settingsUnknown && usable.length !== model.flows.length) {
    const kept = new Set(usable.map((u) => u.doc));
    for (const { doc } of model.flows) if (!kept.has(doc)) brokenFlows.add(doc.flow);
  }
  const cache = options.cache;
  const readCache = cache !== undefined && !noCacheReads.has(options);
  const filesByPath = new Map(good.map((f) => [f.path, f]));
  // Every flow expanded and its data read first: the graph (jumps, what is set where) spans the project.
  // With the cache, a build whose flows, templates and settings did not change takes it from there.
  const graphInput: GraphInput = {
    usable,
    settings: model.settings,
    lookups: projectData.data.lookups,
    hoursNames,
    brokenFlows,
    state,
    files: filesByPath,
  };
  const key = cache
    ? graphKey({ compiler: compilerFingerprint(), files: loaded.files, broken, settingsUnknown, usable, brokenFlows, model, hoursNames })
    : '';
  const recorded = readCache ? cache.graph(key) : undefined;
  let places: readonly FlowPlace[];
  let flowShapes: ({ shape: DataShape; edges: Edge[] } | undefined)[];
  if (recorded && recordFits(recorded, usable)) {
    diagnostics.push(...recorded.diagnostics);
    places = recorded.places;
    flowShapes = [];
    if (cache) cache.graphUse = 'served';
  } else {
    const from = diagnostics.length;
    const stage = runGraphStage(graphInput, diagnostics, cache !== undefined);
    places = stage.places;
    flowShapes = stage.shapes;
    if (cache && stage.recordable) cache.putGraph({ key, diagnostics: diagnostics.slice(from), places: stage.places });
    if (cache) cache.graphUse = stage.recordable ? 'recorded' : 'not recorded';
  }

  const cdnUrl = option('cdnUrl') ?? model.settings.cdnUrl;
  const depSource: DepSource | undefined = cache && {
    global: hashText(
      JSON.stringify([
        compilerFingerprint(),
        filesByPath.get('flowc.yaml')?.text ?? null,
        settingsUnknown,
        settingsErrors,
        routerUrl,
        cdnUrl ?? null,
        usingDefaultRouter,
        [...localeErrors].sort(),
        [...model.brokenCatalogs].sort(),
        [...model.brokenPaySets].sort(),
        [...model.brokenTemplates].sort(),
        hoursNames,
      ]),
    ),
    model,
    state,
    files: filesByPath,
  };
  // Each flow is validated as soon as it is compiled, and its steps handed on (options.output) and
  // dropped: memory follows the largest flow, not the project (docs/performance.md, "Full builds").
  // Whether a step is run by another flow's connect onAnswer is only known at the end; it matters to the
  // pay rules alone (pay/on-answer), so the few steps with a pay action are validated again then.
  const validation = new FlowValidation({
    currencies: model.settings.currencies,
    cdnUrl,
    localeErrors,
    usingDefaultRouter,
  });
  const keepSteps = options.output === undefined;
  const outputSteps: OutputStep[] = [];
  /** Cached flows whose findings hold only if the steps run by onAnswer are unchanged; checked at the end. */
  const cachedUnits: CachedFlow[] = [];
  /** The cached flows' used message keys, counted by cache.usedKeys rather than added one by one. */
  const carriedKeys = new Map<string, readonly [string, string][]>();
  /** Cache entries of flows compiled now, stored at the end (their onAnswer findings are final then). */
  const pendingPuts: { flow: string; compiled: CompiledFlow; slots: { from: number; to: number } }[] = [];
  const flowCount = usable.length;
  // A warm compiler checks the message dependencies of entries that held against the last build's catalogs
  // only where a message changed since (most rebuilds change a few messages of thousands).
  const lastCatalogs = readCache ? cache.lastCatalogs : undefined;
  const changes = lastCatalogs && depSource ? changedMessages(lastCatalogs, model.catalogs) : undefined;
  // Only a watch passes its events: a one-off build is never made slower by this.
  let warmed = cache === undefined || options.sourceChanges === undefined || warmedCaches.has(cache);
  // Each flow's expansion and edges are let go after its turn (a flow's turn needs only its own).
  for (let i = 0; i < usable.length; i++) {
    progress('Compiling flows', flowsDone++, flowCount);
    const { file, doc } = usable[i]!;
    const place = places[i]!;
    const handedOver = place.handedOver;
    const context = place.context;
    const made = flowShapes[i];
    flowShapes[i] = undefined;
    const entry = readCache && depSource ? cache.get(doc.flow) : undefined;
    let numbers: Record<string, RouteTarget>;
    const unchanged = changes && entry && cache?.heldAgainst.get(entry) === lastCatalogs ? { changed: changes } : undefined;
    const warmUp = !warmed && i === usable.length - 1;
    if (entry && cache && depSource && !warmUp && depsHold(entry.deps, depSource, context, unchanged)) {
      cache.heldAgainst.set(entry, model.catalogs);
      diagnostics.push(...entry.diagnostics);
      replayEffects(state, entry, options.i18n !== false, true);
      carriedKeys.set(doc.flow, entry.usedKeys);
      takeCachedProgram(entry);
      validation.addCached(entry);
      cachedUnits.push(entry);
      if (keepSteps) outputSteps.push(...entry.steps);
      options.output?.flow(entry.steps);
      numbers = entry.numbers;
      cache.stats.hits++;
    } else {
      cache?.miss();
      if (cache) warmedCaches.add(cache);
      warmed = true;
      const { shape, edges } = made ?? flowShape(graphInput, file, doc);
      const jumpUses: JumpUses = new Map();
      const dataContext = {
        data: shape.data,
        setAtEntry: place.setAtEntry,
        ...(place.jumpsUnset ? { jumps: place.jumpsUnset, jumpUses } : {}),
      };
      const trace = depSource ? new FlowTrace(depSource, context) : undefined;
      const flowState = trace?.state ?? state;
      const before = diagnostics.length;
      const resolved = resolveFlow(flowState, file, doc, shape, dataContext);
      diagnostics.push(...checkFlowForCallers({ file, doc, resolved, settings: model.settings, handedOver }));
      const plans = planSteps(flowState, shape, projectData.data, dataContext);
      // Uses missing only because a jump skips what sets them: one error at each such jump.
      diagnostics.push(...jumpDiagnostics(jumpUses));
      const lowered = lowerFlow(resolved, model.settings, routerUrl, diagnostics, edges, plans);
      const recording = stepsWhileRecording(resolved.expanded, edges);
      const program = lowerFlowProgram(
        {
          flow: doc.flow,
          locales: doc.locales,
          data: Object.fromEntries(shape.data.declared),
          ...(doc.onError !== undefined ? { onError: doc.onError } : {}),
          steps: lowered.steps,
          routes: lowered.routes,
          reportsInput: lowered.reportsInput,
          controlSteps: lowered.controlSteps,
        },
        routerUrl,
      );
      diagnostics.push(...checkErrorStep(shape, program));
      const summary = takeProgram(program);
      const slots = validation.addFlow(lowered.steps, doc.direction ?? 'inbound', recording);
      const compact = lowered.steps.map(({ flow, locale, step, ncco, reads }) => ({ flow, locale, step, ncco, reads }));
      if (keepSteps) outputSteps.push(...lowered.steps);
      options.output?.flow(compact);
      numbers = lowered.numbers;
      if (trace && cache) {
        const effects = trace.effects();
        // The flow's view of the shared state collected its additions apart: add them where they belong.
        mergeUsedKeys(state.usedKeys, effects.usedKeys);
        state.i18n.push(...trace.state.i18n);
        const partial = {
          diagnostics: diagnostics.slice(before),
          program,
          summary,
          runsOnAnswer: [...stepsRunByOnAnswer(compact, cdnUrl)],
          steps: compact,
          numbers,
          i18n: trace.state.i18n,
          ...effects,
        };
        pendingPuts.push({ flow: doc.flow, compiled: { trace, partial }, slots });
      }
    }
    for (const [number, target] of Object.entries(numbers)) {
      const owner = numberOwners.get(number);
      const p = `/numbers/${number}`;
      if (owner) {
        const ownerFile = model.flows.find((f) => f.doc.flow === owner)!.file;
        diagnostics.push({
          code: 'flow/duplicate-number',
          severity: 'error',
          message: `The number ${number} is already used by flow "${owner}".`,
          file: file.path,
          pointer: p,
          range: rangeAtPointer(file.doc, file.lineCounter, p, 'key'),
          hint: 'Each inbound number answers with one flow; remove it from one of them.',
          related: [
            {
              message: `flow "${owner}" uses it here`,
              file: ownerFile.path,
              range: rangeAtPointer(ownerFile.doc, ownerFile.lineCounter, p, 'key'),
            },
          ],
        });
        continue;
      }
      numberOwners.set(number, doc.flow);
      programNumbers[number] = target;
    }
    // Its document is parsed again in the rare case a later finding needs a position in it; a warm
    // compiler (--watch) keeps every parse for the next build instead.
    if (!options.parseMemo) releaseDocument(file);
    if (options.i18n === false) state.i18n.length = 0;
  }
  const found = validation.finish();
  for (const entry of cachedUnits) {
    // Validated as run by a connect's onAnswer or not: the cached findings hold only if that is unchanged.
    if (validation.onAnswerOf(entry.steps).join('\n') !== entry.onAnswer.join('\n')) throw new StaleCacheError();
  }
  if (cache) {
    for (const { flow, compiled, slots } of pendingPuts) {
      const { trace, partial } = compiled;
      const flowFound = found.slice(slots.from, slots.to).flat();
      const findings = [...partial.diagnostics, ...flowFound.map(({ d }) => d)];
      const deps = findings.some((d) => d.severity === 'error') ? undefined : trace.finish(findings, filesByPath);
      // A flow with errors, or one that read more than the trace can say, is compiled every time.
      if (deps) {
        const entry: CachedFlow = {
          deps,
          ...partial,
          chunk: chunkOf(partial.program),
          found: flowFound,
          onAnswer: validation.onAnswerOf(partial.steps),
        };
        cache.put(flow, entry);
        cache.heldAgainst.set(entry, model.catalogs);
      }
    }
    cache.lastCatalogs = model.catalogs;
  }
  // A value whose template failed to render is reported by the template error alone.
  const isConsequence = consequenceIndex(diagnostics);
  diagnostics.push(
    ...mergeAcrossLocales(found.flat().filter(({ d }) => !isConsequence(d) && !state.failedSites.has(`${d.file}#${d.pointer}`))),
  );
  // Which messages are used is only known when every flow and template could be read and resolved.
  if (complete) {
    const tally = cache?.usedKeys;
    tally?.update(carriedKeys);
    diagnostics.push(...checkUnusedMessages(model, state.usedKeys, tally && ((locale, key) => tally.has(locale, key))));
  }

  const controlled = applyRuleControl(diagnostics, ruleControlOf(model, loaded.sources, diagnostics));
  const all = capRepeated(
    sortDiagnostics(withoutRepeats(options.strict ? promoteWarnings(controlled) : controlled)),
    options.maxFindingsPerKind,
  );
  return {
    diagnostics: all,
    sources: loaded.sources,
    steps: outputSteps,
    program: {
      project: lowerProjectProgram(routerUrl, flowSummaries, programNumbers, {
        hours: projectData.data.hours,
        lookups: new Map([...projectData.data.lookups].map(([name, info]) => [name, info.decl])),
        outbound: new Map(model.flows.filter(({ doc }) => doc.direction === 'outbound').map(({ doc }) => [doc.flow, { start: doc.start }])),
      }),
      flows: flowPrograms,
      summaries: flowSummaries,
    },
    i18n: state.i18n,
    ...(cdnUrl !== undefined ? { cdnUrl } : {}),
    flows: model.flows.map(({ file, doc }) => ({
      name: doc.flow,
      file: file.path,
      locales: doc.locales,
      direction: doc.direction ?? 'inbound',
      start: doc.start,
    })),
  };
}

/**
 * The output names' findings of the last incremental build, with everything checkOutputNames read: it looks
 * at every step name of every flow (10-25 ms a watched rebuild at 1,000 flows), and a rebuild whose flow
 * files are the same objects (a warm compiler keeps unchanged files' objects) and whose flowc.yaml has the
 * same text gets the same findings.
 */
const lastOutputNames = new WeakMap<
  FlowCache,
  { settings: string | undefined; locales: string; flows: readonly SourceFile[]; found: readonly Diagnostic[] }
>();

/** Kept per cache (one per watch), so that nothing outlives the compiler state it belongs to. */
function outputNameFindings(model: ProjectModel, cache: FlowCache | undefined): Diagnostic[] {
  if (cache === undefined) return checkOutputNames(model);
  const file = model.settings.file;
  const settings = file === undefined ? undefined : `${file.path}\u0000${file.text}`;
  const locales = Object.keys(model.settings.locales).join('\u0000');
  const last = lastOutputNames.get(cache);
  if (
    last !== undefined &&
    last.settings === settings &&
    last.locales === locales &&
    last.flows.length === model.flows.length &&
    model.flows.every((f, i) => f.file === last.flows[i])
  )
    return [...last.found];
  const found = checkOutputNames(model);
  lastOutputNames.set(cache, { settings, locales, flows: model.flows.map((f) => f.file), found });
  return [...found];
}

/**
 * One finding said once: a template used in eight places that uses itself was eight identical template/cycle
 * errors (the same code, place and words tell nothing more the second time).
 */
function withoutRepeats(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.severity, d.file, d.pointer, d.range?.start, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A record of the graph stage whose places are the usable flows', in order (a damaged one is not used). */
function recordFits(record: GraphRecord, usable: readonly { doc: FlowDoc }[]): boolean {
  return (
    record.places.length === usable.length &&
    record.places.every((p, i) => p.flow === usable[i]!.doc.flow && typeof p.context === 'string' && p.setAtEntry instanceof Map)
  );
}

/** flowc.yaml's `rules:` and every `# flowc-disable-next-line` comment of the project's YAML. */
function ruleControlOf(model: ProjectModel, sources: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): RuleControl {
  const file = model.settings.file;
  const settings: RuleSetting[] = Object.entries(model.settings.rules ?? {}).map(([code, level]) => {
    const pointer = joinPointer('/rules', code);
    const range = file ? rangeAtPointer(file.doc, file.lineCounter, pointer, 'key') : undefined;
    return { code, level: level as RuleLevel, file: file?.path ?? 'flowc.yaml', pointer, ...(range ? { range } : {}) };
  });
  const directives: DisableDirective[] = [];
  for (const [path, text] of sources) {
    if (!text.includes('flowc-disable-next-line')) continue;
    const found = findDirectives(path, text);
    directives.push(...found.directives);
    diagnostics.push(...found.diagnostics);
  }
  return { settings, directives };
}

/**
 * A validator finding that only restates an earlier error (a message, template, pay set or flow
 * error): at the same value, an enclosing or enclosed one, or in a text whose use site has the error.
 * Indexed, so that thousands of findings cost linear time.
 */
function consequenceIndex(earlier: readonly Diagnostic[]): (d: Diagnostic) => boolean {
  const at = new Set<string>();
  const atOrBelow = new Set<string>();
  const lines = new Set<string>();
  for (const e of earlier) {
    if (e.severity !== 'error' || e.pointer === undefined || !/^(template|i18n|pay|flow)\//.test(e.code)) continue;
    at.add(`${e.file}#${e.pointer}`);
    for (let p = e.pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      atOrBelow.add(`${e.file}#${p}`);
      if (p === '') break;
    }
    if (e.range) lines.add(`${e.file}:${e.range.start.line}`);
  }
  return (d) => {
    if (!d.code.startsWith('ncco/') || d.pointer === undefined) return false;
    if (atOrBelow.has(`${d.file}#${d.pointer}`)) return true;
    for (let p = d.pointer; p !== ''; ) {
      p = p.slice(0, p.lastIndexOf('/'));
      if (at.has(`${d.file}#${p}`)) return true;
    }
    return (d.related ?? []).some((r) => r.range !== undefined && lines.has(`${r.file}:${r.range.start.line}`));
  };
}

/** True when the flow uses, directly or through other templates, a template that has errors of its own. */
function usesBrokenTemplate(doc: FlowDoc, model: ProjectModel): boolean {
  if (model.brokenTemplates.size === 0) return false;
  const seen = new Set<string>();
  const visit = (items: readonly StepItem[]): boolean =>
    items.some((item) => {
      if (typeof item.use !== 'string') return false;
      if (model.brokenTemplates.has(item.use)) return true;
      if (seen.has(item.use)) return false;
      seen.add(item.use);
      const t = model.templates.get(item.use);
      return t !== undefined && Array.isArray(t.doc.actions) && visit(t.doc.actions);
    });
  return Object.values(doc.steps).some((items) => Array.isArray(items) && visit(items));
}

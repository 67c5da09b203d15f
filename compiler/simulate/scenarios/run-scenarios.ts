/**
 * flowc test's core: scenario files → played calls → results (failures, transcripts, what changed
 * against the stored transcripts) and coverage. No file I/O: the CLI reads and writes the files.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../load/source-file.js';
import { createCoverage, type Coverage } from '../coverage.js';
import { formatTranscript } from '../format-transcript.js';
import type { Simulator, StartSpec } from '../simulator.js';
import { checkCall, type Failure } from './check-call.js';
import { checkScenarios } from './check-scenarios.js';
import { readScenarioFile } from './read-scenarios.js';
import type { Scenario } from './scenario-types.js';
import { parseLocalTime } from './scenario-time.js';
import { scriptedLookups, scriptSource, type ScriptState, type Unscripted } from './scripted-world.js';
import { diffLines, parseTranscripts, type DiffLine } from './transcripts-file.js';

/** The customer's number in an outbound call when the scenario names none. */
export const DEFAULT_CALLEE = '15555550199';
/** When a call starts when the scenario says nothing: a Monday, 10:00 in the opening hours' time zone. */
export const DEFAULT_AT = '2026-01-05T10:00';

export interface ScenarioResult {
  file: string;
  /** The scenario's name, with the locale in brackets when it runs in several. */
  name: string;
  scenario: Scenario;
  status: 'passed' | 'failed';
  failures: Failure[];
  transcript: string;
  /** The stored transcript differs (a diff), or there is none yet ('new'). */
  snapshot: 'same' | 'new' | { diff: DiffLine[] };
  /** Milliseconds of real time the call took to play. */
  ms: number;
}

export interface TestRun {
  results: ScenarioResult[];
  diagnostics: Diagnostic[];
  coverage: Coverage;
  /** Scenario file → the transcripts file as it would be written now (for --update). */
  transcripts: Map<string, { path: string; text: string; obsolete: string[] }>;
}

export interface ScenarioFileInput {
  file: SourceFile;
  /** The stored transcripts file's path and text (undefined: none yet). */
  transcriptsPath: string;
  transcripts: string | undefined;
}

export interface RunOptions {
  /** Only scenarios whose name contains this (case-insensitive). */
  filter?: string;
  /** A call that sends more webhooks than this is stopped as a loop. */
  maxWebhooks?: number;
  /** Real time, for ms in results (injected: the core stays free of Node APIs). */
  clock?: () => number;
  /** Called after each scenario (the CLI prints progress). */
  onResult?(result: ScenarioResult): void;
}

export function defaultTimeZone(sim: Simulator): string {
  const zones = [...new Set(Object.values(sim.program.project.hours).map((h) => h.timeZone))];
  return zones.length === 1 ? zones[0]! : 'UTC';
}

export async function runScenarioFiles(sim: Simulator, inputs: readonly ScenarioFileInput[], options: RunOptions = {}): Promise<TestRun> {
  const diagnostics: Diagnostic[] = [];
  const results: ScenarioResult[] = [];
  const coverage = createCoverage(sim.program.flows);
  const transcripts: TestRun['transcripts'] = new Map();
  const now = options.clock ?? (() => 0);
  const zoneDefault = defaultTimeZone(sim);
  const flows = new Map(sim.program.flows.map((f) => [f.flow, f]));

  for (const input of inputs) {
    const read = readScenarioFile(input.file);
    const checked = checkScenarios(input.file, read.scenarios, sim.program);
    diagnostics.push(...read.diagnostics, ...checked);
    if (read.diagnostics.length + checked.length > 0) continue;
    const stored = input.transcripts === undefined ? new Map<string, string>() : parseTranscripts(input.transcripts);
    const written = new Map<string, string>();
    for (const scenario of read.scenarios) {
      const runs: { name: string; spec: StartSpec }[] = [];
      if (scenario.call.kind === 'number') runs.push({ name: scenario.name, spec: { number: scenario.call.number, from: scenario.from } });
      else {
        const locales = scenario.call.locales === 'all' ? (flows.get(scenario.call.flow)?.locales ?? []) : scenario.call.locales;
        for (const locale of locales) {
          runs.push({
            name: locales.length > 1 || scenario.call.locales === 'all' ? `${scenario.name} [${locale}]` : scenario.name,
            spec: { flow: scenario.call.flow, locale, from: scenario.from, to: scenario.call.to ?? DEFAULT_CALLEE },
          });
        }
      }
      for (const run of runs) {
        if (options.filter !== undefined && !run.name.toLowerCase().includes(options.filter.toLowerCase())) {
          if (stored.has(run.name)) written.set(run.name, stored.get(run.name)!);
          continue;
        }
        const started = now();
        const timeZone = scenario.timeZone?.value ?? zoneDefault;
        const atMs = parseLocalTime(scenario.at?.text ?? DEFAULT_AT, timeZone) ?? 0;
        const state: ScriptState = { consumed: [] };
        const unscripted: Unscripted[] = [];
        const record = await sim.play(run.spec, {
          atMs,
          acts: scriptSource(scenario, timeZone, state),
          lookups: (clock, emit) => scriptedLookups(scenario, sim.program.project.lookups, clock, emit, unscripted),
          ...(options.maxWebhooks !== undefined ? { maxWebhooks: options.maxWebhooks } : {}),
          callId: `sim-${results.length + 1}`,
        });
        coverage.add(record.taken);
        const failures = checkCall(scenario, record, state.consumed, unscripted);
        const transcript = formatTranscript(record.events);
        written.set(run.name, transcript);
        const before = stored.get(run.name);
        const snapshot: ScenarioResult['snapshot'] =
          before === undefined ? 'new' : before === transcript ? 'same' : { diff: diffLines(before.split('\n'), transcript.split('\n')) };
        const result: ScenarioResult = {
          file: input.file.path,
          name: run.name,
          scenario,
          status: failures.length > 0 || snapshot !== 'same' ? 'failed' : 'passed',
          failures,
          transcript,
          snapshot,
          ms: now() - started,
        };
        results.push(result);
        options.onResult?.(result);
      }
    }
    const obsolete = [...stored.keys()].filter((name) => !written.has(name));
    transcripts.set(input.file.path, { path: input.transcriptsPath, text: formatTranscriptsFile(input.file.path, written), obsolete });
  }
  return { results, diagnostics, coverage: coverage.result(), transcripts };
}

export function formatTranscriptsFile(scenarioPath: string, transcripts: ReadonlyMap<string, string>): string {
  const base = scenarioPath.slice(scenarioPath.lastIndexOf('/') + 1);
  const parts = [`# Transcripts of ${base}: written by \`flowc test --update\`, checked by \`flowc test\` (docs/testing.md).`];
  for (const [name, text] of transcripts) parts.push(`## ${name}\n${text}`);
  return `${parts.join('\n\n')}\n`;
}

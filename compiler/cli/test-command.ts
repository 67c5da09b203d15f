/** `flowc test`: plays the project's call scenarios through the real NCCOs and router (docs/testing.md). */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { parseSource } from '../load/parse-source.js';
import type { SourceFile } from '../load/source-file.js';
import { rangeAtPointer } from '../load/source-position.js';
import {
  belowThreshold,
  countResults,
  formatJson,
  formatJunit,
  formatPretty,
  testFormats,
  type TestFormat,
} from '../simulate/report/format-test-report.js';
import { runScenarioFiles, type ScenarioFileInput } from '../simulate/scenarios/run-scenarios.js';
import { transcriptsPathOf } from '../simulate/scenarios/transcripts-file.js';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { loadSimulator } from './load-simulator.js';
import { report } from './report.js';
import { toolVersion } from './version.js';

export interface TestCommandOptions {
  format?: string;
  update?: boolean;
  minCoverage?: string;
  filter?: string;
  maxWebhooks?: string;
}

export const scenarioGlobs = ['flows/**/*.test.yaml'];

export async function runTest(io: CliIo, dir: string | undefined, options: TestCommandOptions): Promise<number> {
  const format = (options.format ?? 'pretty') as TestFormat;
  if (!testFormats.includes(format)) throw new UsageError(`--format must be one of: ${testFormats.join(', ')} (got "${options.format}").`);
  let minCoverage: number | undefined;
  if (options.minCoverage !== undefined) {
    minCoverage = Number(options.minCoverage);
    if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100)
      throw new UsageError(`--min-coverage must be a percentage from 0 to 100 (got "${options.minCoverage}").`);
  }
  let maxWebhooks: number | undefined;
  if (options.maxWebhooks !== undefined) {
    maxWebhooks = Number(options.maxWebhooks);
    if (!Number.isInteger(maxWebhooks) || maxWebhooks < 1)
      throw new UsageError(`--max-webhooks must be a positive whole number (got "${options.maxWebhooks}").`);
  }

  const loaded = await loadSimulator(io, dir);
  if (!loaded.simulator) {
    // The flows do not build: the same report as flowc build.
    if (format === 'pretty' || format === 'json') return report(io, format, loaded.diagnostics, loaded.built.sources);
    const text = formatJunit({
      results: [],
      diagnostics: loaded.diagnostics.filter((d) => d.severity === 'error'),
      coverage: { entries: [], covered: 0, total: 0, percent: 0 },
      updated: false,
      position: () => undefined,
    });
    io.stdout(text);
    return ExitCode.inputErrors;
  }
  const { root, simulator } = loaded;
  const paths = (await fg(scenarioGlobs, { cwd: root, dot: false, followSymbolicLinks: false })).sort();
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>(loaded.built.sources);
  const files = new Map<string, SourceFile>();
  const inputs: ScenarioFileInput[] = [];
  for (const rel of paths) {
    const parsed = parseSource(rel, 'scenario', await readFile(path.join(root, rel)));
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.file) continue;
    sources.set(rel, parsed.file.text);
    files.set(rel, parsed.file);
    if (hasErrors(parsed.diagnostics)) continue;
    const transcriptsPath = transcriptsPathOf(rel);
    let transcripts: string | undefined;
    try {
      transcripts = await readFile(path.join(root, transcriptsPath), 'utf8');
    } catch {
      transcripts = undefined;
    }
    inputs.push({ file: parsed.file, transcriptsPath, transcripts });
  }
  if (paths.length === 0) {
    diagnostics.push({
      code: 'scenario/no-scenarios',
      severity: 'error',
      message: 'This project has no call scenarios.',
      hint: 'Write flows/<name>.test.yaml files (docs/testing.md shows how).',
    });
  }
  const run = await runScenarioFiles(simulator, inputs, {
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(maxWebhooks !== undefined ? { maxWebhooks } : {}),
    clock: () => performance.now(),
  });
  diagnostics.push(...run.diagnostics);
  const sorted = sortDiagnostics(diagnostics);

  if (options.update) {
    for (const { path: file, text } of run.transcripts.values()) await writeFile(path.join(root, file), text);
    for (const r of run.results) {
      if (r.snapshot !== 'same') {
        r.snapshot = 'same';
        if (r.failures.length === 0) r.status = 'passed';
      }
    }
  }
  const position = (file: string, pointer: string) => {
    const source = files.get(file);
    return source ? rangeAtPointer(source.doc, source.lineCounter, pointer)?.start : undefined;
  };
  const testReport = {
    results: run.results,
    diagnostics: sorted,
    coverage: run.coverage,
    ...(minCoverage !== undefined ? { minCoverage } : {}),
    updated: options.update === true,
    position,
  };
  if (format === 'json') io.stdout(formatJson(testReport));
  else if (format === 'junit') io.stdout(formatJunit(testReport));
  else {
    if (sorted.length > 0) io.stdout(`${formatDiagnostics('pretty', sorted, { color: io.color, sources, toolVersion })}\n`);
    io.stdout(formatPretty(testReport, io.color));
    if (options.update) {
      const obsolete = [...run.transcripts.values()].flatMap((t) => t.obsolete.map((name) => `${t.path} › ${name}`));
      io.stdout(
        `Transcripts stored in ${[...run.transcripts.values()].map((t) => t.path).join(', ') || 'no file'}${obsolete.length > 0 ? `; removed: ${obsolete.join(', ')}` : ''}.\n`,
      );
    }
  }
  const { failed } = countResults(run.results);
  return hasErrors(sorted) || failed > 0 || belowThreshold(testReport) ? ExitCode.inputErrors : ExitCode.ok;
}

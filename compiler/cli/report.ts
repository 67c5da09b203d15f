/** Prints diagnostics in the chosen format (to stdout or --output-file) and picks the exit code. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, outputFormats, type OutputFormat } from '../diagnostics/format.js';
import { formatSummary } from '../diagnostics/format-summary.js';
import { rebaseDiagnostics } from '../diagnostics/rebase-paths.js';
import { asUsageError, ExitCode, UsageError, type CliIo } from './cli-io.js';
import { gitTopLevel, relativePrefix } from './repository-root.js';
import { toolVersion } from './version.js';

export function parseFormat(value: string | undefined, allowed: readonly OutputFormat[] = outputFormats): OutputFormat {
  const format = (value ?? 'pretty') as OutputFormat;
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of: ${allowed.join(', ')} (got "${value}").`);
  return format;
}

export interface ReportTarget {
  /** The folder the diagnostics' paths are relative to: the project folder, or the current one for lint-ncco. */
  pathsFrom: string;
  /** --base-dir: GitHub and SARIF paths are relative to it; default the git top level, else `pathsFrom`. */
  baseDir?: string;
  /** --output-file: the report goes there instead of stdout. */
  outputFile?: string;
  /** Relative to `pathsFrom`: where SARIF places findings that name no file ('' for the folder itself). */
  defaultLocation?: string;
}

const joinPrefix = (prefix: string, rel: string): string => [prefix, rel].filter((p) => p !== '').join('/') || '.';

export function report(
  io: CliIo,
  format: OutputFormat,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  target: ReportTarget = { pathsFrom: io.cwd },
): number {
  const color = io.color && target.outputFile === undefined;
  let shown = diagnostics;
  let defaultLocation: string | undefined;
  if (format === 'github' || format === 'sarif') {
    const base = target.baseDir ?? gitTopLevel(target.pathsFrom) ?? target.pathsFrom;
    const prefix = relativePrefix(base, target.pathsFrom);
    shown = rebaseDiagnostics(diagnostics, prefix);
    defaultLocation = joinPrefix(prefix, target.defaultLocation ?? '');
    if (target.defaultLocation === '' && defaultLocation !== '.') defaultLocation += '/';
  }
  let text = formatDiagnostics(format, shown, {
    color,
    sources,
    toolVersion,
    ...(defaultLocation !== undefined ? { defaultLocation } : {}),
  });
  if (text && !text.endsWith('\n')) text += '\n';
  if (format === 'pretty') text += (diagnostics.length ? '\n' : '') + formatSummary(diagnostics, { color }) + '\n';
  if (target.outputFile !== undefined) {
    try {
      writeFileSync(target.outputFile, text);
    } catch (err) {
      throw asUsageError('--output-file', path.relative(io.cwd, target.outputFile) || target.outputFile, err);
    }
  } else if (text) io.stdout(text);
  return hasErrors(diagnostics) ? ExitCode.inputErrors : ExitCode.ok;
}

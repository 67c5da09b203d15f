/** Prints diagnostics in the chosen format and picks the exit code. */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, outputFormats, type OutputFormat } from '../diagnostics/format.js';
import { formatSummary } from '../diagnostics/format-summary.js';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { toolVersion } from './version.js';

export function parseFormat(value: string | undefined, allowed: readonly OutputFormat[] = outputFormats): OutputFormat {
  const format = (value ?? 'pretty') as OutputFormat;
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of: ${allowed.join(', ')} (got "${value}").`);
  return format;
}

export function report(io: CliIo, format: OutputFormat, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): number {
  const text = formatDiagnostics(format, diagnostics, { color: io.color, sources, toolVersion });
  if (text) io.stdout(text.endsWith('\n') ? text : text + '\n');
  if (format === 'pretty') io.stdout((diagnostics.length ? '\n' : '') + formatSummary(diagnostics, { color: io.color }) + '\n');
  return hasErrors(diagnostics) ? ExitCode.inputErrors : ExitCode.ok;
}

/** One entry point for the CLI's `--format` option. */

import type { Diagnostic } from './diagnostic.js';
import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatPretty } from './format-pretty.js';
import { formatSarif } from './format-sarif.js';
import { formatSummary } from './format-summary.js';

export type OutputFormat = 'pretty' | 'json' | 'github' | 'sarif';

export const outputFormats: readonly OutputFormat[] = ['pretty', 'json', 'github', 'sarif'];

export const isOutputFormat = (value: string): value is OutputFormat =>
  (outputFormats as readonly string[]).includes(value);

export interface FormatOptions {
  color: boolean;
  sources: ReadonlyMap<string, string>;
  toolVersion: string;
}

/**
 * Everything the CLI prints for one `--format`. `pretty` ends with the summary line
 * ("no problems" when empty); the machine formats carry no prose. `color` only affects `pretty`.
 */
export function formatDiagnostics(
  format: OutputFormat,
  diagnostics: readonly Diagnostic[],
  options: FormatOptions,
): string {
  switch (format) {
    case 'pretty': {
      const body = formatPretty(diagnostics, options);
      return `${body}${body === '' ? '' : '\n'}${formatSummary(diagnostics, options)}\n`;
    }
    case 'json':
      return formatJson(diagnostics);
    case 'github':
      return formatGithub(diagnostics);
    case 'sarif':
      return formatSarif(diagnostics, { toolVersion: options.toolVersion });
  }
}

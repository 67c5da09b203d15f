/** One entry point for the CLI's `--format` option. */

import type { Diagnostic } from './diagnostic.js';
import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatPretty } from './format-pretty.js';
import { formatSarif } from './format-sarif.js';

export type OutputFormat = 'pretty' | 'json' | 'github' | 'sarif';

export const outputFormats: readonly OutputFormat[] = ['pretty', 'json', 'github', 'sarif'];

export const isOutputFormat = (value: string): value is OutputFormat => (outputFormats as readonly string[]).includes(value);

export interface FormatOptions {
  color: boolean;
  sources: ReadonlyMap<string, string>;
  toolVersion: string;
  /** SARIF: where findings without a file are placed (see SarifOptions.defaultLocation). */
  defaultLocation?: string;
}

/**
 * The report for one `--format`, '' or newline-terminated. The summary line
 * (`formatSummary`) is not included: the caller adds it where it fits (pretty only).
 * `color` only affects `pretty`; `sources` only feed pretty's code frames.
 */
export function formatDiagnostics(format: OutputFormat, diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  switch (format) {
    case 'pretty':
      return formatPretty(diagnostics, options);
    case 'json':
      return formatJson(diagnostics);
    case 'github':
      return formatGithub(diagnostics);
    case 'sarif':
      return formatSarif(diagnostics, {
        toolVersion: options.toolVersion,
        ...(options.defaultLocation !== undefined ? { defaultLocation: options.defaultLocation } : {}),
      });
  }
}

/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */

import type { Diagnostic, Range, Severity } from './diagnostic.js';
import { normalizeRange } from './format-location.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Where the rule reference lives; one heading per diagnostic code. */
export const DEFAULT_RULES_DOC = 'docs/rules.md';

export interface SarifOptions {
  toolVersion: string;
  /** The rules document (path or URL) that `helpUri` points into; default `docs/rules.md`. */
  rulesDoc?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  /** The column after the region's last character (SARIF §3.30.8), as our ranges' `end` is. */
  endColumn: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: { uri: string };
  region?: SarifRegion;
}

export interface SarifLocation {
  id?: number;
  message?: { text: string };
  physicalLocation: SarifPhysicalLocation;
}

export interface SarifRule {
  id: string;
  helpUri: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
  relatedLocations?: SarifLocation[];
  properties?: { pointer: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: 'flowc'; version: string; rules: SarifRule[] } };
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }>;
}

/**
 * The explicit anchor docs/rules.md puts before each entry (`<a id="ncco-range">`):
 * lower case, anything but letters, digits and `-` becomes `-` (`ncco/range` → `ncco-range`).
 */
export const ruleAnchor = (code: string): string =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-');

/** A project-relative path as a relative URI reference (spaces and the like percent-encoded). */
export const fileUri = (file: string): string => file.split('/').map(encodeURIComponent).join('/');

function region(range: Range): SarifRegion {
  const { start, end } = normalizeRange(range);
  return { startLine: start.line, startColumn: start.col, endLine: end.line, endColumn: end.col };
}

const physicalLocation = (file: string, range: Range | undefined): SarifPhysicalLocation => ({
  artifactLocation: { uri: fileUri(file) },
  ...(range !== undefined && { region: region(range) }),
});

function result(d: Diagnostic, ruleIndex: number): SarifResult {
  const text = d.hint !== undefined && d.hint !== '' ? `${d.message}\nhint: ${d.hint}` : d.message;
  const related = d.related ?? [];
  return {
    ruleId: d.code,
    ruleIndex,
    level: levels[d.severity],
    message: { text },
    ...(d.file !== undefined && { locations: [{ physicalLocation: physicalLocation(d.file, d.range) }] }),
    // `id`s keep entries distinct: the schema wants relatedLocations to be unique.
    ...(related.length > 0 && {
      relatedLocations: related.map((r, i) => ({
        id: i,
        message: { text: r.message },
        physicalLocation: physicalLocation(r.file, r.range),
      })),
    }),
    ...(d.pointer !== undefined && { properties: { pointer: d.pointer } }),
  };
}

/** One run of tool `flowc`; rules are the distinct codes, sorted; results keep the given order. */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const rulesDoc = options.rulesDoc ?? DEFAULT_RULES_DOC;
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flowc',
            version: options.toolVersion,
            rules: codes.map((id) => ({ id, helpUri: `${rulesDoc}#${ruleAnchor(id)}` })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => result(d, ruleIndex.get(d.code)!)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

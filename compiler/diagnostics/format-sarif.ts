/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */

import type { Diagnostic, Range, Severity } from './diagnostic.js';
import { normalizeRange } from './format-location.js';
import { ruleIndex } from './rule-index.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * docs/rules.md as published with this version of the package (its `files` include docs/): an absolute
 * URL, as SARIF's helpUri must be, that shows the rules of exactly the flowc that wrote the log.
 */
export const publishedRulesDoc = (toolVersion: string): string => `https://unpkg.com/flowc@${toolVersion}/docs/rules.md`;

export interface SarifOptions {
  toolVersion: string;
  /** The absolute URL of the rules document that `helpUri` points into; default: publishedRulesDoc(toolVersion). */
  rulesDoc?: string;
  /**
   * Where a finding that names no file is placed (every SARIF result needs a location for GitHub code
   * scanning): flowc.yaml, or the project folder (`dir/`). Default `flowc.yaml`.
   */
  defaultLocation?: string;
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
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  properties?: { pointer: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: 'flowc'; version: string; informationUri: string; rules: SarifRule[] } };
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

function result(d: Diagnostic, ruleIndex: number, defaultLocation: string): SarifResult {
  const text = d.hint !== undefined && d.hint !== '' ? `${d.message}\nhint: ${d.hint}` : d.message;
  const related = d.related ?? [];
  return {
    ruleId: d.code,
    ruleIndex,
    level: levels[d.severity],
    message: { text },
    locations: [
      { physicalLocation: d.file !== undefined ? physicalLocation(d.file, d.range) : physicalLocation(defaultLocation, undefined) },
    ],
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

/** The first sentence of a summary (SARIF's shortDescription is "a concise description"). */
const firstSentence = (text: string): string => /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;

/** A rule described from docs/rules.md (via rule-index.ts), with its documented severity. */
function rule(id: string, rulesDoc: string, seen: Severity): SarifRule {
  const doc = ruleIndex[id];
  const helpUri = `${rulesDoc}#${ruleAnchor(id)}`;
  const summary = doc?.summary ?? `flowc rule ${id}.`;
  const plain = summary.replace(/`([^`]*)`/g, '$1').replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1');
  return {
    id,
    shortDescription: { text: firstSentence(plain) },
    fullDescription: { text: plain },
    helpUri,
    help: { text: `${plain}\nExamples and how to fix it: ${helpUri}`, markdown: `${summary}\n\n[Examples and how to fix it](${helpUri})` },
    defaultConfiguration: { level: levels[doc?.severity ?? seen] },
  };
}

/** One run of tool `flowc`; rules are the distinct codes, sorted; results keep the given order. */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const rulesDoc = options.rulesDoc ?? publishedRulesDoc(options.toolVersion);
  const defaultLocation = options.defaultLocation ?? 'flowc.yaml';
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const severityOf = new Map(diagnostics.map((d) => [d.code, d.severity]));
  const indexOf = new Map(codes.map((code, i) => [code, i]));
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flowc',
            version: options.toolVersion,
            informationUri: 'https://www.npmjs.com/package/flowc',
            rules: codes.map((id) => rule(id, rulesDoc, severityOf.get(id)!)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => result(d, indexOf.get(d.code)!, defaultLocation)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * flowc test's reports: pretty (a transcript and a diff for every failing scenario), JSON (one object)
 * and JUnit XML (one testsuite per scenario file, for CI dashboards; it validates against the Jenkins
 * JUnit schema). Pure functions of the run.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Coverage } from '../coverage.js';
import type { ScenarioResult } from '../scenarios/run-scenarios.js';
import { compactDiff } from '../scenarios/transcripts-file.js';

export type TestFormat = 'pretty' | 'json' | 'junit';
export const testFormats: readonly TestFormat[] = ['pretty', 'json', 'junit'];

export interface TestReport {
  results: readonly ScenarioResult[];
  diagnostics: readonly Diagnostic[];
  coverage: Coverage;
  /** --min-coverage, when given. */
  minCoverage?: number;
  /** --update: stored transcripts were rewritten (differences are not failures). */
  updated: boolean;
  /** Line and column of a place in a scenario file. */
  position(file: string, pointer: string): { line: number; col: number } | undefined;
}

const colors = { red: '\u001b[31m', green: '\u001b[32m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

export const countResults = (results: readonly ScenarioResult[]) => ({
  passed: results.filter((r) => r.status === 'passed').length,
  failed: results.filter((r) => r.status === 'failed').length,
});

export const belowThreshold = (report: Pick<TestReport, 'coverage' | 'minCoverage'>): boolean =>
  report.minCoverage !== undefined && report.coverage.percent < report.minCoverage;

/** Why a scenario failed, in lines (no transcript). */
export function failureLines(r: ScenarioResult, position: TestReport['position']): string[] {
  const lines: string[] = [];
  for (const f of r.failures) {
    const at = position(f.file, f.pointer);
    lines.push(`${f.file}${at ? `:${at.line}:${at.col}` : ''}  ${f.message}`);
    if (f.expected !== undefined) lines.push(`    expected: ${f.expected}`);
    for (const [i, a] of (f.actual ?? []).entries()) lines.push(`    ${i === 0 ? 'actual:  ' : '         '} ${a}`);
  }
  if (r.snapshot === 'new') lines.push('No stored transcript yet: run `flowc test --update` to store this one (and review it).');
  else if (r.snapshot !== 'same') {
    lines.push('The transcript changed (- stored, + now; `flowc test --update` stores the new one):');
    lines.push(...compactDiff(r.snapshot.diff).map((l) => `    ${l}`));
  }
  return lines;
}

export function formatPretty(report: TestReport, color: boolean): string {
  const c = (k: keyof typeof colors, text: string): string => (color ? `${colors[k]}${text}${colors.reset}` : text);
  const out: string[] = [];
  for (const r of report.results) {
    if (r.status === 'passed') {
      out.push(`${c('green', 'PASS')} ${r.file} › ${r.name}`);
      continue;
    }
    out.push(`${c('red', 'FAIL')} ${r.file} › ${c('bold', r.name)}`);
    out.push(...failureLines(r, report.position).map((l) => `  ${l}`));
    out.push('  Transcript:');
    out.push(...r.transcript.split('\n').map((l) => `    ${c('dim', l)}`));
    out.push('');
  }
  const cov = report.coverage;
  out.push('');
  out.push(`Coverage: ${cov.covered} of ${cov.total} transitions (${cov.percent}%) in every flow and locale.`);
  const missing = cov.entries.filter((e) => !e.covered);
  if (missing.length > 0) {
    out.push('Not covered (flow locale step: transitions):');
    const groups = new Map<string, string[]>();
    for (const e of missing) {
      const key = `${e.flow} ${e.locale} ${e.step}`;
      groups.set(key, [...(groups.get(key) ?? []), `${e.key} → ${e.to}`]);
    }
    for (const [key, list] of groups) out.push(`  ${key}: ${list.join(', ')}`);
  }
  if (belowThreshold(report)) out.push(c('red', `Coverage ${cov.percent}% is below the minimum of ${report.minCoverage}%.`));
  const { passed, failed } = countResults(report.results);
  out.push(`${passed} passed, ${failed} failed`);
  return `${out.join('\n')}\n`;
}

export function formatJson(report: TestReport): string {
  const { passed, failed } = countResults(report.results);
  return `${JSON.stringify(
    {
      version: 1,
      diagnostics: report.diagnostics,
      scenarios: report.results.map((r) => ({
        file: r.file,
        name: r.name,
        status: r.status,
        failures: r.failures.map((f) => ({
          ...f,
          ...(report.position(f.file, f.pointer) ? { position: report.position(f.file, f.pointer) } : {}),
        })),
        transcript: r.transcript,
        snapshot: r.snapshot === 'same' || r.snapshot === 'new' ? r.snapshot : { changed: compactDiff(r.snapshot.diff) },
        ms: r.ms,
      })),
      coverage: {
        covered: report.coverage.covered,
        total: report.coverage.total,
        percent: report.coverage.percent,
        ...(report.minCoverage !== undefined ? { minimum: report.minCoverage } : {}),
        notCovered: report.coverage.entries.filter((e) => !e.covered).map(({ covered: _c, ...e }) => e),
      },
      summary: { passed, failed, updated: report.updated },
    },
    null,
    2,
  )}\n`;
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except U+FFFE/U+FFFF and lone surrogates.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xml = (text: string): string =>
  text.replace(NOT_XML, '\ufffd').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function formatJunit(report: TestReport): string {
  const files = new Map<string, ScenarioResult[]>();
  for (const r of report.results) files.set(r.file, [...(files.get(r.file) ?? []), r]);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) byFile.set(d.file ?? '', [...(byFile.get(d.file ?? '') ?? []), d]);
  for (const file of byFile.keys()) if (!files.has(file)) files.set(file, []);
  const { passed: _p, failed } = countResults(report.results);
  const errors = byFile.size + (belowThreshold(report) ? 1 : 0);
  const total = report.results.length + byFile.size + (belowThreshold(report) ? 1 : 0);
  const ms = report.results.reduce((sum, r) => sum + r.ms, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flowc test" tests="${total}" failures="${failed}" errors="${errors}" time="${seconds(ms)}">`,
  ];
  for (const [file, results] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const diags = byFile.get(file) ?? [];
    const fileFailed = results.filter((r) => r.status === 'failed').length;
    out.push(
      `  <testsuite name="${xml(file)}" tests="${results.length + (diags.length > 0 ? 1 : 0)}" failures="${fileFailed}" errors="${diags.length > 0 ? 1 : 0}" time="${seconds(results.reduce((s, r) => s + r.ms, 0))}">`,
    );
    if (diags.length > 0) {
      const text = diags
        .map(
          (d) =>
            `${d.file ?? ''}${d.range ? `:${d.range.start.line}:${d.range.start.col}` : ''} ${d.code}: ${d.message}${d.hint ? `\n  ${d.hint}` : ''}`,
        )
        .join('\n');
      out.push(`    <testcase name="${xml(`${file} is a valid scenario file`)}" classname="${xml(file)}">`);
      out.push(
        `      <error type="scenario-file" message="${xml(`${diags.length} problem(s) in the scenario file`)}">${xml(text)}</error>`,
      );
      out.push('    </testcase>');
    }
    for (const r of results) {
      out.push(`    <testcase name="${xml(r.name)}" classname="${xml(file)}" time="${seconds(r.ms)}">`);
      if (r.status === 'failed') {
        const lines = failureLines(r, report.position);
        out.push(`      <failure type="scenario" message="${xml(lines[0] ?? 'failed')}">${xml(lines.join('\n'))}</failure>`);
      }
      out.push(`      <system-out>${xml(r.transcript)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  if (belowThreshold(report)) {
    out.push(`  <testsuite name="coverage" tests="1" failures="0" errors="1">`);
    out.push(`    <testcase name="transition coverage" classname="coverage">`);
    out.push(
      `      <error type="coverage" message="${xml(`coverage ${report.coverage.percent}% is below ${report.minCoverage}%`)}">${xml(
        report.coverage.entries
          .filter((e) => !e.covered)
          .map((e) => `${e.flow} ${e.locale} ${e.step}: ${e.key} → ${e.to}`)
          .join('\n'),
      )}</error>`,
    );
    out.push('    </testcase>');
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

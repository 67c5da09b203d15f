/** `flowc i18n status`: coverage of every locale × flow — messages and pay prompt texts. */
import path from 'node:path';
import { buildProject } from '../pipeline/build-project.js';
import type { I18nRecord } from '../resolve/resolve-flow.js';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { checkProjectFolder } from './check-paths.js';

export interface CoverageRow {
  locale: string;
  flow: string;
  keys: number;
  missing: number;
  fallback: number;
  payTexts: number;
  payMissing: number;
  payFallback: number;
}

/** One row per (locale, flow); each distinct key counted once. Pure. */
export function coverageRows(records: readonly I18nRecord[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  const seen = new Set<string>();
  for (const r of records) {
    const id = `${r.locale}\u0000${r.flow}\u0000${r.kind}\u0000${r.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const key = `${r.locale}\u0000${r.flow}`;
    const row = rows.get(key) ?? {
      locale: r.locale,
      flow: r.flow,
      keys: 0,
      missing: 0,
      fallback: 0,
      payTexts: 0,
      payMissing: 0,
      payFallback: 0,
    };
    if (r.kind === 'message') {
      row.keys++;
      if (r.status === 'missing') row.missing++;
      if (r.status === 'fallback') row.fallback++;
    } else {
      row.payTexts++;
      if (r.status === 'missing') row.payMissing++;
      if (r.status === 'fallback') row.payFallback++;
    }
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.locale.localeCompare(b.locale) || a.flow.localeCompare(b.flow));
}

export function formatCoverageTable(rows: readonly CoverageRow[]): string {
  const header = ['locale', 'flow', 'messages', 'missing', 'fallback', 'pay texts', 'pay missing', 'pay fallback'];
  const body = rows.map((r) => [r.locale, r.flow, r.keys, r.missing, r.fallback, r.payTexts, r.payMissing, r.payFallback].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

export async function runI18nStatus(io: CliIo, dir: string | undefined, options: { format?: string }): Promise<number> {
  const format = options.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json (got "${format}").`);
  const root = path.resolve(io.cwd, dir ?? '.');
  checkProjectFolder(root);
  const result = await buildProject(root);
  const rows = coverageRows(result.i18n);
  io.stdout(format === 'json' ? JSON.stringify({ version: 1, coverage: rows }, null, 2) + '\n' : formatCoverageTable(rows));
  const incomplete = rows.some((r) => r.missing > 0 || r.payMissing > 0);
  if (format === 'table' && incomplete) io.stdout('Some texts are missing: run "flowc check" to see where.\n');
  return incomplete ? ExitCode.inputErrors : ExitCode.ok;
}

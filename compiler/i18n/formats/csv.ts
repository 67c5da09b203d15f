/**
 * CSV for spreadsheets (csv-stringify writes, csv-parse reads; RFC 4180 quoting, UTF-8 with a byte order mark so
 * that spreadsheet programs read accents right). One row per text and locale; the translator fills `translation`.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ExportEntry } from '../export-entries.js';
import type { FormatProblem, ImportEntry, ParsedTranslations } from './import-entry.js';

export const csvColumns = ['id', 'locale', 'source', 'translation', 'where', 'limits', 'placeholders', 'notes'] as const;

export function writeCsv(entries: readonly ExportEntry[]): string {
  return stringify(
    entries.map((e) => ({
      id: e.id,
      locale: e.locale,
      source: e.source,
      translation: e.translation ?? '',
      where: e.context.join('\n'),
      limits: e.limits.join('\n'),
      placeholders: e.placeholders.join('\n'),
      notes: e.notes.join('\n'),
    })),
    { header: true, columns: [...csvColumns], bom: true, record_delimiter: 'unix' },
  );
}

interface Row {
  record: Record<string, string>;
  info: { lines: number };
  raw: string;
}

/** The cells of the first line (the header of a file without records), or none. */
function headerLine(text: string): string[] {
  try {
    const [first] = parse(text, { bom: true, skip_empty_lines: true, to_line: 1 }) as string[][];
    return first ?? [];
  } catch {
    return [];
  }
}

export function readCsv(text: string): ParsedTranslations {
  let rows: Row[];
  try {
    rows = parse(text, { columns: true, bom: true, info: true, raw: true, skip_empty_lines: true }) as unknown as Row[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return {
      entries: [],
      problems: [
        {
          code: 'import/syntax',
          message: `This is not a CSV file flowc can read: ${e.message ?? String(error)}`,
          hint: 'Save it from your spreadsheet as CSV (comma-separated, UTF-8) again.',
          ...(typeof e.lines === 'number' ? { line: e.lines } : {}),
        },
      ],
    };
  }
  const problems: FormatProblem[] = [];
  // A file of a header line alone, or of no line, is checked too: it is no export of flowc's either.
  const header = rows[0] ? Object.keys(rows[0].record) : headerLine(text);
  const missing = ['id', 'locale', 'translation'].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      entries: [],
      problems: [
        {
          code: 'import/missing-column',
          message: `This CSV file has no column ${missing.map((c) => `"${c}"`).join(', ')}.`,
          hint: `Keep the first line as flowc i18n export wrote it: ${csvColumns.join(',')}.`,
          line: 1,
        },
      ],
    };
  }
  const entries: ImportEntry[] = [];
  for (const { record, info, raw } of rows) {
    // info.lines is the line the record ends on; a quoted cell may span lines.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    entries.push({
      id: record.id ?? '',
      locale: record.locale ?? '',
      text: record.translation ?? '',
      // An empty source cell says nothing about the source (a file written by hand).
      ...(record.source ? { source: record.source } : {}),
      line,
    });
  }
  return { entries, problems };
}

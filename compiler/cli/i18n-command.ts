/** `flowc i18n status`: coverage of every locale × flow — messages and pay prompt texts. */
import path from 'node:path';
import { buildProject } from '../pipeline/build-project.js';
import { compareCodeUnits } from '../diagnostics/diagnostic.js';
import type { I18nRecord } from '../resolve/resolve-flow.js';
import { asUsageError, ExitCode, UsageError, type CliIo } from './cli-io.js';
import { checkProjectFolder } from './check-paths.js';
import { findProjectRoot } from './project-root.js';

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
  return [...rows.values()].sort((a, b) => compareCodeUnits(a.locale, b.locale) || compareCodeUnits(a.flow, b.flow));
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

/** Every missing text, once per (locale, flow, key), sorted. */
export function missingTexts(records: readonly I18nRecord[]): { locale: string; flow: string; key: string; kind: I18nRecord['kind'] }[] {
  const seen = new Map<string, { locale: string; flow: string; key: string; kind: I18nRecord['kind'] }>();
  for (const r of records) {
    if (r.status !== 'missing') continue;
    seen.set(`${r.locale}\u0000${r.flow}\u0000${r.key}`, { locale: r.locale, flow: r.flow, key: r.key, kind: r.kind });
  }
  return [...seen.values()].sort(
    (a, b) => compareCodeUnits(a.locale, b.locale) || compareCodeUnits(a.flow, b.flow) || compareCodeUnits(a.key, b.key),
  );
}

/** The findings of a missing text or pay prompt set: counted by the table, not a file that could not be read. */
const countedMissing: ReadonlySet<string> = new Set([
  'i18n/missing-message',
  'i18n/missing-text',
  'pay/missing-prompt-set',
  'pay/missing-prompts',
]);

export async function runI18nStatus(io: CliIo, dir: string | undefined, options: { format?: string }): Promise<number> {
  const format = options.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json (got "${format}").`);
  const root = findProjectRoot(io.cwd, dir);
  checkProjectFolder(root);
  const result = await buildProject(root);
  const rows = coverageRows(result.i18n);
  const missing = missingTexts(result.i18n);
  // A flow (or a template, catalog or flowc.yaml) with errors of its own is not counted: the table would look
  // complete. A missing text is no such error: it is what the table counts (and lists under "Missing texts").
  const unreadable = [
    ...new Set(
      result.diagnostics
        .filter(
          (d) =>
            d.severity === 'error' &&
            d.file !== undefined &&
            !countedMissing.has(d.code) &&
            /^(flowc\.yaml|flows\/.*|templates\/.*)$/.test(d.file),
        )
        .map((d) => d.file!),
    ),
  ].sort();
  if (format === 'json') {
    io.stdout(JSON.stringify({ version: 1, coverage: rows, missing, unreadable }, null, 2) + '\n');
  } else {
    io.stdout(formatCoverageTable(rows));
    if (missing.length > 0) {
      io.stdout('\nMissing texts:\n');
      for (const m of missing)
        io.stdout(`  ${m.locale}  ${m.flow}  ${m.kind === 'message' ? m.key : m.key.replace(/^pay:/, 'pay prompt set ')}\n`);
    }
    if (unreadable.length > 0) {
      io.stdout(`\nThese files have errors, so the texts they use are not counted (run "flowc check" to see them):\n`);
      for (const f of unreadable) io.stdout(`  ${f}\n`);
    }
  }
  return missing.length > 0 || unreadable.length > 0 || rows.some((r) => r.missing > 0 || r.payMissing > 0)
    ? ExitCode.inputErrors
    : ExitCode.ok;
}

// ---------------------------------------------------------------------------------------------------
// export, import, add-locale (docs/translating.md)

export type TranslationFormat = 'po' | 'xliff' | 'csv';
const translationFormats: readonly TranslationFormat[] = ['po', 'xliff', 'csv'];

/** The format named by --format, else by the file's extension. */
function translationFormat(format: string | undefined, file: string | undefined): TranslationFormat | undefined {
  if (format !== undefined) {
    if (!(translationFormats as readonly string[]).includes(format))
      throw new UsageError(`--format must be po, xliff or csv (got "${format}").`);
    return format as TranslationFormat;
  }
  const ext = file === undefined ? '' : path.extname(file).toLowerCase();
  return ext === '.po' ? 'po' : ext === '.xlf' || ext === '.xliff' ? 'xliff' : ext === '.csv' ? 'csv' : undefined;
}

export interface ExportOptions {
  locale?: string;
  source?: string;
  missingOnly?: boolean;
  format?: string;
  out?: string;
}

export async function runI18nExport(io: CliIo, dir: string | undefined, options: ExportOptions): Promise<number> {
  const format = translationFormat(options.format, options.out);
  if (format === undefined) throw new UsageError('Give the file format: --format po, --format xliff or --format csv.');
  const root = findProjectRoot(io.cwd, dir);
  checkProjectFolder(root);
  const [{ readProjectTexts }, { exportEntries }] = await Promise.all([
    import('../i18n/project-texts.js'),
    import('../i18n/export-entries.js'),
  ]);
  const project = await readProjectTexts(root, options.source);
  if (options.source !== undefined && !project.locales.includes(options.source)) {
    throw new UsageError(`The project has no locale ${options.source} to translate from (it has ${project.locales.join(', ')}).`);
  }
  const targets = options.locale !== undefined ? [options.locale] : project.locales.filter((l) => l !== project.sourceLocale);
  if (options.locale === project.sourceLocale)
    throw new UsageError(`${options.locale} is the language the texts are written in; choose a locale to translate into.`);
  if (options.locale !== undefined && !project.locales.includes(options.locale)) {
    throw new UsageError(`The project has no locale ${options.locale}. Prepare it with: flowc i18n add-locale ${options.locale}`);
  }
  if (targets.length === 0)
    throw new UsageError('The project has no locale to translate into. Add one with: flowc i18n add-locale <locale>');
  if (format !== 'csv' && targets.length > 1) {
    throw new UsageError(
      `A ${format === 'po' ? 'PO' : 'XLIFF'} file holds one language: give --locale (one of ${targets.join(', ')}), or use --format csv for all of them.`,
    );
  }
  const entries = targets.flatMap((l) => exportEntries(project.units, l, project.model.settings, options.missingOnly === true));
  let text: string;
  if (format === 'po') {
    const { writePo } = await import('../i18n/formats/po.js');
    text = writePo(entries, { locale: targets[0]!, sourceLocale: project.sourceLocale, revisionDate: poDate(new Date()) });
  } else if (format === 'xliff') {
    const { writeXliff } = await import('../i18n/formats/xliff.js');
    text = await writeXliff(entries, { locale: targets[0]!, sourceLocale: project.sourceLocale });
  } else {
    const { writeCsv } = await import('../i18n/formats/csv.js');
    text = writeCsv(entries);
  }
  const summary = `${entries.length} text${entries.length === 1 ? '' : 's'} to translate from ${project.sourceLocale} into ${targets.join(', ')}${options.missingOnly ? ' (missing only)' : ''}.`;
  if (options.out !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.resolve(io.cwd, options.out), text, 'utf8').catch((err: unknown) => {
      throw asUsageError('--out', options.out!, err);
    });
    io.stderr(`Wrote ${options.out}: ${summary}\n`);
  } else {
    io.stdout(text);
    io.stderr(`${summary}\n`);
  }
  return ExitCode.ok;
}

/** PO-Revision-Date: "YYYY-MM-DD HH:MM+0000". */
export const poDate = (d: Date): string => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}+0000`;

export interface ImportOptions {
  format?: string;
  source?: string;
  /** Diagnostics output: pretty, json, github, sarif. */
  report?: string;
  dryRun?: boolean;
}

export async function runI18nImport(io: CliIo, file: string, dir: string | undefined, options: ImportOptions): Promise<number> {
  const [{ parseFormat, report }, { readFile }] = await Promise.all([import('./report.js'), import('node:fs/promises')]);
  const outputFormat = parseFormat(options.report);
  const root = findProjectRoot(io.cwd, dir);
  checkProjectFolder(root);
  const filePath = path.resolve(io.cwd, file);
  const shown = path.relative(io.cwd, filePath).startsWith('..') ? filePath : path.relative(io.cwd, filePath).split(path.sep).join('/');
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return report(
      io,
      outputFormat,
      [
        {
          code: 'import/unreadable',
          severity: 'error',
          message: `The file ${shown} cannot be read (${code === 'ENOENT' ? 'it does not exist' : (code ?? 'unknown error')}).`,
          file: shown,
          hint: 'Check the file name and the folder you run flowc in.',
        },
      ],
      new Map(),
    );
  }
  const format = translationFormat(options.format, file) ?? sniffFormat(text);
  const [{ readProjectTexts }, { checkImport, formatProblemDiagnostic }, { planWrites }] = await Promise.all([
    import('../i18n/project-texts.js'),
    import('../i18n/check-import.js'),
    import('../i18n/plan-writes.js'),
  ]);
  const project = await readProjectTexts(root, options.source);
  let parsed: import('../i18n/formats/import-entry.js').ParsedTranslations;
  if (format === 'po') parsed = (await import('../i18n/formats/po.js')).readPo(text, project.locales);
  else if (format === 'xliff') parsed = await (await import('../i18n/formats/xliff.js')).readXliff(text, project.locales);
  else parsed = (await import('../i18n/formats/csv.js')).readCsv(text);
  const diagnostics = parsed.problems.map((p) => formatProblemDiagnostic(p, shown));
  const checked = checkImport(parsed.entries, {
    units: project.units,
    sourceLocale: project.sourceLocale,
    locales: project.locales,
    settings: project.model.settings,
    file: shown,
  });
  diagnostics.push(...checked.diagnostics);
  const { sortDiagnostics } = await import('../diagnostics/diagnostic.js');
  diagnostics.splice(0, diagnostics.length, ...sortDiagnostics(diagnostics));
  const sources = new Map([[shown, text], ...project.sources]);
  if (diagnostics.some((d) => d.severity === 'error')) {
    const code = report(io, outputFormat, diagnostics, sources);
    io.stderr('Nothing was written: correct the entries above and import again.\n');
    return code;
  }
  const planned = planWrites(checked.accepted, project);
  diagnostics.push(...planned.diagnostics);
  if (planned.diagnostics.length > 0) {
    const code = report(io, outputFormat, diagnostics, sources);
    io.stderr('Nothing was written.\n');
    return code;
  }
  if (!options.dryRun) await writeFilesAtomically(root, planned.files);
  const code = report(io, outputFormat, diagnostics, sources);
  const written = planned.files.map((f) => f.path);
  io.stderr(
    `${options.dryRun ? 'Would write' : 'Wrote'} ${checked.accepted.length} translation${checked.accepted.length === 1 ? '' : 's'}` +
      (written.length > 0 ? ` into ${written.join(', ')}.\n` : ' (all were already in place).\n'),
  );
  return code;
}

function sniffFormat(text: string): TranslationFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'xliff';
  // Some line starts (after spaces) with msgctxt or msgid — per line: /^(#.*\n)*\s*msg(ctxt|id) /m was polynomial.
  if (start.split(/\r\n|[\n\r\u2028\u2029]/).some((line) => /^\s*msg(ctxt|id) /.test(line))) return 'po';
  return 'csv';
}

/**
 * Writes every file or none: each goes to a temporary file beside it first; only when all are written are they
 * renamed into place (a rename within a folder is atomic).
 */
export async function writeFilesAtomically(root: string, files: readonly { path: string; after: string }[]): Promise<void> {
  const { mkdir, writeFile, rename, rm } = await import('node:fs/promises');
  const stamp = `${process.pid}-${Date.now()}`;
  const temps: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const target = path.join(root, ...f.path.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.flowc-new-${stamp}`);
      await writeFile(tmp, f.after, 'utf8');
      temps.push({ tmp, target });
    }
    for (const { tmp, target } of temps) await rename(tmp, target);
  } finally {
    for (const { tmp } of temps) await rm(tmp, { force: true });
  }
}

export interface AddLocaleCliOptions {
  language?: string;
  style?: string;
  fallback?: string;
  source?: string;
}

export async function runI18nAddLocale(io: CliIo, locale: string, dir: string | undefined, options: AddLocaleCliOptions): Promise<number> {
  const root = findProjectRoot(io.cwd, dir);
  checkProjectFolder(root);
  const style = options.style === undefined ? undefined : Number(options.style);
  if (style !== undefined && (!Number.isInteger(style) || style < 0))
    throw new UsageError(`--style must be a whole number (got "${options.style}").`);
  const [{ readProjectTexts }, { planAddLocale, AddLocaleError }] = await Promise.all([
    import('../i18n/project-texts.js'),
    import('../i18n/add-locale.js'),
  ]);
  const project = await readProjectTexts(root, options.source);
  let planned: ReturnType<typeof planAddLocale>;
  try {
    planned = planAddLocale(project, locale, {
      ...(options.language !== undefined ? { language: options.language } : {}),
      ...(style !== undefined ? { style } : {}),
      ...(options.fallback !== undefined ? { fallback: options.fallback } : {}),
    });
  } catch (error) {
    if (error instanceof AddLocaleError) throw new UsageError(error.message);
    throw error;
  }
  await writeFilesAtomically(root, planned.files);
  const { language, style: chosen } = planned.settings as { language: string; style: number };
  io.stdout(
    [
      `Prepared ${locale} (voice ${language} style ${chosen}):`,
      ...planned.files.map((f) => `  ${f.before === undefined ? 'created' : 'updated'} ${f.path}`),
      'Next:',
      `  flowc i18n export --locale ${locale} --format xliff --out ${locale}.xlf   # send it to the translator`,
      `  flowc i18n import ${locale}.xlf                                           # when it comes back`,
      `  then add ${locale} to the locales: (and numbers:) of the flows that should speak it.`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}

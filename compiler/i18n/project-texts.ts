/**
 * The I/O edge of the translation tools: read a project (the load and check stages, as a build does) and gather
 * its texts. Files with errors of their own are left out of the model, as in a build; their text is still kept,
 * so an import can tell it cannot write into them.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { checkDocument } from '../check/check-documents.js';
import { loadProject } from '../load/read-project.js';
import type { SourceFile } from '../load/source-file.js';
import { buildProjectModel, type ProjectModel } from '../resolve/project-model.js';
import { collectTextUnits, type TextUnit } from './text-units.js';

export interface ProjectTexts {
  root: string;
  model: ProjectModel;
  /** Every file that was read, by project path (also those with errors). */
  files: Map<string, SourceFile>;
  /** The text of every file read, by project path. */
  sources: Map<string, string>;
  /** Problems in the project files themselves (as `flowc check` reports them). */
  diagnostics: Diagnostic[];
  sourceLocale: string;
  /** Every locale the project names: flowc.yaml, flows, catalogs, pay sets; the source first. */
  locales: string[];
  units: TextUnit[];
}

/** The locale translators translate from: the first in flowc.yaml, else the first of the first flow. */
/**
 * The first locale of flowc.yaml that a flow speaks (a locale just added with add-locale is spoken by none
 * yet, so it is never the source), else the first locale of the first flow.
 */
export function defaultSourceLocale(model: ProjectModel): string {
  const spoken = new Set(model.flows.flatMap((f) => f.doc.locales));
  return Object.keys(model.settings.locales).find((l) => spoken.has(l)) ?? model.flows[0]?.doc.locales[0] ?? 'en-US';
}

export async function readProjectTexts(root: string, sourceLocale?: string): Promise<ProjectTexts> {
  const loaded = await loadProject(root);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const failed = new Set(diagnostics.filter((d) => d.severity === 'error' && d.file).map((d) => d.file!));
  const good: SourceFile[] = [];
  const broken: string[] = [...failed];
  for (const file of loaded.files) {
    if (failed.has(file.path) || file.value === undefined) continue;
    const found = checkDocument(file);
    diagnostics.push(...found);
    if (hasErrors(found)) broken.push(file.path);
    else good.push(file);
  }
  const { model, diagnostics: modelDiagnostics } = buildProjectModel(good, broken);
  diagnostics.push(...modelDiagnostics);
  const source = sourceLocale ?? defaultSourceLocale(model);
  const locales = new Set<string>([source, ...Object.keys(model.settings.locales)]);
  for (const { doc } of model.flows) for (const l of doc.locales) locales.add(l);
  for (const l of model.catalogs.keys()) locales.add(l);
  for (const key of model.paySets.keys()) locales.add(key.slice(key.lastIndexOf('.') + 1));
  return {
    root,
    model,
    files: new Map(loaded.files.map((f) => [f.path, f])),
    sources: loaded.sources,
    diagnostics,
    sourceLocale: source,
    locales: [...locales],
    units: collectTextUnits(model, source),
  };
}

/**
 * Where accepted translations go, and the new text of every file they change: catalogs
 * (flows/messages/<locale>.yaml), pay prompt sets (flows/pay/<set>.<locale>.yaml, made when missing) and the
 * per-locale maps of inline texts in flows and templates. Pure: the CLI writes the files, all or none.
 */
import { type Document, isMap, isPair, isScalar, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parsePointer } from '../diagnostics/json-pointer.js';
import { payErrorTypes, payPromptTypes } from '../check/schemas/catalog-schemas.js';
import type { AcceptedTranslation } from './check-import.js';
import type { ProjectTexts } from './project-texts.js';
import { type Assignment, type KeyOrder, writeIntoYaml, YamlWriteError } from './write-yaml.js';

export interface PlannedFile {
  path: string;
  /** undefined: a new file. */
  before?: string;
  after: string;
}

/** The keys of the map at `path` in a document, in order. */
function keysAt(doc: Document | undefined, path: readonly string[]): string[] {
  let node = doc?.contents as Node | null | undefined;
  for (const segment of path) {
    if (!isMap(node)) return [];
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
    node = (pair?.value as Node | null | undefined) ?? null;
  }
  return isMap(node) ? node.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : '')) : [];
}

const payOrder: KeyOrder = (path) => {
  if (path.length === 0) return ['partial', ...payPromptTypes];
  if (path.length === 1) return ['text', 'errors'];
  const type = path[0] as keyof typeof payErrorTypes;
  return path.length === 2 && path[1] === 'errors' && Object.hasOwn(payErrorTypes, type) ? payErrorTypes[type] : [];
};

export function newCatalogText(locale: string, sourceLocale: string): string {
  return `# ${locale}: the texts of every flow. Same keys as ${sourceLocale}.yaml; keep every {{...}} exactly as it is.\n{}\n`;
}

export function newPaySetText(set: string, locale: string): string {
  return `# Card payment prompts for \`prompts: ${set}\`, ${locale}. Only Visa and Mastercard are accepted: say so where the card type matters.\n{}\n`;
}

export function planWrites(
  accepted: readonly AcceptedTranslation[],
  project: ProjectTexts,
): { files: PlannedFile[]; diagnostics: Diagnostic[] } {
  const byFile = new Map<string, { assignments: Assignment[]; order: KeyOrder; create: (() => string) | undefined }>();
  const add = (path: string, assignment: Assignment, order: KeyOrder, create: (() => string) | undefined) => {
    const entry = byFile.get(path) ?? { assignments: [], order, create };
    entry.assignments.push(assignment);
    byFile.set(path, entry);
  };
  const sourceCatalog = project.files.get(`flows/messages/${project.sourceLocale}.yaml`)?.doc;
  const promoted = new Set<string>();
  for (const { unit, locale, text } of accepted) {
    const target = unit.target;
    switch (target.kind) {
      case 'catalog':
        add(
          `flows/messages/${locale}.yaml`,
          { path: target.path, value: text },
          (p) => keysAt(sourceCatalog, p),
          () => newCatalogText(locale, project.sourceLocale),
        );
        break;
      case 'inline': {
        const path = [...parsePointer(target.pointer), locale];
        if (!target.plain) {
          add(target.file, { path, value: text }, () => project.locales, undefined);
          break;
        }
        // One text for every locale becomes a per-locale map: the source keeps it, the imported locale gets its
        // translation, and every other locale it is spoken in keeps hearing what it heard (unless imported too).
        const promote = { locale: unit.sourceLocale, text: unit.source };
        add(target.file, { path, value: text, promote }, () => project.locales, undefined);
        if (!promoted.has(unit.id)) {
          promoted.add(unit.id);
          const imported = new Set(accepted.filter((a) => a.unit.id === unit.id).map((a) => a.locale));
          for (const other of target.plain.spokenIn) {
            if (other === unit.sourceLocale || imported.has(other)) continue;
            add(
              target.file,
              { path: [...parsePointer(target.pointer), other], value: unit.source, promote },
              () => project.locales,
              undefined,
            );
          }
        }
        break;
      }
      case 'pay':
        add(
          `flows/pay/${target.set}.${locale}.yaml`,
          { path: target.errorType === undefined ? [target.type, 'text'] : [target.type, 'errors', target.errorType], value: text },
          payOrder,
          () => newPaySetText(target.set, locale),
        );
        break;
    }
  }
  const files: PlannedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [path, { assignments, order, create }] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = project.sources.get(path);
    try {
      const base = before ?? create?.();
      if (base === undefined) throw new YamlWriteError('the file is gone');
      const after = writeIntoYaml(base, assignments, order);
      if (after !== before) files.push({ path, ...(before !== undefined ? { before } : {}), after });
    } catch (error) {
      if (!(error instanceof YamlWriteError)) throw error;
      diagnostics.push({
        code: 'import/target-file-broken',
        severity: 'error',
        message: `flowc cannot write the translations into ${path}: ${error.message}.`,
        file: path,
        hint: `Fix ${path} first (flowc check shows where), then import again.`,
      });
    }
  }
  return { files, diagnostics };
}

/** What every translation file format gives back: one entry per translated text, and where it is in the file. */

export interface ImportEntry {
  id: string;
  locale: string;
  /** The translation as written (empty: not translated yet). */
  text: string;
  /** The source text the file was made with, when the format keeps it (to notice a source changed since). */
  source?: string;
  /** 1-based line of the entry in the imported file (PO, CSV; XLIFF where the unit is found). */
  line?: number;
  /** The XLIFF unit id. */
  unit?: string;
}

/** A problem with the file itself or one of its entries, before any project check. */
export interface FormatProblem {
  code: string;
  message: string;
  hint?: string;
  line?: number;
  unit?: string;
}

export interface ParsedTranslations {
  entries: ImportEntry[];
  problems: FormatProblem[];
}

/** 1-based line of a character offset. */
export const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/** PO and XLIFF name a language es_US or es-US: the project's own spelling of it, when the project has it. */
export function matchLocale(name: string, known: readonly string[]): string {
  const dashed = name.replace(/_/g, '-');
  return known.find((k) => k.toLowerCase() === dashed.toLowerCase()) ?? dashed;
}

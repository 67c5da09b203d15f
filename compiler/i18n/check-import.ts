/**
 * Every entry of an imported translation file is checked before anything is written: it names a text of the
 * project and a locale the project knows; it keeps every placeholder of the source and invents none; its `{{…}}`
 * parts can be read; its SSML is well-formed and only where the locale's voice reads SSML; it fits the length
 * limit. Problems are placed on the entry in the imported file (its line; for XLIFF, its unit id).
 */
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { ProjectSettings } from '../resolve/project-model.js';
import { parseTemplate } from '../resolve/template-engine/index.js';
import { checkSsml, findStrayTag, isSsml, spokenLength } from '../validate/ssml.js';
import { maxTalkTextLength } from '../validate/rules/talk-text.js';
import { ssmlAllowed, voiceOf } from './export-entries.js';
import type { FormatProblem, ImportEntry } from './formats/import-entry.js';
import { comparePlaceholders } from './placeholders.js';
import type { TextUnit } from './text-units.js';

export interface AcceptedTranslation {
  unit: TextUnit;
  locale: string;
  text: string;
}

export interface ImportContext {
  units: readonly TextUnit[];
  sourceLocale: string;
  locales: readonly string[];
  settings: ProjectSettings;
  /** The imported file's path as reported. */
  file: string;
}

const lineRange = (line: number | undefined): { range?: Range } =>
  line === undefined ? {} : { range: { start: { line, col: 1 }, end: { line, col: 1 } } };

/** A problem of the file (format) as a diagnostic on the imported file. */
export function formatProblemDiagnostic(p: FormatProblem, file: string): Diagnostic {
  return {
    code: p.code,
    severity: 'error',
    message: p.message,
    file,
    ...(p.unit !== undefined ? { pointer: `/unit/${p.unit}` } : {}),
    ...lineRange(p.line),
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
  };
}

export function checkImport(
  entries: readonly ImportEntry[],
  ctx: ImportContext,
): { accepted: AcceptedTranslation[]; diagnostics: Diagnostic[] } {
  const byId = new Map(ctx.units.map((u) => [u.id, u]));
  const diagnostics: Diagnostic[] = [];
  const accepted: AcceptedTranslation[] = [];
  const seen = new Map<string, ImportEntry>();
  for (const entry of entries) {
    const name = entry.unit !== undefined ? `Unit "${entry.unit}"` : `Entry "${entry.id}"`;
    const diag = (code: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') =>
      diagnostics.push({
        code,
        severity,
        message: `${name} (${entry.locale}): ${message}`,
        file: ctx.file,
        ...(entry.unit !== undefined ? { pointer: `/unit/${entry.unit}` } : {}),
        ...lineRange(entry.line),
        hint,
      });
    if (entry.text.trim() === '') continue; // not translated yet
    const unit = byId.get(entry.id);
    if (!unit) {
      const s = didYouMean(entry.id, byId.keys());
      diag(
        'import/unknown-id',
        `the project has no text with this id${s ? `; did you mean "${s}"?` : '.'}`,
        'Export the file again with flowc i18n export: the text may have been renamed or removed since.',
      );
      continue;
    }
    if (!ctx.locales.includes(entry.locale)) {
      const s = didYouMean(entry.locale, ctx.locales);
      diag(
        'import/unknown-locale',
        `the project has no locale "${entry.locale}"${s ? `; did you mean "${s}"?` : '.'}`,
        `Prepare it first with flowc i18n add-locale ${entry.locale}, or correct the language of the file.`,
      );
      continue;
    }
    if (entry.locale === ctx.sourceLocale) {
      diag(
        'import/source-locale',
        `${entry.locale} is the language the texts are written in, not a translation.`,
        'Edit the source texts in the project files.',
      );
      continue;
    }
    const key = `${entry.id}\u0000${entry.locale}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      if (earlier.text !== entry.text) {
        diag(
          'import/duplicate',
          `this text is translated twice, differently${earlier.line !== undefined ? ` (also at line ${earlier.line})` : ''}.`,
          'Keep one translation.',
        );
      }
      continue;
    }
    seen.set(key, entry);
    const before = diagnostics.length;
    const parsed = parseTemplate(entry.text);
    for (const issue of parsed.issues.filter((i) => i.severity === 'error')) {
      diag(
        'import/template-syntax',
        `the {{…}} parts cannot be read: ${issue.message}`,
        issue.hint ?? 'Write each {{…}} exactly as in the source.',
      );
    }
    const { missing, invented } = comparePlaceholders(unit.source, entry.text);
    if (missing.length > 0) {
      diag(
        'import/placeholder-missing',
        `the translation lacks ${missing.join(', ')} of the source, so the caller would not hear ${missing.length === 1 ? 'it' : 'them'}.`,
        'Put every {{…}} of the source into the translation, exactly as written (you may move it).',
      );
    }
    if (invented.length > 0) {
      diag(
        'import/placeholder-invented',
        `the translation has ${invented.join(', ')}, which the source does not have.`,
        'Use only the {{…}} of the source; translate the words around them.',
      );
    }
    const ssml = isSsml(entry.text);
    if (ssml) {
      const problem = checkSsml(entry.text);
      if (problem)
        diag(
          'import/ssml-malformed',
          `its SSML is not well-formed: ${problem.message} (at character ${problem.offset + 1}).`,
          'Close every tag you open, as in the source.',
        );
      const voice = voiceOf(ctx.settings, entry.locale);
      if (ssmlAllowed(voice) === false) {
        diag(
          'import/ssml-not-allowed',
          `it is SSML, but the ${entry.locale} voice (${voice.language} style ${voice.style}) does not read SSML.`,
          'Write it as plain text, without <speak> and other tags.',
        );
      }
    } else {
      const stray = findStrayTag(entry.text);
      if (stray)
        diag(
          'import/ssml-without-speak',
          `it has ${stray.message}, but is not wrapped in <speak>…</speak>.`,
          'Wrap the whole text in <speak>…</speak> as in the source, or remove the tag.',
        );
    }
    const length = spokenLength(entry.text, ssml);
    if (length > maxTalkTextLength) {
      diag(
        'import/too-long',
        `it has ${length} characters${ssml ? ' (not counting SSML tags)' : ''}; a text can have at most ${maxTalkTextLength}.`,
        'Shorten it.',
      );
    }
    if (diagnostics.length > before) continue;
    if (entry.source !== undefined && entry.source !== unit.source) {
      diag(
        'import/source-changed',
        'the source text has changed since this file was exported; the translation is written, but check that it still fits.',
        'Export the file again to translate the current text.',
        'warning',
      );
    }
    accepted.push({ unit, locale: entry.locale, text: entry.text });
  }
  return { accepted, diagnostics };
}

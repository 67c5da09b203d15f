/** Project-wide checks: locale settings against the Vonage TTS table, unused catalog messages. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import type { FlowDoc, ProjectModel, ProjectSettings } from '../resolve/project-model.js';
import { findTtsLanguage, stylesFor, ttsLanguages } from '../validate/tts-data.js';

export function checkLocaleSettings(settings: ProjectSettings): Diagnostic[] {
  const file = settings.file;
  if (!file) return [];
  const out: Diagnostic[] = [];
  const at = (p: string) => rangeAtPointer(file.doc, file.lineCounter, p);
  for (const [locale, ls] of Object.entries(settings.locales)) {
    const base = joinPointer('/locales', locale);
    const language = ls.language ?? locale;
    const known = findTtsLanguage(language);
    if (!known) {
      const s = didYouMean(language, ttsLanguages);
      const p = ls.language !== undefined ? joinPointer(base, 'language') : base;
      out.push({
        code: 'locale/unknown-language',
        severity: 'error',
        message: `"${language}" is not a Vonage text-to-speech language.${s ? ` Did you mean "${s}"?` : ''}`,
        file: file.path,
        pointer: p,
        range: at(p),
        hint: 'Set language: to a code from the Vonage TTS table (docs/format.md lists where to find it).',
      });
    } else if (ls.style !== undefined) {
      const styles = stylesFor(known);
      if (styles.length > 0 && !styles.includes(ls.style)) {
        const p = joinPointer(base, 'style');
        out.push({
          code: 'locale/unknown-style',
          severity: 'error',
          message: `${known} has no voice style ${ls.style}; its styles are ${styles.join(', ')}.`,
          file: file.path,
          pointer: p,
          range: at(p),
          hint: `Pick one of ${styles.join(', ')}.`,
        });
      }
    }
    if (ls.fallback !== undefined) {
      const p = joinPointer(base, 'fallback');
      const seen = [locale];
      let next: string | undefined = ls.fallback;
      while (next !== undefined && !seen.includes(next)) {
        seen.push(next);
        next = settings.locales[next]?.fallback;
      }
      if (next !== undefined) {
        out.push({
          code: 'locale/fallback-cycle',
          severity: 'error',
          message: `The fallbacks of ${locale} go round in a circle: ${[...seen, next].join(' → ')}.`,
          file: file.path,
          pointer: p,
          range: at(p),
          hint: 'End the chain at a locale without a fallback.',
        });
      }
    }
  }
  return out;
}

export function checkUnusedMessages(
  model: ProjectModel,
  usedKeys: ReadonlyMap<string, ReadonlySet<string>>,
  /** Keys used by flows counted apart (the cached flows of a rebuild). */
  alsoUsed?: (locale: string, key: string) => boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A catalog of a language no flow speaks yet (nor serves as a fallback) holds translations made ahead, as
  // docs/translating.md has it: import them, then add the locale to the flows. Not unused: not yet used.
  const spoken = new Set<string>();
  for (const { doc } of model.flows) {
    for (const first of doc.locales) {
      for (let locale: string | undefined = first; locale !== undefined && !spoken.has(locale); ) {
        spoken.add(locale);
        locale = model.settings.locales[locale]?.fallback;
      }
    }
  }
  for (const [locale, entries] of model.catalogs) {
    if (!spoken.has(locale)) continue;
    const used = usedKeys.get(locale);
    for (const [key, entry] of entries) {
      if (used?.has(key) || alsoUsed?.(locale, key)) continue;
      out.push({
        code: 'i18n/unused-message',
        severity: 'warning',
        message: `The message "${key}" in ${locale} is not used by any flow.`,
        file: entry.file.path,
        pointer: entry.pointer,
        range: rangeAtPointer(entry.file.doc, entry.file.lineCounter, entry.pointer, 'key'),
        hint: 'Delete it, or use it with say: ' + key + '.',
      });
    }
  }
  return out;
}

/** A flow locale that flowc.yaml describes no voice for speaks with Vonage's defaults for that code. */
export function checkFlowLocales(file: SourceFile, doc: FlowDoc, settings: ProjectSettings): Diagnostic[] {
  if (!settings.file || Object.keys(settings.locales).length === 0) return [];
  const out: Diagnostic[] = [];
  doc.locales.forEach((locale, i) => {
    if (settings.locales[locale]) return;
    const p = `/locales/${i}`;
    out.push({
      code: 'locale/not-configured',
      severity: 'warning',
      message: `flowc.yaml has no settings for ${locale}, so its voice is Vonage's default for "${locale}".`,
      file: file.path,
      pointer: p,
      range: rangeAtPointer(file.doc, file.lineCounter, p),
      hint: `Add ${locale}: { language: ..., style: ... } under locales: in flowc.yaml.`,
    });
  });
  return out;
}

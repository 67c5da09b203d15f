/**
 * `flowc i18n add-locale L`: what a new locale needs before its translations arrive — its voice in flowc.yaml, an
 * empty catalog and an empty prompt set for every set the project has. Nothing else changes: the flows start to
 * speak L when an author adds it to their `locales:` (then the build lists every missing text, as a gate).
 */
import { findTtsLanguage, styleSupportsSsml, stylesFor } from '../validate/tts-data.js';
import { newCatalogText, newPaySetText, type PlannedFile } from './plan-writes.js';
import type { ProjectTexts } from './project-texts.js';
import { writeIntoYaml } from './write-yaml.js';

export interface AddLocaleOptions {
  language?: string;
  style?: number;
  fallback?: string;
}

export class AddLocaleError extends Error {}

export function planAddLocale(
  project: ProjectTexts,
  locale: string,
  options: AddLocaleOptions,
): { files: PlannedFile[]; settings: Record<string, unknown> } {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))
    throw new AddLocaleError(`"${locale}" is not a locale name: write it like es-MX or fr-FR.`);
  if (Object.hasOwn(project.model.settings.locales, locale)) throw new AddLocaleError(`flowc.yaml already describes ${locale}.`);
  const language = options.language !== undefined ? findTtsLanguage(options.language) : findTtsLanguage(locale);
  if (language === undefined) {
    throw new AddLocaleError(
      `${options.language ?? locale} is not a Vonage text-to-speech language: give the voice's language with --language (e.g. --language es-US).`,
    );
  }
  const styles = stylesFor(language);
  if (options.style !== undefined && styles.length > 0 && !styles.includes(options.style)) {
    throw new AddLocaleError(`${language} has no voice style ${options.style}; its styles are ${styles.join(', ')}.`);
  }
  // The first style that reads SSML, so that texts with pauses work; 0 when the table knows none.
  const style = options.style ?? styles.find((s) => styleSupportsSsml(language, s) === true) ?? styles[0] ?? 0;
  if (options.fallback !== undefined && !Object.hasOwn(project.model.settings.locales, options.fallback)) {
    throw new AddLocaleError(`The fallback ${options.fallback} is not described in flowc.yaml.`);
  }
  const settings: Record<string, unknown> = { language, style, ...(options.fallback !== undefined ? { fallback: options.fallback } : {}) };

  const files: PlannedFile[] = [];
  const project_ = project.sources.get('flowc.yaml');
  const assignments = Object.entries(settings).map(([k, v]) => ({ path: ['locales', locale, k], value: v as string | number }));
  const order = (path: readonly string[]) => (path.length === 2 ? ['language', 'style', 'premium', 'speechLanguage', 'fallback'] : []);
  files.push({
    path: 'flowc.yaml',
    ...(project_ !== undefined ? { before: project_ } : {}),
    after: writeIntoYaml(project_ ?? '{}\n', assignments, order),
  });
  const catalog = `flows/messages/${locale}.yaml`;
  if (!project.sources.has(catalog)) files.push({ path: catalog, after: newCatalogText(locale, project.sourceLocale) });
  const sets = new Set<string>();
  for (const key of project.model.paySets.keys()) {
    const dot = key.lastIndexOf('.');
    if (key.slice(dot + 1) === project.sourceLocale) sets.add(key.slice(0, dot));
  }
  for (const set of [...sets].sort()) {
    const path = `flows/pay/${set}.${locale}.yaml`;
    if (!project.sources.has(path)) files.push({ path, after: newPaySetText(set, locale) });
  }
  return { files, settings };
}

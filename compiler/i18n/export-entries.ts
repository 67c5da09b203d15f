/**
 * What a translator sees for one text in one target locale: the source, the current translation, where it is
 * spoken, its limits (length without SSML tags; whether the locale's voice reads SSML), the placeholders to keep
 * with their types, and the authors' notes. The file formats (po, xliff, csv) only lay these out.
 */
import type { ProjectSettings } from '../resolve/project-model.js';
import { styleSupportsSsml } from '../validate/tts-data.js';
import { maxTalkTextLength } from '../validate/rules/talk-text.js';
import { describePlaceholder, placeholdersOf } from './placeholders.js';
import { payContext, type TextUnit, type Usage } from './text-units.js';

export interface ExportEntry {
  id: string;
  locale: string;
  sourceLocale: string;
  label: string;
  source: string;
  /** The current translation, when there is one. */
  translation?: string;
  /** Where it is spoken, one line each. */
  context: string[];
  /** Length and SSML, one line each. */
  limits: string[];
  /** One line per placeholder to keep. */
  placeholders: string[];
  notes: string[];
  /** `file:line` of the source text and of each place it is used. */
  references: string[];
  maxLength: number;
  /** Whether the voice of the locale reads SSML (undefined: the voice table does not know). */
  ssml: boolean | undefined;
}

export interface LocaleVoice {
  language: string;
  style: number;
  premium: boolean;
}

export const voiceOf = (settings: ProjectSettings, locale: string): LocaleVoice => {
  const ls = settings.locales[locale] ?? {};
  return { language: ls.language ?? locale, style: ls.style ?? 0, premium: ls.premium === true };
};

/** Whether a locale's voice reads SSML (the Text-To-Speech guide's table, compiler/validate/tts-data.ts). */
export const ssmlAllowed = (voice: LocaleVoice): boolean | undefined =>
  voice.premium ? undefined : styleSupportsSsml(voice.language, voice.style);

function usageLine(u: Usage): string {
  const via = u.templates.length > 0 ? ` (template ${u.templates.join(' in ')})` : '';
  return `flow ${u.flow}, step "${u.step}", action ${u.position} (${u.action})${via} — ${u.file}${u.line !== undefined ? `:${u.line}` : ''}`;
}

export function contextLines(unit: TextUnit): string[] {
  const lines: string[] = [];
  if (unit.target.kind === 'pay') {
    const { type, errorType } = unit.target;
    lines.push(
      errorType === undefined
        ? `Card payment prompt ${type}: ${payContext[type]}.`
        : `Card payment error prompt ${type} / ${errorType}: ${payContext[errorType] ?? ''}.`,
    );
  }
  const seen = new Set<string>();
  for (const u of unit.usages) {
    const line = `Spoken in ${usageLine(u)}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return lines;
}

export function limitLines(voice: LocaleVoice, locale: string): string[] {
  const ssml = ssmlAllowed(voice);
  const what = `the ${locale} voice (${voice.language} style ${voice.style}${voice.premium ? ', premium' : ''})`;
  return [
    `At most ${maxTalkTextLength.toLocaleString('en-US')} characters once filled in, not counting SSML tags.`,
    ssml === true
      ? `SSML allowed: ${what} reads it. Keep <speak>…</speak> around the whole text if the source has it.`
      : ssml === false
        ? `No SSML: ${what} does not read it. Write plain text (a comma makes a short pause).`
        : `SSML: the voice table does not say whether ${what} reads it; keep the tags of the source, add none.`,
  ];
}

/** The entries of the units for one locale; with `missingOnly`, only texts that locale has no translation of. */
export function exportEntries(units: readonly TextUnit[], locale: string, settings: ProjectSettings, missingOnly: boolean): ExportEntry[] {
  const voice = voiceOf(settings, locale);
  const out: ExportEntry[] = [];
  for (const unit of units) {
    const translation = unit.translations.get(locale);
    if (missingOnly && translation !== undefined) continue;
    const seen = new Set<string>();
    const placeholders: string[] = [];
    for (const p of placeholdersOf(unit.source)) {
      if (seen.has(p.normalized)) continue;
      seen.add(p.normalized);
      placeholders.push(describePlaceholder(p, unit.scope));
    }
    const references = [
      `${unit.sourceFile}${unit.sourceLine !== undefined ? `:${unit.sourceLine}` : ''}`,
      ...unit.usages.map((u) => `${u.file}${u.line !== undefined ? `:${u.line}` : ''}`),
    ];
    out.push({
      id: unit.id,
      locale,
      sourceLocale: unit.sourceLocale,
      label: unit.label,
      source: unit.source,
      ...(translation !== undefined ? { translation } : {}),
      context: contextLines(unit),
      limits: limitLines(voice, locale),
      placeholders,
      notes: unit.notes,
      references: [...new Set(references)],
      maxLength: maxTalkTextLength,
      ssml: ssmlAllowed(voice),
    });
  }
  return out;
}

/** All of an entry's explanations as lines, for formats that have one comment field. */
export function explanationLines(e: ExportEntry): string[] {
  return [
    ...e.context,
    ...e.limits,
    ...(e.placeholders.length > 0 ? ['Keep these placeholders (they may move):', ...e.placeholders.map((p) => `  ${p}`)] : []),
    ...e.notes.map((n) => `Note: ${n}`),
  ];
}

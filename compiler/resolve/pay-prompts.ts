/**
 * Localized pay prompt sets: flows/pay/<set>.<locale>.yaml → the NCCO `prompts` array
 * (NCCO reference, pay: "Prompts" and "Error Prompts").
 */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import { payErrorTypes, payPromptTypes, type PayPromptType } from '../check/schemas/catalog-schemas.js';

export interface PayPromptSetValue {
  partial?: boolean;
  CardNumber?: PromptValue;
  ExpirationDate?: PromptValue;
  SecurityCode?: PromptValue;
}
interface PromptValue {
  text: string;
  errors?: Record<string, string | { text: string }>;
}

export interface PromptText {
  /** Pointer into the NCCO prompts array, e.g. /0/errors/Timeout/text */
  nccoPath: string;
  filePointer: string;
  text: string;
}

/** The NCCO prompts of a set (texts still unrendered) and where each text came from. */
export function paySetToPrompts(file: SourceFile): { prompts: Record<string, unknown>[]; texts: PromptText[] } {
  const value = file.value as PayPromptSetValue;
  const prompts: Record<string, unknown>[] = [];
  const texts: PromptText[] = [];
  for (const type of payPromptTypes) {
    const prompt = value[type];
    if (!prompt) continue;
    const i = prompts.length;
    const errors: Record<string, { text: string }> = {};
    texts.push({ nccoPath: `/${i}/text`, filePointer: `/${type}/text`, text: prompt.text });
    for (const errorType of payErrorTypes[type]) {
      const e = prompt.errors?.[errorType];
      if (e === undefined) continue;
      const text = typeof e === 'string' ? e : e.text;
      errors[errorType] = { text };
      texts.push({
        nccoPath: `/${i}/errors/${errorType}/text`,
        filePointer: typeof e === 'string' ? `/${type}/errors/${errorType}` : `/${type}/errors/${errorType}/text`,
        text,
      });
    }
    prompts.push({ type, text: prompt.text, errors });
  }
  return { prompts, texts };
}

/** What a set lacks: a whole prompt type, or one error text of a prompt type (whatever `partial` says). */
export type PaySetGap = { type: PayPromptType; errorType?: string };

export function paySetGaps(file: SourceFile): PaySetGap[] {
  const value = file.value as PayPromptSetValue;
  const gaps: PaySetGap[] = [];
  for (const type of payPromptTypes) {
    const prompt = value[type];
    if (!prompt) {
      gaps.push({ type });
      continue;
    }
    for (const errorType of payErrorTypes[type]) if (prompt.errors?.[errorType] === undefined) gaps.push({ type, errorType });
  }
  return gaps;
}

/** A set must hold every prompt type and every error type of each, unless it says `partial: true`. */
export function checkPaySetComplete(file: SourceFile, related: RelatedLocation[] = []): Diagnostic[] {
  const value = file.value as PayPromptSetValue;
  if (value.partial) return [];
  const out: Diagnostic[] = [];
  const range = (p: string) => rangeAtPointer(file.doc, file.lineCounter, p, 'key');
  for (const { type, errorType } of paySetGaps(file)) {
    if (errorType === undefined) {
      out.push({
        code: 'pay/incomplete-set',
        severity: 'error',
        message: `This pay prompt set has no ${type} prompt, so callers would hear Vonage's English default.`,
        file: file.path,
        pointer: `/${type}`,
        range: rangeAtPointer(file.doc, file.lineCounter, ''),
        hint: `Add ${type}: { text: ..., errors: { ${payErrorTypes[type].join(': ..., ')}: ... } }, or mark the set "partial: true".`,
        ...(related.length ? { related } : {}),
      });
      continue;
    }
    const prompt = value[type]!;
    out.push({
      code: 'pay/incomplete-set',
      severity: 'error',
      message: `The ${type} prompt has no text for the error "${errorType}".`,
      file: file.path,
      pointer: `/${type}/errors/${errorType}`,
      range: range(prompt.errors ? `/${type}/errors` : `/${type}`),
      hint: `Add ${errorType}: <text> under ${type} → errors, or mark the set "partial: true".`,
      ...(related.length ? { related } : {}),
    });
  }
  return out;
}

/**
 * `partial: true` lets Vonage speak its own prompts for what a set lacks, and those are English only (Payments
 * over the Phone guide): in a locale that is not English, a caller would hear English for the missing prompts.
 */
export function checkPartialSetLanguage(file: SourceFile, locale: string, language: string, related: RelatedLocation[]): Diagnostic[] {
  const value = file.value as PayPromptSetValue;
  if (!value.partial) return [];
  const gaps = paySetGaps(file);
  if (gaps.length === 0) return [];
  const missing = gaps.map((g) => (g.errorType === undefined ? g.type : `${g.type} → ${g.errorType}`));
  return [
    {
      code: 'pay/partial-set-not-english',
      severity: 'error',
      message: `This prompt set is partial and lacks ${missing.join(', ')}; Vonage's own prompts are English only, so a caller in ${locale} would hear English there.`,
      file: file.path,
      pointer: '/partial',
      range: rangeAtPointer(file.doc, file.lineCounter, '/partial', 'key'),
      hint: `Write the missing prompts in ${language} and remove "partial: true".`,
      ...(related.length ? { related } : {}),
    },
  ];
}

/** The locales a locale may borrow from, in order: itself, then its declared fallbacks (flowc.yaml). */
import type { ProjectSettings } from './project-model.js';

export function localeChain(settings: ProjectSettings, locale: string): string[] {
  const chain = [locale];
  let next = settings.locales[locale]?.fallback;
  while (next !== undefined && !chain.includes(next)) {
    chain.push(next);
    next = settings.locales[next]?.fallback;
  }
  return chain;
}

/** Vonage's built-in pay prompts are English only (Payments over the Phone guide). */
export const isEnglish = (language: string): boolean => /^en(-|$)/i.test(language);

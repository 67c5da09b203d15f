/** The locales a locale may borrow from, in order: itself, then its declared fallbacks (flowc.yaml). */
import type { ProjectSettings } from './project-model.js';

/** Per settings object (a build's; never changed once read): every say: and text asks for its locale's chain. */
const chains = new WeakMap<ProjectSettings, Map<string, readonly string[]>>();

export function localeChain(settings: ProjectSettings, locale: string): readonly string[] {
  let known = chains.get(settings);
  if (known === undefined) chains.set(settings, (known = new Map()));
  let chain = known.get(locale);
  if (chain === undefined) known.set(locale, (chain = chainOf(settings, locale)));
  return chain;
}

function chainOf(settings: ProjectSettings, locale: string): string[] {
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

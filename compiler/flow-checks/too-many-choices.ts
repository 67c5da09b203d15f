/**
 * Lint `ivr/too-many-choices`: a menu offers at most five choices. Callers must hold the options in memory while
 * they listen; Avaya's IVR design guidelines: "do not offer more than four or five choices in a single menu"
 * (split larger menus into groups); working memory holds about four chunks (Cowan, 2001). Counted per locale:
 * keys and words that lead somewhere, not counting a key that repeats the menu ("*" to hear it again) or one that
 * switches to the language the caller already hears (it is there for callers in the other languages).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type FlowCheckInput, findingAt, inputSteps, listWords } from './flow-view.js';

export const maxMenuChoices = 5;

export function checkTooManyChoices({ doc, resolved }: FlowCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const menu of inputSteps(resolved.expanded)) {
    const counts = new Map<string, number>();
    for (const locale of doc.locales) {
      const n = menu.choices.filter((c) => c.locale !== locale && !(c.goto === menu.step && c.locale === undefined)).length;
      if (n > maxMenuChoices) counts.set(locale, n);
    }
    if (counts.size === 0) continue;
    const most = Math.max(...counts.values());
    out.push(
      findingAt(
        {
          code: 'ivr/too-many-choices',
          severity: 'warning',
          message: `Menu "${menu.step}" offers ${most} choices (in ${listWords([...counts.keys()])}); callers remember about four or five while they listen.`,
          hint: `Keep ${maxMenuChoices} choices or fewer: group the others under a choice that leads to a second menu.`,
        },
        menu.on.file,
        menu.on.pointer,
      ),
    );
  }
  return out;
}

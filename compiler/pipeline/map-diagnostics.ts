/** Places validator findings (pointers into an NCCO) on the YAML that produced the value. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { LoweredStep } from '../lower/lower-flow.js';

export function mapNccoDiagnostic(d: Diagnostic, step: LoweredStep): Diagnostic {
  const pointer = d.pointer ?? '';
  let best: LoweredStep['mappings'][number] | undefined;
  for (const m of step.mappings) {
    const isPrefix = pointer === m.nccoPointer || pointer.startsWith(m.nccoPointer + '/');
    if (isPrefix && (!best || m.nccoPointer.length > best.nccoPointer.length)) best = m;
  }
  if (!best) {
    // A finding about the NCCO as a whole (e.g. bargeIn with no later input): the step itself.
    const range = rangeAtPointer(step.file.doc, step.file.lineCounter, step.pointer, 'key');
    return { ...d, file: step.file.path, pointer: step.pointer, ...(range ? { range } : {}) };
  }
  const filePointer = best.filePointer + pointer.slice(best.nccoPointer.length);
  const range = rangeAtPointer(best.file.doc, best.file.lineCounter, filePointer);
  return {
    ...d,
    file: best.file.path,
    pointer: filePointer,
    ...(range ? { range } : {}),
    ...(best.related.length ? { related: [...(d.related ?? []), ...best.related] } : {}),
  };
}

/** The same finding in several locales is said once, naming the locales. */
export function mergeAcrossLocales(found: { d: Diagnostic; locale: string; step: string }[]): Diagnostic[] {
  const groups = new Map<string, { d: Diagnostic; locales: string[]; steps: Set<string> }>();
  for (const { d, locale, step } of found) {
    const key = [d.code, d.file, d.pointer, d.range?.start.line, d.range?.start.col, d.message].join('\u0000');
    const g = groups.get(key);
    if (g) {
      if (!g.locales.includes(locale)) g.locales.push(locale);
      g.steps.add(step);
    } else groups.set(key, { d, locales: [locale], steps: new Set([step]) });
  }
  return [...groups.values()].map(({ d, locales, steps }) => ({
    ...d,
    message: `${d.message} (step ${[...steps].map((s) => `"${s}"`).join(', ')}, ${locales.join(', ')})`,
  }));
}

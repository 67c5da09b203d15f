/** Places validator findings (pointers into an NCCO) on the YAML that produced the value. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isScalar } from 'yaml';
import { parsePointer } from '../diagnostics/json-pointer.js';
import type { SourceFile } from '../load/source-file.js';
import { nodeAtPointer, rangeAtPointer } from '../load/source-position.js';
import { rangeInScalar } from '../resolve/scalar-offset.js';
import { checkSsml, findStrayTag } from '../validate/ssml.js';
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
  const within = placeInText(d, step.ncco);
  const range =
    within !== undefined && sourceValue(best.file, filePointer) === within.text
      ? rangeInScalar(best.file, filePointer, within.offset, within.length)
      : rangeAtPointer(best.file.doc, best.file.lineCounter, filePointer);
  return {
    ...d,
    file: best.file.path,
    pointer: filePointer,
    ...(range ? { range } : {}),
    ...(best.related.length ? { related: [...(d.related ?? []), ...best.related] } : {}),
  };
}

/**
 * Where in its text an SSML finding is (the place the message gives as "at character N"): a tag from its "<" to
 * its ">", else one character. Only for a text written as it is spoken (compared by the caller with the source).
 */
function placeInText(d: Diagnostic, ncco: unknown): { text: string; offset: number; length: number } | undefined {
  if (d.code !== 'ncco/ssml-malformed' && d.code !== 'ncco/ssml-without-speak') return undefined;
  let value: unknown = ncco;
  for (const key of parsePointer(d.pointer ?? ''))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'string') return undefined;
  const problem = d.code === 'ncco/ssml-malformed' ? checkSsml(value) : findStrayTag(value);
  if (problem === undefined) return undefined;
  const close = value[problem.offset] === '<' ? value.indexOf('>', problem.offset) : -1;
  const length = close !== -1 && close - problem.offset < 80 ? close - problem.offset + 1 : 1;
  return { text: value, offset: problem.offset, length };
}

/** The text a scalar of the source says, when the pointer names one. */
function sourceValue(file: SourceFile, pointer: string): string | undefined {
  const found = nodeAtPointer(file.doc, pointer);
  return found?.exact && isScalar(found.node) && typeof found.node.value === 'string' ? found.node.value : undefined;
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

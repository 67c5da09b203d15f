/**
 * XLIFF 1.2 (OASIS; the version most translation tools read), written and read by the `xliff` package. One
 * `<file>` per target language; each text a `<trans-unit>` whose id is the text's id, with `maxwidth` and
 * `size-unit="char"` for its length limit and `<note>`s for where it is spoken, its limits, its placeholders and the
 * authors' notes. Placeholders and SSML tags are `<ph>` elements, so translation tools protect them; on import
 * each `<ph>` (or a tag a tool wrote instead, by its id) becomes the source's text again.
 */
import { type InlineElement, jsToXliff12, xliff12ToJs, type XliffValue } from 'xliff';
import { type ExportEntry, explanationLines } from '../export-entries.js';
import { type FormatProblem, type ImportEntry, lineAt, matchLocale, type ParsedTranslations } from './import-entry.js';
import { mustacheFinder } from '../mustaches.js';

/**
 * The placeholders and tags of a text, as the global pattern /(\\*)\{\{(?:!--[\s\S]*?--|[^}]*)\}\}|<[^<>]*>/g
 * finds them (leftmost first), in linear time (that pattern is polynomial: test/adversarial/redos.test.ts).
 * `slashes` is set for a `{{…}}`, undefined for a tag.
 */
function* protectedParts(text: string): Generator<{ index: number; end: number; slashes?: string }> {
  const nextMustache = mustacheFinder(text);
  let mustache = nextMustache(0);
  let tag = nextTag(text, 0);
  for (let at = 0; mustache !== undefined || tag !== undefined; ) {
    const useTag = tag !== undefined && (mustache === undefined || tag.index < mustache.index);
    const m = useTag ? tag! : { index: mustache!.index, end: mustache!.end, slashes: mustache!.slashes };
    yield m;
    at = m.end;
    if (mustache !== undefined && mustache.index < at) mustache = nextMustache(at);
    if (tag !== undefined && tag.index < at) tag = nextTag(text, at);
  }
}

/** The next `<…>` without `<` inside, at or after `from`. */
function nextTag(text: string, from: number): { index: number; end: number } | undefined {
  for (let open = text.indexOf('<', from); open !== -1; ) {
    let j = open + 1;
    while (j < text.length && text[j] !== '<' && text[j] !== '>') j++;
    if (j < text.length && text[j] === '>') return { index: open, end: j + 1 };
    open = j < text.length ? j : -1;
  }
  return undefined;
}

/** A text as XLIFF content: plain parts, and each placeholder or SSML tag as a `<ph>`. */
export function toInline(text: string, ids: Map<string, string[]> = new Map()): XliffValue {
  const parts: (string | InlineElement)[] = [];
  const used = new Map<string, number>();
  let at = 0;
  let next = [...ids.values()].flat().length + 1;
  for (const m of protectedParts(text)) {
    if (m.slashes !== undefined && m.slashes.length % 2 === 1) continue; // \{{ is said as it is
    const start = m.index + (m.slashes?.length ?? 0);
    const code = text.slice(start, m.end);
    if (start > at) parts.push(text.slice(at, start));
    // The same code as in the source keeps the source's id.
    const known = ids.get(code) ?? [];
    const n = used.get(code) ?? 0;
    used.set(code, n + 1);
    const id = known[n] ?? `ph${next++}`;
    parts.push({ Span: { id, ctype: code.startsWith('<') ? 'x-flowc-ssml' : 'x-flowc-placeholder', contents: code } });
    at = start + code.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : parts;
}

/** The code of each `<ph>` of a source by id, and the ids of each code in order. */
function inlineIds(value: XliffValue | undefined): { byId: Map<string, string>; byCode: Map<string, string[]> } {
  const byId = new Map<string, string>();
  const byCode = new Map<string, string[]>();
  const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const p of parts) {
    if (typeof p === 'string') continue;
    const element = Object.values(p)[0];
    if (element?.id === undefined || typeof element.contents !== 'string') continue;
    byId.set(String(element.id), element.contents);
    byCode.set(element.contents, [...(byCode.get(element.contents) ?? []), String(element.id)]);
  }
  return { byId, byCode };
}

export async function writeXliff(entries: readonly ExportEntry[], options: { locale: string; sourceLocale: string }): Promise<string> {
  const units: Record<string, { source: XliffValue; target?: XliffValue; note: string[]; additionalAttributes: Record<string, string> }> =
    {};
  for (const e of entries) {
    const source = toInline(e.source);
    units[e.id] = {
      source,
      ...(e.translation !== undefined ? { target: toInline(e.translation, inlineIds(source).byCode) } : {}),
      note: explanationLines(e),
      additionalAttributes: { resname: e.label, maxwidth: String(e.maxLength), 'size-unit': 'char' },
    };
  }
  // Written without indentation (the xml-js writer would indent <ph> inside <source> too, which changes the text),
  // then one element per line where only elements may stand: between units, their parts and the notes.
  const xml = await jsToXliff12(
    { sourceLanguage: options.sourceLocale, targetLanguage: options.locale, resources: { flowc: units } },
    { indent: '' },
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${layout(xml)}\n`;
}

const depth: Readonly<Record<string, number>> = {
  '<file ': 1,
  '</file>': 1,
  '<body>': 2,
  '<body/>': 2,
  '</body>': 2,
  '<trans-unit ': 3,
  '</trans-unit>': 3,
  '<source>': 4,
  '<source/>': 4,
  '<target>': 4,
  '<target/>': 4,
  '<note>': 4,
  '</xliff>': 0,
};

/** Line breaks before the structural tags (never inside <source>, <target> or <note>, whose text they would change). */
function layout(xml: string): string {
  return xml.replace(/<\/?(?:file|body|trans-unit|source|target|note|xliff)\b[ />]?/g, (tag, offset: number) => {
    const level = depth[tag] ?? depth[`${tag.trimEnd()}`];
    if (level === undefined || offset === 0) return tag;
    // Only where the previous character ends a tag: between elements, not inside text.
    return xml[offset - 1] === '>' ? `\n${'  '.repeat(level)}${tag}` : tag;
  });
}

/** A target back to text: plain parts as they are, each inline element as the source code of its id. */
function fromInline(value: XliffValue | undefined, byId: ReadonlyMap<string, string>): { text: string; unknown: string[] } {
  if (value === undefined) return { text: '', unknown: [] };
  const parts = Array.isArray(value) ? value : [value];
  let text = '';
  const unknown: string[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    const [kind, element] = Object.entries(p)[0] ?? [];
    const id = element?.id === undefined ? undefined : String(element.id);
    const code = id !== undefined ? byId.get(id) : undefined;
    if (code !== undefined) text += code;
    else if (typeof element?.contents === 'string') text += element.contents;
    else unknown.push(`${kind ?? 'tag'}${id !== undefined ? ` ${id}` : ''}`);
  }
  return { text, unknown };
}

const xmlAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function readXliff(text: string, knownLocales: readonly string[]): Promise<ParsedTranslations> {
  let doc: Awaited<ReturnType<typeof xliff12ToJs>>;
  try {
    if (!/<xliff\b[^<>]*\bversion\s*=\s*["']1\.2["']/.test(text))
      throw new Error('it is not an XLIFF 1.2 document (<xliff version="1.2">)');
    doc = await xliff12ToJs(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(0, 2).join(' ') : String(error);
    // The parser counts lines from 0: the finding's position says the line (from 1), the message no longer does.
    const line = /Line: (\d+)/.exec(detail)?.[1];
    return {
      entries: [],
      problems: [
        {
          code: 'import/syntax',
          message: `This is not an XLIFF file flowc can read: ${(detail.indexOf(' Line: ') === -1 ? detail : detail.slice(0, detail.indexOf(' Line: '))).trimEnd()}`,
          hint: 'Export it from your translation tool as XLIFF 1.2 again.',
          ...(line !== undefined ? { line: Number(line) + 1 } : {}),
        },
      ],
    };
  }
  if (!doc.targetLanguage) {
    return {
      entries: [],
      problems: [
        {
          code: 'import/no-locale',
          message: 'This XLIFF file does not say its target language.',
          hint: 'Add target-language="es-US" to its <file>.',
          line: 1,
        },
      ],
    };
  }
  const locale = matchLocale(doc.targetLanguage, knownLocales);
  const entries: ImportEntry[] = [];
  const problems: FormatProblem[] = [];
  for (const units of Object.values(doc.resources)) {
    for (const [id, unit] of Object.entries(units)) {
      const at = text.indexOf(`id="${xmlAttribute(id)}"`);
      const where = { unit: id, ...(at !== -1 ? { line: lineAt(text, at) } : {}) };
      const { byId } = inlineIds(unit.source);
      const source = fromInline(unit.source, byId).text;
      const target = fromInline(unit.target, byId);
      if (target.unknown.length > 0) {
        problems.push({
          code: 'import/unknown-tag',
          message: `Unit "${id}": the translation holds ${target.unknown.join(', ')}, which the source does not have.`,
          hint: 'Keep only the tags (placeholders) of the source; remove the others.',
          ...where,
        });
        continue;
      }
      entries.push({ id, locale, text: target.text, source, ...where });
    }
  }
  return { entries, problems };
}

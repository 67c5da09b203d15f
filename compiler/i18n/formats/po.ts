/**
 * GNU gettext PO files (gettext-parser reads and writes them). One file per target language: `msgctxt` holds the
 * text's id, `msgid` the source text, `msgstr` the translation; `#.` comments carry where it is spoken, its limits,
 * its placeholders and the authors' notes, `#:` the files and lines. The output passes `msgfmt -c`.
 */
import { po } from 'gettext-parser';
import { type ExportEntry, explanationLines } from '../export-entries.js';
import { type FormatProblem, type ImportEntry, lineAt, matchLocale, type ParsedTranslations } from './import-entry.js';

/**
 * The translation with a line break at its start and end where the source text has one, and none where it has
 * none: `msgfmt -c` refuses an entry whose msgid and msgstr differ there (a catalog text written as a YAML `|`
 * block ends with one). Spoken the same: a voice reads no line break. An untranslated (empty) entry stays empty.
 */
export function newlinesLikeSource(source: string, translation: string): string {
  if (translation === '') return translation;
  // By index: /\n+$/ backtracks polynomially on long runs of line breaks (test/adversarial/redos.test.ts).
  let start = 0;
  let end = translation.length;
  while (start < end && translation[start] === '\n') start++;
  while (end > start && translation[end - 1] === '\n') end--;
  let out = translation.slice(start, end);
  if (out === '') return translation;
  if (source.startsWith('\n')) out = `\n${out}`;
  if (source.endsWith('\n')) out = `${out}\n`;
  return out;
}

/** gettext names a language ll_CC. */
const poLanguage = (locale: string): string => locale.replace(/-/g, '_');

export function writePo(entries: readonly ExportEntry[], options: { locale: string; sourceLocale: string; revisionDate: string }): string {
  const translations: Record<
    string,
    Record<string, { msgctxt?: string; msgid: string; msgstr: string[]; comments?: Record<string, string> }>
  > = {
    '': { '': { msgid: '', msgstr: [''] } },
  };
  for (const e of entries) {
    translations[e.id] = {
      [e.source]: {
        msgctxt: e.id,
        msgid: e.source,
        msgstr: [newlinesLikeSource(e.source, e.translation ?? '')],
        comments: { extracted: explanationLines(e).join('\n'), reference: e.references.join('\n') },
      },
    };
  }
  return po
    .compile(
      {
        charset: 'utf-8',
        headers: {
          'Project-Id-Version': 'flowc',
          'PO-Revision-Date': options.revisionDate,
          'Last-Translator': '',
          'Language-Team': poLanguage(options.locale),
          Language: poLanguage(options.locale),
          'MIME-Version': '1.0',
          'Content-Type': 'text/plain; charset=UTF-8',
          'Content-Transfer-Encoding': '8bit',
          'X-Flowc-Source-Language': options.sourceLocale,
        },
        translations,
      },
      { foldLength: 0 },
    )
    .toString('utf8')
    .concat('\n');
}

/** Lines of the `msgctxt` of each entry (read from the file; gettext-parser does not keep positions). */
function contextLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    if (!all[i]!.startsWith('msgctxt ')) continue;
    let value = '';
    for (let j = i; j < all.length; j++) {
      const m = /^(?:msgctxt )?"((?:[^"\\]|\\.)*)"\s*$/.exec(all[j]!);
      if (!m || (j > i && !all[j]!.startsWith('"'))) break;
      value += m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    }
    if (!lines.has(value)) lines.set(value, i + 1);
  }
  return lines;
}

export function readPo(text: string, knownLocales: readonly string[]): ParsedTranslations {
  const problems: FormatProblem[] = [];
  let data: ReturnType<typeof po.parse>;
  try {
    data = po.parse(text, { validation: true });
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number };
    // gettext-parser counts the line break that ends an unclosed string as the next line.
    const line = typeof e.lineNumber === 'number' ? e.lineNumber - (/End-of-line within string/.test(e.message ?? '') ? 1 : 0) : undefined;
    return {
      entries: [],
      problems: [
        {
          code: 'import/syntax',
          message: `This is not a PO file flowc can read: ${(e.message ?? String(error)).replace(/^Error parsing PO data: /, '').replace(/ at line \d+/, '')}`,
          hint: 'Save the file from your translation tool as a PO file again, or fix the line.',
          ...(line !== undefined ? { line } : {}),
        },
      ],
    };
  }
  // An empty file (or one with no header entry) parses to no headers at all.
  const headers: { Language?: string; language?: string } = data.headers ?? {};
  const language = headers.Language ?? headers.language;
  if (!language) {
    return {
      entries: [],
      problems: [
        {
          code: 'import/no-locale',
          message: 'This PO file does not say its language (no "Language:" header).',
          hint: 'Add "Language: es_US\\n" to the header entry.',
          line: 1,
        },
      ],
    };
  }
  const locale = matchLocale(language, knownLocales);
  const lines = contextLines(text);
  const entries: ImportEntry[] = [];
  for (const [context, byId] of Object.entries(data.translations)) {
    for (const [msgid, entry] of Object.entries(byId)) {
      if (context === '' && msgid === '') continue; // the header
      const line = lines.get(context) ?? lineOfMsgid(text, msgid);
      if (context === '') {
        problems.push({
          code: 'import/no-id',
          message: `This entry has no msgctxt, so flowc cannot tell which text it translates ("${msgid.slice(0, 40)}").`,
          hint: 'Keep the msgctxt line that flowc i18n export wrote above every msgid.',
          ...(line !== undefined ? { line } : {}),
        });
        continue;
      }
      // A translation marked fuzzy is not finished (msgfmt leaves it out too).
      if (/\bfuzzy\b/.test(entry.comments?.flag ?? '')) continue;
      entries.push({ id: context, locale, text: entry.msgstr[0] ?? '', source: msgid, ...(line !== undefined ? { line } : {}) });
    }
  }
  return { entries, problems };
}

function lineOfMsgid(text: string, msgid: string): number | undefined {
  const at = text.indexOf(`msgid ${JSON.stringify(msgid)}`);
  return at === -1 ? undefined : lineAt(text, at);
}

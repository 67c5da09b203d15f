/**
 * Filling in an NCCO form (program.ts, NccoForm) for one request: holes become JSON values made from
 * call data, with the helpers the project uses, call data XML-escaped inside SSML, and every ValueCheck
 * run before anything is answered. A form either renders completely or not at all.
 */
import type { DataValue, HelperName, Hole, NccoForm, TextPart, ValueCheck, ValueForm } from './program.mjs';
import { failsCheck, toCents } from './values.mjs';

/** What a helper makes of a value: spoken words (escaped inside SSML) or SSML it made on purpose. */
export type HelperOutput = { kind: 'text' | 'markup'; value: string };

/** A helper at run time: undefined when the value does not fit it (then the form does not render). */
export type RuntimeHelper = (
  value: DataValue,
  args: readonly (string | number)[],
  env: { locale: string; ssml: boolean },
) => HelperOutput | undefined;

export type Helpers = Partial<Record<HelperName, RuntimeHelper>>;

/** Why a hole could not be filled: no value, a value of the wrong kind, out of bounds, too long, or a missing helper. */
export type RenderProblem = 'missing' | 'type' | 'range' | 'length' | 'helper';

export interface RenderFailure {
  /** JSON pointer of the option in the NCCO. */
  pointer: string;
  problem: RenderProblem;
  /** The check that failed, when one did. */
  check?: ValueCheck['kind'];
  /** The call data involved (its name, never its value). */
  data?: string;
}

export interface RenderContext {
  get(name: string): DataValue | undefined;
  locale: string;
  helpers: Helpers;
}

/** A rendered NCCO: text pieces, with `null` where the sealed state goes. */
export type Rendered = (string | null)[];

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const xmlEscape = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** JSON text with every non-ASCII character as a \u escape (one-byte strings; U+2028 can never end a line). */
export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: every character above '~' is escaped
  return /[^\x00-\x7e]/.test(json) ? json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

export const PLAIN_TEXT_PAUSE = ', ';
/** What `{{pause}}` leaves in plain text (a private-use character), replaced by joinPlainPauses(). */
export const PLAIN_PAUSE_MARK = '\uE000';

/** Punctuation after which the voice already pauses (followed by closing quotes or brackets). */
const CLOSERS = `"'»”’)]`;
const PUNCTUATION = '.,;:!?…';
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/**
 * Replaces each run of pause marks (with the spaces around it) by what plain text can say: a comma and a
 * space between two words ("Hello, welcome"), a single space after punctuation ("PM. You"), nothing at the
 * start or end of the text. A plain-text pause can only be placed once the whole text is known, so the
 * build and the router both apply this to finished texts.
 */
export function joinPlainPauses(text: string): string {
  if (!text.includes(PLAIN_PAUSE_MARK)) return text;
  // Runs as /\s*\uE000(?:\s*\uE000)*\s*/gu finds them, by index: that pattern, and testing the whole text
  // before each run, were polynomial (test/adversarial/redos.test.ts).
  let firstWord = 0;
  while (firstWord < text.length && isSpace(text[firstWord])) firstWord++;
  let lastWord = text.length;
  while (lastWord > 0 && isSpace(text[lastWord - 1])) lastWord--;
  let out = '';
  let from = 0;
  for (let mark = text.indexOf(PLAIN_PAUSE_MARK); mark !== -1; mark = text.indexOf(PLAIN_PAUSE_MARK, from)) {
    let start = mark;
    while (start > from && isSpace(text[start - 1])) start--;
    let end = mark + 1;
    for (;;) {
      let k = end;
      while (k < text.length && isSpace(text[k])) k++;
      if (text[k] === PLAIN_PAUSE_MARK) end = k + 1;
      else {
        end = k;
        break;
      }
    }
    // Nothing but spaces before or after: at the start or end of the text.
    let said = '';
    if (start > firstWord && end < lastWord) {
      let k = start;
      while (k > 0 && CLOSERS.includes(text[k - 1]!)) k--;
      said = k > 0 && PUNCTUATION.includes(text[k - 1]!) ? ' ' : PLAIN_TEXT_PAUSE;
    }
    out += text.slice(from, start) + said;
    from = end;
  }
  return out + text.slice(from);
}

/** Handlebars' truthiness, which the build used for `{{#if}}`: false, 0, '' and missing are false. */
const truthy = (value: DataValue | undefined): boolean => value !== undefined && value !== false && value !== 0 && value !== '';

const asText = (value: DataValue): string => (typeof value === 'string' ? value : String(value));

/**
 * Helper outputs by helper, value, arguments, locale and SSML: the helpers are pure, and a line says the
 * same balance and due date to every caller who owes them (Intl formatting is the costly part).
 */
const memo = new Map<string, HelperOutput | undefined>();

function helped(
  name: HelperName,
  helper: RuntimeHelper,
  value: DataValue,
  args: readonly (string | number)[],
  locale: string,
  ssml: boolean,
): HelperOutput | undefined {
  const key = `${name}\u0000${locale}\u0000${ssml ? 1 : 0}\u0000${typeof value}\u0000${String(value)}\u0000${args.length === 0 ? '' : JSON.stringify(args)}`;
  if (memo.has(key)) return memo.get(key);
  const made = helper(value, args, { locale, ssml });
  if (memo.size >= 2048) memo.clear();
  memo.set(key, made);
  return made;
}

type Filled = { ok: true; value: string } | { ok: false; problem: RenderProblem; data: string | undefined };

function renderText(parts: readonly TextPart[], ssml: boolean, ctx: RenderContext): Filled {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
    } else if ('if' in part) {
      const inner = renderText(truthy(ctx.get(part.if)) ? part.then : part.else, ssml, ctx);
      if (!inner.ok) return inner;
      out += inner.value;
    } else {
      const value = ctx.get(part.data);
      if (value === undefined) return { ok: false, problem: 'missing', data: part.data };
      if (part.helper === undefined) {
        out += ssml ? xmlEscape(asText(value)) : asText(value);
        continue;
      }
      const helper = ctx.helpers[part.helper];
      if (helper === undefined) return { ok: false, problem: 'helper', data: part.data };
      const made = helped(part.helper, helper, value, part.args ?? [], ctx.locale, ssml);
      if (made === undefined) return { ok: false, problem: 'type', data: part.data };
      out += ssml && made.kind === 'text' ? xmlEscape(made.value) : made.value;
    }
  }
  return { ok: true, value: out };
}

/** The value a form makes: one piece of data as it is, or a text made of parts. */
export function formValue(
  form: ValueForm,
  ctx: RenderContext,
): { ok: true; value: DataValue } | { ok: false; problem: RenderProblem; data: string | undefined } {
  if ('data' in form) {
    const found = ctx.get(form.data);
    return found === undefined ? { ok: false, problem: 'missing', data: form.data } : { ok: true, value: found };
  }
  const text = renderText(form.text, form.ssml, ctx);
  if (!text.ok) return { ok: false, problem: text.problem, data: text.data };
  return { ok: true, value: form.ssml ? text.value : joinPlainPauses(text.value) };
}

function fillHole(hole: Hole, ctx: RenderContext): { ok: true; json: string } | { ok: false; failure: RenderFailure } {
  const made = formValue(hole.value, ctx);
  const data = 'data' in hole.value ? hole.value.data : made.ok ? undefined : made.data;
  const problem = made.ok ? (hole.check ? failsCheck(made.value, hole.check) : undefined) : made.problem;
  if (problem !== undefined) {
    const failure: RenderFailure = { pointer: hole.pointer, problem };
    if (made.ok && hole.check) failure.check = hole.check.kind;
    if (data !== undefined) failure.data = data;
    return { ok: false, failure };
  }
  const value = made.ok ? made.value : null;
  // A pay amount that passed its check has whole cents: send exactly those.
  return { ok: true, json: asciiJson(hole.check?.kind === 'pay-amount' && typeof value === 'number' ? toCents(value) : value) };
}

/** The names of the data a hole reads (its `{{…}}` and `{{#if}}` parts), in order; duplicates are harmless. */
function readsOf(form: ValueForm): string[] {
  if ('data' in form) return [form.data];
  const names: string[] = [];
  const walk = (parts: readonly TextPart[]): void => {
    for (const part of parts) {
      if (typeof part === 'string') continue;
      if ('if' in part) {
        names.push(part.if);
        walk(part.then);
        walk(part.else);
      } else names.push(part.data);
    }
  };
  walk(form.text);
  return names;
}

/** A hole's JSON by the values it reads, one Map level per value (no key text is built). */
interface FilledCache {
  reads: readonly string[];
  locale: string;
  helpers: Helpers;
  root: Map<unknown, unknown>;
  size: number;
}

/** Holes that read more values than this are filled every time. */
const MAX_CACHED_READS = 6;
/** Values kept per hole: a line says the same balance and due date to every caller who owes them. */
const MAX_CACHED_FILLS = 256;

/**
 * Filling a hole depends on its form, the values it reads, the locale and the helpers (pure functions), and
 * nothing else: the same call hears the same step again and again (a menu repeated, a counted retry), and many
 * callers the same amounts. Filled holes are kept per hole by those values; a failure is never kept.
 */
export function createHoleCache(): HoleCache {
  const caches = new WeakMap<Hole, FilledCache>();
  const fill = (hole: Hole, ctx: RenderContext): ReturnType<typeof fillHole> => {
    let cache = caches.get(hole);
    if (cache === undefined || cache.locale !== ctx.locale || cache.helpers !== ctx.helpers) {
      cache = { reads: readsOf(hole.value), locale: ctx.locale, helpers: ctx.helpers, root: new Map(), size: 0 };
      caches.set(hole, cache);
    }
    const { reads } = cache;
    if (reads.length === 0 || reads.length > MAX_CACHED_READS) return fillHole(hole, ctx);
    // Every Map entry counts, the levels on the way too (values that fail leave them behind).
    if (cache.size >= MAX_CACHED_FILLS) {
      cache.root = new Map();
      cache.size = 0;
    }
    let level = cache.root;
    const last = reads.length - 1;
    for (let i = 0; i < last; i++) {
      const value = ctx.get(reads[i]!);
      let next = level.get(value) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(value, next);
        cache.size++;
      }
      level = next;
    }
    const value = ctx.get(reads[last]!);
    // The filled result itself is kept (it is never changed): a hit makes nothing.
    const hit = level.get(value) as ReturnType<typeof fillHole> | undefined;
    if (hit !== undefined) return hit;
    const filled = fillHole(hole, ctx);
    if (filled.ok) {
      level.set(value, filled);
      cache.size++;
    }
    return filled;
  };
  return Object.assign(fill, { entries: (hole: Hole) => caches.get(hole)?.size ?? 0 });
}

export interface HoleCache {
  (hole: Hole, ctx: RenderContext): ReturnType<typeof fillHole>;
  /** Map entries kept for a hole (for tests: the cache stays bounded). */
  entries(hole: Hole): number;
}

/** Every hole filled and checked, or the first failure (nothing half-rendered is ever returned). */
export function renderForm(
  form: NccoForm,
  ctx: RenderContext,
  fill: (hole: Hole, ctx: RenderContext) => ReturnType<typeof fillHole> = fillHole,
): { ok: true; rendered: Rendered } | { ok: false; failure: RenderFailure } {
  const rendered: Rendered = new Array<string | null>(form.length);
  for (let i = 0; i < form.length; i++) {
    const part = form[i]!;
    if (typeof part === 'string') rendered[i] = part;
    else if ('state' in part) rendered[i] = null;
    else {
      const filled = fill(part, ctx);
      if (!filled.ok) return filled;
      rendered[i] = filled.json;
    }
  }
  return { ok: true, rendered };
}

/** The NCCO text, with `?s=<sealed>` (or nothing) where the state goes. */
export function joinRendered(rendered: Rendered, stateQuery: string): string {
  if (rendered.length === 1 && typeof rendered[0] === 'string') return rendered[0];
  // join() makes the answer one flat string at once; `+=` made a rope of as many pieces, which the adapter's
  // byte count and the socket's write then flattened again.
  const pieces = new Array<string>(rendered.length);
  for (let i = 0; i < rendered.length; i++) pieces[i] = rendered[i] ?? stateQuery;
  return pieces.join('');
}

/**
 * The text of a fresh render (never a shared one: its places for the state are overwritten), as a rope of its
 * pieces: a caller that knows the byte length without counting it (RawResponse.bodyBytes) lets the socket
 * flatten it once, with the HTTP head, where a joined text would be one more copy of the whole answer.
 */
export function joinOwnRendered(rendered: Rendered, stateQuery: string): string {
  let out = '';
  for (let i = 0; i < rendered.length; i++) out += rendered[i] ?? stateQuery;
  return out;
}

/** Whether every text piece of a form is ASCII (its holes are: asciiJson), so that a render's length is its byte length. */
const asciiForms = new WeakMap<NccoForm, boolean>();
export function isAsciiForm(form: NccoForm): boolean {
  let ascii = asciiForms.get(form);
  if (ascii === undefined) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: any character above DEL makes a form non-ASCII
    ascii = form.every((part) => typeof part !== 'string' || /^[\x00-\x7f]*$/.test(part));
    asciiForms.set(form, ascii);
  }
  return ascii;
}

/** Whether a form needs nothing from the call: one piece of text, or text and state holes only. */
export const isStaticForm = (form: NccoForm): boolean => form.every((part) => typeof part === 'string' || 'state' in part);

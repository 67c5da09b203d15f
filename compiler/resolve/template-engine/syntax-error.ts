/**
 * Turns what Handlebars.parse() throws into one `template/syntax` issue at the offending character.
 *
 * - Jison parse/lexical errors ("Parse error on line 1: … Expecting 'CLOSE', got 'INVALID'") are
 *   thrown as plain Errors whose message only shows a 20-character excerpt; the exact place is read
 *   from the shared lexer right after the failure (parsing is synchronous): the failing token starts
 *   at `source.length - unread input - token text`.
 * - Handlebars Exceptions (mismatched block names, invalid paths) carry lineNumber/column.
 */
import { env } from './handlebars-env.js';
import { lineStarts, offsetOf } from './source-position.js';
import type { TemplateIssue } from './types.js';

interface JisonLexerState {
  _input?: unknown;
  match?: unknown;
}

function lexerState(): JisonLexerState | undefined {
  const parser = (env as unknown as { Parser?: { lexer?: JisonLexerState } }).Parser;
  return parser?.lexer;
}

const issue = (offset: number, length: number, message: string, hint?: string): TemplateIssue =>
  hint === undefined
    ? { code: 'template/syntax', severity: 'error', message, offset, length }
    : { code: 'template/syntax', severity: 'error', message, hint, offset, length };

/** indexOf for positions that mostly grow: the last answer is reused while it still holds (linear overall). */
function forwardFinder(source: string, needle: string): (from: number) => number {
  let lastFrom = -1;
  let lastAt = -1;
  return (from) => {
    if (lastFrom !== -1 && from >= lastFrom && (lastAt === -1 || lastAt >= from)) return lastAt;
    lastFrom = from;
    lastAt = source.indexOf(needle, from);
    return lastAt;
  };
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && !/[\s}~()]/.test(c);

/**
 * The tags of a template, as the global pattern
 * /\{\{!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*([^\s}~()]+)[^}]*\}\}/g would find them
 * (comments without a sigil), in linear time: the pattern rescans to the end of the text at every
 * `{{` of an unclosed comment or of `{{#{{#{{#…` (polynomial; test/adversarial/redos.test.ts).
 */
function* templateTags(source: string): Generator<{ index: number; text: string; sigil?: string; name?: string }> {
  const commentEnd = forwardFinder(source, '--}}');
  const commentEndTilde = forwardFinder(source, '--~}}');
  const mustacheEnd = forwardFinder(source, '}}');
  const brace = forwardFinder(source, '}');
  let run = { start: -1, end: -1 };
  for (let i = source.indexOf('{{'); i !== -1; ) {
    let end = -1;
    let sigil: string | undefined;
    let name: string | undefined;
    if (source.startsWith('{{!--', i)) {
      const a = commentEnd(i + 5);
      const b = commentEndTilde(i + 5);
      const close = a === -1 ? b : b === -1 ? a : Math.min(a, b);
      if (close !== -1) end = close + (close === a ? 4 : 5);
    }
    let k = source[i + 2] === '~' ? i + 3 : i + 2;
    if (end === -1 && source[k] === '!') {
      const close = mustacheEnd(k + 1);
      if (close !== -1) end = close + 2;
    }
    if (end === -1) {
      while (isSpace(source[k])) k++;
      const s = source[k];
      if (s === '#' || s === '^' || s === '/') {
        k++;
        while (isSpace(source[k])) k++;
        if (isNameChar(source[k])) {
          if (!(k >= run.start && k < run.end)) {
            let e = k;
            while (isNameChar(source[e])) e++;
            run = { start: k, end: e };
          }
          const close = brace(run.end);
          if (close !== -1 && source[close + 1] === '}') {
            end = close + 2;
            sigil = s;
            name = source.slice(k, run.end);
          }
        }
      }
    }
    if (end === -1) {
      i = source.indexOf('{{', i + 1);
      continue;
    }
    yield { index: i, text: source.slice(i, end), ...(sigil !== undefined && name !== undefined ? { sigil, name } : {}) };
    i = source.indexOf('{{', end);
  }
}

/** The innermost {{#name}} / {{^name}} without its {{/name}}, skipping comments and \{{ escapes. */
export function unclosedBlock(source: string): { name: string; offset: number; length: number } | undefined {
  const stack: { name: string; offset: number; length: number }[] = [];
  for (const { index, text, sigil, name } of templateTags(source)) {
    if (sigil === undefined || name === undefined) continue; // a comment
    if (index > 0 && source[index - 1] === '\\' && source[index - 2] !== '\\') continue; // \{{ escape
    if (sigil === '/') {
      if (stack.at(-1)?.name === name) stack.pop();
    } else if (!name.startsWith('>') && !name.startsWith('*')) {
      stack.push({ name, offset: index, length: text.length });
    }
  }
  return stack.at(-1);
}

/** Offset of the last `{{` at or before `offset` that has no `}}` after it, if any. */
function unclosedMustache(source: string, offset: number): number | undefined {
  const open = source.lastIndexOf('{{', Math.max(offset - 1, 0));
  if (open === -1) return undefined;
  return source.indexOf('}}', open + 2) === -1 ? open : undefined;
}

/** Characters of a Handlebars name (the ID rule of its lexer, negated class). */
const ID_CHAR = /[^\s!"#%-,./;->@[-^`{-~]/;

const printable = (s: string): string => (s === '' ? 'the end of the text' : `"${s.length > 20 ? s.slice(0, 20) + '…' : s}"`);

/**
 * What /Expecting (.*), got/.exec(message)?.[1] finds — from the first "Expecting " to the last ", got"
 * on its line — by index, since that pattern retries at every "Expecting " of a long line (polynomial).
 */
function expectedTokens(message: string): string {
  for (let at = message.indexOf('Expecting '); at !== -1; at = message.indexOf('Expecting ', at + 1)) {
    let lineEnd = at;
    while (lineEnd < message.length && !'\n\r\u2028\u2029'.includes(message[lineEnd]!)) lineEnd++;
    const line = message.slice(at + 10, lineEnd);
    const got = line.lastIndexOf(', got');
    if (got !== -1) return line.slice(0, got);
    // No ", got" after this one on its line: none after a later one on the same line either.
    at = lineEnd;
  }
  return '';
}

function jisonIssue(source: string, message: string): TemplateIssue {
  const state = lexerState();
  const got = /got '([^']+)'\s*$/.exec(message)?.[1];
  const expected = expectedTokens(message);
  let offset: number;
  let tokenLength: number;
  const rest = state?._input;
  const match = state?.match;
  if (typeof rest === 'string' && typeof match === 'string' && source.endsWith(rest)) {
    offset = source.length - rest.length - match.length;
    tokenLength = match.length;
  } else {
    // Unknown lexer shape: fall back to the start of the reported line.
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? '1');
    offset = offsetOf(lineStarts(source), source.length, { line, column: 0 });
    tokenLength = 1;
  }
  offset = Math.min(Math.max(offset, 0), source.length);
  // A name is only a token when a delimiter follows it, so in `{{foo bar" }}` the lexer rejects the
  // "b": the offending character is the first one after the name.
  if (got === 'INVALID' && ID_CHAR.test(source.charAt(offset))) {
    let end = offset;
    while (end < source.length && ID_CHAR.test(source.charAt(end))) end++;
    if (end < source.length) [offset, tokenLength] = [end, 1];
  }
  const atEnd = got === 'EOF' || offset >= source.length;
  const char = source.slice(offset, offset + 1);

  if (message.startsWith('Lexical error')) {
    if (source.startsWith('{{!--', offset) || source.startsWith('{{~!--', offset)) {
      return issue(offset, 5, 'This comment is never closed.', 'End a {{!-- comment with --}}.');
    }
    return issue(offset, 1, `The text cannot be read from here: ${printable(char)} is unexpected.`);
  }
  if (atEnd && /OPEN_ENDBLOCK|INVERSE/.test(expected)) {
    const block = unclosedBlock(source);
    if (block !== undefined) {
      return issue(
        block.offset,
        block.length,
        `"${source.slice(block.offset, block.offset + block.length)}" is never closed.`,
        `Add {{/${block.name}}} where the part that depends on it ends.`,
      );
    }
    return issue(
      source.length,
      0,
      'The text ends before a {{#…}} block is closed.',
      'Close every {{#if …}} with {{/if}} and every {{#unless …}} with {{/unless}}.',
    );
  }
  if (got === 'CLOSE_UNESCAPED') {
    return issue(
      offset,
      Math.max(tokenLength, 1),
      '"}}}" closes with three braces, but "{{" opened with two.',
      'Write {{name}} with two braces on each side.',
    );
  }
  if (got === 'INVALID' && char === '}' && /'CLOSE'/.test(expected)) {
    return issue(offset, 1, 'A single "}" cannot close "{{": write "}}".', 'Every {{ needs a matching }}.');
  }
  const open = unclosedMustache(source, atEnd ? source.length : offset + 1);
  if (open !== undefined) {
    return issue(
      open,
      2,
      '"{{" is never closed with "}}".',
      'Add "}}" after the variable or helper, or write \\{{ to say the braces literally.',
    );
  }
  const emptyOpen = /\{\{~?\s*$/.exec(source.slice(0, offset));
  if (got === 'CLOSE' && /'ID'/.test(expected) && source.startsWith('}}', offset) && emptyOpen !== null) {
    return issue(
      emptyOpen.index,
      offset + 2 - emptyOpen.index,
      'Empty "{{ }}": there is no variable or helper name between the braces.',
      'Write a name, e.g. {{balance}}, or remove the braces.',
    );
  }
  if (char === '"' || char === "'") {
    return issue(
      offset,
      1,
      'A quote mark inside {{ }} is not closed or is out of place.',
      'Text inside {{ }} goes between two quote marks, e.g. {{pause "500"}}.',
    );
  }
  if (atEnd) return issue(source.length, 0, 'The text ends in the middle of a {{ }} part.');
  return issue(
    offset,
    Math.max(tokenLength, 1),
    `This {{ }} part cannot be read: ${printable(source.slice(offset, offset + Math.max(tokenLength, 1)))} is unexpected here.`,
    'Inside {{ }} write a variable name ({{balance}}) or a helper with its value ({{money balance}}).',
  );
}

interface HandlebarsExceptionLike {
  message: string;
  lineNumber?: unknown;
  column?: unknown;
  endLineNumber?: unknown;
  endColumn?: unknown;
}

function exceptionIssue(source: string, e: HandlebarsExceptionLike): TemplateIssue {
  const starts = lineStarts(source);
  const text = e.message.replace(/ - \d+:\d+$/, '');
  let offset =
    typeof e.lineNumber === 'number' && typeof e.column === 'number'
      ? offsetOf(starts, source.length, { line: e.lineNumber, column: e.column })
      : 0;
  let length =
    typeof e.endLineNumber === 'number' && typeof e.endColumn === 'number'
      ? offsetOf(starts, source.length, { line: e.endLineNumber, column: e.endColumn }) - offset
      : 1;
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(text);
  if (mismatch !== null) {
    const [, opened, closed] = mismatch as unknown as [string, string, string];
    // Handlebars points at the opener; the mistake is the closing tag, which is the last one the
    // lexer read (it had read up to `consumed` when the block was reduced).
    const rest = lexerState()?._input;
    const consumed = typeof rest === 'string' && source.endsWith(rest) ? source.length - rest.length : source.length;
    const close = new RegExp(`\\{\\{~?\\s*/\\s*${closed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*~?\\}\\}`, 'g');
    let found: RegExpExecArray | undefined;
    for (let m = close.exec(source); m !== null && m.index + m[0].length <= consumed; m = close.exec(source)) found = m;
    if (found !== undefined) [offset, length] = [found.index, found[0].length];
    return issue(offset, Math.max(length, 1), `The block {{#${opened}}} is closed with {{/${closed}}}.`, `Close it with {{/${opened}}}.`);
  }
  const invalidPath = /^Invalid path: (.*)$/.exec(text);
  if (invalidPath !== null) {
    return issue(
      offset,
      Math.max(length, 1),
      `"${invalidPath[1]}" is not a valid variable name.`,
      'Write the variable as name or name.part, without "this" or ".." in the middle.',
    );
  }
  return issue(offset, Math.max(length, 1), `This {{ }} part cannot be read: ${text}.`);
}

export function syntaxIssue(source: string, error: unknown): TemplateIssue {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as HandlebarsExceptionLike;
    const message = typeof e.message === 'string' ? e.message : '';
    if (/^(Parse|Lexical) error on line/.test(message)) return jisonIssue(source, message);
    return exceptionIssue(source, { ...e, message });
  }
  return issue(0, source.length, 'This text cannot be read as a template.');
}

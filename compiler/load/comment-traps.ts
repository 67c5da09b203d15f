/**
 * The YAML traps of prompt text: a ` #` that turned the rest of a text into a comment, a value that starts
 * with `{{` and was read as a map, and a number written with a leading zero. Whether a `#` cut a value short
 * is decided by what the key is (a text a caller hears, or any other value) and by the shape of what follows.
 */
import { isMap, isPair, isScalar, isSeq, visit, type LineCounter, type Node, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceKind } from './source-file.js';
import { rangeOfNode, rangeOfOffsets } from './source-position.js';

/** Load findings after which the document is still complete and usable by later stages. */
export const documentStillUsable: ReadonlySet<string> = new Set(['yaml/comment-in-text']);

type Segment = string | number;

/** The options of an action, after the action's key: `talk` → `text`, `pay` → inline prompts. */
function isActionText(action: Segment | undefined, rest: readonly Segment[]): boolean {
  if (action === 'talk') return rest[0] === 'text' && rest.length <= 2;
  if (action === 'pay' && rest[0] === 'prompts' && typeof rest[1] === 'number') {
    const tail = rest.slice(2);
    return (tail.length === 1 && tail[0] === 'text') || (tail.length === 3 && tail[0] === 'errors' && tail[2] === 'text');
  }
  return false;
}

/**
 * True where the value at `path` is text a caller hears: every value of a message catalog, a pay
 * prompt set's texts and error texts, a talk's text (also per locale) and inline pay prompts, in
 * flows and templates alike.
 */
export function isSpokenTextPath(kind: SourceKind, path: readonly Segment[]): boolean {
  switch (kind) {
    case 'messages':
      return path.length > 0;
    case 'pay-set':
      return (
        (path.length === 2 && path[1] === 'text') ||
        (path.length === 3 && path[1] === 'errors') ||
        (path.length === 4 && path[1] === 'errors' && path[3] === 'text')
      );
    case 'flow':
      return path[0] === 'steps' && typeof path[2] === 'number' && isActionText(path[3], path.slice(4));
    case 'template':
      return path[0] === 'actions' && typeof path[1] === 'number' && isActionText(path[2], path.slice(3));
    default:
      return false;
  }
}

/** Map keys and sequence indexes from the document root down to `node`. */
function pathOf(ancestors: readonly unknown[], node: unknown): Segment[] {
  const out: Segment[] = [];
  ancestors.forEach((a, i) => {
    const child = ancestors[i + 1] ?? node;
    if (isPair(a) && isScalar(a.key)) out.push(String(a.key.value));
    else if (isSeq(a)) out.push(a.items.indexOf(child as never));
  });
  return out;
}

const lineEnd = (text: string, from: number): number => {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
};

/**
 * A text followed by ` #…` on its line was cut there, unless what follows reads as a note about a
 * finished sentence: the text ends with a full stop (or ! ? …) and a space follows the `#`.
 */
const textWasCut = (value: string, afterHash: string): boolean => /^\S/.test(afterHash) || !/[.!?…:;)"'»」。]$/.test(value.trimEnd());

export interface TrapFindings {
  diagnostics: Diagnostic[];
  /**
   * The first line of a `#` trap inside `{ … }` or `[ … ]`: the comment also swallowed the closing
   * bracket, so the parser's complaints from there on are that trap's consequences.
   */
  flowCutLine?: number;
}

/** The text of a flow collection item up to the next comma or closing bracket, without trailing space. */
const upToFlowEnd = (rest: string): string => {
  const end = rest.search(/[,}\]]/);
  return end === -1 ? rest : rest.slice(0, end).trimEnd();
};

export function commentTrapDiagnostics(file: string, kind: SourceKind, text: string, lc: LineCounter, contents: Node | null): TrapFindings {
  const out: Diagnostic[] = [];
  let flowCutLine: number | undefined;
  if (!contents) return { diagnostics: out };
  // `014155550100: en-US` → the key 14155550100; `maxDigits: 012` → 12 (YAML 1.1 tools read 10).
  const leadingZero = (isKey: boolean, node: Scalar): void => {
    if (node.type !== 'PLAIN' || typeof node.value !== 'number' || !node.range) return;
    const written = text.slice(node.range[0], node.range[1]);
    if (!/^[-+]?0[0-9]/.test(written)) return;
    out.push({
      code: 'yaml/leading-zero',
      severity: 'warning',
      message: `${written} is read as the number ${node.value}${isKey ? ' (the key loses its leading zero)' : ''}${/^[-+]?0[0-7]+$/.test(written) ? '; tools that follow YAML 1.1 read it as an octal number' : ''}.`,
      file,
      range: rangeOfNode(lc, node),
      hint: `Write "${written}" in quotes to keep it as written, or ${String(node.value)} without the zero.`,
    });
  };
  visit(contents, {
    Pair(_key, pair, ancestors) {
      // `text: # to finish` → the whole text became a comment and the value is empty.
      const value = pair.value as Node | null;
      const empty = value === null || (isScalar(value) && value.value === null && (value.range?.[0] ?? 0) === (value.range?.[1] ?? 0));
      if (!empty || !isScalar(pair.key) || !pair.key.range) return;
      const path = [...pathOf(ancestors, pair), String(pair.key.value)];
      if (!isSpokenTextPath(kind, path)) return;
      const afterKey = pair.key.range[1];
      const rest = text.slice(afterKey, lineEnd(text, afterKey)).replace(/\r$/, '');
      const m = /^[ \t]*:[ \t]+#/.exec(rest);
      if (!m) return;
      const hashAt = afterKey + m[0].length - 1;
      const comment = rest.slice(m[0].length - 1).trim();
      out.push({
        code: 'yaml/comment-in-text',
        severity: 'error',
        message: 'Everything from "#" on became a comment, so this text is empty.',
        file,
        range: rangeOfOffsets(lc, hashAt, afterKey + rest.length),
        hint: `Put quotes around the whole text: "${comment}".`,
      });
    },
    Scalar(key, node, ancestors) {
      leadingZero(key === 'key', node);
      // `text: Press #1 to pay` → the value is "Press" and "#1 to pay" became a comment.
      if (node.type !== 'PLAIN' || !node.range || typeof node.value !== 'string') return;
      const end = node.range[1];
      const rest = text.slice(end, lineEnd(text, end)).replace(/\r$/, '');
      const m = /^[ \t]+#/.exec(rest);
      if (!m) return;
      const afterHash = rest.slice(m[0].length);
      const spoken = isSpokenTextPath(kind, pathOf(ancestors, node));
      // Outside texts, only `#` glued to a word (`#1`) looks like part of the value; `# note` is a comment.
      if (spoken ? !textWasCut(node.value, afterHash) : !/^\S/.test(afterHash)) return;
      // Inside { ... } or [ ... ] the text ends at the next comma or closing bracket.
      const inFlow = ancestors.some((p) => (isMap(p) || isSeq(p)) && p.flow === true);
      const hashAt = end + m[0].length - 1;
      const whole = `${node.value}${inFlow ? upToFlowEnd(rest) : rest}`.replace(/"/g, '\\"');
      const range = rangeOfOffsets(lc, hashAt, end + rest.length);
      if (inFlow) flowCutLine = Math.min(flowCutLine ?? range.start.line, range.start.line);
      out.push({
        code: spoken ? 'yaml/comment-in-text' : 'yaml/comment-in-value',
        severity: spoken ? 'error' : 'warning',
        message: spoken
          ? `Everything from "#" on became a comment, so the caller would hear only "${node.value}".`
          : `Everything from "#" on became a comment, so the value is only "${node.value}".`,
        file,
        range,
        hint: `Put quotes around the whole text: "${whole}"${inFlow ? ' (the comment also hid the closing bracket of this line)' : ''}.`,
      });
    },
    Map(_key, node, path) {
      // `text: {{company}}` → parsed as a map inside a map, not as a template.
      if (node.flow && node.range && text.startsWith('{{', node.range[0])) {
        // The whole text to quote: to the end of its line (`greeting: {{company}} billing, thanks`), or the map
        // alone inside brackets, where the line goes on past the value.
        const inFlow = path.some((p) => (isMap(p) || isSeq(p)) && p.flow === true);
        const lineEnd = text.slice(node.range[0]).search(/\r?\n|$/);
        const value = inFlow ? text.slice(node.range[0], node.range[1]) : text.slice(node.range[0], node.range[0] + lineEnd).trimEnd();
        out.push({
          code: 'yaml/unquoted-template',
          severity: 'error',
          message: 'A value that starts with "{{" must be quoted, otherwise YAML reads it as a map.',
          file,
          range: rangeOfNode(lc, node),
          hint: `Put quotes around it: "${value.replace(/"/g, '\\"')}".`,
        });
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return { diagnostics: out, ...(flowCutLine !== undefined ? { flowCutLine } : {}) };
}

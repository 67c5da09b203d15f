/**
 * The condition language of `decide:` (docs/format.md, "Decisions"), parsed by hand so that every
 * problem has the exact place of the word it concerns:
 *
 *   condition  := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' condition ')' | test
 *   test       := name op literal                      op: = != < <= > >=
 *              |  name 'is' ['not'] 'set'
 *              |  name 'is' ['not'] ('open' | 'closed')  (opening hours)
 *              |  name 'is' ['not'] 'one' 'of' '[' literal (',' literal)* ']'
 *              |  name 'is' ['not'] literal
 *   literal    := a word (42.50, 2026-12-15, 18:30, gas, true) or "quoted text"
 */

export interface Span {
  offset: number;
  length: number;
}
export interface Word extends Span {
  text: string;
  /** Written in quotes ("…" or '…'). */
  quoted: boolean;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type ConditionAst =
  | ({ kind: 'and' | 'or'; parts: ConditionAst[] } & Span)
  | ({ kind: 'not'; of: ConditionAst } & Span)
  | ({ kind: 'set'; name: Word; negated: boolean } & Span)
  | ({ kind: 'hours'; name: Word; open: boolean; word: Word } & Span)
  | ({ kind: 'compare'; name: Word; op: CompareOp; value: Word } & Span)
  | ({ kind: 'in'; name: Word; negated: boolean; values: Word[] } & Span);

export interface ConditionSyntaxError extends Span {
  message: string;
  hint: string;
}

type Token = Word & { kind: 'word' | 'string' | 'op' | 'punct' | 'end' };

const OPS = ['!=', '<=', '>=', '=', '<', '>'] as const;
const PUNCT = new Set(['[', ']', '(', ')', ',']);
const KEYWORDS = new Set(['and', 'or', 'not', 'is']);

function tokenize(source: string): Token[] | ConditionSyntaxError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) {
        return { offset: i, length: source.length - i, message: 'This quoted text has no closing quote.', hint: `End it with ${c}.` };
      }
      tokens.push({ kind: 'string', text: source.slice(i + 1, end), quoted: true, offset: i, length: end + 1 - i });
      i = end + 1;
      continue;
    }
    // `==` (and `===`) as in programming languages: equality here is one "=".
    if (source.startsWith('==', i)) {
      const length = source.startsWith('===', i) ? 3 : 2;
      return {
        offset: i,
        length,
        message: `"${source.slice(i, i + length)}" is not a comparison here: equal is one "=".`,
        hint: 'Write one =, e.g. balance = 0 (or balance is 0).',
      };
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, quoted: false, offset: i, length: op.length });
      i += op.length;
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, quoted: false, offset: i, length: 1 });
      i++;
      continue;
    }
    if (c === '!') {
      return { offset: i, length: 1, message: '"!" alone is not a comparison.', hint: 'Write != for "is not equal", or the word not.' };
    }
    let j = i;
    while (j < source.length && !/[\s"'[\](),=<>!]/.test(source[j]!)) j++;
    tokens.push({ kind: 'word', text: source.slice(i, j), quoted: false, offset: i, length: j - i });
    i = j;
  }
  tokens.push({ kind: 'end', text: '', quoted: false, offset: source.length, length: 0 });
  return tokens;
}

const isWord = (t: Token, text: string): boolean => t.kind === 'word' && t.text.toLowerCase() === text;

/** Deeper nesting of parentheses and `not` than any decision needs (and than the parser's stack should take). */
export const maxConditionDepth = 32;
/** Longer than any condition a person writes. */
export const maxConditionLength = 2000;

export function parseCondition(source: string): { ast?: ConditionAst; error?: ConditionSyntaxError } {
  if (source.length > maxConditionLength) {
    return {
      error: {
        offset: 0,
        length: source.length,
        message: `This condition is ${source.length.toLocaleString('en-US')} characters long, more than the ${maxConditionLength.toLocaleString('en-US')} a condition may have.`,
        hint: 'Split the decision into steps, or give the test a name of its own (e.g. data set by a lookup).',
      },
    };
  }
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return { error: tokens };
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  class Stop extends Error {
    constructor(readonly problem: ConditionSyntaxError) {
      super(problem.message);
    }
  }
  const fail = (t: Token, message: string, hint: string): never => {
    throw new Stop({ offset: t.offset, length: Math.max(t.length, 1), message, hint });
  };
  const describe = (t: Token): string =>
    t.kind === 'end' ? 'the end of the condition' : `"${t.kind === 'string' ? source.slice(t.offset, t.offset + t.length) : t.text}"`;
  const span = (start: number): Span => {
    const last = tokens[at - 1]!;
    return { offset: start, length: last.offset + last.length - start };
  };

  const literal = (): Word => {
    const t = next();
    if (t.kind === 'string') return { text: t.text, quoted: true, offset: t.offset, length: t.length };
    if (t.kind === 'word' && !KEYWORDS.has(t.text.toLowerCase()))
      return { text: t.text, quoted: false, offset: t.offset, length: t.length };
    return fail(
      t,
      `A value is missing before ${describe(t)}.`,
      'Write the value to compare with, e.g. balance = 0, service is gas, dueDate < 2026-12-15.',
    );
  };

  const name = (): Word => {
    const t = next();
    if (t.kind === 'word' && !KEYWORDS.has(t.text.toLowerCase()) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.text)) {
      return { text: t.text, quoted: false, offset: t.offset, length: t.length };
    }
    if (t.kind === 'end') return fail(t, 'The condition ends too early.', 'Write a test after "and", "or" or "not", e.g. balance = 0.');
    return fail(
      t,
      `${describe(t)} is not the name of call data or opening hours.`,
      'A test starts with a name, e.g. balance = 0, service is gas, office is open, name is set.',
    );
  };

  const test = (): ConditionAst => {
    const start = peek().offset;
    const n = name();
    const t = peek();
    if (t.kind === 'op') {
      next();
      const value = literal();
      return { kind: 'compare', name: n, op: t.text as CompareOp, value, ...span(start) };
    }
    if (!isWord(t, 'is')) {
      return fail(
        t,
        `After "${n.text}", a comparison is missing.`,
        'Write e.g. = 0, != 0, < 100, is gas, is one of [gas, water], is set, is open.',
      );
    }
    next();
    let negated = false;
    if (isWord(peek(), 'not')) {
      next();
      negated = true;
    }
    const w = peek();
    if (isWord(w, 'set')) {
      next();
      return { kind: 'set', name: n, negated, ...span(start) };
    }
    if (isWord(w, 'open') || isWord(w, 'closed')) {
      next();
      const open = isWord(w, 'open') !== negated;
      return { kind: 'hours', name: n, open, word: { text: w.text, quoted: false, offset: w.offset, length: w.length }, ...span(start) };
    }
    if (isWord(w, 'one')) {
      next();
      const of = next();
      if (!isWord(of, 'of')) return fail(of, `"one" should be followed by "of".`, 'Write: is one of [gas, electricity].');
      const open = next();
      if (open.text !== '[') return fail(open, 'The values of "one of" go in square brackets.', 'Write: is one of [gas, electricity].');
      const values: Word[] = [literal()];
      while (peek().text === ',' && peek().kind === 'punct') {
        next();
        values.push(literal());
      }
      const close = next();
      if (close.text !== ']' || close.kind !== 'punct')
        return fail(close, `Expected "," or "]" here, not ${describe(close)}.`, 'Separate the values with commas and end the list with ].');
      return { kind: 'in', name: n, negated, values, ...span(start) };
    }
    const value = literal();
    return { kind: 'compare', name: n, op: negated ? '!=' : '=', value, ...span(start) };
  };

  let depth = 0;
  const unary = (): ConditionAst => {
    const t = peek();
    if (++depth > maxConditionDepth) {
      fail(
        t,
        `This condition nests parentheses or "not" more than ${maxConditionDepth} levels deep.`,
        'Write it more simply, or split the decision into steps.',
      );
    }
    try {
      return unaryInner(t);
    } finally {
      depth--;
    }
  };
  const unaryInner = (t: Token): ConditionAst => {
    if (isWord(t, 'not')) {
      next();
      const of = unary();
      return { kind: 'not', of, ...span(t.offset) };
    }
    if (t.kind === 'punct' && t.text === '(') {
      next();
      const inner = or();
      const close = next();
      if (close.kind !== 'punct' || close.text !== ')')
        return fail(close, `Expected ")" here, not ${describe(close)}.`, 'Close every ( with a ).');
      return inner;
    }
    return test();
  };

  const chain = (kind: 'and' | 'or', part: () => ConditionAst): ConditionAst => {
    const start = peek().offset;
    const parts = [part()];
    while (isWord(peek(), kind)) {
      next();
      parts.push(part());
    }
    return parts.length === 1 ? parts[0]! : { kind, parts, ...span(start) };
  };
  const and = (): ConditionAst => chain('and', unary);
  const or = (): ConditionAst => chain('or', and);

  try {
    if (peek().kind === 'end')
      return { error: { offset: 0, length: 1, message: 'The condition is empty.', hint: 'Write a test, e.g. balance = 0.' } };
    const ast = or();
    const rest = peek();
    if (rest.kind !== 'end') {
      fail(rest, `${describe(rest)} does not belong here.`, 'Join tests with "and" or "or", e.g. service is gas and office is open.');
    }
    return { ast };
  } catch (e) {
    if (e instanceof Stop) return { error: e.problem };
    throw e;
  }
}

/** Names the condition is sure are set when it holds (T) and when it does not (F); see docs/format.md. */
export function setWhen(c: ConditionAst): { whenTrue: Set<string>; whenFalse: Set<string> } {
  switch (c.kind) {
    case 'set':
      return c.negated
        ? { whenTrue: new Set(), whenFalse: new Set([c.name.text]) }
        : { whenTrue: new Set([c.name.text]), whenFalse: new Set() };
    case 'compare':
    case 'in':
      // A test of missing data is false.
      return { whenTrue: new Set([c.name.text]), whenFalse: new Set() };
    case 'hours':
      return { whenTrue: new Set(), whenFalse: new Set() };
    case 'not': {
      const inner = setWhen(c.of);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case 'and': {
      // true: every part true; false: some part false after the ones before it were true.
      let whenTrue = new Set<string>();
      let whenFalse: Set<string> | undefined;
      for (const p of c.parts) {
        const s = setWhen(p);
        const falseHere = union(whenTrue, s.whenFalse);
        whenFalse = whenFalse === undefined ? falseHere : intersect(whenFalse, falseHere);
        whenTrue = union(whenTrue, s.whenTrue);
      }
      return { whenTrue, whenFalse: whenFalse ?? new Set() };
    }
    case 'or': {
      let whenFalse = new Set<string>();
      let whenTrue: Set<string> | undefined;
      for (const p of c.parts) {
        const s = setWhen(p);
        const trueHere = union(whenFalse, s.whenTrue);
        whenTrue = whenTrue === undefined ? trueHere : intersect(whenTrue, trueHere);
        whenFalse = union(whenFalse, s.whenFalse);
      }
      return { whenTrue: whenTrue ?? new Set(), whenFalse };
    }
  }
}

export const union = (a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> => new Set([...a, ...b]);
export const intersect = (a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> => new Set([...a].filter((x) => b.has(x)));

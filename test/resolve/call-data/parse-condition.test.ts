/** The condition language of decide: parsed by hand, errors at the exact word, what a condition says is set. */
import { describe, expect, it } from 'vitest';
import { parseCondition, setWhen } from '../../../compiler/resolve/decide/parse-condition.js';

/** A compact form of a parsed condition, for tables. */
function show(source: string): string {
  const { ast, error } = parseCondition(source);
  if (error) return `error@${error.offset}+${error.length}: ${error.message}`;
  const walk = (c: NonNullable<typeof ast>): string => {
    switch (c.kind) {
      case 'and':
      case 'or':
        return `(${c.parts.map(walk).join(` ${c.kind} `)})`;
      case 'not':
        return `not ${walk(c.of)}`;
      case 'set':
        return `${c.name.text} ${c.negated ? 'unset' : 'set'}`;
      case 'hours':
        return `${c.name.text} ${c.open ? 'open' : 'closed'}`;
      case 'compare':
        return `${c.name.text} ${c.op} ${c.value.quoted ? JSON.stringify(c.value.text) : c.value.text}`;
      case 'in':
        return `${c.name.text} ${c.negated ? 'not in' : 'in'} [${c.values.map((v) => v.text).join(',')}]`;
    }
  };
  return walk(ast!);
}

describe('parseCondition', () => {
  it.each([
    ['balance = 0', 'balance = 0'],
    ['balance != 0', 'balance != 0'],
    ['balance <= 42.50', 'balance <= 42.50'],
    ['dueDate < 2026-12-15', 'dueDate < 2026-12-15'],
    ['callbackAt >= 18:30', 'callbackAt >= 18:30'],
    ['service is gas', 'service = gas'],
    ['service is not gas', 'service != gas'],
    ['name is "Ann Lee"', 'name = "Ann Lee"'],
    ['name is set', 'name set'],
    ['name is not set', 'name unset'],
    ['office is open', 'office open'],
    ['office is not open', 'office closed'],
    ['office is closed', 'office closed'],
    ['service is one of [gas, electricity]', 'service in [gas,electricity]'],
    ['service is not one of [gas]', 'service not in [gas]'],
    ['paperless is true', 'paperless = true'],
    ['a = 1 and b = 2 or c = 3', '((a = 1 and b = 2) or c = 3)'],
    ['a = 1 and (b = 2 or c = 3)', '(a = 1 and (b = 2 or c = 3))'],
    ['not a is set and b = 1', '(not a set and b = 1)'],
  ])('%s', (source, expected) => {
    expect(show(source)).toBe(expected);
  });

  it.each([
    ['', 'error@0+1: The condition is empty.'],
    ['balance =', 'error@9+1: A value is missing before the end of the condition.'],
    ['balance > and x = 1', 'error@10+3: A value is missing before "and".'],
    ['balance 0', 'error@8+1: After "balance", a comparison is missing.'],
    ['= 0', 'error@0+1: "=" is not the name of call data or opening hours.'],
    ['a = 1 b = 2', 'error@6+1: "b" does not belong here.'],
    ['service is one [gas]', 'error@15+1: "one" should be followed by "of".'],
    ['service is one of gas', 'error@18+3: The values of "one of" go in square brackets.'],
    ['service is one of [gas electricity]', 'error@23+11: Expected "," or "]" here, not "electricity".'],
    ['(a = 1', 'error@6+1: Expected ")" here, not the end of the condition.'],
    ['name is "Ann', 'error@8+4: This quoted text has no closing quote.'],
    ['a ! 1', 'error@2+1: "!" alone is not a comparison.'],
    ['balance == 0', 'error@8+2: "==" is not a comparison here: equal is one "=".'],
    ['balance === 0', 'error@8+3: "===" is not a comparison here: equal is one "=".'],
    ['office is open or', 'error@17+1: The condition ends too early.'],
    [`${'('.repeat(40)}a = 1${')'.repeat(40)}`, 'error@32+1: This condition nests parentheses or "not" more than 32 levels deep.'],
    [`${'not '.repeat(40)}a is set`, 'error@128+3: This condition nests parentheses or "not" more than 32 levels deep.'],
    [`a = "${'x'.repeat(2000)}"`, 'error@0+2006: This condition is 2,006 characters long, more than the 2,000 a condition may have.'],
  ])('%s is an error at the word', (source, expected) => {
    expect(show(source)).toBe(expected);
  });

  it('"==" inside quoted text is text', () => {
    expect(parseCondition('name is "a == b"').error).toBeUndefined();
  });

  it.each([
    ['a is set', ['a'], []],
    ['a is not set', [], ['a']],
    ['a = 1', ['a'], []],
    ['a is set and b = 1', ['a', 'b'], []],
    ['a is not set or a = 1', [], ['a']],
    ['not (a is set or b is set)', [], []],
    ['a is set or b is set', [], []],
    ['office is open', [], []],
  ])('%s sets %j when true and %j when false', (source, whenTrue, whenFalse) => {
    const s = setWhen(parseCondition(source).ast!);
    expect([...s.whenTrue].sort()).toEqual(whenTrue);
    expect([...s.whenFalse].sort()).toEqual(whenFalse);
  });
});

/**
 * Rewrites every output `{{x}}` of a checked AST into `{{__flowc_output x}}` and every
 * `{{helper args}}` into `{{__flowc_output (helper args)}}`, keeping every `loc`.
 * Only nodes Handlebars itself produced are moved; nothing from outside the parse is added
 * except the output helper's name.
 */
import type { BlockStatement, MustacheStatement, PathExpression, Program, Statement, SubExpression } from './ast.js';
import { OUTPUT_HELPER } from './handlebars-env.js';
import { helperSpecs } from './helpers/index.js';

function wrapMustache(m: MustacheStatement): MustacheStatement {
  const path = m.path as PathExpression; // checkConstructs accepted only path heads
  const isHelperCall = path.parts.length === 1 && helperSpecs.has(path.parts[0]!);
  const value: PathExpression | SubExpression = isHelperCall
    ? { type: 'SubExpression', path, params: m.params, loc: m.loc }
    : path;
  const output: PathExpression = { type: 'PathExpression', data: false, depth: 0, parts: [OUTPUT_HELPER], original: OUTPUT_HELPER, loc: path.loc };
  return { type: 'MustacheStatement', path: output, params: [value], escaped: true, strip: m.strip, loc: m.loc };
}

function wrapStatement(s: Statement): Statement {
  if (s.type === 'MustacheStatement') return wrapMustache(s);
  if (s.type === 'BlockStatement') {
    const b: BlockStatement = { ...s };
    if (s.program) b.program = wrapOutputs(s.program);
    if (s.inverse) b.inverse = wrapOutputs(s.inverse);
    return b;
  }
  return s;
}

export function wrapOutputs(program: Program): Program {
  return { ...program, body: program.body.map(wrapStatement) };
}

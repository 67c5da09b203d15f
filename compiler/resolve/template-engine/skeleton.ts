/**
 * What Handlebars compiles: the "skeleton" of a checked template. Compiling costs ~0.2-0.5 ms per
 * template (code generation + `new Function`), too much for ~30k strings, while most strings share
 * a shape ("text {{money balance}} text"). So the parts that make strings differ are taken out:
 *
 * - every text part becomes `{{__flowc_text k}}`, whose helper returns texts[k] at render time;
 * - every output `{{x}}` becomes `{{__flowc_output x k}}` and `{{helper args}}` becomes
 *   `{{__flowc_output (helper args) k}}`, so each value is turned into a string (and SSML-escaped)
 *   before it is appended — see handlebars-env.ts for the adjacent-numbers trap this closes — and
 *   helper issues are placed at locs[k], the author's `{{…}}`;
 * - every `loc` becomes {line: 1, column: k}, k indexing the real places in locs (exceptions carry
 *   it). k is passed as a parameter rather than read from options.loc because Handlebars reuses a
 *   child program whose code equals another's, locs aside.
 *
 * Templates with equal skeletons compile to the same function (cached by the skeleton's JSON).
 * Only nodes Handlebars itself produced are moved; nothing from outside the parse is added
 * except flowc's own helper names.
 */
import type { Expression, Hash, Loc, MustacheStatement, NumberLiteral, PathExpression, Program, Statement, SubExpression } from './ast.js';
import { OUTPUT_HELPER, TEXT_HELPER } from './handlebars-env.js';
import { helperSpecs } from './helpers/index.js';

export interface Skeleton {
  program: Program;
  /** Identifies the compiled function: equal keys compile to equal code. */
  key: string;
  /** locs[k] is the real place of the node whose loc is {line: 1, column: k}. */
  locs: Loc[];
  /** texts[k] is the text part of {{__flowc_text k}}. */
  texts: (string | undefined)[];
}

export function skeletonOf(program: Program): Skeleton {
  const locs: Loc[] = [];
  const texts: (string | undefined)[] = [];
  const at = (loc: Loc, text?: string): Loc => {
    const k = locs.push(loc) - 1;
    texts[k] = text;
    return { start: { line: 1, column: k }, end: { line: 1, column: k } };
  };
  const helperPath = (name: string, loc: Loc): PathExpression => ({
    type: 'PathExpression',
    data: false,
    depth: 0,
    parts: [name],
    original: name,
    loc: at(loc),
  });
  /** `{{name <value> k}}`: k is the index of `loc`, the author's place. */
  const internalCall = (name: string, loc: Loc, value: Expression[], text?: string): MustacheStatement => {
    const k = locs.length;
    const own = at(loc, text);
    const index: NumberLiteral = { type: 'NumberLiteral', value: k, original: k, loc: own };
    return {
      type: 'MustacheStatement',
      path: helperPath(name, loc),
      params: [...value, index],
      escaped: true,
      strip: { open: false, close: false },
      loc: own,
    };
  };

  const expression = (e: Expression): Expression => {
    switch (e.type) {
      case 'PathExpression':
        return { ...e, parts: [...e.parts], loc: at(e.loc) };
      case 'SubExpression':
        return { ...e, path: expression(e.path) as PathExpression, params: e.params.map(expression), ...hashOf(e.hash), loc: at(e.loc) };
      default:
        return { ...e, loc: at(e.loc) };
    }
  };
  const hashOf = (hash: Hash | undefined): { hash?: Hash } =>
    hash === undefined
      ? {}
      : { hash: { ...hash, pairs: hash.pairs.map((p) => ({ ...p, value: expression(p.value), loc: at(p.loc) })), loc: at(hash.loc) } };

  const mustache = (m: MustacheStatement): MustacheStatement => {
    const path = m.path as PathExpression; // checkConstructs accepted only path heads
    const isHelperCall = path.parts.length === 1 && helperSpecs.has(path.parts[0]!);
    const value: PathExpression | SubExpression = isHelperCall
      ? { type: 'SubExpression', path: expression(path) as PathExpression, params: m.params.map(expression), loc: at(m.loc) }
      : (expression(path) as PathExpression);
    return internalCall(OUTPUT_HELPER, m.loc, [value]);
  };

  const statement = (s: Statement): Statement[] => {
    switch (s.type) {
      case 'ContentStatement':
        return [internalCall(TEXT_HELPER, s.loc, [], s.value)];
      case 'CommentStatement':
        return [];
      case 'MustacheStatement':
        return [mustache(s)];
      case 'BlockStatement': {
        const b = { ...s, path: expression(s.path) as PathExpression, params: s.params.map(expression), loc: at(s.loc) };
        if (s.program) b.program = programOf(s.program);
        if (s.inverse) b.inverse = programOf(s.inverse);
        return [b];
      }
      default:
        return [s]; // unreachable: checkConstructs rejects everything else
    }
  };

  function programOf(p: Program): Program {
    return { ...p, body: p.body.flatMap(statement), loc: at(p.loc) };
  }

  const skeleton = programOf(program);
  return { program: skeleton, key: shapeKey(skeleton), locs, texts };
}

/**
 * A compact serialisation of everything in a skeleton the compiled code depends on (node kinds,
 * names, parts, literals, nesting). Locs are left out: they are numbered in traversal order, so
 * equal shapes have equal locs. Much cheaper than JSON.stringify of the whole tree.
 */
export function shapeKey(program: Program): string {
  const out: string[] = [];
  const expr = (e: Expression): void => {
    switch (e.type) {
      case 'PathExpression':
        out.push('P', JSON.stringify(e.original), JSON.stringify(e.parts), e.data ? '@' : '', String(e.depth));
        break;
      case 'SubExpression':
        out.push('X(');
        expr(e.path);
        e.params.forEach(expr);
        hash(e.hash);
        out.push(')');
        break;
      case 'StringLiteral':
        out.push('S', JSON.stringify(e.value));
        break;
      case 'NumberLiteral':
        out.push('N', String(e.value));
        break;
      case 'BooleanLiteral':
        out.push('T', String(e.value));
        break;
      default:
        out.push(e.type);
    }
  };
  const hash = (h: Hash | undefined): void => {
    if (h === undefined) return;
    out.push('H(');
    for (const p of h.pairs) {
      out.push(JSON.stringify(p.key), '=');
      expr(p.value);
    }
    out.push(')');
  };
  const prog = (p: Program | undefined): void => {
    if (p === undefined || p === null) {
      out.push('-');
      return;
    }
    out.push('{', JSON.stringify(p.blockParams ?? []));
    for (const st of p.body) {
      if (st.type === 'MustacheStatement') {
        out.push('M(', st.escaped ? 'e' : 'r');
        expr(st.path);
        st.params.forEach(expr);
        hash(st.hash);
        out.push(')');
      } else if (st.type === 'BlockStatement') {
        out.push('B(');
        expr(st.path);
        st.params.forEach(expr);
        hash(st.hash);
        prog(st.program);
        prog(st.inverse);
        out.push(')');
      } else {
        out.push(JSON.stringify(st)); // not produced by skeletonOf; kept exact to stay safe
      }
    }
    out.push('}');
  };
  prog(program);
  return out.join('');
}

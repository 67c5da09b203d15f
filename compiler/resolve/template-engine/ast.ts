/**
 * The slice of the Handlebars 4.x AST flowc reads (shapes as produced by `Handlebars.parse()`).
 * Declared here as a discriminated union because the bundled typings type statements loosely.
 */

export interface Loc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface NodeBase {
  loc: Loc;
}

export interface Program extends NodeBase {
  type: 'Program';
  body: Statement[];
  blockParams?: string[];
  strip?: unknown;
  chained?: boolean;
}

export interface PathExpression extends NodeBase {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}

export interface SubExpression extends NodeBase {
  type: 'SubExpression';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
}

export interface StringLiteral extends NodeBase {
  type: 'StringLiteral';
  value: string;
  original: string;
}
export interface NumberLiteral extends NodeBase {
  type: 'NumberLiteral';
  value: number;
  original: number;
}
export interface BooleanLiteral extends NodeBase {
  type: 'BooleanLiteral';
  value: boolean;
  original: boolean;
}
export interface UndefinedLiteral extends NodeBase {
  type: 'UndefinedLiteral';
}
export interface NullLiteral extends NodeBase {
  type: 'NullLiteral';
}
export type Literal = StringLiteral | NumberLiteral | BooleanLiteral | UndefinedLiteral | NullLiteral;

export type Expression = PathExpression | SubExpression | Literal;

export interface HashPair extends NodeBase {
  type: 'HashPair';
  key: string;
  value: Expression;
}
export interface Hash extends NodeBase {
  type: 'Hash';
  pairs: HashPair[];
}

export interface MustacheStatement extends NodeBase {
  type: 'MustacheStatement' | 'Decorator';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  escaped: boolean;
  strip: { open: boolean; close: boolean };
}

export interface BlockStatement extends NodeBase {
  type: 'BlockStatement' | 'DecoratorBlock';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  program?: Program;
  inverse?: Program;
  openStrip?: unknown;
  inverseStrip?: unknown;
  closeStrip?: unknown;
}

export interface PartialStatement extends NodeBase {
  type: 'PartialStatement' | 'PartialBlockStatement';
}

export interface ContentStatement extends NodeBase {
  type: 'ContentStatement';
  value: string;
  original: string;
}

export interface CommentStatement extends NodeBase {
  type: 'CommentStatement';
  value: string;
}

export type Statement = MustacheStatement | BlockStatement | PartialStatement | ContentStatement | CommentStatement;

/**
 * The ReDoS class (issue 10 #1): every regular expression in the compiler, in the schemas it hands to
 * Ajv, and in the generated router is checked for exponential and polynomial backtracking with recheck
 * (a static analyser plus a fuzzer that looks for attack strings). A new pattern that can backtrack
 * super-linearly fails this test, so it fails CI before it can hang a build on a licence header.
 *
 * Found by reading the sources with the TypeScript parser:
 * - regular expression literals (`/…/g`);
 * - `new RegExp('…')` / `RegExp('…')` with a literal pattern; a pattern built at run time must be listed
 *   in `dynamicPatterns` below with a representative instance, which is checked instead;
 * - JSON Schema `pattern: '…'` values and `…Pattern = '…'` constants (Ajv compiles them with the `u` flag).
 */
import { check } from 'recheck';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Patterns assembled at run time: where they are, why they are bounded, and an instance to check. */
const dynamicPatterns: { file: string; contains: string; instance: RegExp; why: string }[] = [
  {
    file: 'compiler/studio/model/readable-ssml.ts',
    contains: 'new RegExp(`\\\\b', // then the attribute's name
    instance: /\binterpret-as\s*=\s*"([^"]*)"|\binterpret-as\s*=\s*'([^']*)'/,
    why: 'an SSML attribute name, one of a fixed few written in the code',
  },
  {
    file: 'compiler/resolve/template-engine/syntax-error.ts',
    contains: 'new RegExp(`\\\\{\\\\{~?\\\\s*/\\\\s*${closed.replace(',
    instance: /\{\{~?\s*\/\s*if\s*~?\}\}/g,
    why: 'a block name, escaped, between fixed delimiters',
  },
  {
    file: 'compiler/validate/formats.ts',
    contains: 'new RegExp(`^(?:',
    instance: /^(?:https?):\/\/(?:[^\s/?#@]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@:[\]]+)(?::\d{1,5})?(?:[/?#]\S*)?$/i,
    why: 'urlPattern(schemes) with the fixed schemes https? and wss?',
  },
  {
    file: 'compiler/flow-checks/long-prompt.ts',
    contains: 'new RegExp(escapeRegExp(word)',
    instance: /goodbye\?/giu,
    why: 'an escaped word (its edges are checked apart)',
  },
  {
    file: 'compiler/check/schemas/transitions.ts',
    contains: 'new RegExp(digitKeyPattern)',
    instance: /^[0-9*#]{1,20}$/,
    why: 'digitKeyPattern, a fixed constant',
  },
  {
    file: 'compiler/simulate/scenarios/read-scenarios.ts',
    contains: "new RegExp(v, 'u')",
    instance: /^Thank you\. Your payment of \d+ dollars/u,
    why: "a scenario's own `hear: { pattern: … }`, compiled once to check that it is valid",
  },
  {
    file: 'compiler/simulate/scenarios/check-call.ts',
    contains: "new RegExp(match.value, 'u')",
    instance: /^Thank you\. Your payment of \d+ dollars/u,
    why: "a scenario's own `hear: { pattern: … }` (the author's test, on a text of their own flows), matched against one spoken text",
  },
];

function walkTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkTs(p));
    else if (/\.(ts|mts|mjs)$/.test(e.name) && !/\.d\.m?ts$/.test(e.name)) out.push(p);
  }
  return out;
}

const stringValue = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

function patternsIn(file: string): { found: Found[]; dynamic: { line: number; text: string }[] } {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(repo, file).split(path.sep).join('/');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const found: Found[] = [];
  const dynamic: { line: number; text: string }[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sf);
      const end = literal.lastIndexOf('/');
      found.push({ file: rel, line: lineOf(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments ?? [];
      const source = stringValue(pattern);
      if (source !== undefined) found.push({ file: rel, line: lineOf(node), source, flags: stringValue(flags) ?? '' });
      else dynamic.push({ line: lineOf(node), text: node.getText(sf) });
    } else if (ts.isPropertyAssignment(node) && node.name.getText(sf).replace(/['"]/g, '') === 'pattern') {
      const source = stringValue(node.initializer);
      if (source !== undefined) found.push({ file: rel, line: lineOf(node), source, flags: 'u' });
    } else if (ts.isVariableDeclaration(node) && /Pattern$/.test(node.name.getText(sf))) {
      const source = stringValue(node.initializer);
      if (source !== undefined) found.push({ file: rel, line: lineOf(node), source, flags: 'u' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { found, dynamic };
}

// The compiler (with the router runtime, compiler/router/runtime/*.mts) and the generated router of the example.
const sources = [...walkTs(path.join(repo, 'compiler')), ...walkTs(path.join(repo, 'dist')).filter((f) => /router/.test(f))];
const all = sources.map((f) => ({ file: f, ...patternsIn(f) }));
const literals = all.flatMap((f) => f.found);

describe('regular expressions cannot backtrack super-linearly (ReDoS)', () => {
  it('the scan finds the patterns (it reads what it should)', () => {
    expect(literals.length).toBeGreaterThan(100);
    expect(literals.some((f) => f.file.startsWith('compiler/router/runtime/'))).toBe(true);
    expect(literals.some((f) => f.file === 'compiler/check/schemas/common.ts' && f.source.startsWith('^[a-z]{2,3}'))).toBe(true);
  });

  it('every pattern built at run time is listed with an instance to check', () => {
    const unlisted = all.flatMap((f) =>
      f.dynamic
        .filter((d) => !dynamicPatterns.some((p) => path.join(repo, p.file) === f.file && d.text.includes(p.contains)))
        .map((d) => `${path.relative(repo, f.file)}:${d.line}: ${d.text.slice(0, 120)}`),
    );
    expect(unlisted, 'add them to dynamicPatterns with a representative instance').toEqual([]);
  });

  it('the checker itself finds the licence-header pattern of issue 10 #1', async () => {
    const r = await check('^(\\s*#[^\\n]*\\n?)*\\s*$', '', { timeout: 30_000 });
    expect(r.status).toBe('vulnerable');
  }, 120_000);

  // One test for all, so that the checker starts once; the report names each finding.
  it('every pattern is safe (linear)', async () => {
    const unique = new Map<string, Found[]>();
    for (const f of [
      ...literals,
      ...dynamicPatterns.map((p) => ({ file: p.file, line: 0, source: p.instance.source, flags: p.instance.flags })),
    ]) {
      const key = `/${f.source}/${f.flags}`;
      unique.set(key, [...(unique.get(key) ?? []), f]);
    }
    const problems: string[] = [];
    for (const [key, where] of unique) {
      const { source, flags } = where[0]!;
      // recheck does not take the `d` and `g`/`y` flags into account; they do not change backtracking.
      const r = await check(source, flags.replace(/[dgy]/g, ''), { timeout: 20_000 });
      if (r.status !== 'safe') {
        const detail = r.status === 'vulnerable' ? `${r.complexity.type}, e.g. ${r.attack.pattern}` : `unknown (${r.error.kind})`;
        problems.push(`${key} at ${where.map((w) => `${w.file}:${w.line}`).join(', ')}: ${detail}`);
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

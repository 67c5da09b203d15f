/**
 * Every diagnostic code flowc can emit has exactly one entry in docs/rules.md:
 * a heading that contains the code in backticks (`### \`yaml/duplicate-key\``). The codes are found by
 * scanning the compiler's source for code literals, so a new code fails this test until it is documented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nccoCodes } from '../../compiler/validate/codes.js';
import { ruleAnchor } from '../../compiler/diagnostics/format-sarif.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docFiles = ['docs/rules.md'];

/** Block comments and whole-line // comments: prose there may name codes that are not emitted. */
const withoutComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const codeShape = '[a-z0-9]+/[a-z0-9]+(?:-[a-z0-9]+)*';

/** Places where a code is written: `code: '…'`, `diag('…'` / `report('…'` / `finding('…'`, `code = '…'`. */
const codeSites = [
  new RegExp(`\\bcode\\s*[:=]\\s*(['"])(${codeShape})\\1`, 'g'),
  new RegExp(`\\b(?:diag|report|finding|problem|issue)\\(\\s*(['"])(${codeShape})\\1`, 'g'),
];

/** A code built at run time cannot be checked here; codes must be written out as literals. */
const dynamicCode = /\bcode\s*[:=]\s*`[^`]*\$\{|\b(?:diag|report|finding)\(\s*`[^`]*\$\{/;

interface ScannedCodes {
  codes: Set<string>;
  /** Files that build a code from pieces. */
  dynamic: string[];
}

/** All diagnostic codes in TypeScript sources: first the obvious sites, then every literal of a group they use. */
function scanCodes(sources: ReadonlyMap<string, string>): ScannedCodes {
  const codes = new Set<string>();
  const dynamic: string[] = [];
  const cleaned = new Map([...sources].map(([file, text]) => [file, withoutComments(text)]));
  for (const [file, text] of cleaned) {
    if (dynamicCode.test(text)) dynamic.push(file);
    for (const site of codeSites) for (const m of text.matchAll(site)) codes.add(m[2]!);
  }
  // Tables (parse-source.ts's yamlCodeNames, codes.ts's keys), ternaries and helper arguments:
  // any quoted literal in a group that is known to hold codes.
  const groups = [...new Set([...codes].map((c) => c.slice(0, c.indexOf('/'))))];
  const literal = new RegExp(`(['"])((?:${groups.join('|')})/[a-z0-9]+(?:-[a-z0-9]+)*)\\1`, 'g');
  for (const text of cleaned.values()) for (const m of text.matchAll(literal)) codes.add(m[2]!);
  return { codes, dynamic };
}

/** code → how many headings name it in backticks. */
function documentedCodes(docs: readonly string[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const doc of docs) {
    for (const heading of doc.matchAll(/^#{1,6} (.*)$/gm)) {
      for (const m of heading[1]!.matchAll(new RegExp(`\`(${codeShape})\``, 'g'))) count.set(m[1]!, (count.get(m[1]!) ?? 0) + 1);
    }
  }
  return count;
}

function compilerSources(): Map<string, string> {
  const dir = path.join(root, 'compiler');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  return new Map(files.map((f) => [`compiler/${f.split(path.sep).join('/')}`, readFileSync(path.join(dir, f), 'utf8')]));
}

const readDoc = (rel: string): string => (existsSync(path.join(root, rel)) ? readFileSync(path.join(root, rel), 'utf8') : '');

describe('scanCodes and documentedCodes', () => {
  it('finds codes in every form the compiler writes them', () => {
    const sources = new Map([
      ['a.ts', "push({ code: 'flow/unknown-step', severity: 'error' });"],
      ['b.ts', "const names = { TAB_AS_INDENT: 'yaml/tab-indent' };\nconst x = { code: 'yaml/syntax' };"],
      ['c.ts', "diag('template/unknown', 'msg', 'hint');\nreturn problem(m, h, 'template/locale');"],
      ['d.ts', "// 'flow/only-in-a-comment'\nconst mime = 'application/json';"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test, not a template
      ['e.ts', 'out.push({ code: `pay/${kind}` });'],
    ]);
    const scanned = scanCodes(sources);
    expect([...scanned.codes].sort()).toEqual([
      'flow/unknown-step',
      'template/locale',
      'template/unknown',
      'yaml/syntax',
      'yaml/tab-indent',
    ]);
    expect(scanned.dynamic).toEqual(['e.ts']);
  });

  it('counts headings that name a code in backticks, not mentions in text', () => {
    const docs = ['### `yaml/tab-indent`\n\nSee also `yaml/syntax`.\n', '## Group\n### `yaml/tab-indent` (again)\n'];
    expect(Object.fromEntries(documentedCodes(docs))).toEqual({ 'yaml/tab-indent': 2 });
  });
});

describe('every diagnostic code is documented', () => {
  const scanned = scanCodes(compilerSources());
  const docs = docFiles.map(readDoc);
  const documented = documentedCodes(docs);
  const codes = [...scanned.codes].sort();

  it('the compiler writes its codes as literals, and the scan finds the known ones', () => {
    expect(scanned.dynamic).toEqual([]);
    // One code from each way of writing them: object literal, parse-source table, helper argument, validator table.
    for (const known of ['flow/unknown-step', 'yaml/tab-indent', 'template/locale', 'template/syntax', ...Object.keys(nccoCodes)]) {
      expect(codes).toContain(known);
    }
  });

  it.each(codes)('%s has one entry in docs/rules.md', (code) => {
    expect(documented.get(code) ?? 0, `a heading with \`${code}\` in ${docFiles.join(' or ')}`).toBe(1);
  });

  it('documents no code that the compiler does not emit', () => {
    const groups = new Set(codes.map((c) => c.slice(0, c.indexOf('/'))));
    const stale = [...documented.keys()].filter((c) => groups.has(c.slice(0, c.indexOf('/'))) && !scanned.codes.has(c));
    expect(stale).toEqual([]);
  });
});

describe('SARIF helpUri anchors exist in docs/rules.md', () => {
  const codes = [...scanCodes(compilerSources()).codes].sort();
  it.each(codes)('%s', (code) => {
    const text = readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
    expect(text).toContain(`<a id="${ruleAnchor(code)}"></a>`);
  });
});

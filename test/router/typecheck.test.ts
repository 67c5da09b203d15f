/**
 * dist/router.ts must pass `tsc --noEmit --strict --noUncheckedIndexedAccess --target es2022
 * --module nodenext --lib es2023,dom` on its own: no @types/node, no other file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRouter } from '../../compiler/router/generate-router.js';
import { repoRoot } from './drive-transitions.js';
import { loadFixtureModel, standaloneTscOptions, tempDir } from './router-helpers.js';

const temp = tempDir('router-tsc');
afterAll(() => temp.cleanup());

const BASE: ts.CompilerOptions = standaloneTscOptions;

// What a strict user project may add on top.
const PEDANTIC: ts.CompilerOptions = {
  ...BASE,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
};

// lib.dom.d.ts is large: parse each library file once for all the programs below.
const libCache = new Map<string, ts.SourceFile | undefined>();

function diagnostics(files: string[], options: ts.CompilerOptions): string[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes('node_modules')) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}:${JSON.stringify(languageVersion)}`;
    if (!libCache.has(key)) libCache.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return libCache.get(key);
  };
  const program = ts.createProgram(files, options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('generated router.ts type-checks on its own', () => {
  const file = path.join(temp.dir, 'router.ts');
  writeFileSync(file, generateRouter(loadFixtureModel(), { language: 'ts' }));
  // A "type": "module" project, where verbatimModuleSyntax allows ESM exports.
  const esmDir = path.join(temp.dir, 'esm');
  mkdirSync(esmDir);
  writeFileSync(path.join(esmDir, 'package.json'), '{ "type": "module" }\n');
  const esmFile = path.join(esmDir, 'router.ts');
  writeFileSync(esmFile, generateRouter(loadFixtureModel(), { language: 'ts' }));

  it('with the brief’s flags', () => {
    expect(diagnostics([file], BASE)).toEqual([]);
  });

  it('with a pedantic user tsconfig', () => {
    expect(diagnostics([esmFile], PEDANTIC)).toEqual([]);
  });

  it('fails when the file is broken (the check is real)', () => {
    const broken = path.join(temp.dir, 'broken.ts');
    writeFileSync(
      broken,
      generateRouter(loadFixtureModel(), { language: 'ts' }).replace(
        'const digits = digitsOf(payload);',
        'const digits: number = digitsOf(payload);',
      ),
    );
    expect(diagnostics([broken], BASE).length).toBeGreaterThan(0);
  });

  it('an empty model still type-checks', () => {
    const empty = path.join(esmDir, 'empty.ts');
    writeFileSync(
      empty,
      generateRouter({ version: 1, routerUrl: 'https://x.example', numbers: {}, nccos: {}, transitions: {} }, { language: 'ts' }),
    );
    expect(diagnostics([empty], PEDANTIC)).toEqual([]);
  });

  it('toNodeHandler fits node:http’s createServer (with @types/node)', () => {
    const server = path.join(temp.dir, 'server.ts');
    writeFileSync(
      server,
      [
        "import { createServer } from 'node:http';",
        "import { createRouter, toNodeHandler } from './router.js';",
        'createServer(toNodeHandler(createRouter({ allowUnsigned: true }))).listen(0);',
        '',
      ].join('\n'),
    );
    const withNode = { ...BASE, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules/@types')] };
    expect(diagnostics([server], withNode)).toEqual([]);
  });
});

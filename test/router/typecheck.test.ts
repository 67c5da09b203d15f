/**
 * dist/router.ts must pass `tsc --noEmit --strict --noUncheckedIndexedAccess --target es2022
 * --module nodenext --lib es2023,dom` on its own: no @types/node, nothing but its own router/ folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './drive-transitions.js';
import { loadFixtureProgram, standaloneTscOptions, tempDir, typeErrors, writeRouter } from './router-helpers.js';

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

const diagnostics = (files: string[], options: ts.CompilerOptions): Promise<string[]> => typeErrors(files, options);

describe('generated router.ts type-checks on its own', () => {
  const program = loadFixtureProgram();
  // A folder with no package.json (router.ts is then a CommonJS-format file importing the .mts runtime).
  const plain = writeRouter(program, temp.dir);
  // A "type": "module" project, where verbatimModuleSyntax allows ESM exports.
  const esm = writeRouter(program, temp.dir);
  writeFileSync(path.join(esm, 'package.json'), '{ "type": "module" }\n');

  it('with the brief’s flags', async () => {
    expect(await diagnostics([path.join(plain, 'router.ts')], BASE)).toEqual([]);
  });

  it('with a pedantic user tsconfig', async () => {
    expect(await diagnostics([path.join(esm, 'router.ts')], PEDANTIC)).toEqual([]);
  });

  it('fails when the entry or a runtime module is broken (the check is real)', async () => {
    const broken = writeRouter(program, temp.dir);
    const entry = path.join(broken, 'router.ts');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('export const project: ProjectCore', 'export const project: number'));
    expect((await diagnostics([entry], BASE)).join('\n')).toMatch(/router\.ts: .*not assignable/);
    const runtime = writeRouter(program, temp.dir);
    const module = path.join(runtime, 'router/transitions.mts');
    writeFileSync(
      module,
      readFileSync(module, 'utf8').replace('const digits = digitsOf(payload);', 'const digits: number = digitsOf(payload);'),
    );
    expect((await diagnostics([path.join(runtime, 'router.ts')], BASE)).join('\n')).toMatch(/transitions\.mts: /);
  });

  it('an empty program still type-checks', async () => {
    const empty = writeRouter(
      {
        project: { version: 1, projectId: 'p', routerUrl: 'https://x.example', numbers: {}, flows: {}, hours: {}, lookups: {} },
        flows: [],
      },
      temp.dir,
    );
    writeFileSync(path.join(empty, 'package.json'), '{ "type": "module" }\n');
    expect(await diagnostics([path.join(empty, 'router.ts')], PEDANTIC)).toEqual([]);
  });

  it('toNodeHandler fits node:http’s createServer (with @types/node)', async () => {
    const server = path.join(esm, 'server.ts');
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
    expect(await diagnostics([server], withNode)).toEqual([]);
  });
});

/**
 * A user's mistake in what a command is given (a path whose folder does not exist, a folder where a file goes,
 * a file that is no translation, a lookups module that cannot be used) is said as such, with exit code 2 for an
 * option or 1 for a file's findings, and never as "internal error … a bug in flowc" (exit code 3).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

const project = {
  'flowc.yaml':
    'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US: { language: en-US, style: 2 }\n  es-US: { language: es-US, style: 2 }\n',
  'flows/a.flow.yaml':
    'flow: a\nnumbers: { "14155550100": en-US }\nlocales: [en-US, es-US]\nstart: hello\nsteps:\n  hello:\n    - talk: { say: hello }\n',
  'flows/messages/en-US.yaml': 'hello: Thanks for calling. Goodbye.\n',
  'flows/messages/es-US.yaml': 'hello: Gracias por llamar. Adiós.\n',
};

let dir: string;
beforeAll(async () => {
  dir = await writeProject(project);
  await mkdir(path.join(dir, 'files'));
  await writeFile(path.join(dir, 'files/a-file'), 'not a folder\n');
  await writeFile(path.join(dir, 'files/empty.po'), '');
  await writeFile(path.join(dir, 'files/hello.txt'), 'hello\n');
  await writeFile(path.join(dir, 'files/header-only.csv'), 'a,b\n');
  await writeFile(path.join(dir, 'files/empty.csv'), '');
  await writeFile(path.join(dir, 'files/throws.mjs'), 'throw new Error("the module failed");\n');
  await writeFile(path.join(dir, 'files/no-lookups.mjs'), 'export const lookups = 5;\n');
  expect((await runFlowc(['build'], dir)).exitCode).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a mistake in what a command is given', () => {
  it.each([
    [['diagram', '--out', 'no-such-folder/d.md'], 2, /--out no-such-folder\/d\.md cannot be written \(its folder does not exist\)/],
    [['i18n', 'export', '--locale', 'es-US', '--format', 'po', '--out', 'no-such-folder/x.po'], 2, /its folder does not exist/],
    [['i18n', 'export', '--format', 'csv', '--out', 'flows'], 2, /--out flows cannot be written \(it is a folder\)/],
    [['studio', '--export', 'files/a-file'], 2, /--export files\/a-file cannot be written/],
    [['i18n', 'import', 'files/empty.po'], 1, /does not say its language/],
    [['i18n', 'import', '--format', 'csv', 'files/hello.txt'], 1, /has no column "id", "locale", "translation"/],
    [['i18n', 'import', 'files/header-only.csv'], 1, /has no column "id", "locale", "translation"/],
    [['i18n', 'import', 'files/empty.csv'], 1, /has no column "id", "locale", "translation"/],
    [['lint-ncco', 'dist/ncco', '--currency', 'xyz1'], 2, /--currency takes ISO 4217 codes of three letters/],
    [['lint-ncco', 'dist/ncco', '--currency', ','], 2, /--currency takes ISO 4217 codes/],
    [['serve', '--port', '0', '--allow-unsigned', '--lookups', 'files/missing.mjs'], 2, /Could not load the lookups module/],
    [
      ['serve', '--port', '0', '--allow-unsigned', '--lookups', 'files/throws.mjs'],
      2,
      /Could not load the lookups module .*the module failed/,
    ],
    [['serve', '--port', '0', '--allow-unsigned', '--lookups', 'files/no-lookups.mjs'], 2, /does not export `lookups`/],
  ] as const)('flowc %j: exit code %i, said plainly', async (args, code, said) => {
    const run = await runFlowc([...args], dir);
    expect(run.stdout + run.stderr).not.toMatch(/internal error|bug in flowc/);
    expect(run.stdout + run.stderr).toMatch(said);
    expect(run.exitCode).toBe(code);
  });
});

/** The CLI commands in-process: project found upward, --check's list, lint-ncco folders and globs, colour rules. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useColor } from '../../compiler/cli/cli-io.js';
import { findProjectRoot } from '../../compiler/cli/project-root.js';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

const project = {
  'flowc.yaml': 'routerUrl: https://ivr.example.com/flowc\n',
  'flows/a.flow.yaml':
    'flow: a\nnumbers: { "14155550100": en-US }\nlocales: [en-US]\nstart: hello\nsteps:\n  hello:\n    - talk: { say: hello }\n',
  'flows/messages/en-US.yaml': 'hello: Thanks for calling. Goodbye.\n',
};

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const make = async (files: Record<string, string>) => {
  const dir = await writeProject(files);
  dirs.push(dir);
  return dir;
};

describe('the project folder is found upward from the current folder', () => {
  it('from flows/messages, check finds the project', async () => {
    const dir = await make(project);
    const run = await runFlowc(['check'], path.join(dir, 'flows', 'messages'));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('no problems');
  });

  it('from flows/messages, i18n add-locale and export find the project too', async () => {
    const dir = await make(project);
    const sub = path.join(dir, 'flows', 'messages');
    expect((await runFlowc(['i18n', 'add-locale', 'es-US'], sub)).exitCode).toBe(0);
    const run = await runFlowc(['i18n', 'export', '--format', 'csv'], sub);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Thanks for calling. Goodbye.');
  });

  it('a folder given on the command line is used as it is', async () => {
    const dir = await make(project);
    expect(findProjectRoot('/elsewhere', dir)).toBe(dir);
    expect(findProjectRoot(path.join(dir, 'flows', 'messages'), undefined)).toBe(dir);
  });
});

describe('build --check', () => {
  it('lists every file that differs, one per line', async () => {
    const dir = await make(project);
    expect((await runFlowc(['build'], dir)).exitCode).toBe(0);
    await writeFile(path.join(dir, 'flows/messages/en-US.yaml'), 'hello: Hello there.\n');
    const run = await runFlowc(['build', '--check'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/\n\d+ files in dist\/ differ from this build:\n( {2}\S+: \S+\n)+$/);
    expect(run.stdout).toContain('\n  changed: manifest.json\n');
    expect(run.stdout).toContain('\n  changed: ncco/a/en-US/hello.json\n');
  });
});

describe('lint-ncco accepts folders and globs', () => {
  const good = '[{ "action": "talk", "text": "Hello" }]\n';
  const bad = '[{ "action": "input", "type": ["dtmf"], "dtmf": { "maxDigits": 99 } }]\n';

  it('a folder: every .json in it, sorted', async () => {
    const dir = await make({ 'nccos/a.json': good, 'nccos/sub/b.json': bad, 'nccos/readme.md': '# not NCCO' });
    const run = await runFlowc(['lint-ncco', 'nccos', '--format', 'json'], dir);
    expect(run.exitCode).toBe(1);
    const files = (JSON.parse(run.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    expect(files).toEqual(['nccos/sub/b.json']);
  });

  it('a quoted glob, expanded by flowc', async () => {
    const dir = await make({ 'x/a.json': good, 'x/b.json': bad, 'y/c.json': bad });
    const run = await runFlowc(['lint-ncco', 'x/*.json', '--format', 'json'], dir);
    const files = (JSON.parse(run.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    expect(files).toEqual(['x/b.json']);
  });

  it('a glob that matches nothing is a usage error', async () => {
    const dir = await make({ 'x/a.json': good });
    const run = await runFlowc(['lint-ncco', 'nothing/*.json'], dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('No files match nothing/*.json');
  });
});

describe('--output-file', () => {
  it('writes the report to the file, and nothing to stdout', async () => {
    const dir = await make(project);
    const run = await runFlowc(['check', '--format', 'json', '--output-file', 'report.json'], dir);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'))).toEqual({ version: 1, diagnostics: [] });
  });

  it('a file that cannot be written is a usage error', async () => {
    const dir = await make(project);
    await mkdir(path.join(dir, 'report.json'));
    const run = await runFlowc(['check', '--output-file', 'report.json'], dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--output-file report.json cannot be written');
  });
});

describe('useColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [{ TERM: 'dumb' }, true, false],
  ])('%o on a terminal: %s → %s', (env, tty, expected) => {
    expect(useColor(env, tty)).toBe(expected);
  });
});

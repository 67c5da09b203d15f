import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planEditorSetup, writeEditorSetup } from '../../compiler/cli/editor-setup.js';
import { packageRoot } from '../../compiler/cli/package-root.js';
import { formats } from '../../compiler/validate/formats.js';

const temps: string[] = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
const temp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'flowc-editor-'));
  temps.push(d);
  return d;
};

describe('planEditorSetup', () => {
  it('a project in a sub-folder of a repository: globs from the repository root, schemas copied (flowc is elsewhere)', async () => {
    const repo = await temp();
    await mkdir(path.join(repo, '.git'));
    await mkdir(path.join(repo, 'ivr'));
    const setup = planEditorSetup(path.join(repo, 'ivr'));
    expect(setup.workspace).toBe(repo);
    expect(setup.schemas['.vscode/flowc/flow.schema.json']).toEqual(['ivr/flows/**/*.flow.yaml']);
    expect(setup.schemas['.vscode/flowc/flowc.schema.json']).toEqual(['ivr/flowc.yaml']);
    expect(setup.copied).toHaveLength(5);
  });

  it('flowc installed in the workspace: the schemas are referenced where the package has them', async () => {
    const repo = await temp();
    const setup = planEditorSetup(repo, path.join(repo, 'node_modules', 'flowc'));
    expect(setup.schemas['node_modules/flowc/schemas/flow.schema.json']).toEqual(['flows/**/*.flow.yaml']);
    expect(setup.copied).toEqual([]);
  });
});

describe('writeEditorSetup', () => {
  it('keeps other settings, replaces earlier flowc entries, copies the schemas and recommends the YAML extension', async () => {
    const repo = await temp();
    await mkdir(path.join(repo, '.vscode'));
    await writeFile(
      path.join(repo, '.vscode', 'settings.json'),
      JSON.stringify({ 'editor.tabSize': 2, 'yaml.schemas': { 'old/flow.schema.json': ['flows/*.yaml'], 'other.json': ['x.yaml'] } }),
    );
    writeEditorSetup(planEditorSetup(repo));
    const settings = JSON.parse(await readFile(path.join(repo, '.vscode', 'settings.json'), 'utf8'));
    expect(settings['editor.tabSize']).toBe(2);
    expect(Object.keys(settings['yaml.schemas']).sort()).toEqual([
      '.vscode/flowc/flow.schema.json',
      '.vscode/flowc/flowc.schema.json',
      '.vscode/flowc/messages.schema.json',
      '.vscode/flowc/pay-set.schema.json',
      '.vscode/flowc/template.schema.json',
      'other.json',
    ]);
    expect(await readFile(path.join(repo, '.vscode', 'flowc', 'flow.schema.json'), 'utf8')).toBe(
      await readFile(path.join(packageRoot, 'schemas', 'flow.schema.json'), 'utf8'),
    );
    expect(JSON.parse(await readFile(path.join(repo, '.vscode', 'extensions.json'), 'utf8')).recommendations).toEqual([
      'redhat.vscode-yaml',
    ]);
  });

  it('a settings file with comments is left alone; the snippet to add is returned', async () => {
    const repo = await temp();
    await mkdir(path.join(repo, '.vscode'));
    const original = '{\n  // my settings\n  "editor.tabSize": 2\n}\n';
    await writeFile(path.join(repo, '.vscode', 'settings.json'), original);
    const written = writeEditorSetup(planEditorSetup(repo));
    expect(written.snippet).toContain('"yaml.schemas"');
    expect(await readFile(path.join(repo, '.vscode', 'settings.json'), 'utf8')).toBe(original);
    expect(existsSync(path.join(repo, '.vscode', 'flowc'))).toBe(false);
  });
});

describe('the editor patterns of the string formats agree with the validator', () => {
  const samples: Record<string, [string[], string[]]> = {
    e164: [
      ['14155550100', '447700900001'],
      ['+14155550100', '0123', '1415 555'],
    ],
    'http-url': [
      ['https://example.com/hook', 'http://a.b:8080/x?y=1'],
      ['ftp://x', 'https://', 'example.com'],
    ],
    'websocket-uri': [['wss://example.com/socket'], ['https://example.com']],
    'sip-uri': [['sip:agent@sip.example.com', 'sips:a@b'], ['agent@example.com']],
    bcp47: [
      ['en-US', 'cmn-CN', 'en-GB-WLS'],
      ['english', 'e'],
    ],
    'dtmf-answer': [
      ['2p02p', '#*1'],
      ['2 0', 'x'],
    ],
    'end-on-key': [
      ['#', '9', '*'],
      ['##', 'a'],
    ],
    'header-value': [['Bearer abc'], ['line\nbreak', 'é']],
  };
  it.each(Object.entries(samples))('%s', (name, [good, bad]) => {
    const info = formats[name as keyof typeof formats];
    const editor = new RegExp(`^(?:${info.pattern})$`);
    for (const v of good) expect([info.test(v), editor.test(v)], v).toEqual([true, true]);
    for (const v of bad) expect([info.test(v), editor.test(v)], v).toEqual([false, false]);
  });
});

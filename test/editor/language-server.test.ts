/**
 * A real yaml-language-server (the one inside VS Code's YAML extension), driven over LSP on stdio, with the
 * schema associations that `flowc editor-setup` writes, on a flow in a sub-folder of a project that lives in a
 * sub-folder of its repository, before any build: completion inside talk and input.dtmf, `on:` keys by
 * action, hover text, and diagnostics for an unknown key and an out-of-range value.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEditorSetup, writeEditorSetup } from '../../compiler/cli/editor-setup.js';
import { LspClient } from '../helpers/lsp-client.js';

const require = createRequire(import.meta.url);
const serverBin = path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');

const flowText = [
  'flow: menu',
  'locales: [en-US]',
  'start: welcome',
  'steps:',
  '  welcome:',
  '    - talk:',
  '        say: greeting',
  '        ', // line 7: completion inside talk
  '    - input:',
  '        type: [dtmf]',
  '        dtmf:',
  '          maxDigits: 1',
  '          ', // line 12: completion inside input.dtmf
  '      on:',
  '        "1": paying',
  '        ', // line 15: completion of input outcomes
  '  paying:',
  '    - pay: { amount: 10, prompts: card }',
  '      on:',
  '        ', // line 19: completion of pay outcomes
  '',
].join('\n');

const brokenText = [
  'flow: menu',
  'locales: [en-US]',
  'start: welcome',
  'steps:',
  '  welcome:',
  '    - talk: { say: greeting, bargein: true }', // line 5: unknown key
  '    - input:',
  '        type: [dtmf]',
  '        dtmf: { maxDigits: 99 }', // line 8: out of range
  '',
].join('\n');

interface CompletionItem {
  label: string;
}
type Completion = CompletionItem[] | { items: CompletionItem[] };
const labels = (c: Completion | null): string[] => (Array.isArray(c) ? c : (c?.items ?? [])).map((i) => i.label).sort();

describe('yaml-language-server with the schemas flowc editor-setup configures', () => {
  let repo: string;
  let client: LspClient;
  let flowUri: string;
  let brokenUri: string;

  beforeAll(async () => {
    repo = await mkdtemp(path.join(os.tmpdir(), 'flowc-lsp-'));
    await mkdir(path.join(repo, '.git'));
    const project = path.join(repo, 'ivr');
    await mkdir(path.join(project, 'flows', 'billing'), { recursive: true });
    await writeFile(path.join(project, 'flowc.yaml'), 'routerUrl: https://ivr.example.com/flowc\n');
    const setup = planEditorSetup(project);
    writeEditorSetup(setup);
    const settings = JSON.parse(await readFile(path.join(repo, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const flowFile = path.join(project, 'flows', 'billing', 'menu.flow.yaml');
    const brokenFile = path.join(project, 'flows', 'billing', 'broken.flow.yaml');
    await writeFile(flowFile, flowText);
    await writeFile(brokenFile, brokenText);
    flowUri = pathToFileURL(flowFile).href;
    brokenUri = pathToFileURL(brokenFile).href;

    const yaml = { schemas: settings['yaml.schemas'], validate: true, completion: true, hover: true, format: { enable: false } };
    client = new LspClient(process.execPath, [serverBin, '--stdio'], { yaml, '[yaml]': {}, http: {}, editor: {} });
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repo).href,
      workspaceFolders: [{ uri: pathToFileURL(repo).href, name: 'repo' }],
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: {},
        },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      },
    });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: { yaml, http: {}, editor: {} } });
    const first = client.nextDiagnostics(flowUri);
    client.notify('textDocument/didOpen', { textDocument: { uri: flowUri, languageId: 'yaml', version: 1, text: flowText } });
    await first;
  }, 60_000);

  afterAll(async () => {
    await client?.stop();
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const complete = (line: number, character: number) =>
    client.request<Completion | null>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line, character } });

  it('completes the options inside talk:', async () => {
    const got = labels(await complete(7, 8));
    expect(got).toEqual(expect.arrayContaining(['bargeIn', 'language', 'level', 'loop', 'style', 'text']));
  });

  it('completes the dtmf settings inside input: dtmf:', async () => {
    expect(labels(await complete(12, 10))).toEqual(expect.arrayContaining(['submitOnHash', 'timeOut']));
  });

  it('offers only the outcomes of the action in on: (input: timeout/default; pay: success/failure)', async () => {
    const input = labels(await complete(15, 8));
    expect(input).toEqual(expect.arrayContaining(['default', 'timeout']));
    expect(input).not.toContain('success');
    expect(input).not.toContain('busy');
    const pay = labels(await complete(19, 8));
    expect(pay).toEqual(expect.arrayContaining(['failure', 'success']));
    expect(pay).not.toContain('timeout');
  });

  it('shows hover text for an option', async () => {
    const hover = await client.request<{ contents: { value?: string } | string } | null>('textDocument/hover', {
      textDocument: { uri: flowUri },
      position: { line: 11, character: 13 },
    });
    const text = typeof hover?.contents === 'string' ? hover.contents : (hover?.contents.value ?? '');
    expect(text).toContain('How many keys the caller can press');
    expect(text).toContain('Default');
  });

  it('reports an unknown key (bargein) and an out-of-range value (maxDigits: 99)', async () => {
    const published = client.nextDiagnostics(brokenUri);
    client.notify('textDocument/didOpen', { textDocument: { uri: brokenUri, languageId: 'yaml', version: 1, text: brokenText } });
    const diagnostics = await published;
    const lines = diagnostics.map((d) => `${d.range.start.line}: ${d.message}`);
    expect(
      lines.some((l) => l.startsWith('5:') && /bargein/.test(l)),
      lines.join('\n'),
    ).toBe(true);
    expect(
      lines.some((l) => l.startsWith('8:') && /20/.test(l)),
      lines.join('\n'),
    ).toBe(true);
  });
});

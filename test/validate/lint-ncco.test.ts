/** lintNccoFiles(): reading files, file-level problems with positions, and findings placed at 1-based ranges. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintNccoFiles } from '../../compiler/validate/lint-ncco.js';

let dir: string;

const files: Record<string, string | Buffer> = {
  'ok.json': '[{ "action": "talk", "text": "Hello" }]\n',
  'findings.json': [
    '[',
    '  {',
    '    "action": "talk",',
    '    "text": "Hi",',
    '    "bargein": true,',
    '    "loop": -1',
    '  },',
    '  { "action": "input" },',
    '  { "action": "connect", "endpoint": [{ "type": "phone", "number": "447700900001" }], "eventUrl": "https://example.com/e" }',
    ']',
  ].join('\n'),
  'broken.json': '[\n  { "action": "talk", "text": "Hi", }\n]\n',
  'empty.json': '  \n',
  'latin1.json': Buffer.concat([Buffer.from('[{"action":"talk",\n"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}]')]),
  'bom.json': '\ufeff[{ "action": "talk", "text": "Hello" }]',
  'sub/tabs.json': '[\n\t{\t"action":\t"talk",\t"text":\t"Hi",\t"loop": "x" }\n]',
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'flowc-lint-'));
  mkdirSync(path.join(dir, 'sub'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const placed = async (names: string[]) =>
  (await lintNccoFiles(names, { cwd: dir })).diagnostics.map((d) => ({
    file: d.file,
    code: d.code,
    pointer: d.pointer,
    range: d.range && `${d.range.start.line}:${d.range.start.col}-${d.range.end.line}:${d.range.end.col}`,
  }));

describe('lintNccoFiles', () => {
  it('returns nothing for a valid NCCO, and keeps its text for code frames', async () => {
    const result = await lintNccoFiles(['ok.json', 'bom.json'], { cwd: dir });
    expect(result.diagnostics).toEqual([]);
    expect(result.sources.get('ok.json')).toBe(files['ok.json']);
    expect(result.sources.get('bom.json')?.startsWith('[')).toBe(true);
  });

  it('places findings: an unknown option on its key, a bad value on the value, a missing key on its object', async () => {
    expect(await placed(['findings.json'])).toEqual([
      { file: 'findings.json', code: 'ncco/unknown-option', pointer: '/0/bargein', range: '5:5-5:14' },
      { file: 'findings.json', code: 'ncco/range', pointer: '/0/loop', range: '6:13-6:15' },
      { file: 'findings.json', code: 'ncco/required', pointer: '/1', range: '8:3-8:4' },
      { file: 'findings.json', code: 'ncco/type', pointer: '/2/eventUrl', range: '9:99-9:122' },
    ]);
  });

  it('handles tabs and nested folders', async () => {
    expect(await placed(['sub/tabs.json'])).toEqual([{ file: 'sub/tabs.json', code: 'ncco/type', pointer: '/0/loop', range: '2:44-2:47' }]);
  });

  it('reports a file that is not JSON at the line and column of the mistake', async () => {
    expect(await placed(['broken.json'])).toEqual([{ file: 'broken.json', code: 'ncco/invalid-json', pointer: '', range: '2:35-2:36' }]);
  });

  it('reports empty files, files that are not UTF-8, missing files and folders', async () => {
    expect(await placed(['empty.json', 'latin1.json', 'missing.json', 'sub'])).toEqual([
      { file: 'empty.json', code: 'ncco/empty-file', pointer: '', range: '1:1-1:1' },
      { file: 'latin1.json', code: 'ncco/not-utf8', pointer: '', range: '2:12-2:12' },
      { file: 'missing.json', code: 'ncco/file-unreadable', pointer: '', range: '1:1-1:1' },
      { file: 'sub', code: 'ncco/file-unreadable', pointer: '', range: '1:1-1:1' },
    ]);
  });

  it('reports files as given, relative to cwd, with forward slashes, once each, in the order given', async () => {
    const result = await lintNccoFiles([path.join(dir, 'empty.json'), './sub/../broken.json', 'broken.json'], { cwd: dir });
    expect(result.diagnostics.map((d) => d.file)).toEqual(['empty.json', 'broken.json']);
  });

  it('passes the validate options on', async () => {
    writeFileSync(path.join(dir, 'eur.json'), '[{ "action": "pay", "amount": 5, "currency": "eur" }]');
    expect((await placed(['eur.json'])).map((d) => d.code)).toEqual(['pay/currency']);
    expect((await lintNccoFiles(['eur.json'], { cwd: dir, currencies: ['usd', 'eur'] })).diagnostics).toEqual([]);
  });
});

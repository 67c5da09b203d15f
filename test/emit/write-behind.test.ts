/**
 * A first build's files written on a worker thread (compiler/emit/write-behind.ts): the files on disk are the
 * bytes queued, a failed write reaches the main thread with its errno code and path, a worker that stops
 * making progress is given up with an error instead of a hang, and an output stream that writes behind stages
 * and puts in place exactly what one writing on its main thread does, or fails the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workDirOf } from '../../compiler/emit/output-lock.js';
import { openOutput } from '../../compiler/emit/write-output.js';
import { startWriteBehind } from '../../compiler/emit/write-behind.js';
import type { OutputFile } from '../../compiler/emit/plan-output.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-write-behind-'));
  dirs.push(dir);
  return dir;
}

/** Every file under `dir`, relative path → bytes (hex, so that a difference shows). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full).toString('hex');
  }
  return out;
}

/** The stages left in the output's work folder (removed when the build ends, with the folder if empty). */
const stagesLeft = (out: string): string[] =>
  existsSync(workDirOf(out)) ? readdirSync(workDirOf(out)).filter((n) => n.startsWith('stage-')) : [];

/** Texts and pieces of every kind a build writes: non-ASCII, astral, empty, larger than a batch. */
const samples: Array<[string, string | Uint8Array[]]> = [
  ['manifest.json', '{"files":[]}\n'],
  ['ncco/a/en-US/start.json', '[{"action":"talk","text":"Hello"}]\n'],
  ['ncco/a/fr-FR/start.json', '[{"action":"talk","text":"Voilà — l’accueil"}]\n'],
  ['ncco/b/ja-JP/start.json', '[{"action":"talk","text":"こんにちは 😀"}]\n'],
  ['ncco/b/ja-JP/empty.json', ''],
  ['router/data/flows/a.json', [Buffer.from('{"a":'), new Uint8Array(0), Buffer.from('[1,2,3]}')]],
  ['router/big.txt', 'x'.repeat(70_000) + 'é'.repeat(10_000)],
  ['_headers', '/*\n  Cache-Control: no-cache\n'],
];

describe('the writer thread', () => {
  it('writes every queued file with exactly its bytes, in nested folders, through many small batches', async () => {
    const dir = await tempDir();
    // Small batches and one batch in flight: every path through the batching and the waiting is taken.
    const writer = startWriteBehind(dir + path.sep, { batchBytes: 64, slots: 1 })!;
    expect(writer).toBeDefined();
    const expected: Record<string, string> = {};
    for (let round = 0; round < 20; round++)
      for (const [rel, content] of samples) {
        const name = `r${round}/${rel}`;
        writer.write(name.split('/').join(path.sep), content);
        expected[name] = (typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.concat(content)).toString('hex');
      }
    writer.drain();
    expect(tree(dir)).toEqual(expected);
    // Ended: nothing more is taken.
    expect(() => writer.write('late.json', '[]')).toThrow(/ended/);
  });

  it('a write that fails reaches the main thread with its errno code and path, and nothing after it is written', async () => {
    const dir = await tempDir();
    writeFileSync(path.join(dir, 'in-the-way'), 'a file where a folder must go');
    const writer = startWriteBehind(dir + path.sep, { batchBytes: 1 })!;
    writer.write('first.json', '[1]');
    writer.write(path.join('in-the-way', 'second.json'), '[2]');
    writer.write('third.json', '[3]');
    let error: NodeJS.ErrnoException | undefined;
    try {
      writer.write('fourth.json', '[4]');
      writer.drain();
    } catch (err) {
      error = err as NodeJS.ErrnoException;
    }
    expect(error?.code).toMatch(/^(ENOTDIR|EEXIST)$/);
    expect(error?.path).toContain('in-the-way');
    expect(readFileSync(path.join(dir, 'first.json'), 'utf8')).toBe('[1]');
    expect(() => statSync(path.join(dir, 'third.json'))).toThrow();
    // The same error again, not another one or a hang.
    expect(() => writer.drain()).toThrow(error!.message);
  });

  it('a worker that stops making progress is given up with an error, not waited for forever', () => {
    // A worker that takes nothing from the ring: its one slot is never freed for the second batch.
    const writer = startWriteBehind(os.tmpdir() + path.sep, {
      code: 'setInterval(() => {}, 1000)',
      batchBytes: 1,
      slots: 1,
      patienceMs: 200,
    })!;
    writer.write('never.json', '[]');
    expect(() => writer.write('never-either.json', '[]')).toThrow(/wrote nothing for/);
    expect(() => writer.drain()).toThrow(/wrote nothing for/);
  });

  it('stop() ends the worker: nothing is taken after it', async () => {
    const dir = await tempDir();
    const writer = startWriteBehind(dir + path.sep, { batchBytes: 1 })!;
    writer.write('a.json', '[1]');
    writer.stop();
    expect(() => writer.write('b.json', '[2]')).toThrow(/ended/);
    writer.drain(); // ended already: nothing to wait for
  });
});

describe('an output stream that writes behind', () => {
  const files = (): OutputFile[] =>
    samples.map(([rel, content]) =>
      typeof content === 'string'
        ? { path: rel, content }
        : { path: rel, content: Buffer.concat(content).toString('utf8'), chunks: content },
    );

  it('puts in place the same output as one that writes on its main thread', async () => {
    const dir = await tempDir();
    const trees: Array<Record<string, string>> = [];
    for (const writeBehind of [true, false]) {
      const out = path.join(dir, `out-${writeBehind}`);
      const stream = openOutput(out, { writeBehind });
      const all = files();
      for (const f of all.slice(0, 5)) stream.put(f);
      const report = stream.finish(all.slice(5));
      expect(report.created).toBe(true);
      trees.push(tree(out));
      // No stage is left behind in the work folder.
      expect(stagesLeft(out)).toEqual([]);
    }
    expect(trees[0]).toEqual(trees[1]);
    expect(Object.keys(trees[0]!)).toHaveLength(samples.length);
  });

  it('a write that fails fails finish() as on the main thread, and no output folder appears', async () => {
    const dir = await tempDir();
    const codes: Array<string | undefined> = [];
    for (const writeBehind of [true, false]) {
      const out = path.join(dir, `out-${writeBehind}`);
      const stream = openOutput(out, { writeBehind });
      let code: string | undefined;
      try {
        // A file, then a file below it: its folder cannot be made.
        stream.put({ path: 'ncco/a', content: '[]' });
        stream.put({ path: 'ncco/a/start.json', content: '[]' });
        stream.finish();
      } catch (err) {
        code = (err as NodeJS.ErrnoException).code;
        stream.abort();
      }
      codes.push(code);
      expect(() => statSync(out)).toThrow();
    }
    expect(codes[0]).toMatch(/^(ENOTDIR|EEXIST)$/);
    expect(codes[0]).toBe(codes[1]);
  });

  it('abort() stops the writer before the stage is removed, and the next build writes a complete output', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    const stream = openOutput(out, { writeBehind: true });
    // 10 MB: many batches still queued when abort() comes.
    const filler = 'x'.repeat(20_000);
    for (let i = 0; i < 500; i++) stream.put({ path: `ncco/f${i % 7}/s${i}.json`, content: `["${filler}",${i}]` });
    stream.abort();
    expect(() => statSync(out)).toThrow();
    expect(stagesLeft(out)).toEqual([]);
    const again = openOutput(out, { writeBehind: true });
    again.finish(files());
    expect(Object.keys(tree(out)).sort()).toEqual(samples.map(([rel]) => rel).sort());
  });
});

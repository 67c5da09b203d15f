/**
 * The recorded files stat-ed on a worker thread (compiler/emit/stat-check.ts): its answer is the main
 * thread's check, and a worker that fails, cannot read the record or stops making progress gives no answer
 * (the caller then stats the files itself) instead of a wrong one or a hang.
 */
import { mkdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OutputRecord, readOutputRecord, takeRecordSource, writeOutputRecord } from '../../compiler/emit/output-record.js';
import { spareCore, startStatCheck } from '../../compiler/emit/stat-check.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** An output folder of five files, its record written and read back as a new process does. */
async function recordedOutput(): Promise<{ out: string; cacheDir: string; record: OutputRecord }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-stat-check-'));
  dirs.push(dir);
  const out = path.join(dir, 'dist');
  const cacheDir = path.join(dir, 'cache');
  const files = ['manifest.json', 'ncco/a/en-US/start.json', 'ncco/a/en-US/end.json', 'ncco/b/de-DE/start.json', 'ncco/café/x.json'];
  for (const rel of files) {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), `[${rel}]`);
  }
  const entries = files.map((rel): [string, [string, number, number]] => {
    const stat = statSync(path.join(out, rel));
    return [rel, ['0'.repeat(64), stat.size, stat.mtimeMs]];
  });
  writeOutputRecord(cacheDir, { target: out, files: new Map(entries) });
  return { out, cacheDir, record: readOutputRecord(cacheDir)! };
}

describe('the recorded files stat-ed on a worker', () => {
  it('names every recorded file that is not on disk as recorded', async () => {
    const { out, cacheDir, record } = await recordedOutput();
    const source = takeRecordSource(record.files);
    expect(source).toBeInstanceOf(SharedArrayBuffer);
    // Given once: a record changed in place afterwards must not be judged by its old bytes.
    expect(takeRecordSource(record.files)).toBeUndefined();
    expect(takeRecordSource(readOutputRecord(cacheDir)!.files)).toBeInstanceOf(SharedArrayBuffer);

    const same = startStatCheck(out, path.sep, source!)!;
    expect(same.differing()).toEqual(new Set());
    // Edited in place with the same size and another time, another size, removed, a folder in its place;
    // a file moved out and linked to is followed, as the main thread's stat does.
    const at = (rel: string) => path.join(out, rel);
    writeFileSync(at('manifest.json'), '[MANIFEST.JSON]');
    utimesSync(at('manifest.json'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    writeFileSync(at('ncco/a/en-US/start.json'), 'longer than it was');
    rmSync(at('ncco/a/en-US/end.json'));
    rmSync(at('ncco/b/de-DE/start.json'));
    mkdirSync(at('ncco/b/de-DE/start.json'));
    const moved = path.join(path.dirname(out), 'moved.json');
    renameSync(at('ncco/café/x.json'), moved);
    symlinkSync(moved, at('ncco/café/x.json'));
    const check = startStatCheck(out, path.sep, takeRecordSource(readOutputRecord(cacheDir)!.files)!)!;
    expect(check.differing()).toEqual(
      new Set(['manifest.json', 'ncco/a/en-US/start.json', 'ncco/a/en-US/end.json', 'ncco/b/de-DE/start.json']),
    );
    // The answer is kept; after close() it is still the same.
    check.close();
    expect(check.differing()).toEqual(
      new Set(['manifest.json', 'ncco/a/en-US/start.json', 'ncco/a/en-US/end.json', 'ncco/b/de-DE/start.json']),
    );
  });

  it('gives no answer for a record it cannot read, a worker that fails, or one that stops making progress', async () => {
    const { out } = await recordedOutput();
    const bytes = (text: string) => {
      const shared = new SharedArrayBuffer(Buffer.byteLength(text));
      Buffer.from(shared).write(text);
      return shared;
    };
    for (const text of [
      '{"version":2,"target":"x","files":["a",',
      '{"version":1,"target":"x","files":[["a",["0",1,2]]]}',
      '{"version":2,"files":["a","0",1]}',
    ])
      expect(startStatCheck(out, path.sep, bytes(text))!.differing(), text).toBeUndefined();
    const source = bytes('{"version":2,"target":"x","files":[]}');
    expect(startStatCheck(out, path.sep, source)!.differing()).toEqual(new Set());
    const patienceMs = 200;
    expect(startStatCheck(out, path.sep, source, { code: "throw new Error('no')", patienceMs })!.differing()).toBeUndefined();
    expect(startStatCheck(out, path.sep, source, { code: 'syntax error here (', patienceMs })!.differing()).toBeUndefined();
    // Started, then stuck; and never started at all (no progress within its patience): given up, not waited for.
    const stuck = "const { workerData } = require('node:worker_threads'); Atomics.add(workerData.state, 0, 1); for (;;) {}";
    expect(startStatCheck(out, path.sep, source, { code: stuck, patienceMs })!.differing()).toBeUndefined();
    expect(startStatCheck(out, path.sep, source, { code: 'for (;;) {}', patienceMs })!.differing()).toBeUndefined();
    // Closed before it was asked: no answer is taken.
    const closed = startStatCheck(out, path.sep, source)!;
    closed.close();
    expect(closed.differing()).toBeUndefined();
  }, 30_000);

  it('is used only when a core is likely to be free', () => {
    expect(spareCore(2, 0.9)).toBe(true);
    expect(spareCore(2, 1.99)).toBe(true);
    expect(spareCore(2, 2)).toBe(false);
    expect(spareCore(2, 4.5)).toBe(false);
    // One core: the worker would only take turns with the main thread.
    expect(spareCore(1, 0)).toBe(false);
    expect(spareCore(8, 6)).toBe(true);
  });
});

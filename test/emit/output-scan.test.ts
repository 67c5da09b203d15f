/**
 * The output folder scanned in a worker (compiler/emit/output-scan.ts, issue 12 "Rebuilds"): a rebuild
 * with a record takes the listing and each file's size and time from the worker instead of a `stat` per
 * file. Whatever is done by hand to the output between builds must still be put right, as with the scan on
 * the main thread; a scan that does not come back in time falls back to the main thread's listing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { scanSettings, scanStats } from '../../compiler/emit/output-scan.js';
import type { OutputRecord } from '../../compiler/emit/output-record.js';
import type { OutputFile } from '../../compiler/emit/plan-output.js';
import { writeOutput } from '../../compiler/emit/write-output.js';
import { seededRandom } from '../helpers/seeded-random.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const defaults = { ...scanSettings };
afterEach(() => Object.assign(scanSettings, defaults));

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** rel → content of every file under `dir` (links listed as "-> link"). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isSymbolicLink()) out[r] = '-> link';
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

/** A plan of `n` flows × 2 locales × 3 steps, the texts depending on `version`, with a manifest. */
function plan(flows: number, version: (file: string) => number): OutputFile[] {
  const files: OutputFile[] = [];
  for (let f = 0; f < flows; f++)
    for (const locale of ['en-US', 'es-US'])
      for (const step of ['start', 'menu', 'end']) {
        const p = `ncco/f${f}/${locale}/${step}.json`;
        files.push({ path: p, content: `[{"text":"${p} v${version(p)}"}]\n` });
      }
  files.push({ path: 'manifest.json', content: `${JSON.stringify(files.map((x) => [x.path, sha(x.content)]))}\n` });
  files.push({ path: '_headers', content: 'h\n' });
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A hand edit of the output folder, as a user or a tool might make it. */
function handEdit(out: string, pick: <T>(xs: readonly T[]) => T, n: number): string {
  const files = Object.keys(snapshot(out)).filter((f) => f.startsWith('ncco/'));
  const file = pick(files);
  const full = path.join(out, file);
  switch (pick(['edit', 'edit-keep-size', 'remove', 'add', 'add-folder', 'folder-to-file', 'file-to-folder', 'link'] as const)) {
    case 'edit': {
      writeFileSync(full, `edited ${n}\n`);
      const later = new Date(Date.now() + 10_000 + n);
      utimesSync(full, later, later);
      return `edited ${file}`;
    }
    case 'edit-keep-size': {
      // Same size, a new time (as any write gives): read and compared, so put right.
      const text = readFileSync(full, 'utf8');
      writeFileSync(full, text.replace(/v\d/, 'vX'));
      const later = new Date(Date.now() + 20_000 + n);
      utimesSync(full, later, later);
      return `edited ${file}, same size`;
    }
    case 'remove':
      rmSync(full);
      return `removed ${file}`;
    case 'add':
      writeFileSync(path.join(path.dirname(full), `extra-${n}.json`), 'x');
      return `added next to ${file}`;
    case 'add-folder':
      mkdirSync(path.join(path.dirname(full), `more-${n}`, 'deep'), { recursive: true });
      writeFileSync(path.join(path.dirname(full), `more-${n}`, 'deep', 'x.json'), 'x');
      return `folder added next to ${file}`;
    case 'folder-to-file': {
      const folder = path.dirname(full);
      rmSync(folder, { recursive: true });
      writeFileSync(folder, 'a file');
      return `folder of ${file} replaced by a file`;
    }
    case 'file-to-folder':
      rmSync(full);
      mkdirSync(full);
      writeFileSync(path.join(full, 'inner.json'), 'x');
      return `${file} replaced by a folder`;
    case 'link':
      rmSync(full);
      symlinkSync(path.join(out, 'manifest.json'), full);
      return `${file} replaced by a link`;
  }
}

describe('the output scanned in a worker', () => {
  for (const [name, settings] of [
    ['the worker', { workerFrom: 0 }],
    ['a scan that does not come back in time (the main thread lists)', { workerFrom: 0, timeoutMs: 0 }],
  ] as const) {
    it(`puts every hand edit right over random rounds: ${name}`, async () => {
      Object.assign(scanSettings, settings);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-scan-'));
      dirs.push(dir);
      const out = path.join(dir, 'dist');
      const next = seededRandom(name.length);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
      let record: OutputRecord = { target: '', files: new Map() };
      const versions = new Map<string, number>();
      let flows = 4;
      const workersBefore = scanStats.workers;
      for (let n = 0; n < 30; n++) {
        const applied: string[] = [];
        if (n > 0) {
          for (let k = Math.floor(next() * 3); k > 0; k--) applied.push(handEdit(out, pick, n));
          if (next() < 0.5) {
            const p = `ncco/f${Math.floor(next() * flows)}/en-US/menu.json`;
            versions.set(p, (versions.get(p) ?? 0) + 1);
            applied.push(`planned anew: ${p}`);
          }
          if (next() < 0.2) {
            flows = pick([3, 4, 5]);
            applied.push(`${flows} flows`);
          }
        }
        const files = plan(flows, (p) => versions.get(p) ?? 0);
        const report = await writeOutput(out, files, { record });
        record = report.record!;
        expect(snapshot(out), `round ${n}: ${applied.join('; ')}`).toEqual(Object.fromEntries(files.map((f) => [f.path, f.content])));
        // The record is every planned file with its sha256, size and time now.
        expect(
          [...record.files].map(([p, [hash, size, time]]) => [p, hash, size, time]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
          `round ${n}: the record`,
        ).toEqual(
          files.map((f) => {
            const s = statSync(path.join(out, f.path));
            return [f.path, sha(f.content), s.size, s.mtimeMs];
          }),
        );
      }
      // Every round but the first (no folder yet) started a worker.
      expect(scanStats.workers - workersBefore).toBe(29);
    });
  }

  it('a recorded file still of its size and time is trusted from the scan, not read', async () => {
    scanSettings.workerFrom = 0;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-scan-'));
    dirs.push(dir);
    const out = path.join(dir, 'dist');
    const files = plan(2, () => 0);
    const first = await writeOutput(out, files, { record: { target: '', files: new Map() } });
    const file = path.join(out, 'ncco/f0/en-US/end.json');
    // The record made to match a changed file (a real edit gets a new time): so it is not read.
    const byHand = readFileSync(file, 'utf8').replace('v0', 'vZ');
    writeFileSync(file, byHand);
    const [hash] = first.record!.files.get('ncco/f0/en-US/end.json')!;
    first.record!.files.set('ncco/f0/en-US/end.json', [hash, statSync(file).size, statSync(file).mtimeMs]);
    const workers = scanStats.workers;
    const again = await writeOutput(out, files, { record: first.record! });
    expect({ written: again.written, removed: again.removed, unchanged: again.unchanged }).toEqual({
      written: [],
      removed: [],
      unchanged: files.length,
    });
    expect(readFileSync(file, 'utf8')).toBe(byHand);
    expect(scanStats.workers).toBe(workers + 1);
  });
});

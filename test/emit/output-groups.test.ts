/**
 * A rebuild without a watch (a new `flowc build` process, issue 12 "Rebuilds"): a group whose every file is
 * on disk as the last build recorded it (its `stat` the recorded size and time, planned with the recorded
 * sha256) is kept without a staged entry per file, and every change made to the output by hand is still
 * put right, as by the full comparison.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readOutputRecord, writeOutputRecord } from '../../compiler/emit/output-record.js';
import type { OutputFile } from '../../compiler/emit/plan-output.js';
import type { GroupFile } from '../../compiler/emit/output-stream.js';
import { openOutput } from '../../compiler/emit/write-output.js';
import { seededRandom } from '../helpers/seeded-random.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Every file under `dir` with its text (a link is read through: it must not be left there). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = e.isFile() ? readFileSync(path.join(dir, r), 'utf8') : `<not a file: ${e.isSymbolicLink() ? 'link' : 'other'}>`;
    }
  };
  walk('');
  return out;
}

describe('an output folder rebuilt by a new process', () => {
  // The recorded files stat-ed on a worker thread while the build runs (compiler/emit/stat-check.ts), and here.
  it.each([
    ['on a worker', true],
    ['on the main thread', false],
  ])(
    'keeps groups found as recorded, and gives what a full comparison gives after random edits (stat %s)',
    async (_, statWorker) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-groups-out-'));
      dirs.push(dir);
      const out = path.join(dir, 'dist');
      const cacheDir = path.join(dir, 'cache');
      const next = seededRandom(7);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      /** Each flow's texts by path; a new process plans new arrays and objects every build. */
      const flows = new Map<string, Map<string, string>>();
      let version = 0;
      const makeFlow = (flow: string, locales: readonly string[]) =>
        new Map(
          locales.flatMap((locale) =>
            ['start', 'menu', 'end'].map((step) => [`ncco/${flow}/${locale}/${step}.json`, `[${flow} ${locale} ${step} ${version}]\n`]),
          ),
        );
      for (const flow of ['a', 'b', 'c', 'd', 'e']) flows.set(flow, makeFlow(flow, ['en-US', 'de-DE']));
      const loose = (): OutputFile[] => [
        { path: '_headers', content: 'h\n' },
        { path: 'manifest.json', content: JSON.stringify([...flows.keys(), version]) },
        ...[...flows.keys()].map((flow) => ({ path: `router/data/${flow}.mjs`, content: `// ${flow}\n` })),
      ];
      const expectedNow = (): Record<string, string> =>
        Object.fromEntries([...[...flows.values()].flatMap((texts) => [...texts]), ...loose().map((f) => [f.path, f.content])]);
      const groupFiles = () => [...flows.values()].reduce((n, texts) => n + texts.size, 0);
      // Folders are recorded once unchanged for 2 s: the clock moves on 10 s before each build (the file
      // system's times do not), so every folder of the last build is recorded, and only an edit shows.
      vi.useFakeTimers({ toFake: ['Date'] });
      let clock = Date.now();
      /** As `flowc build` does: the record read from the cache folder, each flow's files put as a group, the record written. */
      const build = () => {
        clock += 10_000;
        vi.setSystemTime(clock);
        const record = readOutputRecord(cacheDir) ?? { target: '', files: new Map() };
        const stream = openOutput(out, { record, statWorker });
        try {
          for (const [flow, texts] of flows) {
            const group: GroupFile[] = [...texts].map(([p, content]) => ({ file: { path: p, content }, sha256: sha(content) }));
            stream.putGroup(flow, group);
          }
          const report = stream.finish(loose());
          writeOutputRecord(cacheDir, report.record!);
          return report;
        } finally {
          stream.abort();
        }
      };
      build();
      // Nothing changed: every group kept as recorded, nothing written.
      const quiet = build();
      expect(quiet).toMatchObject({ written: [], removed: [], unchanged: groupFiles() + loose().length, keptByStat: groupFiles() });

      const anyFile = () => pick(Object.keys(snapshot(out)).sort());
      const edits: ((n: number) => void)[] = [
        // The flows change, appear, lose a locale, go.
        () => {
          version++;
          const flow = pick([...flows.keys()]);
          flows.set(flow, makeFlow(flow, ['en-US', 'de-DE']));
        },
        () => {
          version++;
          const flow = pick([...flows.keys()]);
          flows.set(flow, makeFlow(flow, ['en-US']));
        },
        (n) => flows.set(`new${n}`, makeFlow(`new${n}`, ['fr-FR'])),
        // A flow's folder made by hand, with a file of its own, before the flow appears.
        (n) => {
          mkdirSync(path.join(out, `ncco/early${n}/fr-FR`), { recursive: true });
          writeFileSync(path.join(out, `ncco/early${n}/fr-FR/junk.json`), 'x');
          flows.set(`early${n}`, makeFlow(`early${n}`, ['fr-FR']));
        },
        () => {
          if (flows.size > 1) flows.delete(pick([...flows.keys()]));
        },
        // The output edited by hand: same size (a new modification time), another size, a time set forward.
        () => {
          const f = path.join(out, anyFile());
          writeFileSync(f, readFileSync(f, 'utf8').replace(/[a-z]/, 'Z'));
          const now = Date.now() / 1000 + 5;
          utimesSync(f, now, now);
        },
        () => writeFileSync(path.join(out, anyFile()), 'hand edit\n'),
        () => rmSync(path.join(out, anyFile()), { force: true }),
        (n) => {
          const folder = path.join(out, `ncco/${pick([...flows.keys()])}/en-US`);
          mkdirSync(folder, { recursive: true });
          writeFileSync(path.join(folder, `added-${n}.json`), 'x');
        },
        (n) => {
          const folder = path.join(out, `ncco/${pick([...flows.keys()])}/de-DE/added-${n}`);
          mkdirSync(path.join(folder, 'deeper'), { recursive: true });
          writeFileSync(path.join(folder, 'deeper', 'x.json'), 'x');
        },
        (n) => writeFileSync(path.join(out, `added-${n}.txt`), 'x'),
        // A folder renamed away and another in its place, and a folder moved out and linked to.
        (n) => {
          const folder = path.join(out, `ncco/${pick([...flows.keys()])}`);
          try {
            renameSync(folder, path.join(dir, `away-${n}`));
          } catch {
            return;
          }
          mkdirSync(path.join(folder, 'en-US'), { recursive: true });
          writeFileSync(path.join(folder, 'en-US', 'start.json'), 'x');
        },
        (n) => {
          const folder = path.join(out, `ncco/${pick([...flows.keys()])}`);
          const moved = path.join(dir, `linked-${n}`);
          try {
            renameSync(folder, moved);
          } catch {
            return;
          }
          symlinkSync(moved, folder);
        },
        () => rmSync(path.join(out, `ncco/${pick([...flows.keys()])}`), { recursive: true, force: true }),
        // A file where a folder was, a folder where a file was, a link to a file of the same bytes.
        () => {
          const f = path.join(out, anyFile());
          rmSync(f, { force: true });
          mkdirSync(f);
          writeFileSync(path.join(f, 'inside.json'), '{}');
        },
        () => {
          const folder = path.join(out, `ncco/${pick([...flows.keys()])}/de-DE`);
          rmSync(folder, { recursive: true, force: true });
          mkdirSync(path.dirname(folder), { recursive: true });
          writeFileSync(folder, 'not a folder');
        },
        (n) => {
          // Moved out and linked to: a stat through the link says the recorded size and time.
          const f = path.join(out, anyFile());
          const moved = path.join(dir, `moved-${n}`);
          renameSync(f, moved);
          symlinkSync(moved, f);
        },
        // Nothing at all.
        () => {},
      ];
      let kept = 0;
      let foldersKept = 0;
      for (let n = 0; n < 80; n++) {
        for (let k = 1 + Math.floor(next() * 2); k > 0; k--) pick(edits)(n);
        const report = build();
        kept += report.keptByStat ?? 0;
        foldersKept += report.foldersKept ?? 0;
        expect(snapshot(out), `round ${n}`).toEqual(expectedNow());
        // The record is exactly the output: every file, with its hash, size and modification time.
        const files = expectedNow();
        const record = readOutputRecord(cacheDir)!;
        expect([...record.files.keys()].sort(), `round ${n}`).toEqual(Object.keys(files).sort());
        for (const [rel, [hash, size, mtime]] of record.files) {
          const stat = statSync(path.join(out, rel));
          expect([hash, size, mtime], `round ${n}: ${rel}`).toEqual([sha(files[rel]!), stat.size, stat.mtimeMs]);
        }
      }
      // Most rounds keep most groups as recorded and take most folders from the record; the edited ones
      // were compared file by file, and listed.
      expect(kept).toBeGreaterThan(80 * 3 * 3);
      expect(foldersKept).toBeGreaterThan(80 * 5);
    },
    120_000,
  );

  it('reads back the record it wrote, reads the format before, and takes a damaged one for none', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-record-'));
    dirs.push(dir);
    const record = {
      target: path.join(dir, 'dist'),
      files: new Map<string, [string, number, number]>([
        ['manifest.json', [sha('m'), 1, 1764654321123 + 1 / 3]],
        ['ncco/café/en-US/start.json', [sha('s'), 22, 1764654321999 + 2 ** -10]],
      ]),
      folders: new Map<string, [number, number]>([
        ['', [12, 1764654300000.25]],
        ['ncco/café', [18446744073709552000, 1764654300001.5]],
      ]),
    };
    writeOutputRecord(dir, record);
    expect(readOutputRecord(dir)).toEqual(record);
    const { folders: _folders, ...withoutFolders } = record;
    writeOutputRecord(dir, withoutFolders);
    expect(readOutputRecord(dir)).toEqual(withoutFolders);
    const file = path.join(dir, 'output.json');
    writeFileSync(file, JSON.stringify({ version: 1, target: record.target, files: [...record.files] }));
    expect(readOutputRecord(dir)).toEqual(withoutFolders);
    for (const damaged of [
      { version: 2, target: record.target, files: ['manifest.json', sha('m'), 1] },
      { version: 2, target: record.target, files: [7, sha('m'), 1, 2] },
      { version: 3, target: record.target, files: [] },
      { version: 2, files: [] },
    ]) {
      writeFileSync(file, JSON.stringify(damaged));
      expect(readOutputRecord(dir), JSON.stringify(damaged)).toBeUndefined();
    }
    writeFileSync(file, '{"version":2,"target":"x","files":["a",');
    expect(readOutputRecord(dir)).toBeUndefined();
  });
});

/**
 * The watched output folder (`flowc build --watch`, issue 12 "Rebuilds"): a rebuild trusts the last
 * build's record for every file no event named — without a stat — and still puts right every change made
 * to the output by hand, including the one a stat cannot see (same size, modification time set back).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OutputRecord, readOutputRecord, settleOutputRecords, writeOutputRecord } from '../../compiler/emit/output-record.js';
import { OutputWatch } from '../../compiler/emit/output-watch.js';
import type { OutputFile } from '../../compiler/emit/plan-output.js';
import type { GroupFile } from '../../compiler/emit/output-stream.js';
import { openOutput, writeOutput } from '../../compiler/emit/write-output.js';
import { seededRandom } from '../helpers/seeded-random.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function plan(nccos: Record<string, string>): OutputFile[] {
  const all: Record<string, string> = { ...nccos, _headers: 'h\n', 'router.mjs': `// ${Object.keys(nccos).length}\n` };
  all['manifest.json'] = JSON.stringify(Object.keys(nccos).map((f) => [f, sha(nccos[f]!)]));
  return Object.entries(all)
    .map(([p, content]) => ({ path: p, content }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}
const expected = (files: OutputFile[]) => Object.fromEntries(files.map((f) => [f.path, f.content]));

/** Lets the events the kernel has queued reach the watch (they are read before any timer fires). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Writes like a watch's build: the watch armed first, its events taken in, the record kept. */
async function watchedWrite(out: string, watch: OutputWatch, files: OutputFile[], record: OutputRecord) {
  watch.arm(out);
  await settle();
  const report = await writeOutput(out, files, { record, watched: watch });
  return report;
}

/** An output folder to be (in a new temporary folder) and the NCCOs of three flows of two steps each. */
async function threeFlows(prefix: string): Promise<{ out: string; nccos: Record<string, string> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  const nccos: Record<string, string> = {};
  for (const flow of ['a', 'b', 'c']) for (const step of ['start', 'end']) nccos[`ncco/${flow}/en-US/${step}.json`] = `[${flow}${step}]\n`;
  return { out: path.join(dir, 'dist'), nccos };
}

describe('a watched output folder', () => {
  it('trusts its record without a stat, and puts right every hand edit an event names', async () => {
    const { out, nccos } = await threeFlows('flowc-watch-out-');
    const watch = new OutputWatch();
    let record = (await writeOutput(out, plan(nccos), { record: { target: '', files: new Map() } })).record!;
    // The first watched build arms and checks every file; from the second on the record is trusted.
    record = (await watchedWrite(out, watch, plan(nccos), record)).record!;
    record = (await watchedWrite(out, watch, plan(nccos), record)).record!;

    // Trusted without a stat: a record that says another modification time is still believed, because
    // no event named the file (a build without a watch would read it).
    const file = 'ncco/a/en-US/end.json';
    const [hash, size, mtime] = record.files.get(file)!;
    record.files.set(file, [hash, size, mtime + 1234]);
    const trusted = await watchedWrite(out, watch, plan(nccos), record);
    expect(trusted).toMatchObject({ written: [], removed: [] });
    expect(trusted.record!.files.get(file)![2]).toBe(mtime + 1234);
    record = trusted.record!;
    record.files.set(file, [hash, size, mtime]);

    // The edit a stat cannot see (same size, modification time set back) is named by an event and put right.
    const full = path.join(out, file);
    const before = statSync(full);
    writeFileSync(full, '[xxxxx]\n'.slice(0, before.size));
    utimesSync(full, before.atime, before.mtime);
    const fixed = await watchedWrite(out, watch, plan(nccos), record);
    expect(fixed.written).toEqual([file]);
    expect(snapshot(out)).toEqual(expected(plan(nccos)));
    record = fixed.record!;

    // Random hand edits of the output, and plans that change, for a number of rounds.
    const next = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const edits: ((n: number) => void)[] = [
      () => writeFileSync(path.join(out, pick(Object.keys(snapshot(out)))), 'hand edit\n'),
      () => rmSync(path.join(out, pick(Object.keys(snapshot(out)))), { force: true }),
      (n) => writeFileSync(path.join(out, `added-${n}.txt`), 'x'),
      (n) => {
        mkdirSync(path.join(out, `ncco/new-${n}/deep`), { recursive: true });
        writeFileSync(path.join(out, `ncco/new-${n}/deep/x.json`), '[]');
      },
      () => rmSync(path.join(out, `ncco/${pick(['a', 'b', 'c'])}`), { recursive: true, force: true }),
      () => {
        const folder = path.join(out, `ncco/${pick(['a', 'b', 'c'])}/en-US`);
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(path.dirname(folder), { recursive: true });
        writeFileSync(folder, 'a file where a folder was');
      },
      () => {
        const f = path.join(out, pick(Object.keys(snapshot(out))));
        rmSync(f, { force: true });
        mkdirSync(f);
        writeFileSync(path.join(f, 'inside'), 'a folder where a file was');
      },
      (n) => {
        nccos[`ncco/${pick(['a', 'b', 'd'])}/en-US/step${n}.json`] = `[${n}]\n`;
      },
      () => {
        delete nccos[pick(Object.keys(nccos))];
      },
    ];
    for (let n = 0; n < 40; n++) {
      for (let k = 1 + Math.floor(next() * 3); k > 0; k--) pick(edits)(n);
      const report = await watchedWrite(out, watch, plan(nccos), record);
      expect(snapshot(out), `round ${n}`).toEqual(expected(plan(nccos)));
      record = report.record!;
    }
    watch.close();
  }, 120_000);

  it('records a large file it writes with its hash made after the build, and still puts right hand edits of it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-watch-out-'));
    dirs.push(dir);
    const out = path.join(dir, 'dist');
    const cacheDir = path.join(dir, 'cache');
    const next = seededRandom(5);
    // A manifest of about 400 kB (the hash of one that large waits until after the build), as one text or,
    // as a watch puts it together, as pieces kept from one build to the next while they do not change.
    let version = 0;
    const big = () => `${'x'.repeat(400_000)}${version}\n`;
    const kept = [Buffer.from('x'.repeat(200_000)), Buffer.from('x'.repeat(200_000))];
    let tail = { version: -1, bytes: Buffer.from('') };
    const pieces = (): Buffer[] => {
      if (tail.version !== version) tail = { version, bytes: Buffer.from(`${version}\n`) };
      return [kept[0]!, kept[1]!, tail.bytes];
    };
    const files = (): OutputFile[] => {
      if (version % 4 >= 2)
        return [
          { path: 'manifest.json', content: big() },
          { path: 'ncco/a/en-US/start.json', content: `[${version % 3}]\n` },
        ];
      const chunks = pieces();
      const manifest: OutputFile = { path: 'manifest.json', chunks, content: '' };
      Object.defineProperty(manifest, 'content', { get: () => Buffer.concat(chunks).toString('utf8'), enumerable: true });
      return [manifest, { path: 'ncco/a/en-US/start.json', content: `[${version % 3}]\n` }];
    };
    const watch = new OutputWatch();
    let record = (await writeOutput(out, files(), { record: { target: '', files: new Map() } })).record!;
    record = (await watchedWrite(out, watch, files(), record)).record!;
    const full = path.join(out, 'manifest.json');
    for (let n = 0; n < 30; n++) {
      const roll = next();
      if (roll < 0.5) version++;
      else if (roll < 0.7) {
        // A hand edit a stat cannot see: the same size, the modification time set back.
        const before = statSync(full);
        writeFileSync(full, `${'y'.repeat(400_000)}${version}\n`);
        utimesSync(full, before.atime, before.mtime);
      }
      const report = await watchedWrite(out, watch, files(), record);
      expect(snapshot(out), `round ${n}`).toEqual(expected(files()));
      record = report.record!;
      // The watch makes the hashes after "built" most of the time; otherwise the next build does.
      if (next() < 0.7) settleOutputRecords();
      // The record written to the cache folder always holds each file's real hash.
      if (next() < 0.3) {
        writeOutputRecord(cacheDir, record);
        const stored = readOutputRecord(cacheDir)!;
        for (const [rel, [hash]] of stored.files) expect(hash, `${rel}, round ${n}`).toBe(sha(readFileSync(path.join(out, rel), 'utf8')));
      }
    }
    settleOutputRecords();
    for (const [rel, [hash]] of record.files) expect(hash).toBe(sha(readFileSync(path.join(out, rel), 'utf8')));
    watch.close();
  }, 60_000);

  it('gives no trust when the output folder was made again, or the build that made the record was not watched', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-watch-out-'));
    dirs.push(dir);
    const out = path.join(dir, 'dist');
    const nccos = { 'ncco/a/en-US/start.json': '[1]\n' };
    const watch = new OutputWatch();
    let record = (await writeOutput(out, plan(nccos), { record: { target: '', files: new Map() } })).record!;
    // Armed now: this build's record was made while watched, but the one it starts from was not.
    const file = 'ncco/a/en-US/start.json';
    const full = path.join(out, file);
    const untrusted = (r: OutputRecord): OutputRecord => {
      const [hash, size] = r.files.get(file)!;
      r.files.set(file, [hash, size, statSync(full).mtimeMs]);
      return r;
    };
    writeFileSync(full, '[2]\n');
    let report = await watchedWrite(out, watch, plan(nccos), untrusted(record));
    // Not trusted: the file of the recorded size and time is believed by stat (as without a watch)…
    expect(report.written).toEqual([]);
    record = report.record!;
    // …and the event of that edit, seen while watching, is still looked at in the next build.
    writeFileSync(full, '[3]\n');
    report = await watchedWrite(out, watch, plan(nccos), untrusted(record));
    expect(report.written).toEqual([file]);
    record = report.record!;
    // The whole folder deleted and made again by hand: a new folder, so the record is not trusted — a
    // recorded time that differs from the file's makes it compared by content.
    rmSync(out, { recursive: true });
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '[4]\n');
    await settle();
    const [hash, size, mtime] = record.files.get(file)!;
    record.files.set(file, [hash, size, mtime + 1234]);
    const again = await writeOutput(out, plan(nccos), { record, watched: watch });
    expect(again.written).toContain(file);
    expect(readFileSync(full, 'utf8')).toBe('[1]\n');
    watch.close();
  }, 60_000);

  it('gives no trust after as many events as the kernel might have dropped some of', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-watch-out-'));
    dirs.push(dir);
    const out = path.join(dir, 'dist');
    const nccos = { 'ncco/a/en-US/start.json': '[1]\n' };
    const watch = new OutputWatch({ eventLimit: 20 });
    let record = (await writeOutput(out, plan(nccos), { record: { target: '', files: new Map() } })).record!;
    record = (await watchedWrite(out, watch, plan(nccos), record)).record!;
    const file = 'ncco/a/en-US/start.json';
    const full = path.join(out, file);
    const realTime = statSync(full).mtimeMs;
    const wrongTime = (r: OutputRecord): OutputRecord => {
      const [hash, size] = r.files.get(file)!;
      r.files.set(file, [hash, size, realTime + 1234]);
      return r;
    };
    // A few events elsewhere: the file no event named is trusted without a stat (its record kept as it was).
    for (let i = 0; i < 5; i++) writeFileSync(path.join(out, `extra-${i}`), 'x');
    let report = await watchedWrite(out, watch, plan(nccos), wrongTime(record));
    expect(report).toMatchObject({ written: [], removed: ['extra-0', 'extra-1', 'extra-2', 'extra-3', 'extra-4'] });
    expect(report.record!.files.get(file)![2]).toBe(realTime + 1234);
    // As many events as the limit: nothing is trusted, so the file is looked at (and recorded as it is).
    for (let i = 0; i < 30; i++) writeFileSync(path.join(out, `extra-${i}`), 'x');
    report = await watchedWrite(out, watch, plan(nccos), wrongTime(report.record!));
    expect(report.written).toEqual([]);
    expect(report.removed).toHaveLength(30);
    expect(report.record!.files.get(file)![2]).toBe(realTime);
    expect(snapshot(out)).toEqual(expected(plan(nccos)));
    watch.close();
  }, 60_000);

  it('carries unchanged groups over whole, and gives what a full comparison gives after random edits', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-watch-out-'));
    dirs.push(dir);
    const out = path.join(dir, 'dist');
    const next = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    // Each flow's files as one array, the same array while the flow does not change (as the stager hands them).
    const groups = new Map<string, GroupFile[]>();
    let version = 0;
    const makeGroup = (flow: string, locales: readonly string[]): GroupFile[] =>
      locales.flatMap((locale) =>
        ['start', 'end'].map((step) => {
          const content = `[${flow} ${locale} ${step} ${version}]\n`;
          return { file: { path: `ncco/${flow}/${locale}/${step}.json`, content }, sha256: sha(content) };
        }),
      );
    for (const flow of ['a', 'b', 'c', 'd']) groups.set(flow, makeGroup(flow, ['en-US', 'de-DE']));
    const loose = (): OutputFile[] => [
      { path: '_headers', content: 'h\n' },
      { path: 'manifest.json', content: JSON.stringify([...groups.keys(), version]) },
      ...[...groups.keys()].map((flow) => ({ path: `router/data/${flow}.mjs`, content: `// ${flow}\n` })),
    ];
    const expectedNow = () =>
      Object.fromEntries([...[...groups.values()].flat().map((g) => g.file), ...loose()].map((f) => [f.path, f.content]));
    const watch = new OutputWatch();
    let record: OutputRecord = { target: '', files: new Map() };
    const build = async () => {
      watch.arm(out);
      await settle();
      const stream = openOutput(out, { record, watched: watch });
      try {
        for (const [flow, files] of groups) stream.putGroup(flow, files);
        const report = stream.finish(loose());
        record = report.record!;
        return report;
      } finally {
        stream.abort();
      }
    };
    await build();
    await build();
    // Nothing changed: every group carried over, nothing written, and the record is the same.
    const quiet = await build();
    expect(quiet).toMatchObject({ written: [], removed: [], unchanged: 16 + 6, carried: 16 });
    let carried = 0;

    const edits: ((n: number) => void)[] = [
      // The flows change, appear, lose a locale, go.
      () => {
        version++;
        const flow = pick([...groups.keys()]);
        groups.set(flow, makeGroup(flow, ['en-US', 'de-DE']));
      },
      () => {
        version++;
        const flow = pick([...groups.keys()]);
        groups.set(flow, makeGroup(flow, ['en-US']));
      },
      (n) => groups.set(`new${n}`, makeGroup(`new${n}`, ['fr-FR'])),
      () => {
        if (groups.size > 1) groups.delete(pick([...groups.keys()]));
      },
      // The output edited by hand.
      () => writeFileSync(path.join(out, pick(Object.keys(snapshot(out)))), 'hand edit\n'),
      () => rmSync(path.join(out, pick(Object.keys(snapshot(out)))), { force: true }),
      (n) => {
        const folder = path.join(out, `ncco/${pick([...groups.keys()])}`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, `added-${n}.txt`), 'x');
      },
      () => rmSync(path.join(out, `ncco/${pick([...groups.keys()])}`), { recursive: true, force: true }),
      () => {
        const f = path.join(out, pick(Object.keys(snapshot(out))));
        rmSync(f, { force: true });
        mkdirSync(f);
      },
      // Nothing at all.
      () => {},
    ];
    for (let n = 0; n < 40; n++) {
      for (let k = 1 + Math.floor(next() * 2); k > 0; k--) pick(edits)(n);
      carried += (await build()).carried ?? 0;
      expect(snapshot(out), `round ${n}`).toEqual(expectedNow());
      // The record is exactly the output: every file, with its hash, size and modification time.
      const files = expectedNow();
      expect([...record.files.keys()].sort(), `round ${n}`).toEqual(Object.keys(files).sort());
      for (const [rel, [hash, size, mtime]] of record.files) {
        const stat = statSync(path.join(out, rel));
        expect([hash, size, mtime], `round ${n}: ${rel}`).toEqual([sha(files[rel]!), stat.size, stat.mtimeMs]);
      }
    }
    // Rounds without a named folder or a file that appeared carried groups over; the others fell back to
    // the full comparison, and gave the same.
    expect(carried).toBeGreaterThan(0);
    watch.close();
  }, 120_000);

  it('passes the last full build’s folder record on through watched rebuilds, and a build without a watch still finds every change in those folders', async () => {
    const { out, nccos } = await threeFlows('flowc-watch-folders-');
    let record = (await writeOutput(out, plan(nccos), { record: { target: '', files: new Map() } })).record!;
    // A folder is recorded once it has been unchanged for 2 s (a change in the same tick would not show).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    record = (await writeOutput(out, plan(nccos), { record })).record!;
    const full = record.folders!;
    expect(full.has('ncco/b/en-US')).toBe(true);

    const watch = new OutputWatch();
    try {
      record = (await watchedWrite(out, watch, plan(nccos), record)).record!;
      nccos['ncco/a/en-US/start.json'] = '[a start, changed]\n';
      const watched = await watchedWrite(out, watch, plan(nccos), record);
      expect(watched.written).toContain('ncco/a/en-US/start.json');
      // Passed on as the last full build recorded it (the rebuild looked at no folder).
      expect(watched.record!.folders).toEqual(full);
      record = watched.record!;
    } finally {
      watch.close();
    }

    // Without the watch: a file added by hand to a folder of that record, and a file removed from another.
    writeFileSync(path.join(out, 'ncco/b/en-US/stray.json'), '[]\n');
    rmSync(path.join(out, 'ncco/c/en-US/end.json'));
    const next = await writeOutput(out, plan(nccos), { record });
    expect(next.foldersKept).toBeGreaterThan(0);
    expect(next.removed).toContain('ncco/b/en-US/stray.json');
    expect(next.written).toContain('ncco/c/en-US/end.json');
    expect(snapshot(out)).toEqual(expected(plan(nccos)));
  });
});

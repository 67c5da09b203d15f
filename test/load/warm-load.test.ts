/**
 * A warm compiler's load (`flowc build --watch`, issue 12 "Rebuilds"): a file read before is known again
 * by its stat — device, inode, size, modification and change times — and is then neither read nor hashed;
 * any change that shows in those, and any file changed too close to its read (racy), is read again. The
 * loaded project is always the one a cold load gives.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../compiler/load/parse-cache.js';
import { loadProject, sourcesAsLoaded, type TakeSourceChanges } from '../../compiler/load/read-project.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { writeProject } from '../helpers/temp-project.js';

const catalog = 'flows/messages/en-US.yaml';
const flow = 'flows/a.flow.yaml';

/** What a load gives, as plain data (the parsed value of each file, its text, and the findings). */
async function loaded(dir: string, cache?: ParseCache, changes?: TakeSourceChanges) {
  const project = await loadProject(dir, undefined, cache, changes);
  return {
    files: project.files.map((f) => [f.path, f.kind, f.text, JSON.stringify(f.value)]),
    diagnostics: project.diagnostics,
  };
}

describe('a warm load', () => {
  const edits: [string, (file: string) => void, 'kept' | 'read'][] = [
    ['untouched', () => {}, 'kept'],
    [
      'same size, modification time set back',
      (file) => {
        const before = statSync(file);
        writeFileSync(file, readFileSync(file, 'utf8').replace('hello', 'HELLO'));
        utimesSync(file, before.atime, before.mtime);
      },
      'read',
    ],
    ['appended to', (file) => writeFileSync(file, `${readFileSync(file, 'utf8')}# more\n`), 'read'],
    [
      'replaced by a new file with the same bytes and times',
      (file) => {
        const before = statSync(file);
        writeFileSync(`${file}.new`, readFileSync(file));
        utimesSync(`${file}.new`, before.atime, before.mtime);
        renameSync(`${file}.new`, file);
      },
      'read',
    ],
    [
      'replaced by a link to the same bytes',
      (file) => {
        writeFileSync(`${file}.target`, readFileSync(file));
        rmSync(file);
        symlinkSync(`${file}.target`, file);
      },
      'read',
    ],
    ['deleted', (file) => rmSync(file), 'read'],
  ];

  for (const [name, edit, expected] of edits) {
    for (const mode of ['warm', 'new'] as const) {
      it(`knows a file again by its stat, or reads it (${mode === 'warm' ? 'a warm compiler' : 'a new process'}): ${name}`, async () => {
        const dir = await writeProject({ [catalog]: 'greeting: hello\n', [flow]: 'flow: a\n' });
        const cacheDir = path.join(dir, '.flowc-cache');
        const first = new ParseCache(mode === 'warm' ? undefined : cacheDir, 'test', 0);
        // Read after the file's times (to the millisecond), so that they are trusted with a margin of 0.
        await new Promise((resolve) => setTimeout(resolve, 10));
        const before = await loaded(dir, first);
        first.flush();
        // A new process has only the cache file: no file object, no text in memory.
        const cache = mode === 'warm' ? first : new ParseCache(cacheDir, 'test', 0);
        const file = path.join(dir, catalog);
        edit(file);
        const kept = cache.unchanged(catalog, 'messages', file);
        expect(kept === undefined ? 'read' : 'kept').toBe(expected);
        if (kept) {
          // Served whole from the record: the text and data the read gave, positions parsed from that text.
          const read = before.files.find(([rel]) => rel === catalog)!;
          expect([kept.file?.text, kept.file?.value]).toEqual([read[2], JSON.parse(read[3] as string)]);
          expect(kept.file?.doc.toJS()).toEqual(kept.file?.value);
        }
        // Whatever was kept or read, the load is the one a cold load gives.
        expect(await loaded(dir, cache)).toEqual(await loaded(dir));
      });
    }
  }

  it('reads again a file read just after it changed (its times may not show the next change)', async () => {
    const dir = await writeProject({ [catalog]: 'greeting: hello\n' });
    const cache = new ParseCache(undefined, 'test');
    await loadProject(dir, undefined, cache);
    expect(cache.unchanged(catalog, 'messages', path.join(dir, catalog))).toBeUndefined();
  });

  it('gives what a cold load gives after random edits, renames and deletions', async () => {
    const dir = await writeProject({
      [catalog]: 'greeting: hello\nbye: goodbye\n',
      [flow]: 'flow: a\n',
      'flows/b.flow.yaml': 'flow: b\n',
      'templates/t.yaml': 'actions: []\n',
    });
    const next = seededRandom(5);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const files = [catalog, flow, 'flows/b.flow.yaml', 'templates/t.yaml', 'flows/c.flow.yaml'];
    const moves: ((n: number) => void)[] = [
      (n) => writeFileSync(path.join(dir, pick(files)), `flow: x${n}\n`),
      (n) => writeFileSync(path.join(dir, catalog), `greeting: hello ${n % 10}\nbye: goodbye\n`),
      () => rmSync(path.join(dir, pick(files)), { force: true }),
      () => {
        const from = path.join(dir, pick(files));
        try {
          renameSync(from, path.join(dir, pick(files)));
        } catch {
          // nothing to move
        }
      },
      (n) => writeFileSync(path.join(dir, pick(files)), n % 2 ? 'flow: [unclosed\n' : '\u0000binary'),
    ];
    // racy 0: a file's times are trusted at once (the edits here always change the size, inode or times).
    for (const cache of [new ParseCache(undefined, 'test', 0), new ParseCache(undefined, 'test')]) {
      for (let n = 0; n < 30; n++) {
        pick(moves)(n);
        // Each edit's times differ from the last read's (a file system keeps them to the tick).
        await new Promise((resolve) => setTimeout(resolve, 15));
        expect(await loaded(dir, cache), `round ${n}`).toEqual(await loaded(dir));
      }
    }
  }, 60_000);

  it('takes the files no event named unseen, and its check finds a change that no event named', async () => {
    const dir = await writeProject({ [catalog]: 'greeting: hello\n', [flow]: 'flow: a\n' });
    const cache = new ParseCache(undefined, 'test', 0);
    let named: Set<string> | undefined;
    const take: TakeSourceChanges = () => (named ? { named } : undefined);
    await loaded(dir, cache, take);
    named = new Set();
    await new Promise((resolve) => setTimeout(resolve, 15));
    writeFileSync(path.join(dir, catalog), 'greeting: HELLO\n');
    // Named: read. Not named: the last parse, unseen — and the check after the build says so.
    named = new Set([catalog]);
    expect((await loaded(dir, cache, take)).files[1]![2]).toBe('greeting: HELLO\n');
    expect(sourcesAsLoaded(dir, cache)).toBe(true);
    named = new Set();
    await new Promise((resolve) => setTimeout(resolve, 15));
    writeFileSync(path.join(dir, catalog), 'greeting: hi\n');
    expect((await loaded(dir, cache, take)).files[1]![2]).toBe('greeting: HELLO\n');
    expect(sourcesAsLoaded(dir, cache)).toBe(false);
    // Without trust (what the watch does next), every file is looked at.
    expect(await loaded(dir, cache)).toEqual(await loaded(dir));
    expect(sourcesAsLoaded(dir, cache)).toBe(true);
  });

  it('gives what a cold load gives when events name every change, and its check finds each one they missed', async () => {
    const dir = await writeProject({
      [catalog]: 'greeting: hello\nbye: goodbye\n',
      [flow]: 'flow: a\n',
      'flows/b.flow.yaml': 'flow: b\n',
      'templates/t.yaml': 'actions: []\n',
    });
    const next = seededRandom(9);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const files = [catalog, flow, 'flows/b.flow.yaml', 'templates/t.yaml', 'flows/c.flow.yaml', 'flows/sub/d.flow.yaml'];
    // Each move returns the project paths an event would name.
    const moves: ((n: number) => string[])[] = [
      (n) => {
        const rel = pick(files);
        const folder = path.dirname(path.join(dir, rel));
        // A folder made is named too (an event on its parent).
        const made = existsSync(folder) ? [] : [path.dirname(rel)];
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(dir, rel), `flow: x${n}\n`);
        return [...made, rel];
      },
      (n) => {
        writeFileSync(path.join(dir, catalog), `greeting: hello ${n % 10}\nbye: goodbye\n`);
        return [catalog];
      },
      () => {
        const rel = pick(files);
        rmSync(path.join(dir, rel), { force: true });
        return [rel];
      },
      () => {
        const [from, to] = [pick(files), pick(files)];
        try {
          renameSync(path.join(dir, from), path.join(dir, to));
        } catch {
          // nothing to move
        }
        return [from, to];
      },
      () => {
        rmSync(path.join(dir, 'flows/sub'), { recursive: true, force: true });
        return ['flows/sub'];
      },
      (n) => {
        writeFileSync(path.join(dir, pick(files.slice(0, 4))), n % 2 ? 'flow: [unclosed\n' : '\u0000binary');
        return [];
      },
    ];
    const cache = new ParseCache(undefined, 'test', 0);
    let named: Set<string> | undefined;
    const take: TakeSourceChanges = () => {
      const taken = named ? { named } : undefined;
      named = new Set();
      return taken;
    };
    await loaded(dir, cache, take);
    let missed = 0;
    for (let n = 0; n < 60; n++) {
      // flows/sub/ made when missing (its folder is named, as an event on flows/ would).
      if (n % 7 === 0) {
        rmSync(path.join(dir, 'flows/sub'), { recursive: true, force: true });
        writeFileSync(path.join(dir, 'flows/x.flow.yaml'), 'flow: x\n');
        named?.add('flows/x.flow.yaml');
      }
      const move = pick(moves);
      const names = move(n);
      // Most events arrive; some are lost (a move whose events name nothing, or one in ten).
      const lost = names.length === 0 || next() < 0.1;
      if (!lost) for (const rel of names) named?.add(rel);
      await new Promise((resolve) => setTimeout(resolve, 15));
      const got = await loaded(dir, cache, take);
      const cold = await loaded(dir);
      if (!lost) expect(got, `round ${n}`).toEqual(cold);
      else if (JSON.stringify(got) !== JSON.stringify(cold)) {
        // A change the load did not see is found by the check.
        missed++;
        expect(sourcesAsLoaded(dir, cache), `round ${n}`).toBe(false);
      }
      if (!sourcesAsLoaded(dir, cache)) {
        // Never when every event arrived; the next load (without trust, as the watch does) sees everything.
        expect(lost, `round ${n}`).toBe(true);
        named = undefined;
        expect(await loaded(dir, cache, take), `round ${n}`).toEqual(cold);
      }
      expect(sourcesAsLoaded(dir, cache), `round ${n}`).toBe(true);
    }
    // The random edits did make loads that missed a change (the check was put to the test).
    expect(missed).toBeGreaterThan(0);
  }, 60_000);
});

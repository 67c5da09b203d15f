/**
 * A warm compiler's load (`flowc build --watch`, issue 12 "Rebuilds"): a file read before is known again
 * by its stat — device, inode, size, modification and change times — and is then neither read nor hashed;
 * any change that shows in those, and any file changed too close to its read (racy), is read again. The
 * loaded project is always the one a cold load gives.
 */
import { readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../compiler/load/parse-cache.js';
import { loadProject } from '../../compiler/load/read-project.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { writeProject } from '../helpers/temp-project.js';

const catalog = 'flows/messages/en-US.yaml';
const flow = 'flows/a.flow.yaml';

/** What a load gives, as plain data (the parsed value of each file, its text, and the findings). */
async function loaded(dir: string, cache?: ParseCache) {
  const project = await loadProject(dir, undefined, cache);
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
    it(`knows a file again by its stat, or reads it: ${name}`, async () => {
      const dir = await writeProject({ [catalog]: 'greeting: hello\n' });
      const cache = new ParseCache(undefined, 'test', 0);
      // Read after the file's times (to the millisecond), so that they are trusted with a margin of 0.
      await new Promise((resolve) => setTimeout(resolve, 10));
      await loadProject(dir, undefined, cache);
      const file = path.join(dir, catalog);
      edit(file);
      const kept = cache.unchanged(catalog, 'messages', file);
      expect(kept === undefined ? 'read' : 'kept').toBe(expected);
    });
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
});

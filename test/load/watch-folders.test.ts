/**
 * The folder watch of `flowc build --watch` and `flowc studio` (compiler/load/watch-folders.ts) sees every save,
 * however it is made: Node 20's recursive watch lost a file once it was replaced by a rename (sed -i, git
 * checkout, editors' atomic saves), and no later save of it was seen. Each wait has a watchdog for hangs only.
 */
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type FolderWatch, watchFolders } from '../../compiler/load/watch-folders.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-watch-folders-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let open: FolderWatch | undefined;
afterEach(() => open?.close());

/** A watch of a new folder (with flows/ and flows/messages/ in it) and the paths its events named. */
function watched(name: string, skip?: (rel: string) => boolean) {
  const root = path.join(temp, name);
  mkdirSync(path.join(root, 'flows', 'messages'), { recursive: true });
  writeFileSync(path.join(root, 'flows', 'messages', 'en-US.yaml'), 'a: one\n');
  const named: string[] = [];
  /** Every path named, never cleared. */
  const all: string[] = [];
  const onEvent = (full: string, isNamed: boolean): void => {
    if (!isNamed) return;
    named.push(full);
    all.push(full);
  };
  open = watchFolders(root, { onEvent, ...(skip ? { skip } : {}) });
  const seen = async (full: string): Promise<void> => {
    for (const deadline = Date.now() + 60_000; !named.includes(full); await new Promise((r) => setTimeout(r, 10)))
      if (Date.now() > deadline) throw new Error(`watchdog: no event for ${full} in a minute; seen: ${named.join(', ')}`);
    named.length = 0;
  };
  return { root, all, seen };
}

describe('watchFolders', () => {
  it('sees every save of a file replaced by a rename, and the plain saves after', async () => {
    const { root, seen } = watched('renamed');
    const file = path.join(root, 'flows', 'messages', 'en-US.yaml');
    // As sed -i and editors' atomic saves do: a new file renamed over the old one, three times running.
    for (const text of ['a: two\n', 'a: three\n', 'a: four\n']) {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
      await seen(file);
    }
    appendFileSync(file, '# appended\n');
    await seen(file);
    writeFileSync(file, 'a: five\n');
    await seen(file);
  });

  it('watches a folder made later, names the files already in it, and sees its saves', async () => {
    const { root, seen } = watched('made-later');
    // Made elsewhere and moved in whole, as a checkout or a copy can: its files were never an event of their own.
    const elsewhere = path.join(temp, 'made-later-outside');
    mkdirSync(path.join(elsewhere, 'deeper'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'deeper', 'billing.flow.yaml'), 'flow: billing\n');
    renameSync(elsewhere, path.join(root, 'flows', 'billing'));
    const file = path.join(root, 'flows', 'billing', 'deeper', 'billing.flow.yaml');
    await seen(file);
    writeFileSync(file, 'flow: billing2\n');
    await seen(file);
  });

  it('watches a folder removed and made again', async () => {
    const { root, seen } = watched('remade');
    const folder = path.join(root, 'flows', 'messages');
    rmSync(folder, { recursive: true });
    await seen(folder);
    mkdirSync(folder);
    await seen(folder);
    const file = path.join(folder, 'fr-CA.yaml');
    writeFileSync(file, 'a: un\n');
    await seen(file);
  });

  it('leaves out what it is told to skip, and does not loop on a link back up the tree', async () => {
    const { root, all, seen } = watched('skip', (rel) => rel === 'node_modules' || rel.startsWith('node_modules/'));
    mkdirSync(path.join(root, 'node_modules'));
    symlinkSync(root, path.join(root, 'flows', 'loop'));
    await seen(path.join(root, 'flows', 'loop'));
    writeFileSync(path.join(root, 'node_modules', 'x.yaml'), 'x: 1\n');
    const file = path.join(root, 'flows', 'after.yaml');
    writeFileSync(file, 'a: 1\n');
    await seen(file);
    expect(all.filter((p) => p.includes('node_modules'))).toEqual([]);
    expect(all).toContain(file);
  });

  it('throws when the folder itself cannot be watched', () => {
    expect(() => watchFolders(path.join(temp, 'missing'), { onEvent: () => {} })).toThrow(/ENOENT/);
  });
});

/**
 * `flowc build --watch` takes the project's files that no event named from its memory, unseen (issue 12,
 * "Rebuilds"); after a build that did so, it lists the files and compares each one's stat with the one it
 * was read with, so that a change whose event was lost still reaches the output, one build later. Here
 * events are dropped on purpose (WatchHooks.dropEvent), as a kernel whose queue overflowed drops them.
 * Each wait has a watchdog for hangs only; nothing here is timed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../compiler/cli/cli-io.js';
import { runWatch } from '../../compiler/cli/watch-command.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-watch-events-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/**
 * A watch of a small generated project, driven up to the point both tests start from: two builds made
 * (the second one trusting the events, the watch idle after it), then a catalog change whose event is
 * dropped, which starts no build. `afterBuilt` runs after each build's "built" line.
 */
async function watchWithLostCatalogEvent(name: string, afterBuilt: () => void) {
  const dir = path.join(temp, name);
  execFileSync(process.execPath, [
    path.join(repo, 'bench/build/generate-project.mjs'),
    ...['--flows', '3', '--locales', '1', '--steps', '5', '--out', dir],
  ]);
  rmSync(path.join(dir, '.bench-generated.json'));
  let said = '';
  const io: CliIo = { stdout: () => {}, stderr: (t) => (said += t), cwd: dir, env: {}, color: false };
  const catalog = path.join(dir, 'flows/messages/en-US.yaml');
  let drop = false;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  /** How many builds there were when the watch was last idle after one (its check for lost events made). */
  let idleAt = 0;
  const builds = (): number => said.split('[flowc --watch] built').length - 1;
  const watching = runWatch(
    io,
    dir,
    {},
    { stop: stopped, dropEvent: (full) => drop && full === catalog, afterBuilt, finished: () => (idleAt = builds()) },
  );
  const until = async (what: string, done: () => boolean): Promise<void> => {
    for (const deadline = Date.now() + 300_000; !done(); await new Promise((resolve) => setTimeout(resolve, 20)))
      if (Date.now() > deadline) throw new Error(`watchdog: no ${what} after 5 minutes. Said so far:\n${said}`);
  };
  await until('first build', () => builds() === 1);
  // Two builds that trust the events (the first build after the start looks at every file).
  const flowPath = path.join(
    dir,
    'flows',
    readdirSync(path.join(dir, 'flows'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.flow.yaml'))!,
  );
  const flowText = readFileSync(flowPath, 'utf8');
  writeFileSync(flowPath, `${flowText}# one\n`);
  // (And the watch idle after it: its check for lost events is made before the next save.)
  await until('second build', () => builds() === 2 && idleAt === 2);

  // The catalog's event is lost: no build.
  const text = readFileSync(catalog, 'utf8');
  const flow = /^((?:billing|info|support)-\d{5}):\n {2}greeting: /m.exec(text)![1]!;
  drop = true;
  writeFileSync(catalog, text.replace(new RegExp(`^(${flow}:\\n {2}greeting: )`, 'm'), '$1Unseen hello. '));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(builds()).toBe(2);
  const ncco = path.join(dir, `dist/ncco/${flow}/en-US/welcome.json`);
  return {
    builds,
    /** Saves the flow again (its text with `comment` added). */
    saveFlow: (comment: string) => writeFileSync(flowPath, `${flowText}# ${comment}\n`),
    lostChangeBuilt: () => until('the lost change in the output', () => readFileSync(ncco, 'utf8').includes('Unseen hello.')),
    stop: async () => {
      stop();
      return watching;
    },
  };
}

describe('a watch that lost an event', () => {
  it('still builds the change, after the next build finds it by stat', async () => {
    const watch = await watchWithLostCatalogEvent('project', () => {});
    // A save of a flow starts a build, which takes the catalog from memory; the check after it finds the
    // catalog changed, and the build after that has the new text.
    watch.saveFlow('two');
    await watch.lostChangeBuilt();
    expect(watch.builds()).toBeGreaterThanOrEqual(4);
    expect(await watch.stop()).toBe(0);
  }, 600_000);

  // A save that comes while the watch finishes a build (the cache written, the manifest hashed, the check
  // for lost events) is built first, and the check is made after that build instead: the lost change still
  // reaches the output, one build later.
  it('still builds the change when a save comes just after "built"', async () => {
    let afterBuilt: (() => void) | undefined;
    const watch = await watchWithLostCatalogEvent('project-2', () => afterBuilt?.());
    // The next build's line is followed at once by another save of the flow.
    afterBuilt = () => {
      afterBuilt = undefined;
      watch.saveFlow('three');
    };
    watch.saveFlow('two');
    await watch.lostChangeBuilt();
    expect(afterBuilt).toBeUndefined();
    expect(watch.builds()).toBeGreaterThanOrEqual(5);
    expect(await watch.stop()).toBe(0);
  }, 600_000);
});

// sed -i, git checkout and editors that save atomically replace a file by a rename: Node 20's recursive watch
// lost such a file, and no later save of it started a build (compiler/load/watch-folders.ts).
describe('a watch of a file saved by a rename', () => {
  it('builds every save, the renames and a plain write after them', async () => {
    const dir = path.join(temp, 'renamed');
    execFileSync(process.execPath, [
      path.join(repo, 'bench/build/generate-project.mjs'),
      ...['--flows', '2', '--locales', '1', '--steps', '4', '--out', dir],
    ]);
    rmSync(path.join(dir, '.bench-generated.json'));
    let said = '';
    const io: CliIo = { stdout: () => {}, stderr: (t) => (said += t), cwd: dir, env: {}, color: false };
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const watching = runWatch(io, dir, {}, { stop: stopped });
    const catalog = path.join(dir, 'flows/messages/en-US.yaml');
    const text = readFileSync(catalog, 'utf8');
    const flow = /^((?:billing|info|support)-\d{5}):\n {2}greeting: /m.exec(text)![1]!;
    const ncco = path.join(dir, `dist/ncco/${flow}/en-US/welcome.json`);
    const built = async (words: string): Promise<void> => {
      for (const deadline = Date.now() + 300_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
        let out = '';
        try {
          out = readFileSync(ncco, 'utf8');
        } catch {
          // not built yet
        }
        if (out.includes(words)) return;
        if (Date.now() > deadline) throw new Error(`watchdog: "${words}" not built after 5 minutes. Said so far:\n${said}`);
      }
    };
    const greeting = (words: string): string => text.replace(new RegExp(`^(${flow}:\\n {2}greeting: )`, 'm'), `$1${words} `);
    // The first build.
    await built('');
    for (const words of ['First rename.', 'Second rename.', 'Third rename.']) {
      writeFileSync(`${catalog}.tmp`, greeting(words));
      renameSync(`${catalog}.tmp`, catalog);
      await built(words);
    }
    writeFileSync(catalog, greeting('Plain write.'));
    await built('Plain write.');
    stop();
    expect(await watching).toBe(0);
  }, 600_000);
});

/**
 * `flowc build --watch` as a real child process: it builds, builds again when a file is saved (only
 * the flow that changed is compiled), reports a broken file and keeps watching, and ends cleanly on
 * SIGINT. Each wait has a watchdog for hangs only; nothing here is timed.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'build/compiler/cli/bin.js');
const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-watch-'));
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

/** Collects a stream and waits for what it must say next (from where the last wait stopped). */
class Transcript {
  text = '';
  private seen = 0;
  private waiting: (() => void)[] = [];
  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (chunk: Buffer) => {
      this.text += chunk.toString();
      for (const wake of this.waiting.splice(0)) wake();
    });
  }
  /** The text from the last match up to and including the next line that matches. Hang watchdog: 5 minutes. */
  async next(pattern: RegExp, what: string): Promise<string> {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const rest = this.text.slice(this.seen);
      const m = pattern.exec(rest);
      if (m) {
        const end = rest.indexOf('\n', m.index);
        const upTo = end === -1 ? rest.length : end + 1;
        this.seen += upTo;
        return rest.slice(0, upTo);
      }
      if (Date.now() > deadline) throw new Error(`watchdog: no ${what} after 5 minutes. Output so far:\n${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

describe('flowc build --watch', () => {
  it('rebuilds on save, survives a broken file, and stops on SIGINT', async () => {
    const dir = path.join(temp, 'project');
    execFileSync(process.execPath, [
      path.join(repo, 'bench/build/generate-project.mjs'),
      ...['--flows', '4', '--locales', '2', '--steps', '7', '--out', dir],
    ]);
    rmSync(path.join(dir, '.bench-generated.json'));
    child = spawn(process.execPath, [bin, 'build', '--watch'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    const err = new Transcript(child.stderr);
    const out = new Transcript(child.stdout);
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));

    expect(await err.next(/\[flowc --watch\] (built|build failed)/, 'first build')).toMatch(
      /built in .*4 flows compiled, 0 from the cache/,
    );
    await out.next(/Wrote \d+ files to dist\//, 'first output');

    // One message of one flow: that flow alone is compiled again, and its NCCO has the new text.
    const catalog = path.join(dir, 'flows/messages/en-US.yaml');
    const text = readFileSync(catalog, 'utf8');
    const flow = /^((?:billing|info|support)-\d{5}):\n {2}greeting: /m.exec(text)![1]!;
    writeFileSync(catalog, text.replace(new RegExp(`^(${flow}:\\n {2}greeting: )`, 'm'), '$1Welcome back. '));
    // (A save can reach the watcher in two halves; a build of the half-written file may fail first.)
    expect(await err.next(/\[flowc --watch\] built/, 'rebuild')).toMatch(/built in .*1 flow compiled, 3 from the cache/);
    expect(await out.next(/Updated dist\/|up to date/, 'second output')).toMatch(/Updated dist\/: \d+ files? written/);
    expect(readFileSync(path.join(dir, `dist/ncco/${flow}/en-US/welcome.json`), 'utf8')).toContain('Welcome back.');
    // The watch's output, its manifest put together from the flows' kept texts, is what a clean plan gives.
    expect(() => execFileSync(process.execPath, [bin, 'build', '--check'], { cwd: dir, stdio: 'pipe' })).not.toThrow();
    // The flow compiled again is in the cache folder after the build (written just after "built", not at the
    // watch's end), for a `flowc build` run next to the watch. Watchdog for a hang only.
    for (const deadline = Date.now() + 120_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const bodies = readdirSync(path.join(dir, '.flowc-cache/flows'));
      if (bodies.some((b) => readFileSync(path.join(dir, '.flowc-cache/flows', b), 'utf8').includes('Welcome back.'))) break;
      if (Date.now() > deadline) throw new Error('watchdog: the rebuilt flow never reached the cache folder');
    }

    // A broken file is reported with its place, and the watch goes on.
    writeFileSync(catalog, `${text}\n  bad: [unclosed\n`);
    await err.next(/\[flowc --watch\] build failed/, 'failed build');
    expect(out.text + err.text).toMatch(/flows\/messages\/en-US\.yaml:\d+:\d+/);
    expect(child.exitCode).toBeNull();

    // Fixed again: built, and the output is what it was at the start.
    writeFileSync(catalog, text);
    await err.next(/\[flowc --watch\] built/, 'build after the fix');
    expect(readFileSync(path.join(dir, `dist/ncco/${flow}/en-US/welcome.json`), 'utf8')).not.toContain('Welcome back.');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err.text).toMatch(/\[flowc --watch\] stopped\./);
  }, 900_000);
});

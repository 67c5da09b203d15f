/**
 * The bundled command's start from V8's code cache (compiler/cli/code-cache.ts): the cache is kept under a
 * key, and one of another key, a damaged one or one V8 rejects is ignored (the program still runs, the same)
 * and made again; commands that import modules at run time are loaded with require() and leave no cache.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCacheKey, readCodeCache, writeCodeCache } from '../../compiler/cli/code-cache.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('the code cache file', () => {
  it('gives back what was written under its key only, and nothing for a damaged file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-code-cache-'));
    dirs.push(dir);
    const file = path.join(dir, 'x.cjs.v8-cache');
    expect(readCodeCache(file, 'k')).toBeUndefined();
    writeCodeCache(file, codeCacheKey('abc'), Buffer.from('data'));
    expect(readCodeCache(file, codeCacheKey('abc'))?.toString()).toBe('data');
    expect(readCodeCache(file, codeCacheKey('abd'))).toBeUndefined();
    expect(codeCacheKey('abc')).toContain(process.version);
    const whole = readFileSync(file);
    for (const damaged of [whole.subarray(0, 3), whole.subarray(0, whole.length - 4), Buffer.from([255, 255, 255, 255, 1])]) {
      writeFileSync(file, damaged);
      expect(readCodeCache(file, codeCacheKey('abc'))).toBeUndefined();
    }
    // A folder that cannot be written to: nothing happens.
    writeCodeCache(path.join(dir, 'no-such-folder', 'x.v8-cache'), 'k', Buffer.from('data'));
  });
});

describe('a bundle run by the launcher', () => {
  const launcherCode = path.join(repo, 'build/compiler/cli/code-cache.js');

  /** A small CommonJS program and a launcher for it, as bundle-bin.mjs makes them. */
  async function program(): Promise<{ run: (...args: string[]) => string; cache: string }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-launch-'));
    dirs.push(dir);
    const bundle = path.join(dir, 'prog.cjs');
    writeFileSync(
      bundle,
      "#!/usr/bin/env node\nconst path = require('node:path');\nconst twice = (n) => n * 2;\n" +
        "process.stdout.write([path.basename(__filename), typeof module.exports, twice(21), process.argv.slice(2).join(' ')].join(' ') + '\\n');\n",
    );
    const launcher = path.join(dir, 'bin.mjs');
    writeFileSync(
      launcher,
      `import { runBundle } from ${JSON.stringify(pathToFileURL(launcherCode).href)};\nrunBundle(new URL('./prog.cjs', import.meta.url), 'h1');\n`,
    );
    return {
      run: (...args) => execFileSync(process.execPath, [launcher, ...args], { encoding: 'utf8' }),
      cache: `${bundle}.v8-cache`,
    };
  }

  it('runs the same with no cache, its own, a damaged one or another key’s, and makes it again', async () => {
    const { run, cache } = await program();
    expect(run('build', 'x')).toBe('prog.cjs object 42 build x\n');
    const made = statSync(cache).ino;
    expect(readCodeCache(cache, codeCacheKey('h1'))?.length).toBeGreaterThan(0);
    // Used, not made again (each write is a new file renamed into place).
    expect(run('--verbose', 'check')).toBe('prog.cjs object 42 --verbose check\n');
    expect(statSync(cache).ino).toBe(made);
    // Bytes V8 rejects under the right key, and a cache of another bundle: the program runs, the cache is made again.
    const data = readCodeCache(cache, codeCacheKey('h1'))!;
    const junk = Buffer.alloc(data.length, 7);
    writeCodeCache(cache, codeCacheKey('h1'), junk);
    expect(run('build')).toBe('prog.cjs object 42 build\n');
    expect(readCodeCache(cache, codeCacheKey('h1'))?.equals(junk)).toBe(false);
    writeCodeCache(cache, codeCacheKey('h0'), data);
    expect(run('build')).toBe('prog.cjs object 42 build\n');
    expect(readCodeCache(cache, codeCacheKey('h1'))?.length).toBeGreaterThan(0);
  });

  it('loads the bundle with require() for the other commands, leaving no cache', async () => {
    const { run, cache } = await program();
    expect(run('lint-ncco', 'a.json')).toBe('prog.cjs object 42 lint-ncco a.json\n');
    expect(run()).toBe('prog.cjs object 42 \n');
    expect(existsSync(cache)).toBe(false);
  });
});

describe('the flowc bundle (build/compiler/cli/flowc.cjs, made by npm run build:compiler)', () => {
  it('is strict code, as the ES modules it is made of', () => {
    const source = readFileSync(path.join(repo, 'build/compiler/cli/flowc.cjs'), 'utf8').replace(/^#!/, '//');
    // `with` is a syntax error in strict code only: compiled, not run. A directive after the banner's first
    // statement would be a plain expression, and the whole bundle sloppy (frozen objects written silently).
    const compile = (code: string) => () => new vm.Script(Module.wrap(code));
    expect(compile('with ({}) {}')).not.toThrow();
    expect(compile(`${source}\n;function probe() { with ({}) {} }`)).toThrow(SyntaxError);
  });
});

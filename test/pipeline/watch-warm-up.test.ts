/**
 * Two shortcuts of a watched rebuild (compiler/pipeline/build-project.ts):
 *
 * - A watch's first build that compiles no flow compiles one the cache would serve (its "warm-up"), so that
 *   the first rebuild does not pay for the compiler's first run; a one-off build never does. Either way the build gives what
 *   a clean build gives.
 * - The output names' findings (build/unportable-name, build/case-collision) are kept from the last
 *   incremental build while the flow files are the same objects and flowc.yaml has the same text; a table of
 *   edits that make and undo such findings, built by one warm cache, each compared with a clean build.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseCache } from '../../compiler/load/parse-cache.js';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { compilerFingerprint, FlowCache } from '../../compiler/pipeline/flow-cache.js';
import { buildSnapshot, copyExampleProject } from '../helpers/build-snapshot.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-warm-up-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let copies = 0;
const exampleProject = (): string => copyExampleProject(path.join(temp, `example-${copies++}`));

/** A watch's load when its events are not trusted: every file looked at (compiler/load/read-project.ts). */
const asWatch = { sourceChanges: () => undefined };

/** A copy of the example project built once with a cache folder: its folder, the cache folder, its flow count. */
async function cachedExample(): Promise<{ dir: string; cacheDir: string; flows: number }> {
  const dir = exampleProject();
  const cacheDir = path.join(dir, '.flowc-cache');
  const first = new FlowCache(cacheDir);
  await buildProject(dir, { cache: first, parseCache: new ParseCache(cacheDir, compilerFingerprint()) });
  first.flush();
  return { dir, cacheDir, flows: first.stats.misses };
}

describe("a watch's first build", () => {
  it('compiles one cached flow anyway, once, with the result of a clean build', async () => {
    const { dir, cacheDir, flows } = await cachedExample();
    expect(flows).toBeGreaterThan(1);
    const clean = await buildSnapshot(dir, {});

    // A one-off build (the CLI) serves every flow from the cache folder.
    const cli = new FlowCache(cacheDir);
    expect(await buildSnapshot(dir, { cache: cli, parseCache: new ParseCache(cacheDir, compilerFingerprint()) })).toBe(clean);
    expect(cli.stats).toEqual({ hits: flows, misses: 0 });

    // A watch's first build compiles one of them; its next builds none.
    const watch = new FlowCache(cacheDir);
    const parses = new ParseCache(cacheDir, compilerFingerprint());
    expect(await buildSnapshot(dir, { cache: watch, parseCache: parses, ...asWatch })).toBe(clean);
    expect(watch.stats).toEqual({ hits: flows - 1, misses: 1 });
    watch.stats = { hits: 0, misses: 0 };
    expect(await buildSnapshot(dir, { cache: watch, parseCache: parses, ...asWatch })).toBe(clean);
    expect(watch.stats).toEqual({ hits: flows, misses: 0 });
  });

  it('compiles no extra flow when it compiles one anyway', async () => {
    // (The flow edited is not the last one, which the warm-up would compile: that one is served.)
    const { dir, cacheDir, flows } = await cachedExample();
    const file = path.join(dir, 'flows/bill-pay.flow.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited\n`);
    const watch = new FlowCache(cacheDir);
    expect(await buildSnapshot(dir, { cache: watch, parseCache: new ParseCache(cacheDir, compilerFingerprint()), ...asWatch })).toBe(
      await buildSnapshot(dir, {}),
    );
    // The edited flow is compiled (its file is in its context), the others served.
    expect(watch.stats).toEqual({ hits: flows - 1, misses: 1 });
  });
});

type Edit = { name: string; apply(dir: string): void; findings: string[] };

const flowFile = 'flows/agent-fallback.flow.yaml';
/** The flow with its `connect` step copied as `CONNECT`: one file on macOS and Windows. */
const withUpperStep = (text: string): string => {
  const lines = text.split('\n');
  const at = lines.indexOf('  connect:');
  let end = at + 1;
  while (end < lines.length && /^ {3,}|^\s*$/.test(lines[end]!)) end++;
  lines.splice(end, 0, '  CONNECT:', ...lines.slice(at + 1, end).filter((l) => l.trim() !== ''));
  return lines.join('\n');
};

const table: Edit[] = [
  { name: 'nothing changed', apply: () => {}, findings: [] },
  {
    name: 'a step copied under its name in upper case',
    apply: (dir) => writeFileSync(path.join(dir, flowFile), withUpperStep(readFileSync(path.join(dir, flowFile), 'utf8'))),
    findings: ['build/case-collision'],
  },
  {
    name: 'a message edited (the flow files are the same objects)',
    apply: (dir) => {
      const file = path.join(dir, 'flows/messages/en-US.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+goodbye: )/m, '$1Thanks again. '));
    },
    findings: ['build/case-collision'],
  },
  {
    name: 'a flow named com1 added',
    apply: (dir) =>
      writeFileSync(
        path.join(dir, 'flows/reserved.flow.yaml'),
        readFileSync(path.join(dir, 'flows/support.flow.yaml'), 'utf8')
          .replace(/^flow: .+$/m, 'flow: com1')
          .replace(/^numbers:\n(?: {2}.*\n)+/m, ''),
      ),
    findings: ['build/case-collision', 'build/unportable-name'],
  },
  {
    name: 'the step copy undone',
    apply: (dir) => cpSync(path.join(repo, flowFile), path.join(dir, flowFile)),
    findings: ['build/unportable-name'],
  },
  {
    name: 'flowc.yaml edited (a comment)',
    apply: (dir) => writeFileSync(path.join(dir, 'flowc.yaml'), `# a comment\n${readFileSync(path.join(dir, 'flowc.yaml'), 'utf8')}`),
    findings: ['build/unportable-name'],
  },
  {
    name: 'the com1 flow removed',
    apply: (dir) => unlinkSync(path.join(dir, 'flows/reserved.flow.yaml')),
    findings: [],
  },
];

describe("the output names' findings kept between builds", () => {
  it('are those of a clean build after each edit of the table', async () => {
    const dir = exampleProject();
    // One warm compiler through the whole table (a watch's memory), each build against a clean one.
    const cache = new FlowCache(undefined);
    const parses = new ParseCache(undefined, compilerFingerprint());
    for (const { name, apply, findings } of table) {
      apply(dir);
      const warm = await buildProject(dir, { cache, parseCache: parses, ...asWatch });
      const clean = await buildProject(dir, {});
      const names = (ds: typeof warm.diagnostics): string[] =>
        [...new Set(ds.filter((d) => d.code === 'build/case-collision' || d.code === 'build/unportable-name').map((d) => d.code))].sort();
      expect(names(clean.diagnostics), `${name}: the clean build`).toEqual(findings);
      expect(JSON.stringify(warm.diagnostics), name).toBe(JSON.stringify(clean.diagnostics));
    }
  });
});

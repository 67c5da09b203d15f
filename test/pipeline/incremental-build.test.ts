/**
 * Incremental builds are invisible: after random edits to a project (messages, templates, flows,
 * flowc.yaml, pay prompt sets, files added and removed, errors made and fixed), a build served from the
 * cache — kept warm in memory, or read back from the cache folder — gives the same diagnostics and the
 * same output bytes as a clean build; the warm build's output, written into a watched output folder
 * edited by hand now and then (as `flowc build --watch` writes it), is that output. And the cache is really used: a one-message change recompiles
 * only the flow that says that message.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputRecord } from '../../compiler/emit/output-record.js';
import { OutputWatch } from '../../compiler/emit/output-watch.js';
import { type OutputFile, planOutput } from '../../compiler/emit/plan-output.js';
import { writeOutput } from '../../compiler/emit/write-output.js';
import type { ParseMemo } from '../../compiler/load/read-project.js';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { compilerFingerprint, decodeIndex, encodeIndex, FlowCache } from '../../compiler/pipeline/flow-cache.js';
import { ParseCache } from '../../compiler/load/parse-cache.js';
import { runBuild } from '../../compiler/cli/build-command.js';
import type { CliIo } from '../../compiler/cli/cli-io.js';
import { seededRandom as random } from '../helpers/seeded-random.js';
import { buildSnapshot, copyExampleProject } from '../helpers/build-snapshot.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-incremental-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function listYaml(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || (rel === '' && entry.name === 'dist')) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listYaml(dir, child));
    else if (entry.name.endsWith('.yaml')) out.push(child);
  }
  return out.sort();
}

/** '' when equal, else the two texts around where they part (the snapshots are megabytes long). */
function difference(a: string, b: string): string {
  if (a === b) return '';
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `cached: …${a.slice(Math.max(0, i - 200), i + 200)}…\nclean:  …${b.slice(Math.max(0, i - 200), i + 200)}…`;
}

type Edit = (dir: string, pick: <T>(items: readonly T[]) => T, n: number) => string;

const messageLine = /^(\s+)([\w.-]+): (.+)$/;
const editLine = (file: string, change: (lines: string[]) => void): void => {
  const lines = readFileSync(file, 'utf8').split('\n');
  change(lines);
  writeFileSync(file, lines.join('\n'));
};
const files = (dir: string, pattern: RegExp): string[] => listYaml(dir).filter((f) => pattern.test(f));

const edits: Record<string, Edit> = {
  'message text': (dir, pick, n) => {
    const file = pick(files(dir, /^flows\/messages\//));
    editLine(path.join(dir, file), (lines) => {
      const i = pick(lines.map((l, i) => (messageLine.test(l) ? i : -1)).filter((i) => i >= 0));
      const [, indent, key, text] = messageLine.exec(lines[i]!)!;
      const variants = [
        `${text} Thanks ${n}.`,
        `Changed ${n}: {{company}}.`,
        `Broken {{money ${n}`,
        'Unknown {{nope}} here.',
        text!.toUpperCase(),
      ];
      lines[i] = `${indent}${key}: ${pick(variants)}`;
    });
    return `message text in ${file}`;
  },
  'message removed': (dir, pick) => {
    const file = pick(files(dir, /^flows\/messages\//));
    editLine(path.join(dir, file), (lines) => {
      const i = pick(lines.map((l, i) => (messageLine.test(l) ? i : -1)).filter((i) => i >= 0));
      lines.splice(i, 1);
    });
    return `message removed from ${file}`;
  },
  'message added': (dir, pick, n) => {
    const file = pick(files(dir, /^flows\/messages\//));
    editLine(path.join(dir, file), (lines) => {
      const i = pick(lines.map((l, i) => (messageLine.test(l) ? i : -1)).filter((i) => i >= 0));
      lines.splice(i + 1, 0, `${messageLine.exec(lines[i]!)![1]}extra-${n}: A new message ${n}.`);
    });
    return `message added to ${file}`;
  },
  'lines shifted': (dir, pick, n) => {
    const file = pick(listYaml(dir));
    editLine(path.join(dir, file), (lines) => lines.splice(lines[0]?.startsWith('# yaml-language-server') ? 1 : 0, 0, `# note ${n}`, ''));
    return `lines shifted in ${file}`;
  },
  'flow says another message': (dir, pick) => {
    const file = pick(files(dir, /\.flow\.yaml$/));
    const keys = files(dir, /^flows\/messages\//).flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .map((l) => /^ {2}([\w.-]+):/.exec(l)?.[1])
        .filter((k): k is string => k !== undefined),
    );
    editLine(path.join(dir, file), (lines) => {
      const says = lines.map((l, i) => (/say: [\w.-]+/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (says.length === 0) return;
      const i = pick(says);
      const sections = keys.length > 0 ? keys : ['greeting'];
      lines[i] = lines[i]!.replace(/say: [\w.-]+/, `say: ${pick([...sections.map((k) => `common.${k}`), 'no.such-message'])}`);
    });
    return `say changed in ${file}`;
  },
  'flow copied': (dir, pick, n) => {
    const file = pick(files(dir, /\.flow\.yaml$/));
    const text = readFileSync(path.join(dir, file), 'utf8').replace(/^flow: .+$/m, `flow: copy-${n}`);
    writeFileSync(path.join(dir, 'flows', `copy-${n}.flow.yaml`), text);
    return `flow copied from ${file}`;
  },
  // Output names that cannot be files on Windows (build/unportable-name: a flow copied as `com3`) or that
  // differ only in case (build/case-collision: a step copied under its name in upper case). A warm build
  // keeps the last output names' findings while the flow files are the same objects: these must come and go.
  'unportable output name': (dir, pick, n) => {
    const file = pick(files(dir, /\.flow\.yaml$/));
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (pick([true, false])) {
      writeFileSync(path.join(dir, 'flows', `reserved-${n}.flow.yaml`), text.replace(/^flow: .+$/m, `flow: com${n % 10}`));
      return `flow copied as com${n % 10}: ${file}`;
    }
    const step = /^steps:\n {2}([\w.-]+):/m.exec(text)?.[1];
    if (!step || step.toUpperCase() === step) return 'no step to rename';
    const body = text.split('\n');
    const at = body.indexOf(`  ${step}:`);
    let end = at + 1;
    while (end < body.length && /^ {3,}|^\s*$/.test(body[end]!)) end++;
    body.splice(end, 0, `  ${step.toUpperCase()}:`, ...body.slice(at + 1, end).filter((l) => l.trim() !== ''));
    writeFileSync(path.join(dir, file), body.join('\n'));
    return `step ${step} copied as ${step.toUpperCase()} in ${file}`;
  },
  'flow removed': (dir, pick) => {
    const flows = files(dir, /\.flow\.yaml$/);
    if (flows.length < 3) return 'nothing removed';
    const file = pick(flows);
    unlinkSync(path.join(dir, file));
    return `flow removed: ${file}`;
  },
  'template edited': (dir, pick, n) => {
    const file = pick(files(dir, /^templates\//));
    editLine(path.join(dir, file), (lines) => {
      const texts = lines.map((l, i) => (/text: /.test(l) ? i : -1)).filter((i) => i >= 0);
      if (texts.length > 0 && pick([true, false])) {
        const i = pick(texts);
        lines[i] = lines[i]!.replace(/text: .*/, `text: "Template text ${n}."`);
      } else lines.push(`# edited ${n}`);
    });
    return `template edited: ${file}`;
  },
  'settings edited': (dir, pick, n) => {
    editLine(path.join(dir, 'flowc.yaml'), (lines) => {
      const choice = pick(['router', 'style', 'rule', 'comment']);
      if (choice === 'router') {
        const i = lines.findIndex((l) => /^#? ?routerUrl:/.test(l));
        if (i >= 0) lines[i] = lines[i]!.startsWith('#') ? lines[i]!.replace(/^# ?/, '') : `# ${lines[i]}`;
      } else if (choice === 'style') {
        const i = lines.findIndex((l) => /^\s+style: \d/.test(l));
        if (i >= 0) lines[i] = lines[i]!.replace(/style: \d+/, `style: ${n % 3}`);
      } else if (choice === 'rule' && !lines.some((l) => l.startsWith('rules:'))) {
        lines.push('rules:', '  i18n/unused-message: off');
      } else lines.unshift(`# settings ${n}`);
    });
    return 'flowc.yaml edited';
  },
  // A connect whose onAnswer plays another flow's step from the CDN: that step is then validated as run by
  // onAnswer, which a flow served from the cache must notice although nothing it reads changed.
  'onAnswer added': (dir, pick) => {
    const cdn = /^cdnUrl: (\S+)/m.exec(readFileSync(path.join(dir, 'flowc.yaml'), 'utf8'))?.[1];
    const template = path.join(dir, 'templates/connect-agent.yaml');
    const flows = files(dir, /\.flow\.yaml$/);
    if (!cdn || flows.length === 0 || !listYaml(dir).includes('templates/connect-agent.yaml')) return 'no onAnswer';
    const text = readFileSync(path.join(dir, pick(flows)), 'utf8');
    const flow = /^flow: (\S+)/m.exec(text)?.[1];
    const start = /^start: (\S+)/m.exec(text)?.[1];
    const locale = /^locales: \[([^,\]]+)/m.exec(text)?.[1];
    if (!flow || !start || !locale) return 'no onAnswer';
    editLine(template, (lines) => {
      const i = lines.findIndex((l) => /^\s+number: "\{\{number\}\}"/.test(l));
      if (i < 0) return;
      const indent = /^\s*/.exec(lines[i]!)![0];
      if (/onAnswer/.test(lines[i + 1] ?? '')) lines.splice(i + 1, 1);
      lines.splice(i + 1, 0, `${indent}onAnswer: { url: "${cdn}/${flow}/${locale}/${start}.json" }`);
    });
    return `onAnswer to ${flow}/${locale}/${start}`;
  },
  // The parse cache (compiler/load/parse-cache.ts): a schema error appears in a file and goes again, a YAML
  // error, a file renamed (same bytes, new path), a catalog entry that only moves.
  'schema error': (dir, pick, n) => {
    const file = pick(files(dir, /\.flow\.yaml$|^templates\//));
    editLine(path.join(dir, file), (lines) => {
      const i = lines.findIndex((l) => /^unknownKey\d*:/.test(l));
      if (i >= 0) lines.splice(i, 1);
      else lines.push(`unknownKey${n}: true`);
    });
    return `schema error toggled: ${file}`;
  },
  'yaml error': (dir, pick) => {
    const file = pick(files(dir, /\.yaml$/));
    editLine(path.join(dir, file), (lines) => {
      const i = lines.indexOf('broken: [unclosed');
      if (i >= 0) lines.splice(i, 1);
      else lines.push('broken: [unclosed');
    });
    return `yaml error toggled: ${file}`;
  },
  'flow renamed': (dir, pick, n) => {
    const flows = files(dir, /\.flow\.yaml$/);
    if (flows.length === 0) return 'no flow';
    const from = pick(flows);
    const to = from.replace(/[^/]+\.flow\.yaml$/, `renamed-${n}.flow.yaml`);
    writeFileSync(path.join(dir, to), readFileSync(path.join(dir, from)));
    unlinkSync(path.join(dir, from));
    return `flow renamed: ${from} → ${to}`;
  },
  'catalog entry moved': (dir, pick) => {
    const file = pick(files(dir, /^flows\/messages\//));
    editLine(path.join(dir, file), (lines) => {
      // A top-level section moved to the end: every entry keeps its text, many change their line.
      const starts = lines.map((l, i) => (/^[\w.-]+:\s*$/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (starts.length < 2) return;
      const at = starts[0]!;
      const end = starts[1]!;
      const section = lines.splice(at, end - at);
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      lines.push(...section, '');
    });
    return `catalog section moved: ${file}`;
  },
  'pay prompts edited': (dir, pick, n) => {
    const sets = files(dir, /^flows\/pay\//);
    if (sets.length === 0) return 'no pay set';
    const file = pick(sets);
    if (pick([1, 2, 3, 4]) === 1) {
      unlinkSync(path.join(dir, file));
      return `pay set removed: ${file}`;
    }
    editLine(path.join(dir, file), (lines) => {
      const texts = lines.map((l, i) => (/: \S/.test(l) && /^\s/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (texts.length === 0) return;
      const i = pick(texts);
      lines[i] = lines[i]!.replace(/: .*/, `: Please enter your card number ${n}.`);
    });
    return `pay set edited: ${file}`;
  },
};

async function randomEdits(project: string, seed: number, rounds: number): Promise<void> {
  const original = path.join(temp, `original-${seed}`);
  cpSync(project, original, { recursive: true });
  const dir = path.join(temp, `project-${seed}`);
  cpSync(original, dir, { recursive: true });
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const warm = { cache: new FlowCache(undefined), parseCache: new ParseCache(undefined, compilerFingerprint()) };
  const memo = { cache: new FlowCache(undefined), parseMemo: new Map() as ParseMemo };
  const cacheDir = path.join(temp, `cache-${seed}`);
  // The warm build's output written as `flowc build --watch` writes it: into a watched folder, trusting
  // the last build's record for what no event named, with the folder edited by hand now and then.
  const out = path.join(temp, `out-${seed}`);
  const outputWatch = new OutputWatch();
  let record: OutputRecord = { target: '', files: new Map() };
  let outputChecks = 0;
  const writeWatched = async (files: OutputFile[]): Promise<void> => {
    outputWatch.arm(out);
    await new Promise((resolve) => setTimeout(resolve, 30));
    record = (await writeOutput(out, files, { record, watched: outputWatch })).record!;
    expect(outputFiles(out), 'the watched output folder').toEqual(Object.fromEntries(files.map((f) => [f.path, f.content])));
    outputChecks++;
  };
  // `flowc build` as a user runs it: a new process each time (new caches) reading .flowc-cache/ in the
  // project — the cache index, with flows' bodies read only for output files to write again — against
  // `flowc build --no-cache`, output folders edited by hand now and then (put right by both).
  const cliOut = path.join(temp, `cli-out-${seed}`);
  const cleanOut = path.join(temp, `clean-out-${seed}`);
  const cli = async (out: string, cache: boolean): Promise<string> => {
    let said = '';
    const io: CliIo = { cwd: temp, env: {}, stdout: (t) => (said += t), stderr: () => {}, color: false };
    const code = await runBuild(io, dir, { out, cache, format: 'json' });
    return `${code}\n${said}`;
  };
  let cliHits = 0;
  let warmUps = 0;
  let hits = 0;
  let graphServed = 0;
  let parsed = 0;
  let loaded = 0;
  for (let n = 0; n < rounds; n++) {
    const applied: string[] = [];
    if (n > 0) {
      if (pick([1, 2, 3, 4, 5, 6]) === 1) {
        // Back to the start now and then, so errors made along the way are fixed again.
        rmSync(dir, { recursive: true });
        cpSync(original, dir, { recursive: true });
        applied.push('reverted');
      }
      for (let k = 1 + Math.floor(next() * 2); k > 0; k--) applied.push(edits[pick(Object.keys(edits))]!(dir, pick, n));
      if (pick([1, 2, 3]) === 1) applied.push(editOutput(out, pick, n));
      if (pick([1, 2, 3]) === 1) applied.push(`CLI ${editCliOutput(cliOut, cleanOut, pick, n)}`);
    }
    const clean = await buildSnapshot(dir, {});
    const fromMemory = await buildSnapshot(dir, { cache: warm.cache, parseCache: warm.parseCache }, writeWatched);
    // New caches read what the previous build wrote to the cache folder (as the next `flowc build` does).
    const onDisk = new FlowCache(cacheDir);
    const parsesOnDisk = new ParseCache(cacheDir, compilerFingerprint());
    // In odd rounds as a watch's first build (its events passed): it compiles one cached flow anyway (the warm-up).
    const asWatch = n % 2 === 1 ? { sourceChanges: () => undefined } : {};
    const fromDisk = await buildSnapshot(dir, { cache: onDisk, parseCache: parsesOnDisk, ...asWatch });
    onDisk.flush();
    parsesOnDisk.flush();
    parsed += parsesOnDisk.takeParsedCount();
    // The parse memo of the API (a warm compiler's parses kept whole) gives the same too.
    const fromMemo = await buildSnapshot(dir, { cache: memo.cache, parseMemo: memo.parseMemo });
    hits += warm.cache.stats.hits + onDisk.stats.hits;
    if (n % 2 === 1 && onDisk.stats.hits + onDisk.stats.misses > 0) warmUps += onDisk.stats.misses > 0 ? 1 : 0;
    graphServed += [warm.cache, onDisk].filter((c) => c.graphUse === 'served').length;
    warm.cache.stats = { hits: 0, misses: 0 };
    expect(difference(fromMemory, clean), `round ${n} (${applied.join('; ')}), warm cache`).toBe('');
    expect(difference(fromDisk, clean), `round ${n} (${applied.join('; ')}), cache folder`).toBe('');
    expect(difference(fromMemo, clean), `round ${n} (${applied.join('; ')}), parse memo`).toBe('');
    const cliSaid = await cli(cliOut, true);
    expect(cliSaid, `round ${n} (${applied.join('; ')}), flowc build`).toBe(await cli(cleanOut, false));
    if (existsSync(cleanOut))
      expect(outputFiles(cliOut), `round ${n} (${applied.join('; ')}), flowc build's output`).toEqual(outputFiles(cleanOut));
    cliHits += existsSync(path.join(dir, '.flowc-cache', 'index.bin')) ? 1 : 0;
    loaded += listYaml(dir).length;
  }
  expect(hits).toBeGreaterThan(rounds);
  // The graph stage is served from the cache in the rounds whose edits left flows, templates and settings alone.
  expect(graphServed).toBeGreaterThan(0);
  expect(cliHits).toBeGreaterThan(rounds / 2);
  expect(warmUps).toBeGreaterThan(0);
  expect(outputChecks).toBeGreaterThan(rounds / 2);
  outputWatch.close();
  // The parse cache is really used: most files are not parsed again (one or two edits a round).
  expect(parsed).toBeLessThan(loaded / 2);
}

/** rel → content of every file under `dir`. */
function outputFiles(dir: string, rel = '', out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) outputFiles(dir, child, out);
    else out[child] = readFileSync(path.join(dir, child), 'utf8');
  }
  return out;
}

/** A hand edit of the output folder (the next build puts it right). */
function editOutput(out: string, pick: <T>(items: readonly T[]) => T, n: number): string {
  if (!existsSync(out)) return 'no output yet';
  const file = pick(Object.keys(outputFiles(out)));
  const full = path.join(out, file);
  switch (pick(['edit', 'same size and time', 'remove', 'add', 'folder removed'])) {
    case 'edit':
      writeFileSync(full, `hand edit ${n}`);
      return `output edited: ${file}`;
    case 'same size and time': {
      const before = statSync(full);
      writeFileSync(full, 'x'.repeat(before.size));
      utimesSync(full, before.atime, before.mtime);
      return `output edited, same size and time: ${file}`;
    }
    case 'remove':
      unlinkSync(full);
      return `output removed: ${file}`;
    case 'add':
      mkdirSync(path.join(out, `added-${n}`), { recursive: true });
      writeFileSync(path.join(out, `added-${n}/file.json`), '[]');
      return 'output added';
    default:
      rmSync(path.dirname(full), { recursive: true, force: true });
      return `output folder removed: ${path.dirname(file)}`;
  }
}

/** The same hand edit of both CLI output folders: a file changed (with a new modification time) or removed. */
function editCliOutput(cliOut: string, cleanOut: string, pick: <T>(items: readonly T[]) => T, n: number): string {
  if (!existsSync(cliOut) || !existsSync(cleanOut)) return 'no output yet';
  const file = pick(Object.keys(outputFiles(cliOut)));
  const remove = pick([true, false]);
  for (const out of [cliOut, cleanOut]) {
    const full = path.join(out, file);
    if (!existsSync(full)) continue;
    if (remove) unlinkSync(full);
    else {
      writeFileSync(full, `hand edit ${n}`);
      // A new modification time, whatever the file system's clock resolution.
      utimesSync(full, new Date(), new Date(Date.now() + 5000 + n));
    }
  }
  return `output ${remove ? 'removed' : 'edited'}: ${file}`;
}

function generated(name: string, flows: number): string {
  const out = path.join(temp, name);
  execFileSync(process.execPath, [
    path.join(repo, 'bench/build/generate-project.mjs'),
    ...['--flows', String(flows), '--locales', '2', '--steps', '7', '--out', out],
  ]);
  rmSync(path.join(out, '.bench-generated.json'));
  return out;
}

const exampleProject = (): string => copyExampleProject(path.join(temp, 'example'));

describe('incremental builds', () => {
  it('give what a clean build gives after random edits (generated project, seed 1)', async () => {
    await randomEdits(generated('generated', 8), 1, 30);
  }, 600_000);

  it('give what a clean build gives after random edits (example project, seed 2)', async () => {
    await randomEdits(exampleProject(), 2, 30);
  }, 600_000);

  it('recompile only the flow that says a changed message', async () => {
    const dir = generated('one-message', 6);
    const cache = new FlowCache(undefined);
    await buildProject(dir, { cache });
    expect(cache.stats).toEqual({ hits: 0, misses: 6 });
    // Each flow has a section of its own messages (billing-00002: greeting: …), said by that flow only.
    const catalog = path.join(dir, 'flows/messages/en-US.yaml');
    const text = readFileSync(catalog, 'utf8');
    const changed = text.replace(/^((?:billing|info|support)-\d{5}:\n {2}greeting: )/m, '$1Hello. ');
    expect(changed).not.toBe(text);
    writeFileSync(catalog, changed);
    cache.stats = { hits: 0, misses: 0 };
    const cached = await buildProject(dir, { cache });
    expect(cache.stats).toEqual({ hits: 5, misses: 1 });
    const clean = await buildProject(dir);
    expect(JSON.stringify(cached.diagnostics)).toBe(JSON.stringify(clean.diagnostics));
    expect(planOutput(cached.steps, cached.program, cached.cdnUrl)).toEqual(planOutput(clean.steps, clean.program, clean.cdnUrl));
  }, 300_000);

  it('treat a damaged cache folder as empty', async () => {
    const dir = generated('damaged', 3);
    const folder = path.join(temp, 'damaged-cache');
    const first = new FlowCache(folder);
    await buildProject(dir, { cache: first });
    first.flush();
    const bodies = readdirSync(path.join(folder, 'flows'));
    expect(bodies).toHaveLength(3);
    const clean = await buildSnapshot(dir, {});
    // Served from the index, with the bodies read (the API returns every step).
    const whole = new FlowCache(folder);
    expect(difference(await buildSnapshot(dir, { cache: whole }), clean)).toBe('');
    expect(whole.stats).toEqual({ hits: 3, misses: 0 });
    // A damaged body: the build starts again without the cache, and gives the same.
    const body = path.join(folder, 'flows', bodies[0]!);
    const saved = readFileSync(body);
    writeFileSync(body, saved.subarray(0, saved.length >> 1));
    const again = new FlowCache(folder);
    expect(difference(await buildSnapshot(dir, { cache: again }), clean)).toBe('');
    expect(again.stats).toEqual({ hits: 0, misses: 3 });
    writeFileSync(body, saved);
    // A damaged index, and one left half-written by a killed build next to it: no entry is read.
    const index = path.join(folder, 'index.bin');
    const indexBytes = readFileSync(index);
    writeFileSync(index, indexBytes.subarray(0, indexBytes.length >> 1));
    writeFileSync(`${index}.12345.tmp`, indexBytes.subarray(0, 100));
    const damaged = new FlowCache(folder);
    expect(difference(await buildSnapshot(dir, { cache: damaged }), clean)).toBe('');
    expect(damaged.stats).toEqual({ hits: 0, misses: 3 });
    writeFileSync(index, indexBytes);
    // An index of another compiler (a new version or a rebuilt one) is not read.
    const stored = decodeIndex(indexBytes)!;
    expect(stored.flows.size).toBe(3);
    writeFileSync(index, Buffer.concat(encodeIndex({ ...stored, compiler: 'another compiler' })));
    const foreign = new FlowCache(folder);
    expect(difference(await buildSnapshot(dir, { cache: foreign }), clean)).toBe('');
    expect(foreign.stats).toEqual({ hits: 0, misses: 3 });
  }, 300_000);

  it('start again without the cache when the index is out of step with the bodies', async () => {
    // A build killed between writing the bodies and the index leaves the old index with new bodies:
    // made here by putting back an older index after a flow was rebuilt, then undoing the edit so that the
    // older entry's dependencies match again while its body is the newer one.
    const dir = generated('out-of-step', 4);
    const folder = path.join(dir, '.flowc-cache');
    const io: CliIo = { cwd: temp, env: {}, stdout: () => {}, stderr: () => {}, color: false };
    const out = path.join(temp, 'out-of-step-out');
    expect(await runBuild(io, dir, { out })).toBe(0);
    const olderIndex = readFileSync(path.join(folder, 'index.bin'));
    const catalog = path.join(dir, 'flows/messages/en-US.yaml');
    const text = readFileSync(catalog, 'utf8');
    writeFileSync(catalog, text.replace(/^((?:billing|info|support)-\d{5}:\n {2}greeting: )/m, '$1Hello. '));
    expect(await runBuild(io, dir, { out })).toBe(0);
    writeFileSync(path.join(folder, 'index.bin'), olderIndex);
    writeFileSync(catalog, text);
    // The API reads every body.
    const cache = new FlowCache(folder);
    expect(difference(await buildSnapshot(dir, { cache }), await buildSnapshot(dir, {}))).toBe('');
    expect(cache.stats).toEqual({ hits: 0, misses: 4 });
    // flowc build reads the body of the flow whose NCCO changed back: it finds it out of step too.
    writeFileSync(path.join(folder, 'index.bin'), olderIndex);
    expect(await runBuild(io, dir, { out })).toBe(0);
    const cleanOut = path.join(temp, 'out-of-step-clean');
    expect(await runBuild(io, dir, { out: cleanOut, cache: false })).toBe(0);
    expect(outputFiles(out)).toEqual(outputFiles(cleanOut));
  }, 300_000);

  it('give what a clean build gives when a flow is deleted, renamed and brought back', async () => {
    const dir = generated('renamed', 4);
    const io: CliIo = { cwd: temp, env: {}, stdout: () => {}, stderr: () => {}, color: false };
    const out = path.join(temp, 'renamed-out');
    const cleanOut = path.join(temp, 'renamed-clean');
    const same = async (what: string): Promise<void> => {
      let cached = '';
      let clean = '';
      const said = (into: 'cached' | 'clean') => (t: string) => (into === 'cached' ? (cached += t) : (clean += t));
      expect(await runBuild({ ...io, stdout: said('cached') }, dir, { out, format: 'json' }), what).toBe(
        await runBuild({ ...io, stdout: said('clean') }, dir, { out: cleanOut, cache: false, format: 'json' }),
      );
      expect(cached, what).toBe(clean);
      expect(outputFiles(out), what).toEqual(outputFiles(cleanOut));
    };
    await same('first build');
    const flows = listYaml(dir).filter((f) => f.endsWith('.flow.yaml'));
    expect(flows.length).toBeGreaterThan(1);
    const [first, second] = [flows[0]!, flows[1]!];
    const firstText = readFileSync(path.join(dir, first), 'utf8');
    rmSync(path.join(dir, first));
    await same('a flow deleted');
    writeFileSync(path.join(dir, first), firstText);
    await same('the flow back');
    const name = /^flow: (\S+)$/m.exec(firstText)![1]!;
    writeFileSync(path.join(dir, first), firstText.replace(/^flow: \S+$/m, `flow: ${name}-renamed`));
    await same('a flow renamed');
    renameSync(path.join(dir, second), path.join(dir, path.dirname(second), `moved-${path.basename(second)}`));
    await same('a flow file renamed');
    writeFileSync(path.join(dir, first), firstText);
    renameSync(path.join(dir, path.dirname(second), `moved-${path.basename(second)}`), path.join(dir, second));
    await same('both back');
  }, 300_000);
});

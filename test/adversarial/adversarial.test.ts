/**
 * Adversarial inputs for the whole pipeline (load → check → resolve → lower → validate → emit) and the CLI:
 * shapes the schemas allow but later stages may not expect, names of Object.prototype members, huge and deep
 * inputs, odd YAML, odd arguments. Every case checks the CLI contract (design: "CLI contract"):
 *
 * - runCli never throws (in the real binary a throw is exit 3, an internal error);
 * - the exit code is 0 (warnings only) or 1 (errors), or 2 where the case is bad usage;
 * - `--format json` prints { version: 1, diagnostics }, each with a code, a severity and a message, and the
 *   exit code is 1 exactly when one of them is an error;
 * - no message or hint leaks a JavaScript error, a raw errno or a carriage return;
 * - a build that fails writes no output folder and leaves no temporary folder behind;
 * - the expected codes are present.
 *
 * Inputs whose failure is a hang or a memory blow-up (a FIFO, Node's endless mkdir in /proc, quadratic
 * work) cannot be interrupted in-process: those run the built binary (build/compiler/cli/bin.js, which
 * `npm test` builds first) in a child process, one child at a time, under a watchdog that kills it. The
 * watchdog is for hangs only: it is many times what each case needs on a busy 2-core machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runFlowc, type CliRun } from '../helpers/temp-project.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures');

type Files = Record<string, string | Uint8Array>;
type Expected = string | RegExp;

interface Case {
  name: string;
  /** A folder under fixtures/, copied to a fresh temp folder. */
  fixture?: string;
  /** Files written into the temp folder (over the fixture, if any). Generated inputs are made here. */
  files?: () => Files | Promise<Files>;
  /** Extra set-up in the project folder: links, FIFOs, files outside the project. */
  setup?: (dir: string) => Promise<void>;
  /** CLI arguments, run with the project folder as cwd. Default: check . --format json */
  args?: readonly string[];
  /** Allowed exit codes. Default [0, 1]. */
  exit?: readonly number[];
  /** Codes that must be among the diagnostics whenever the run printed JSON diagnostics. */
  codes?: readonly Expected[];
  /** More checks on the folder and the run. */
  after?: (dir: string, run: CliRun) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Generated inputs (kept out of fixtures/ because of their size, their bytes, or line endings git may rewrite)

const projectFile =
  'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US: { language: en-US, style: 2 }\n  es-US: { language: es-US, style: 2 }\n';

const flowFile = (steps: string, head = ''): string => `flow: a\nlocales: [en-US]\nstart: hello\n${head}steps:\n${steps}`;

const oneFlow = (steps: string, head = '', more: Files = {}): Files => ({
  'flowc.yaml': projectFile,
  'flows/a.flow.yaml': flowFile(steps, head),
  ...more,
});

/** Each template uses the next one twice: 2^depth actions in one step. */
function templateDiamond(depth: number): Files {
  const files: Files = oneFlow('  hello:\n    - use: t0\n');
  for (let i = 0; i < depth; i++) files[`templates/t${i}.yaml`] = `actions:\n  - use: t${i + 1}\n  - use: t${i + 1}\n`;
  files[`templates/t${depth}.yaml`] = 'actions:\n  - talk: { text: Hello. }\n';
  return files;
}

/** n steps, each moving on to the next on a timeout (no caller needed), the last one back to the first. */
function silentCycle(n: number): Files {
  const steps = Array.from(
    { length: n },
    (_, i) => `  s${i}:\n    - input: { type: [dtmf] }\n      on: { "1": s${(i + 1) % n}, timeout: s${(i + 1) % n} }\n`,
  );
  return { 'flowc.yaml': projectFile, 'flows/a.flow.yaml': `flow: a\nlocales: [en-US]\nstart: s0\nsteps:\n${steps.join('')}` };
}

/** n unreachable steps in two locales, each with an unknown option and a missing message. */
function manyBrokenSteps(n: number): Files {
  const steps = Array.from({ length: n }, (_, i) => `  s${i}:\n    - talk: { say: m${i}, levl: 1 }\n`);
  return { 'flowc.yaml': projectFile, 'flows/a.flow.yaml': `flow: a\nlocales: [en-US, es-US]\nstart: s0\nsteps:\n${steps.join('')}` };
}

/** t0 uses t1, which uses t2, … the last one says hello. */
function templateChain(length: number): Files {
  const files: Files = oneFlow('  hello:\n    - use: t0\n');
  for (let i = 0; i < length; i++) files[`templates/t${i}.yaml`] = `actions:\n  - use: t${i + 1}\n`;
  files[`templates/t${length}.yaml`] = 'actions:\n  - talk: { text: Hello. }\n';
  return files;
}

/** n steps, each with two plain actions; step s0 leads to the others so that none is unreachable. */
function plainSteps(n: number): Files {
  const steps = Array.from({ length: n }, (_, i) => `  s${i}:\n    - talk: { text: Step ${i} }\n    - talk: { text: Again }\n`);
  return { 'flowc.yaml': projectFile, 'flows/a.flow.yaml': `flow: a\nlocales: [en-US]\nstart: s0\nsteps:\n${steps.join('')}` };
}

const nestedFlowMaps = (levels: number): string => '{a: '.repeat(levels) + '1' + '}'.repeat(levels);

function nestedBlockMaps(levels: number): string {
  let out = 'vars:\n  deep:\n';
  for (let i = 0; i < levels; i++) out += ' '.repeat(4 + i) + 'a:\n';
  return out + ' '.repeat(4 + levels) + 'b: 1\n';
}

/** The example project of the repository root. */
async function exampleProject(): Promise<Files> {
  const files: Files = {};
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(repo, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else files[child] = await readFile(path.join(repo, child), 'utf8');
    }
  };
  files['flowc.yaml'] = await readFile(path.join(repo, 'flowc.yaml'), 'utf8');
  await walk('flows');
  await walk('templates');
  return files;
}

const withCrlfAndBom = (files: Files): Files =>
  Object.fromEntries(
    Object.entries(files).map(([p, text]) => [p, typeof text === 'string' ? '\ufeff' + text.replace(/\r?\n/g, '\r\n') : text]),
  );

/** ~20 MB of NCCO: n talks of `size` characters; `bad` adds an unknown option to each. */
function bigNcco(n: number, size: number, bad: boolean): string {
  const text = 'x'.repeat(size);
  const item = bad ? `{"action":"talk","text":"${text}","levl":1}` : `{"action":"talk","text":"${text}","level":0}`;
  return '[' + Array(n).fill(item).join(',') + ']';
}

// ---------------------------------------------------------------------------------------------------------
// Links out of the project (issue 10 #3) and unportable file names (#9, #13)

/** A secret outside the project, as a token line in ~/.npmrc would be. */
const secretLine = '//registry.npmjs.org/:_authToken=npm_SECRETSECRETSECRET';

async function secretOutside(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-adv-outside-'));
  madeDirs.push(dir);
  const file = path.join(dir, 'npmrc.yaml');
  // Valid YAML (a comment and a key) and a broken flow, so that a code frame would be printed if it were read.
  await writeFile(file, `# ${secretLine}\nflow: 42\nsteps: ${secretLine}\n`);
  await mkdir(path.join(dir, 'folder/messages'), { recursive: true });
  await writeFile(
    path.join(dir, 'folder/leak.flow.yaml'),
    `flow: leak\nlocales: [en-US]\nstart: s\nsteps:\n  s:\n    - talk: { text: "${secretLine}" }\n`,
  );
  await writeFile(path.join(dir, 'folder/messages/en-US.yaml'), `menu: "${secretLine}"\nbye: "${secretLine}"\n`);
  return { dir, file };
}

/** Nothing of the secret in anything flowc printed or wrote. */
const leaksNothing = async (dir: string, run: CliRun): Promise<void> => {
  expect(run.stdout + run.stderr).not.toContain('SECRETSECRET');
  for (const rel of ['dist/manifest.json', 'dist/router.mjs']) {
    if (existsSync(path.join(dir, rel))) expect(await readFile(path.join(dir, rel), 'utf8')).not.toContain('SECRETSECRET');
  }
};

function symlinkCases(): Case[] {
  const linkCase = (name: string, link: (dir: string, outside: { dir: string; file: string }) => Promise<void>, args: string[]): Case => ({
    name,
    fixture: 'minimal',
    setup: async (dir) => link(dir, await secretOutside()),
    args,
    exit: [1],
    codes: ['load/outside-project'],
    after: leaksNothing,
  });
  const cases: Case[] = [];
  for (const format of ['pretty', 'json', 'github', 'sarif']) {
    cases.push(
      linkCase(
        `flows/x.flow.yaml -> a file outside the project: refused, no code frame (--format ${format})`,
        async (dir, outside) => symlink(outside.file, path.join(dir, 'flows/x.flow.yaml')),
        ['check', '.', '--format', format],
      ),
    );
  }
  cases.push(
    linkCase(
      'the catalog is a link to a file outside: refused, nothing published in NCCOs',
      async (dir, outside) => {
        await rm(path.join(dir, 'flows/messages/en-US.yaml'));
        await symlink(path.join(outside.dir, 'folder/messages/en-US.yaml'), path.join(dir, 'flows/messages/en-US.yaml'));
      },
      build(),
    ),
    linkCase(
      'flows/shared -> a folder outside the project: refused, nothing in it read',
      async (dir, outside) => symlink(path.join(outside.dir, 'folder'), path.join(dir, 'flows/shared')),
      build(),
    ),
    linkCase(
      'templates/ -> a folder outside the project',
      async (dir, outside) => {
        await rm(path.join(dir, 'templates'), { recursive: true });
        await symlink(path.join(outside.dir, 'folder'), path.join(dir, 'templates'));
      },
      build(),
    ),
    linkCase(
      'a relative link that climbs out: flows/x.flow.yaml -> ../../<outside>',
      async (dir, outside) => symlink(path.relative(path.join(dir, 'flows'), outside.file), path.join(dir, 'flows/x.flow.yaml')),
      build(),
    ),
    linkCase(
      'a link inside the project to a link that leads out',
      async (dir, outside) => {
        await symlink(outside.file, path.join(dir, 'templates/hop.yaml'));
        await symlink('../templates/hop.yaml', path.join(dir, 'flows/x.flow.yaml'));
      },
      build(),
    ),
  );
  cases.push(
    {
      name: 'lint-ncco of a link to a file outside the current folder is refused',
      setup: async (dir) => {
        const outside = await secretOutside();
        await writeFile(path.join(outside.dir, 'n.json'), `[{"action":"talk","text":"${secretLine}","levl":1}]`);
        await symlink(path.join(outside.dir, 'n.json'), path.join(dir, 'n.json'));
      },
      args: ['lint-ncco', 'n.json', '--format', 'pretty'],
      exit: [1],
      after: async (dir, run) => {
        await leaksNothing(dir, run);
        expect(run.stdout).toContain('ncco/file-unreadable');
      },
    },
    {
      name: 'links that stay inside the project are followed (a file, a folder, the project folder itself)',
      fixture: 'minimal',
      setup: async (dir) => {
        await mkdir(path.join(dir, 'shared-flows'));
        await writeFile(
          path.join(dir, 'shared-flows/other.flow.yaml'),
          'flow: other\nlocales: [en-US]\nstart: s\nsteps:\n  s:\n    - talk: { say: bye }\n',
        );
        await symlink('../shared-flows', path.join(dir, 'flows/shared'));
        await writeFile(path.join(dir, 'third.yaml'), 'flow: third\nlocales: [en-US]\nstart: s\nsteps:\n  s:\n    - talk: { say: bye }\n');
        await symlink('../third.yaml', path.join(dir, 'flows/third.flow.yaml'));
        await symlink('.', path.join(dir, 'via-link'));
      },
      args: ['build', 'via-link', '--format', 'json'],
      exit: [0],
      after: async (dir) => {
        for (const flow of ['hello/en-US/menu', 'other/en-US/s', 'third/en-US/s']) {
          expect(existsSync(path.join(dir, `via-link/dist/ncco/${flow}.json`)), flow).toBe(true);
        }
      },
    },
  );
  return cases;
}

function fileNameCases(): Case[] {
  const flow = (name: string) => `flow: ${name}\nlocales: [en-US]\nstart: s\nsteps:\n  s:\n    - talk: { say: bye, levl: 1 }\n`;
  /** Every printed byte: no control character other than a line break reaches a log. */
  const noRawControls = async (_dir: string, run: CliRun): Promise<void> => {
    const raw = [...(run.stdout + run.stderr)].filter((c) => {
      const cp = c.codePointAt(0)!;
      return (cp < 0x20 && cp !== 0x0a) || (cp >= 0x7f && cp <= 0x9f);
    });
    expect(raw.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
  };
  return [
    {
      name: 'a flow file whose name holds a newline is an error, not a skipped file',
      fixture: 'minimal',
      files: () => ({ 'flows/a\nb.flow.yaml': flow('ab') }),
      exit: [1],
      codes: ['load/bad-file-name'],
    },
    ...['github', 'pretty'].map(
      (format): Case => ({
        name: `an ESC in a file name does not reach the log raw (--format ${format})`,
        fixture: 'minimal',
        files: () => ({ 'flows/\u001b[2J\u001b[31mred\u0007.flow.yaml': flow('red'), 'flows/\u009b31mx.flow.yaml': flow('x') }),
        args: ['check', '.', '--format', format],
        exit: [1],
        after: async (dir, run) => {
          await noRawControls(dir, run);
          expect(run.stdout).toContain('load/bad-file-name');
        },
      }),
    ),
    {
      name: 'Windows device names as file names: con.flow.yaml, templates/NUL.yaml, flows/pay/aux.en-US.yaml, com1/',
      fixture: 'minimal',
      files: () => ({
        'flows/con.flow.yaml': flow('con-flow'),
        'templates/NUL.yaml': 'actions:\n  - talk: { text: Hi }\n',
        'flows/pay/aux.en-US.yaml': 'prompts: {}\n',
        'flows/com1/a.flow.yaml': flow('in-com1'),
      }),
      exit: [1],
      codes: ['load/unportable-name'],
      after: async (_dir, run) => {
        const files = (JSON.parse(run.stdout) as JsonOutput).diagnostics
          .filter((d) => d.code === 'load/unportable-name')
          .map((d) => d.file);
        expect(files.sort()).toEqual(['flows/com1/a.flow.yaml', 'flows/con.flow.yaml', 'flows/pay/aux.en-US.yaml', 'templates/NUL.yaml']);
      },
    },
    {
      name: 'files that differ only in case: Card/card prompt sets, en-US/en-us catalogs, Welcome/welcome flows',
      fixture: 'minimal',
      files: () => ({
        'flows/pay/card.en-US.yaml': 'prompts: {}\n',
        'flows/pay/Card.en-US.yaml': 'prompts: {}\n',
        'flows/messages/en-us.yaml': 'bye: Bye.\n',
        'flows/Welcome.flow.yaml': flow('welcome-a'),
        'flows/welcome.flow.yaml': flow('welcome-b'),
      }),
      exit: [1],
      codes: ['load/case-collision'],
      after: async (_dir, run) => {
        const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.code === 'load/case-collision').map((d) => d.file);
        expect(found.sort()).toEqual(['flows/messages/en-us.yaml', 'flows/pay/card.en-US.yaml', 'flows/welcome.flow.yaml']);
      },
    },
    {
      name: 'steps Welcome/welcome, locales en-US/en-us, steps CON, nul and COM1, a flow named con: errors at the names, build',
      files: () => ({
        'flowc.yaml':
          'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US: { language: en-US, style: 2 }\n  en-us: { language: en-US, style: 2 }\n  nul: { language: en-US, style: 2 }\n',
        'flows/a.flow.yaml':
          'flow: con\nlocales: [en-US, en-us]\nstart: Welcome\nsteps:\n  Welcome:\n    - talk: { text: Hi }\n  welcome:\n    - talk: { text: Hi }\n  CON:\n    - talk: { text: Hi }\n  nul:\n    - talk: { text: Hi }\n  COM1:\n    - talk: { text: Hi }\n',
      }),
      args: build(),
      exit: [1],
      codes: ['build/case-collision', 'build/unportable-name'],
      after: async (dir, run) => {
        expect(existsSync(path.join(dir, 'dist')), 'nothing written').toBe(false);
        const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics
          .filter((d) => d.code.startsWith('build/') && d.code !== 'build/default-router-url')
          .map((d) => `${d.code} ${d.file}:${d.range?.start.line}:${d.range?.start.col}`);
        expect(found).toEqual([
          'build/case-collision flowc.yaml:4:3',
          'build/unportable-name flowc.yaml:5:3',
          'build/unportable-name flows/a.flow.yaml:1:7',
          'build/case-collision flows/a.flow.yaml:2:18',
          'build/case-collision flows/a.flow.yaml:7:3',
          'build/unportable-name flows/a.flow.yaml:9:3',
          'build/unportable-name flows/a.flow.yaml:11:3',
          'build/unportable-name flows/a.flow.yaml:13:3',
        ]);
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Checks shared by every case

const codeShape = /^[a-z0-9]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** JavaScript internals and raw errno names have no place in a message meant for authors. */
const leaked =
  /Maximum call stack|RangeError|TypeError|ReferenceError|is not a function|Cannot read propert|undefined is not|\bE[A-Z]{4,}\b:|\r/;

interface JsonOutput {
  version: number;
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    hint?: string;
    file?: string;
    range?: { start: { line: number; col: number } };
  }[];
}

const commandOf = (args: readonly string[]): string => args[0] ?? '';
const printsDiagnosticsJson = (args: readonly string[]): boolean =>
  ['build', 'check', 'lint-ncco'].includes(commandOf(args)) && args.includes('--format') && args[args.indexOf('--format') + 1] === 'json';

function outDirOf(args: readonly string[], dir: string): string | undefined {
  if (commandOf(args) !== 'build' || args.includes('--check')) return undefined;
  const i = args.indexOf('--out');
  return path.resolve(dir, i >= 0 ? (args[i + 1] ?? '') : 'dist');
}

/** The contract checks; `run` is undefined when the case hung (watchdog) or threw. */
async function checkRun(c: Case, dir: string, run: CliRun, outBefore: boolean | undefined): Promise<void> {
  const args = c.args ?? defaultArgs;
  const allowed = c.exit ?? [0, 1];
  expect(allowed, `exit code ${run.exitCode}; stderr: ${run.stderr.slice(0, 500)}`).toContain(run.exitCode);
  if (run.exitCode === 2) {
    expect(run.stderr.trim(), 'a usage error says what is wrong').not.toBe('');
  }
  if ((run.exitCode === 0 || run.exitCode === 1) && printsDiagnosticsJson(args)) {
    let parsed: JsonOutput;
    try {
      parsed = JSON.parse(run.stdout) as JsonOutput;
    } catch {
      throw new Error(`stdout is not JSON: ${run.stdout.slice(0, 300)}`);
    }
    expect(parsed.version).toBe(1);
    expect(Array.isArray(parsed.diagnostics)).toBe(true);
    for (const d of parsed.diagnostics) {
      expect(d.code, JSON.stringify(d).slice(0, 300)).toMatch(codeShape);
      expect(['error', 'warning', 'info']).toContain(d.severity);
      expect(typeof d.message === 'string' && d.message.length > 0, `${d.code} has a message`).toBe(true);
      expect(`${d.message}\n${d.hint ?? ''}`, `${d.code} speaks plain words`).not.toMatch(leaked);
      if (d.range) expect(d.range.start.line >= 1 && d.range.start.col >= 1, `${d.code} range is 1-based`).toBe(true);
    }
    const errors = parsed.diagnostics.some((d) => d.severity === 'error');
    expect(run.exitCode, 'exit 1 exactly when there is an error').toBe(errors ? 1 : 0);
    const codes = parsed.diagnostics.map((d) => d.code);
    for (const want of c.codes ?? []) {
      const found = typeof want === 'string' ? codes.includes(want) : codes.some((code) => want.test(code));
      expect(found, `expected ${String(want)} among ${[...new Set(codes)].join(', ') || '(none)'}`).toBe(true);
    }
  }
  const out = outDirOf(args, dir);
  if (out !== undefined) {
    if (run.exitCode !== 0 && outBefore === false) expect(existsSync(out), `a failed build created ${out}`).toBe(false);
    const parent = path.dirname(out);
    const parentIsFolder = existsSync(parent) && (await stat(parent)).isDirectory();
    // The work folder (.dist.flowc: stage, journal, lock) and the swap folders of older versions (.dist.flowc-new-…).
    const leftovers = parentIsFolder ? (await readdir(parent)).filter((n) => n.startsWith(`.${path.basename(out)}.flowc`)) : [];
    expect(leftovers, 'temporary output folders left behind').toEqual([]);
  }
  await c.after?.(dir, run);
}

const defaultArgs = ['check', '.', '--format', 'json'] as const;

const madeDirs: string[] = [];
afterAll(async () => {
  for (const d of madeDirs) await rm(d, { recursive: true, force: true });
});

async function prepare(c: Case): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-adv-'));
  madeDirs.push(dir);
  if (c.fixture) await cp(path.join(fixtures, c.fixture), dir, { recursive: true });
  for (const [rel, content] of Object.entries((await c.files?.()) ?? {})) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  await c.setup?.(dir);
  return dir;
}

const firstFrames = (err: unknown): string =>
  err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 6).join('\n') : String(err);

/** The folder still holds `rel` with the content it had in the fixture. */
const unchanged =
  (fixture: string, ...rels: string[]) =>
  async (dir: string): Promise<void> => {
    for (const rel of rels) {
      const p = path.join(dir, rel);
      expect(existsSync(p), `${rel} survived the run`).toBe(true);
      expect(await readFile(p, 'utf8')).toBe(await readFile(path.join(fixtures, fixture, rel), 'utf8'));
    }
  };

const build = (...extra: string[]): string[] => ['build', '.', '--format', 'json', ...extra];

// ---------------------------------------------------------------------------------------------------------
// In-process cases

const cases: Case[] = [
  // Names of Object.prototype members and reserved keys
  {
    name: 'steps, vars, message keys, a template, a param and a pay set named toString, hasOwnProperty, valueOf… build',
    fixture: 'proto-step-names',
    args: build(),
    exit: [0],
    after: async (dir) => {
      for (const step of ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']) {
        expect(existsSync(path.join(dir, `dist/ncco/a/en-US/${step}.json`)), step).toBe(true);
      }
      const first = JSON.parse(await readFile(path.join(dir, 'dist/ncco/a/en-US/toString.json'), 'utf8')) as { text?: string }[];
      expect(first[0]?.text).toBe('a text named toString 42');
    },
  },
  {
    name: '__proto__ / constructor / prototype as step, var, message, param, transition, locale and with keys',
    fixture: 'reserved-keys-everywhere',
    exit: [1],
    codes: ['yaml/reserved-key'],
  },
  {
    name: 'with: toString / hasOwnProperty on a template that has no such parameter',
    fixture: 'template-with-inherited-names',
    exit: [1],
    codes: ['template/unknown-param'],
  },
  { name: 'a parameter named valueOf takes its default when not given', fixture: 'template-default-valueof', exit: [0] },
  {
    name: 'a required parameter named toString that is not given',
    fixture: 'template-required-tostring',
    exit: [1],
    codes: ['template/missing-param'],
  },

  // Values of unexpected types
  {
    name: 'vars that are maps and lists, spoken whole and given to helpers and pay',
    fixture: 'vars-maps-and-lists',
    exit: [1],
    codes: ['template/value', 'template/helper-value'],
  },
  { name: 'null vars and a null with: value', fixture: 'null-values', exit: [1], codes: ['format/shape'] },
  { name: 'with: values that are maps and lists', fixture: 'with-map-values', exit: [1], codes: ['template/param-type', 'template/value'] },
  {
    name: 'templates using templates with missing, unknown and undefined parameters',
    fixture: 'nested-template-params',
    exit: [1],
    codes: ['template/missing-param', 'template/unknown-param', 'template/unknown-variable'],
  },
  {
    name: 'talk: null, input: [], start: 42, locales: [], on: null, an empty step',
    fixture: 'schema-shapes',
    exit: [1],
    codes: ['format/type', 'format/empty'],
  },
  {
    name: 'say: 42, say: a map, text: { en-US: 5 }, text: [], prompts: 5 / a list / a map',
    fixture: 'odd-action-values',
    exit: [1],
    codes: ['i18n/bad-key', 'i18n/missing-text', 'ncco/type'],
  },
  {
    name: 'catalog texts that are numbers, booleans, null, lists and deep maps',
    fixture: 'catalog-scalars',
    exit: [1],
    codes: ['format/shape'],
  },
  {
    name: 'pay prompt set with errors: null, errors as a list, null and numeric error texts',
    fixture: 'pay-set-odd-errors',
    exit: [1],
    codes: ['format/type', 'format/shape'],
  },
  {
    name: 'on: targets with odd locale, speech and goto; a 21-key and a word key',
    fixture: 'on-targets-odd',
    exit: [1],
    codes: ['format/bad-key', 'format/shape'],
  },
  {
    name: 'numbers: keys written as YAML numbers (hex, exponent) and a numeric locale',
    fixture: 'numbers-numeric-keys',
    exit: [1],
    codes: ['format/bad-key', 'format/type'],
  },
  {
    name: 'talk: { text: "…" } with 100,000 characters',
    files: () => oneFlow(`  hello:\n    - talk: { text: "${'a'.repeat(100_000)}" }\n`),
    exit: [1],
    codes: ['ncco/text-too-long'],
  },
  {
    name: 'a 100,000-character var and 20,000 {{x}} in one text',
    files: () =>
      oneFlow(
        `  hello:\n    - talk: { text: "{{big}}" }\n    - talk: { text: "${'{{x}} '.repeat(20_000)}" }\n`,
        `vars:\n  x: y\n  big: "${'b'.repeat(100_000)}"\n`,
      ),
    exit: [1],
    codes: ['ncco/text-too-long'],
  },

  // Sizes, depths and counts
  {
    name: '2^17 actions from templates that each use the next one twice (expansion bomb)',
    files: () => templateDiamond(17),
    exit: [1],
    codes: [/^template\//],
  },
  {
    // issue 10 #6: the stack overflowed (exit 3, internal error)
    name: '1,500 chained templates (t0 uses t1 … uses t1499): one positioned error at the use',
    files: () => templateChain(1500),
    exit: [1],
    codes: ['template/too-deep'],
    after: async (_dir, run) => {
      const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.severity === 'error');
      expect(found.map((d) => `${d.code} ${d.file}:${d.range?.start.line}:${d.range?.start.col}`)).toEqual([
        'template/too-deep flows/a.flow.yaml:6:12',
      ]);
    },
  },
  {
    name: '50 chained templates are fine',
    files: () => templateChain(49),
    exit: [0],
  },
  {
    // issue 10 #7: plain actions counted towards the template limit (and 999 false ncco/empty followed)
    name: '6,000 steps of 2 plain actions each: no template limit, no empty NCCOs',
    files: () => plainSteps(6000),
    exit: [0],
    after: async (_dir, run) => {
      const codes = new Set((JSON.parse(run.stdout) as JsonOutput).diagnostics.map((d) => d.code));
      expect(codes.has('template/too-large')).toBe(false);
      expect(codes.has('ncco/empty')).toBe(false);
    },
  },
  {
    name: '60 uses of a 2,000-action template in one flow: one error for the flow, no false empty NCCOs',
    files: () => {
      const files = plainSteps(0);
      files['flows/a.flow.yaml'] =
        `flow: a\nlocales: [en-US]\nstart: s0\nsteps:\n${Array.from({ length: 60 }, (_, i) => `  s${i}:\n    - use: big\n`).join('')}`;
      files['templates/big.yaml'] = `actions:\n${'  - talk: { text: Hi }\n'.repeat(2000)}`;
      return files;
    },
    exit: [1],
    after: async (_dir, run) => {
      const errors = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code} ${d.file}:${d.range?.start.line}`)).toEqual(['template/too-large flows/a.flow.yaml:4']);
    },
  },
  {
    name: 'vars nested 1,000 maps deep (flow style)',
    files: () => oneFlow('  hello:\n    - talk: { text: Hello. }\n', `vars:\n  deep: ${nestedFlowMaps(1000)}\n`),
  },
  {
    name: 'vars nested 1,000 maps deep (block style)',
    files: () => oneFlow('  hello:\n    - talk: { text: Hello. }\n', nestedBlockMaps(1000)),
  },
  {
    name: 'vars nested 100,000 lists deep',
    files: () => oneFlow('  hello:\n    - talk: { text: Hello. }\n', `vars:\n  deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
  },
  {
    name: '{{#if}} nested 2,000 deep in a text',
    files: () => oneFlow(`  hello:\n    - talk: { text: "${'{{#if x}}'.repeat(2000)}a${'{{/if}}'.repeat(2000)}" }\n`, 'vars:\n  x: 1\n'),
  },
  {
    name: 'a 300-character step name, build',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': `flow: a\nlocales: [en-US]\nstart: ${'s'.repeat(300)}\nsteps:\n  ${'s'.repeat(300)}:\n    - talk: { text: Hello. }\n`,
    }),
    args: build(),
    exit: [1],
    codes: [/^(format|flow)\//],
  },
  {
    name: 'a 300-character flow name, build',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': `flow: ${'a'.repeat(300)}\nlocales: [en-US]\nstart: s\nsteps:\n  s:\n    - talk: { text: Hello. }\n`,
    }),
    args: build(),
    exit: [1],
    codes: [/^(format|flow)\//],
  },

  // Text encodings and line endings
  {
    name: 'RTL, emoji, combining marks and control characters in keys and values, build',
    fixture: 'unicode-everywhere',
    args: build(),
    exit: [0],
  },
  {
    name: 'the example project with CRLF line endings and a BOM in every file builds the same NCCOs',
    files: async () => withCrlfAndBom(await exampleProject()),
    args: build(),
    exit: [0],
    after: async (dir) => {
      const plain = await mkdtemp(path.join(os.tmpdir(), 'flowc-adv-plain-'));
      madeDirs.push(plain);
      for (const [rel, text] of Object.entries(await exampleProject())) {
        await mkdir(path.dirname(path.join(plain, rel)), { recursive: true });
        await writeFile(path.join(plain, rel), text);
      }
      const run = await runFlowc(['build', '.', '--format', 'json'], plain);
      expect(run.exitCode).toBe(0);
      expect(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8')).toBe(
        await readFile(path.join(plain, 'dist/manifest.json'), 'utf8'),
      );
    },
  },
  {
    name: 'CRLF: a # that cuts a text short is reported without the \\r',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': flowFile('  hello:\n    - talk:\n        text: Press #1 to pay\n').replace(/\n/g, '\r\n'),
    }),
    exit: [1],
    codes: ['yaml/comment-in-text'],
  },
  {
    name: 'a flow file with lone-CR line endings: one error saying so, not a cascade of syntax errors',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': flowFile('  hello:\n    - talk: { text: Hi }\n').replace(/\n/g, '\r'),
    }),
    exit: [1],
    after: async (_dir, run) => {
      const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.file === 'flows/a.flow.yaml');
      expect(found.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col}`)).toEqual(['load/lone-cr 1:8']);
      expect(found[0]?.message).toMatch(/^This file ends its lines with a carriage return alone/);
    },
  },
  {
    name: 'one stray carriage return inside a line of an LF file: one error at it, said as a stray character',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': flowFile('  hello:\n    - talk: { text: Hi\rthere }\n'),
    }),
    exit: [1],
    after: async (_dir, run) => {
      const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.file === 'flows/a.flow.yaml');
      expect(found.map((d) => d.code)).toEqual(['load/lone-cr']);
      expect(found[0]?.message).toMatch(/^This line holds a carriage return alone \(a stray CR/);
    },
  },
  {
    name: 'numbers with a leading zero: 014155550100 as a key, maxDigits: 012 (YAML 1.1 octal)',
    files: () =>
      oneFlow(
        '  hello:\n    - input: { type: [dtmf], dtmf: { maxDigits: 012 } }\n      on: { timeout: hello }\n',
        'numbers:\n  014155550100: en-US\n',
      ),
    exit: [0, 1],
    codes: ['yaml/leading-zero'],
    after: async (_dir, run) => {
      const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.code === 'yaml/leading-zero');
      expect(found.map((d) => `${d.range?.start.line}:${d.range?.start.col}`)).toEqual(['5:3', '8:49']);
    },
  },
  {
    name: 'a flow file in UTF-16',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': new Uint8Array(Buffer.from('\ufeff' + flowFile('  hello:\n    - talk: { text: Hi }\n'), 'utf16le')),
    }),
    exit: [1],
    codes: ['load/not-utf8'],
  },

  // YAML features
  {
    name: 'YAML tags: !!set, !!omap, !!pairs, !!timestamp, !!str, a custom !foo, and !!binary as a text',
    fixture: 'yaml-tags',
    exit: [1],
    codes: ['yaml/unknown-tag', 'ncco/type'],
  },
  {
    name: 'merge keys << and an anchor reused as a whole step',
    fixture: 'merge-keys-and-anchors',
    exit: [1],
    codes: ['ncco/unknown-option'],
  },
  { name: 'an alias used before its anchor', fixture: 'alias-before-anchor', exit: [1], codes: ['yaml/bad-alias'] },
  { name: 'a second YAML document', fixture: 'multi-document', exit: [1], codes: ['yaml/multiple-documents'] },
  { name: '%YAML 1.1 (where on: reads as true)', fixture: 'yaml-1-1-directive', exit: [1] },
  {
    name: 'an alias bomb in vars',
    files: () =>
      oneFlow(
        '  hello:\n    - talk: { text: Hi }\n',
        'vars:\n  a: &a [x,x,x,x,x,x,x,x,x,x]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
      ),
    exit: [1],
    codes: ['yaml/alias-limit'],
  },

  // Project layout
  { name: 'a project with only flowc.yaml', fixture: 'only-project-file', exit: [1], codes: ['load/no-flows'] },
  { name: 'an empty folder', exit: [1], codes: ['load/no-flows'] },
  { name: 'flowc.yaml that is a list', fixture: 'project-file-list', exit: [1], codes: ['format/type'] },
  { name: 'flowc.yaml that is empty', fixture: 'project-file-empty', exit: [1], codes: ['load/empty-file'] },
  {
    name: 'a link loop and a link to itself in flows/',
    fixture: 'minimal',
    setup: async (dir) => {
      await symlink('.', path.join(dir, 'flows/loop'));
      await symlink('self.flow.yaml', path.join(dir, 'flows/self.flow.yaml'));
    },
    exit: [1],
    codes: ['load/unreadable'],
  },
  {
    // issue 10 #3: the folder is outside the project, so it is refused as such (it was load/unreadable)
    name: 'flowc.yaml that is a link to a folder outside the project',
    fixture: 'minimal',
    setup: async (dir) => {
      await rm(path.join(dir, 'flowc.yaml'));
      await symlink(os.tmpdir(), path.join(dir, 'flowc.yaml'));
    },
    exit: [1],
    codes: ['load/outside-project'],
  },
  {
    name: 'flowc.yaml that is a link to a folder inside the project',
    fixture: 'minimal',
    setup: async (dir) => {
      await rm(path.join(dir, 'flowc.yaml'));
      await symlink('templates', path.join(dir, 'flowc.yaml'));
    },
    exit: [1],
    codes: ['load/unreadable'],
  },

  // issue 10 #3: links out of the project are refused, and nothing behind them is read or shown
  ...symlinkCases(),

  // issue 10 #9, #13: file names that break logs, Windows checkouts or case-insensitive file systems
  ...fileNameCases(),
  {
    name: 'check <a file> instead of a folder',
    fixture: 'minimal',
    args: ['check', 'flows/hello.flow.yaml', '--format', 'json'],
    exit: [1, 2],
    codes: [/^load\//],
  },
  {
    name: 'i18n status <a file> instead of a folder',
    fixture: 'minimal',
    args: ['i18n', 'status', 'flows/hello.flow.yaml', '--format', 'json'],
    exit: [1, 2],
  },

  // Router and CDN addresses
  {
    name: 'routerUrl with a query and a fragment, build',
    fixture: 'router-url-query',
    args: build(),
    exit: [1],
    codes: [/^(format|build|project)\//],
  },
  { name: 'routerUrl with a query and a fragment, check', fixture: 'router-url-query', exit: [1], codes: [/^(format|build|project)\//] },
  { name: 'routerUrl "http://", build', fixture: 'router-url-bare-scheme', args: build(), exit: [1], codes: [/^(format|build|project)\//] },
  {
    name: 'cdnUrl with a space in the host, build',
    fixture: 'cdn-url-not-a-url',
    args: build(),
    exit: [1],
    codes: [/^(format|build|project)\//],
  },
  { name: '--router-url that is not a URL', fixture: 'minimal', args: build('--router-url', 'not a url'), exit: [1, 2] },
  // issue 10 #2: a newline in routerUrl ended the router's header comment and ran as code on import
  ...[
    'https://ivr.example.com/flowc\nglobalThis.flowcPwned=1//',
    'https://ivr.example.com/flowc\u2028globalThis.flowcPwned=1//',
    'https://ivr.example.com/flowc\tx',
    'https://ivr.example.com/fl\u00f6wc',
  ].flatMap((url): Case[] => [
    {
      name: `routerUrl ${JSON.stringify(url)} in flowc.yaml, build`,
      fixture: 'minimal',
      files: () => ({ 'flowc.yaml': `routerUrl: ${JSON.stringify(url)}\nlocales:\n  en-US: { language: en-US, style: 2 }\n` }),
      args: build(),
      exit: [1],
      codes: ['project/bad-url'],
      after: async (dir) => expect(existsSync(path.join(dir, 'dist'))).toBe(false),
    },
    {
      name: `--router-url ${JSON.stringify(url)}`,
      fixture: 'minimal',
      args: build('--router-url', url),
      exit: [2],
      after: async (dir) => expect(existsSync(path.join(dir, 'dist'))).toBe(false),
    },
    {
      name: `cdnUrl ${JSON.stringify(url)} in flowc.yaml, build`,
      fixture: 'minimal',
      files: () => ({
        'flowc.yaml': `routerUrl: https://ivr.example.com/flowc\ncdnUrl: ${JSON.stringify(url)}\nlocales:\n  en-US: { language: en-US, style: 2 }\n`,
      }),
      args: build(),
      exit: [1],
      codes: ['project/bad-url'],
    },
  ]),
  {
    name: '--router-url with a query, build',
    fixture: 'minimal',
    args: build('--router-url', 'https://ivr.example.com/?a=1'),
    exit: [1, 2],
  },
  {
    name: '--router-url with a query, check',
    fixture: 'minimal',
    args: ['check', '.', '--format', 'json', '--router-url', 'https://ivr.example.com/?a=1'],
    exit: [1, 2],
  },
  { name: '--cdn-url that is not a URL', fixture: 'minimal', args: build('--cdn-url', 'not a url'), exit: [1, 2] },
  {
    name: '--cdn-url with a trailing slash',
    fixture: 'minimal',
    args: build('--cdn-url', 'https://cdn.example.com/ncco/'),
    exit: [0],
    after: async (dir) => {
      const manifest = JSON.parse(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8')) as {
        numbers: Record<string, { answerUrl?: string }>;
      };
      expect(manifest.numbers['14155550100']?.answerUrl).toBe('https://cdn.example.com/ncco/hello/en-US/menu.json');
    },
  },

  // --out
  {
    name: '--out at an existing file',
    fixture: 'minimal',
    setup: async (dir) => writeFile(path.join(dir, 'notes.txt'), 'keep me'),
    args: build('--out', 'notes.txt'),
    exit: [1, 2],
    after: async (dir) => expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep me'),
  },
  {
    name: '--out under an existing file',
    fixture: 'minimal',
    setup: async (dir) => writeFile(path.join(dir, 'notes.txt'), 'keep me'),
    args: build('--out', 'notes.txt/dist'),
    exit: [1, 2],
  },
  {
    name: '--out at the project folder itself',
    fixture: 'minimal',
    args: build('--out', '.'),
    exit: [1, 2],
    after: unchanged('minimal', 'flowc.yaml', 'flows/hello.flow.yaml', 'templates/unused.yaml'),
  },
  {
    name: '--out "" (the current folder)',
    fixture: 'minimal',
    args: build('--out', ''),
    exit: [1, 2],
    after: unchanged('minimal', 'flowc.yaml', 'flows/hello.flow.yaml'),
  },
  {
    name: '--out at flows/',
    fixture: 'minimal',
    args: build('--out', 'flows'),
    exit: [1, 2],
    after: unchanged('minimal', 'flows/hello.flow.yaml', 'flows/messages/en-US.yaml'),
  },
  {
    name: '--out at templates/',
    fixture: 'minimal',
    args: build('--out', 'templates'),
    exit: [1, 2],
    after: unchanged('minimal', 'templates/unused.yaml'),
  },
  {
    name: '--out at a folder of other files',
    fixture: 'minimal',
    setup: async (dir) => {
      await mkdir(path.join(dir, 'docs'));
      await writeFile(path.join(dir, 'docs/README.md'), '# keep me');
    },
    args: build('--out', 'docs'),
    exit: [1, 2],
    after: async (dir) => expect(existsSync(path.join(dir, 'docs/README.md'))).toBe(true),
  },
  {
    name: '--out inside flows/ builds, leaves the sources alone, and builds the same again',
    fixture: 'minimal',
    args: build('--out', 'flows/out'),
    exit: [0, 1, 2],
    after: async (dir, run) => {
      await unchanged('minimal', 'flows/hello.flow.yaml', 'flows/messages/en-US.yaml')(dir);
      const again = await runFlowc(['build', '.', '--format', 'json', '--out', 'flows/out'], dir);
      expect(again.exitCode).toBe(run.exitCode);
    },
  },
  { name: '--out /', fixture: 'minimal', args: build('--out', '/'), exit: [1, 2] },
  // issue 10 #8: a dist that is a link (a deploy setup) was replaced by a real folder; the served target kept old NCCOs
  {
    name: 'dist is a link to the served folder: the target is updated in place and the link stays',
    fixture: 'minimal',
    setup: async (dir) => {
      await mkdir(path.join(dir, 'served/ncco/gone/en-US'), { recursive: true });
      await writeFile(path.join(dir, 'served/manifest.json'), JSON.stringify({ version: 1, generator: 'flowc', files: [] }));
      await writeFile(path.join(dir, 'served/ncco/gone/en-US/old.json'), '[]');
      await symlink('served', path.join(dir, 'dist'));
    },
    args: build(),
    exit: [0],
    after: async (dir) => {
      expect((await lstat(path.join(dir, 'dist'))).isSymbolicLink()).toBe(true);
      expect(existsSync(path.join(dir, 'served/ncco/hello/en-US/menu.json'))).toBe(true);
      expect(existsSync(path.join(dir, 'served/ncco/gone')), 'the old NCCOs are gone from the target').toBe(false);
      expect((await readdir(dir)).filter((n) => n.endsWith('.flowc'))).toEqual([]);
    },
  },
  {
    name: 'dist is a link to nothing: a clear usage error, nothing created',
    fixture: 'minimal',
    setup: async (dir) => symlink('nowhere', path.join(dir, 'dist')),
    args: build(),
    exit: [2],
    after: async (dir, run) => {
      expect(run.stderr).toContain('does not exist');
      expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
    },
  },
  {
    name: '--out through a link into flows/ is refused like --out flows',
    fixture: 'minimal',
    setup: async (dir) => symlink('flows', path.join(dir, 'out-link')),
    args: build('--out', 'out-link'),
    exit: [2],
    after: async (dir, run) => {
      expect(run.stderr).toContain("the project's flows");
      await unchanged('minimal', 'flows/hello.flow.yaml', 'flows/messages/en-US.yaml')(dir);
    },
  },
  {
    name: '--out below a folder link into templates/ is refused',
    fixture: 'minimal',
    setup: async (dir) => symlink('templates', path.join(dir, 'tl')),
    args: build('--out', 'tl/dist'),
    exit: [2],
    after: async (dir) => expect(existsSync(path.join(dir, 'templates/dist'))).toBe(false),
  },

  // Other commands and arguments
  {
    name: 'serve --dist at a folder without a build',
    fixture: 'minimal',
    args: ['serve', '--dist', 'nowhere', '--port', '0', '--allow-unsigned'],
    exit: [1, 2],
  },
  { name: '--format that does not exist', fixture: 'minimal', args: ['build', '.', '--format', 'xml'], exit: [2] },
  { name: 'two project folders', fixture: 'minimal', args: ['check', '.', '.'], exit: [2] },

  // lint-ncco
  {
    // A folder is linted as every .json in it; one with none is a usage error that says so.
    name: 'lint-ncco on a folder without NCCO files',
    fixture: 'minimal',
    args: ['lint-ncco', 'flows', '--format', 'json'],
    exit: [2],
  },
  {
    name: 'lint-ncco on a missing file',
    args: ['lint-ncco', 'missing.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/file-unreadable'],
  },
  {
    name: 'lint-ncco on a binary file',
    files: () => ({ 'b.json': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0xff, 0xfe, 1]) }),
    args: ['lint-ncco', 'b.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/not-utf8'],
  },
  {
    name: 'lint-ncco on UTF-8 with a NUL',
    files: () => ({ 'n.json': '[\u0000]' }),
    args: ['lint-ncco', 'n.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/invalid-json'],
  },
  {
    name: 'lint-ncco with __proto__, constructor and toString as keys and action names',
    fixture: 'lint-ncco-proto',
    args: ['lint-ncco', 'proto.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/unknown-action', 'ncco/missing-action', 'ncco/unknown-option', 'ncco/enum'],
  },
  {
    name: 'lint-ncco on 100,000 unclosed [',
    files: () => ({ 'd.json': '['.repeat(100_000) }),
    args: ['lint-ncco', 'd.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/invalid-json'],
  },
  {
    name: 'lint-ncco on 100,000 nested lists',
    files: () => ({ 'd.json': '['.repeat(100_000) + ']'.repeat(100_000) }),
    args: ['lint-ncco', 'd.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/not-object'],
  },
  {
    name: 'lint-ncco on 100,000 nested objects inside a talk',
    files: () => ({ 'd.json': '[{"action":"talk","text":"x","extra":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}]' }),
    args: ['lint-ncco', 'd.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/unknown-option'],
  },
  {
    name: 'lint-ncco on a valid 20 MB NCCO',
    files: () => ({ 'big.json': bigNcco(50_000, 400, false) }),
    args: ['lint-ncco', 'big.json', '--format', 'json'],
    exit: [0],
  },
];

describe('adversarial inputs, in-process', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = await prepare(c);
      const args = [...(c.args ?? defaultArgs)];
      const out = outDirOf(args, dir);
      const outBefore = out === undefined ? undefined : existsSync(out);
      let run: CliRun;
      try {
        run = await runFlowc(args, dir);
      } catch (err) {
        throw new Error(`runCli threw (exit 3 in the binary):\n${firstFrames(err)}`);
      }
      await checkRun(c, dir, run, outBefore);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Cases that can hang or exhaust memory: the CLI from the sources in a child process, under a watchdog

/** A run that takes this long is a hang: each case needs a few seconds, even on a busy 2-core machine. */
const WATCHDOG_MS = 180_000;
const builtBin = path.join(repo, 'build/compiler/cli/bin.js');

function runChild(args: readonly string[], cwd: string): Promise<CliRun & { hung: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtBin, ...args, '--verbose'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, WATCHDOG_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), hung });
    });
  });
}

/** n catalog keys that no flow uses (one i18n/unused-message each), optionally written twice (duplicates). */
function bigCatalog(n: number, twice = false): Files {
  const keys = Array.from({ length: n }, (_, i) => `k${i}: T${i}\n`).join('');
  return {
    'flowc.yaml': projectFile,
    'flows/a.flow.yaml': flowFile('  hello:\n    - talk: { say: hi }\n'),
    'flows/messages/en-US.yaml': `hi: Hello.\n${keys}${twice ? keys : ''}`,
  };
}

/** One kind of finding, listed up to the cap and then counted in one more diagnostic. */
const cappedAt =
  (code: string, total: number) =>
  async (_dir: string, run: CliRun): Promise<void> => {
    const found = (JSON.parse(run.stdout) as JsonOutput).diagnostics.filter((d) => d.code === code);
    expect(found.length).toBe(101);
    expect(found[100]!.message).toContain(`and ${(total - 100).toLocaleString('en-US')} more of this kind`);
  };

const watched: Case[] = [
  // issue 10 #5: yaml's duplicate-key check and a key scan per finding were quadratic (40,000 keys: 32 s)
  {
    name: 'a catalog of 100,000 unused keys (1.4 MB)',
    files: () => bigCatalog(100_000),
    exit: [0],
    after: cappedAt('i18n/unused-message', 100_000),
  },
  {
    name: 'a catalog of 20,000 keys pasted twice (20,000 duplicate keys)',
    files: () => bigCatalog(20_000, true),
    exit: [1],
    codes: ['yaml/duplicate-key'],
    after: cappedAt('yaml/duplicate-key', 20_000),
  },
  {
    // did-you-mean compared every unknown key with every catalog key in full (here: 463 s)
    name: '5,000 missing messages against a catalog of 40,000 keys',
    files: () => {
      const files = bigCatalog(40_000);
      files['flows/a.flow.yaml'] = flowFile(Array.from({ length: 5000 }, (_, i) => `  s${i}:\n    - talk: { say: nokey${i} }\n`).join(''));
      return files;
    },
    exit: [1],
    codes: ['i18n/missing-message'],
    after: cappedAt('i18n/missing-message', 5000),
  },
  {
    // ... and a 30,000-character key against a 30,000-character unknown name ran out of memory
    name: 'a 30,000-character message key that is missing, next to a 30,000-character catalog key',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': flowFile(`  hello:\n    - talk: { say: ${'a'.repeat(30_000)} }\n`),
      'flows/messages/en-US.yaml': `? ${'b'.repeat(30_000)}\n: x\n`,
    }),
    exit: [1],
    codes: ['i18n/missing-message'],
  },
  {
    name: '20,000 steps in one flow, each with an unknown option',
    files: () => ({
      'flowc.yaml': projectFile,
      'flows/a.flow.yaml': `flow: a\nlocales: [en-US]\nstart: s0\nsteps:\n${Array.from({ length: 20_000 }, (_, i) => `  s${i}:\n    - talk: {text: Hi, levl: 1}\n`).join('')}`,
    }),
    exit: [1],
    codes: ['ncco/unknown-option'],
    after: cappedAt('ncco/unknown-option', 20_000),
  },
  // issue 10 #1: /^(\s*#[^\n]*\n?)*\s*$/ backtracked exponentially (28 lines: over 20 s; 40 lines: hours)
  {
    name: 'every YAML file starts with a 40-line licence header',
    fixture: 'minimal',
    setup: async (dir) => {
      const header =
        Array.from({ length: 40 }, (_, i) => `# Licence line ${i + 1}: Copyright Acme Energy. All rights reserved.  `).join('\n') + '\n';
      for (const rel of ['flowc.yaml', 'flows/a.flow.yaml', 'flows/messages/en-US.yaml']) {
        const file = path.join(dir, rel);
        if (existsSync(file)) await writeFile(file, header + (await readFile(file, 'utf8')));
      }
    },
    exit: [0],
  },
  {
    name: 'a file of 200 comment lines and nothing else',
    fixture: 'minimal',
    files: () => ({ 'flows/messages/fr-CA.yaml': '#\n'.repeat(100) + '   # x  \n'.repeat(100) }),
    exit: [1],
    codes: ['load/empty-file'],
  },
  {
    name: '5,000 steps in one cycle of timeouts (a loop no caller ends)',
    files: () => silentCycle(5000),
    exit: [1],
    codes: ['flow/infinite-loop'],
  },
  {
    name: 'a FIFO (named pipe) where a catalog should be',
    fixture: 'minimal',
    setup: async (dir) => {
      await rm(path.join(dir, 'flows/messages/en-US.yaml'));
      execFileSync('mkfifo', [path.join(dir, 'flows/messages/en-US.yaml')]);
    },
    exit: [1],
    codes: [/^load\//],
  },
  { name: '--out under /proc', fixture: 'minimal', args: build('--out', '/proc/flowc-adversarial-out'), exit: [1, 2] },
  {
    name: 'lint-ncco on a 20 MB NCCO with 50,000 unknown options',
    files: () => ({ 'big.json': bigNcco(50_000, 400, true) }),
    args: ['lint-ncco', 'big.json', '--format', 'json'],
    exit: [1],
    codes: ['ncco/unknown-option'],
  },
  {
    name: '5,000 unreachable steps in two locales, each with an unknown option and a missing message',
    files: () => manyBrokenSteps(5000),
    exit: [1],
    codes: ['ncco/unknown-option', 'i18n/missing-message', 'flow/unreachable-step'],
  },
];

// Not concurrent: one child at a time, since the test workers already keep both cores busy.
describe('adversarial inputs that could hang, in a child process', () => {
  it('the built binary is there (npm test builds it first)', async () => {
    expect((await stat(builtBin)).isFile(), 'run npm run build:compiler').toBe(true);
  });
  for (const c of watched) {
    // The watchdog, not the test timeout, decides what a hang is.
    it(c.name, { timeout: WATCHDOG_MS + 30_000 }, async () => {
      const dir = await prepare(c);
      const args = [...(c.args ?? defaultArgs)];
      const out = outDirOf(args, dir);
      const outBefore = out === undefined ? undefined : existsSync(out);
      const run = await runChild(args, dir);
      expect(run.hung, `no answer within ${WATCHDOG_MS / 1000} s (killed)`).toBe(false);
      expect(run.exitCode, `internal error:\n${run.stderr.slice(0, 1500)}`).not.toBe(3);
      await checkRun(c, dir, run, outBefore);
    });
  }
});

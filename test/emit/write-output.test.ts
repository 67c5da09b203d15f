/**
 * The output writer (issue 10 #4, #8; issue 12's in-place updates): only what changed is written,
 * unchanged files keep their inode, links are followed or refused, dead builds are recovered from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputFile } from '../../compiler/emit/plan-output.js';
import { OutputBusyError, OutputLinkError, recoverOutputFolder, writeOutput } from '../../compiler/emit/write-output.js';
import { diagnosticsOf, writeProject } from '../helpers/temp-project.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-write-'));
  dirs.push(dir);
  return dir;
}

const manifest = (files: Record<string, string>) =>
  JSON.stringify({
    version: 1,
    generator: 'flowc',
    files: Object.keys(files)
      .filter((f) => f.startsWith('ncco/'))
      .map((file) => ({ file, sha256: sha(files[file]!) })),
  });
import { createHash } from 'node:crypto';
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A plan: the given NCCO files plus a manifest of them and the fixed files. */
function plan(nccos: Record<string, string>): OutputFile[] {
  const all: Record<string, string> = { ...nccos, _headers: 'h\n', 'router.mjs': `// ${Object.keys(nccos).length}\n`, 'router.ts': 'ts\n' };
  all['manifest.json'] = manifest(all);
  return Object.entries(all)
    .map(([p, content]) => ({ path: p, content }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** rel → content of every file under `dir` (links listed as "-> target"). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isSymbolicLink()) out[r] = '-> link';
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

const expected = (files: OutputFile[]) => Object.fromEntries(files.map((f) => [f.path, f.content]));
const inode = (p: string) => statSync(p).ino;
const leftovers = (parent: string) => readdirSync(parent).filter((n) => n.includes('.flowc'));

const v1 = { 'ncco/a/en-US/start.json': '[1]\n', 'ncco/a/en-US/end.json': '[2]\n', 'ncco/b/en-US/start.json': '[3]\n' };

describe('writeOutput', () => {
  it('creates the folder whole, then writes nothing when nothing changed', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    const first = await writeOutput(out, plan(v1));
    expect(first.created).toBe(true);
    expect(snapshot(out)).toEqual(expected(plan(v1)));
    const before = inode(path.join(out, 'ncco/a/en-US/start.json'));
    const again = await writeOutput(out, plan(v1));
    expect(again).toMatchObject({ created: false, written: [], removed: [], unchanged: 7 });
    expect(inode(path.join(out, 'ncco/a/en-US/start.json'))).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes only the changed files (unchanged ones keep their inode), new ones first, removes what is gone', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    await writeOutput(out, plan(v1));
    const kept = inode(path.join(out, 'ncco/a/en-US/end.json'));
    const v2 = { 'ncco/a/en-US/start.json': '[1, "changed"]\n', 'ncco/a/en-US/end.json': '[2]\n', 'ncco/c/es-US/start.json': '[4]\n' };
    const report = await writeOutput(out, plan(v2));
    expect(report.written).toEqual(['ncco/c/es-US/start.json', 'ncco/a/en-US/start.json', 'manifest.json']);
    expect(report.removed).toEqual(['ncco/b']);
    expect(snapshot(out)).toEqual(expected(plan(v2)));
    expect(inode(path.join(out, 'ncco/a/en-US/end.json'))).toBe(kept);
    expect(leftovers(dir)).toEqual([]);
  });

  it('content mode puts hand edits right and removes added files; manifest mode trusts the manifest', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    await writeOutput(out, plan(v1));
    writeFileSync(path.join(out, 'ncco/a/en-US/end.json'), '[2] ');
    writeFileSync(path.join(out, 'ncco/a/extra.json'), 'x');
    const trusted = await writeOutput(out, plan(v1), { compare: 'manifest' });
    expect(trusted.written).toEqual([]);
    expect(readFileSync(path.join(out, 'ncco/a/en-US/end.json'), 'utf8')).toBe('[2] ');
    await writeOutput(out, plan(v1));
    expect(snapshot(out)).toEqual(expected(plan(v1)));
  });

  it('with a record, a file still of its recorded size and time is not read; a hand edit (new time) is put right, an added file removed', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    const first = await writeOutput(out, plan(v1), { record: { target: '', files: new Map() } });
    expect(first.record?.files.size).toBe(7);
    const record = first.record!;
    const file = path.join(out, 'ncco/a/en-US/end.json');
    // Of the recorded size and modification time: trusted without being read (here the record is made to
    // match a changed file, which therefore stays as it is; a real edit gets a new time, below).
    writeFileSync(file, '[9]\n');
    const [hash, size] = record.files.get('ncco/a/en-US/end.json')!;
    record.files.set('ncco/a/en-US/end.json', [hash, size, statSync(file).mtimeMs]);
    const trusted = await writeOutput(out, plan(v1), { record });
    expect(trusted).toMatchObject({ written: [], removed: [], unchanged: 7 });
    expect(readFileSync(file, 'utf8')).toBe('[9]\n');
    // A hand edit as it happens (a new modification time), and a file added by hand.
    writeFileSync(file, '[8]\n');
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    writeFileSync(path.join(out, 'ncco/a/extra.json'), 'x');
    const fixed = await writeOutput(out, plan(v1), { record: trusted.record! });
    expect(fixed.written).toEqual(['ncco/a/en-US/end.json']);
    expect(fixed.removed).toEqual(['ncco/a/extra.json']);
    expect(snapshot(out)).toEqual(expected(plan(v1)));
    // A record of another folder is no record: every file is compared by content.
    writeFileSync(file, '[7]\n');
    fixed.record!.files.set('ncco/a/en-US/end.json', [hash, size, statSync(file).mtimeMs]);
    const other = await writeOutput(out, plan(v1), { record: { ...fixed.record!, target: path.join(dir, 'elsewhere') } });
    expect(other.written).toEqual(['ncco/a/en-US/end.json']);
    expect(snapshot(out)).toEqual(expected(plan(v1)));
  });

  it('a file where a folder goes, a folder where a file goes, and a link inside the output: replaced, never followed', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    await writeOutput(out, plan(v1));
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'keep.json'), 'keep');
    await rm(path.join(out, 'ncco/b'), { recursive: true });
    symlinkSync(elsewhere, path.join(out, 'ncco/b'));
    await rm(path.join(out, 'ncco/a/en-US'), { recursive: true });
    writeFileSync(path.join(out, 'ncco/a/en-US'), 'a file');
    mkdirSync(path.join(out, '_headers.d'));
    await rm(path.join(out, '_headers'));
    mkdirSync(path.join(out, '_headers'));
    writeFileSync(path.join(out, '_headers/x'), 'y');
    await writeOutput(out, plan(v1));
    expect(snapshot(out)).toEqual(expected(plan(v1)));
    expect(readFileSync(path.join(elsewhere, 'keep.json'), 'utf8')).toBe('keep');
    expect(readdirSync(elsewhere)).toEqual(['keep.json']);
  });

  it('an output folder that is a link is followed: the target is updated in place and the link stays (issue 10 #8)', async () => {
    const dir = await tempDir();
    const served = path.join(dir, 'srv/www/ivr');
    mkdirSync(served, { recursive: true });
    symlinkSync(served, path.join(dir, 'dist'));
    await writeOutput(path.join(dir, 'dist'), plan(v1));
    expect(lstatSync(path.join(dir, 'dist')).isSymbolicLink()).toBe(true);
    expect(snapshot(served)).toEqual(expected(plan(v1)));
    const v2 = { 'ncco/a/en-US/start.json': '[9]\n' };
    await writeOutput(path.join(dir, 'dist'), plan(v2));
    expect(snapshot(served)).toEqual(expected(plan(v2)));
    expect(lstatSync(path.join(dir, 'dist')).isSymbolicLink()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    expect(leftovers(path.join(dir, 'srv/www'))).toEqual([]);
  });

  it('a link to nothing is refused with a clear error', async () => {
    const dir = await tempDir();
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dist'));
    await expect(writeOutput(path.join(dir, 'dist'), plan(v1))).rejects.toThrow(OutputLinkError);
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('a live lock refuses the build; a dead process’s lock is taken over', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    await writeOutput(out, plan(v1));
    mkdirSync(path.join(dir, '.dist.flowc'));
    writeFileSync(path.join(dir, '.dist.flowc/lock'), JSON.stringify({ pid: process.pid, host: os.hostname() }));
    await expect(writeOutput(out, plan({}))).rejects.toThrow(OutputBusyError);
    expect(snapshot(out)).toEqual(expected(plan(v1)));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, '.dist.flowc/lock'), JSON.stringify({ pid: Number(dead.stdout), host: os.hostname() }));
    await writeOutput(out, plan({}));
    expect(snapshot(out)).toEqual(expected(plan({})));
    expect(leftovers(dir)).toEqual([]);
    // A lock that is empty (never written by this version: it links a complete one into place) is dead too.
    mkdirSync(path.join(dir, '.dist.flowc'));
    writeFileSync(path.join(dir, '.dist.flowc/lock'), '');
    writeFileSync(path.join(dir, '.dist.flowc/lock.999.0.tmp'), '{"pid":999');
    await writeOutput(out, plan(v1));
    expect(snapshot(out)).toEqual(expected(plan(v1)));
    expect(leftovers(dir)).toEqual([]);
  });

  it('flowc build while another build holds the lock: build/output-busy, exit 1, nothing written', async () => {
    const dir = await writeProject({
      'flowc.yaml': 'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US: { language: en-US, style: 2 }\n',
      'flows/a.flow.yaml': 'flow: a\nlocales: [en-US]\nstart: s\nsteps:\n  s:\n    - talk: { text: Hi }\n',
    });
    dirs.push(dir);
    mkdirSync(path.join(dir, '.dist.flowc'));
    writeFileSync(path.join(dir, '.dist.flowc/lock'), JSON.stringify({ pid: process.pid, host: os.hostname() }));
    const { exitCode, diagnostics } = await diagnosticsOf('build', dir);
    expect(exitCode).toBe(1);
    expect(diagnostics.map((d) => d.code)).toContain('build/output-busy');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('the folders older versions left: a killed swap is undone (the old output moved back), the rest removed', async () => {
    const dir = await tempDir();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    // Killed between "dist → .dist.flowc-old-…" and ".dist.flowc-new-… → dist": no dist at all.
    await writeOutput(path.join(dir, `.dist.flowc-old-${dead}-2`), plan(v1));
    mkdirSync(path.join(dir, `.dist.flowc-new-${dead}-2`));
    writeFileSync(path.join(dir, `.dist.flowc-new-${dead}-2/half`), 'x');
    mkdirSync(path.join(dir, `.dist.flowc-old-${dead}-1`));
    const recovery = recoverOutputFolder(path.join(dir, 'dist'));
    expect(recovery.removed.sort()).toEqual([`.dist.flowc-new-${dead}-2`, `.dist.flowc-old-${dead}-1`]);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(expected(plan(v1)));
    expect(leftovers(dir)).toEqual([]);
  });

  it('a journal never leads outside the output folder', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    await writeOutput(out, plan(v1));
    writeFileSync(path.join(dir, 'victim'), 'safe');
    mkdirSync(path.join(dir, '.dist.flowc'));
    writeFileSync(
      path.join(dir, '.dist.flowc/journal.json'),
      JSON.stringify({
        version: 1,
        stage: 's',
        ops: [
          { op: 'remove', path: '../victim' },
          { op: 'remove', path: '/etc' },
        ],
      }),
    );
    expect(recoverOutputFolder(out).rolledForward).toBe(true);
    expect(readFileSync(path.join(dir, 'victim'), 'utf8')).toBe('safe');
    expect(snapshot(out)).toEqual(expected(plan(v1)));
  });
});

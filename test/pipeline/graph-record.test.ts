/**
 * The graph stage's record (compiler/pipeline/project-graph.ts): a build whose only change is in the
 * message catalogs takes the stage from the cache; any change to what the stage reads (a flow, a
 * template, a pay set, flowc.yaml, the set of files) makes it again — and either way the build gives what
 * a build without the cache gives, cross-flow checks included (a jump into a step the other flow lost).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { decodeIndex, encodeIndex, FlowCache } from '../../compiler/pipeline/flow-cache.js';
import { guardedState } from '../../compiler/pipeline/project-graph.js';
import { buildProjectModel } from '../../compiler/resolve/project-model.js';
import type { ResolveState } from '../../compiler/resolve/resolve-flow.js';
import { buildSnapshot, copyExampleProject } from '../helpers/build-snapshot.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'flowc-graph-record-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let copies = 0;
const exampleProject = (): string => copyExampleProject(path.join(temp, `example-${copies++}`));

const edit = (dir: string, file: string, change: (text: string) => string): void => {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  const changed = change(text);
  expect(changed, `the edit of ${file} changes it`).not.toBe(text);
  writeFileSync(full, changed);
};

const edits: { name: string; apply(dir: string): void; graph: 'served' | 'recorded' }[] = [
  {
    name: 'a message text',
    apply: (dir) => edit(dir, 'flows/messages/en-US.yaml', (t) => t.replace(/^(\s+goodbye: )/m, '$1Thanks again. ')),
    graph: 'served',
  },
  {
    name: 'a message removed from another locale',
    apply: (dir) => edit(dir, 'flows/messages/fr-CA.yaml', (t) => t.replace(/^\s+goodbye: .*\n/m, '')),
    graph: 'served',
  },
  {
    name: 'the step another flow jumps to, renamed in its flow',
    apply: (dir) =>
      edit(dir, 'flows/bill-pay.flow.yaml', (t) => t.replace('start: welcome', 'start: hello').replace(/^ {2}welcome:$/m, '  hello:')),
    graph: 'recorded',
  },
  {
    name: 'a comment in a flow',
    apply: (dir) => edit(dir, 'flows/support.flow.yaml', (t) => `# a comment\n${t}`),
    graph: 'recorded',
  },
  {
    name: 'a template',
    apply: (dir) => edit(dir, 'templates/goodbye.yaml', (t) => `${t}  - talk: { say: common.goodbye }\n`),
    graph: 'recorded',
  },
  {
    name: 'a pay prompt set',
    apply: (dir) => edit(dir, 'flows/pay/card.en-US.yaml', (t) => t.replace('Please enter your Visa', 'Now enter your Visa')),
    graph: 'recorded',
  },
  {
    name: 'a lookup in flowc.yaml',
    apply: (dir) => edit(dir, 'flowc.yaml', (t) => t.replace('findAccount:', 'findAccount2:')),
    graph: 'recorded',
  },
  {
    name: 'a flow file removed',
    apply: (dir) => rmSync(path.join(dir, 'flows/bill-pay.flow.yaml')),
    graph: 'recorded',
  },
  {
    name: 'a flow file that does not parse',
    apply: (dir) => edit(dir, 'flows/bill-pay.flow.yaml', (t) => t.replace('steps:', 'steps: [')),
    graph: 'recorded',
  },
];

describe('the graph stage from the cache', () => {
  for (const { name, apply, graph } of edits) {
    it(`after ${name}: ${graph === 'served' ? 'served' : 'made again'}, and the same as without the cache`, async () => {
      const dir = exampleProject();
      const folder = path.join(dir, '.flowc-cache');
      const first = new FlowCache(folder);
      await buildProject(dir, { cache: first });
      expect(first.graphUse).toBe('recorded');
      first.flush();
      apply(dir);
      const onDisk = new FlowCache(folder);
      const cached = await buildSnapshot(dir, { cache: onDisk });
      expect(onDisk.graphUse).toBe(graph);
      expect(cached).toBe(await buildSnapshot(dir, {}));
      onDisk.flush();
      // And the next build (nothing changed) takes what this one recorded.
      const next = new FlowCache(folder);
      expect(await buildSnapshot(dir, { cache: next })).toBe(cached);
      expect(next.graphUse).toBe('served');
    });
  }

  it('fires a jump check in the flow that did not change when the flow it jumps to lost the step', async () => {
    const dir = exampleProject();
    const cache = new FlowCache(undefined);
    const before = await buildProject(dir, { cache });
    expect(before.diagnostics.filter((d) => d.file === 'flows/support.flow.yaml' && d.severity === 'error')).toEqual([]);
    edits[2]!.apply(dir);
    const after = await buildProject(dir, { cache });
    expect(cache.graphUse).toBe('recorded');
    const jump = after.diagnostics.filter((d) => d.file === 'flows/support.flow.yaml' && d.severity === 'error');
    expect(jump.length).toBeGreaterThan(0);
    expect(jump.some((d) => d.message.includes('welcome'))).toBe(true);
  });

  it('does not use a damaged record, nor one of other inputs', async () => {
    const dir = exampleProject();
    const folder = path.join(dir, '.flowc-cache');
    const first = new FlowCache(folder);
    await buildProject(dir, { cache: first });
    first.flush();
    const clean = await buildSnapshot(dir, {});
    const indexFile = path.join(folder, 'index.bin');
    const saved = readFileSync(indexFile);
    const damaged: [string, (graph: { key: string; bytes: Uint8Array }) => void][] = [
      ['cut short', (g) => (g.bytes = g.bytes.subarray(0, g.bytes.length >> 1))],
      ['another key inside', (g) => (g.bytes = serialize({ ...(deserialize(g.bytes) as object), key: 'other' }))],
      ['a flow missing', (g) => (g.bytes = serialize({ ...(deserialize(g.bytes) as { places: unknown[] }), places: [] }))],
      ['no places', (g) => (g.bytes = serialize({ key: g.key, diagnostics: [] }))],
    ];
    for (const [what, damage] of damaged) {
      const copy = decodeIndex(saved)!;
      damage(copy.graph!);
      writeFileSync(indexFile, Buffer.concat(encodeIndex(copy)));
      const cache = new FlowCache(folder);
      expect(await buildSnapshot(dir, { cache }), what).toBe(clean);
      expect(cache.graphUse, what).toBe('recorded');
    }
  });
});

describe('the guarded state of the graph stage', () => {
  const model = buildProjectModel([], []).model;
  const base = (): ResolveState => ({
    model: { ...model, catalogs: new Map([['en-US', new Map()]]) },
    diagnostics: [],
    i18n: [],
    usedKeys: new Map(),
    checkedPaySets: new Set(['p']),
    reported: new Set(['r']),
    failedSites: new Set(['u']),
    languageOf: (l) => l,
  });
  const cases: { name: string; use(s: ResolveState): void; touched: boolean }[] = [
    { name: 'nothing', use: () => {}, touched: false },
    { name: 'a finding', use: (s) => s.diagnostics.push({ code: 'x', severity: 'warning', message: 'm' }), touched: false },
    { name: 'the templates', use: (s) => s.model.templates.get('t'), touched: false },
    { name: 'a catalog read', use: (s) => s.model.catalogs.get('en-US'), touched: true },
    { name: 'a catalog asked for', use: (s) => s.model.catalogs.has('fr-CA'), touched: true },
    { name: 'the catalogs listed', use: (s) => [...s.model.catalogs.keys()], touched: true },
    { name: 'a broken catalog asked for', use: (s) => s.model.brokenCatalogs.has('en-US'), touched: true },
    { name: 'a reported finding asked for', use: (s) => s.reported.has('r'), touched: true },
    { name: 'a finding marked reported', use: (s) => s.reported.add('r2'), touched: true },
    { name: 'a pay set marked checked', use: (s) => s.checkedPaySets.add('p2'), touched: true },
    { name: 'a failed site asked for', use: (s) => s.failedSites.has('u'), touched: true },
    {
      name: 'an i18n record',
      use: (s) => s.i18n.push({ flow: 'f', locale: 'en-US', key: 'k', kind: 'message', status: 'ok' }),
      touched: true,
    },
    { name: 'a used key', use: (s) => s.usedKeys.set('en-US', new Set(['k'])), touched: true },
  ];
  for (const { name, use, touched } of cases) {
    it(`${touched ? 'notices' : 'allows'} ${name}`, () => {
      const state = base();
      const guard = guardedState(state);
      use(guard.state);
      expect(guard.touched()).toBe(touched);
      // Whatever the stage did still reaches the build's state.
      guard.finish();
      expect(state.i18n).toEqual(guard.state.i18n);
      expect([...state.usedKeys]).toEqual([...guard.state.usedKeys]);
      expect(guard.state.diagnostics).toBe(state.diagnostics);
    });
  }
});

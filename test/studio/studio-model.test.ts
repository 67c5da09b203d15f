/**
 * The studio's pure modules, table-driven: layout, readable SSML, step lines, diagnostic anchors,
 * translations, the scenario a call is saved as, the served modules, and the model of the example.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { flowDiagram } from '../../compiler/diagram/flow-diagram.js';
import { buildProject, type BuildResult } from '../../compiler/pipeline/build-project.js';
import type { CallEvent } from '../../compiler/simulate/call-types.js';
import { DEFAULT_CALLER as SCENARIO_CALLER } from '../../compiler/simulate/scenarios/read-scenarios.js';
import { DEFAULT_AT as SCENARIO_AT, DEFAULT_CALLEE as SCENARIO_CALLEE } from '../../compiler/simulate/scenarios/run-scenarios.js';
import { DEFAULT_AT, DEFAULT_CALLEE, DEFAULT_CALLER } from '../../compiler/studio/call/call-defaults.js';
import { scenarioYaml } from '../../compiler/studio/call/scenario-yaml.js';
import { diagnosticAnchors, type AnchorIndex } from '../../compiler/studio/model/diagnostic-anchors.js';
import { layoutDiagram } from '../../compiler/studio/model/diagram-layout.js';
import { readableSsml } from '../../compiler/studio/model/readable-ssml.js';
import { stepLines } from '../../compiler/studio/model/step-lines.js';
import { studioModel } from '../../compiler/studio/model/studio-model.js';
import { textKey, translationsView } from '../../compiler/studio/model/translations.js';
import { isClientModule } from '../../compiler/studio/server/client-files.js';
import { fixtureProgram } from '../simulate/program-fixture.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('readable SSML', () => {
  it.each([
    ['Plain text stays.', 'Plain text stays.'],
    ['<speak>Hello.<break time="500ms"/>Bye.</speak>', 'Hello. [pause 0.5 s] Bye.'],
    ['<speak>Wait<break time="2s"/>now</speak>', 'Wait [pause 2 s] now'],
    ['<speak>A<break strength="strong"/>B</speak>', 'A [pause: strong] B'],
    ['<speak>Call <say-as interpret-as="digits">1800</say-as> now</speak>', 'Call [spelled out: 1800] now'],
    ['<speak><emphasis level="strong">Now</emphasis> &amp; later</speak>', '[stressed: Now] & later'],
    ['<speak><prosody rate="slow">slowly</prosody></speak>', '[rate slow: slowly]'],
    ['<speak><sub alias="Acme">ACME</sub></speak>', '[said as "Acme": ACME]'],
    ['<speak><p>One.</p><p>Two.</p></speak>', 'One. Two.'],
    ['<speak>5 &lt; 6</speak>', '5 < 6'],
  ])('%s', (ssml, readable) => {
    expect(readableSsml(ssml)).toBe(readable);
  });
});

describe('step lines', () => {
  const flow = [
    'flow: f', // 1
    'steps:', // 2
    '  welcome:', // 3
    '    - talk: hi', // 4
    '', // 5
    '  # a comment', // 6
    '  "2nd":', // 7
    '    - talk: x', // 8
    'start: welcome', // 9
  ].join('\n');
  it.each([
    [
      flow,
      [
        { step: 'welcome', from: 3, to: 4 },
        { step: '2nd', from: 7, to: 8 },
      ],
    ],
    [
      'steps:\n    a:\n      - x: 1\n    b: []\n',
      [
        { step: 'a', from: 2, to: 3 },
        { step: 'b', from: 4, to: 4 },
      ],
    ],
    ['flow: f\n', []],
    // A file that no longer parses still has its steps found.
    [
      'steps:\n  a:\n    - talk: { say: "unclosed\n  b:\n    - x\n',
      [
        { step: 'a', from: 2, to: 3 },
        { step: 'b', from: 4, to: 5 },
      ],
    ],
  ])('%#', (source, expected) => {
    expect(stepLines(source)).toEqual(expected);
  });
});

describe('diagnostic anchors', () => {
  const index: AnchorIndex = {
    flowFiles: new Map([
      [
        'flows/f.flow.yaml',
        {
          flow: 'f',
          lines: [
            { step: 'a', from: 3, to: 5 },
            { step: 'b', from: 6, to: 9 },
          ],
        },
      ],
    ]),
    uses: new Map([
      ['flows/messages/es-US.yaml#/f/hello', [{ flow: 'f', step: 'a' }]],
      [
        'templates/t.yaml#/actions/0/talk',
        [
          { flow: 'f', step: 'b' },
          { flow: 'g', step: 'c' },
        ],
      ],
    ]),
  };
  const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'x/y', severity: 'error', message: 'm', ...over });
  const at = (line: number) => ({ start: { line, col: 1 }, end: { line, col: 2 } });
  it.each<[string, Diagnostic, { flow: string; step: string }[]]>([
    ['a flow pointer', d({ file: 'flows/f.flow.yaml', pointer: '/steps/b/0/on/1' }), [{ flow: 'f', step: 'b' }]],
    ['an escaped step name', d({ file: 'flows/f.flow.yaml', pointer: '/steps/a~1b' }), [{ flow: 'f', step: 'a/b' }]],
    ['a flow line (no pointer: YAML syntax)', d({ file: 'flows/f.flow.yaml', range: at(7) }), [{ flow: 'f', step: 'b' }]],
    ['a line outside the steps', d({ file: 'flows/f.flow.yaml', range: at(1) }), []],
    ['a message spoken by a step', d({ file: 'flows/messages/es-US.yaml', pointer: '/f/hello' }), [{ flow: 'f', step: 'a' }]],
    [
      'inside a template action',
      d({ file: 'templates/t.yaml', pointer: '/actions/0/talk/text' }),
      [
        { flow: 'f', step: 'b' },
        { flow: 'g', step: 'c' },
      ],
    ],
    [
      'a related location in the flow',
      d({ file: 'flowc.yaml', pointer: '/x', related: [{ message: 'r', file: 'flows/f.flow.yaml', range: at(4) }] }),
      [{ flow: 'f', step: 'a' }],
    ],
    ['no file', d({}), []],
  ])('%s', (_, diagnostic, anchors) => {
    expect(diagnosticAnchors(diagnostic, index)).toEqual(anchors);
  });
});

describe('translations', () => {
  it.each([
    [{ fileKind: 'messages', file: 'flows/messages/es-US.yaml', pointer: '/bill-pay/greeting' }, 'bill-pay.greeting'],
    [{ fileKind: 'pay-set', file: 'flows/pay/card.es-US.yaml', pointer: '/CardNumber/text' }, 'pay:card/CardNumber/text'],
    [{ fileKind: 'template', file: 'templates/t.yaml', pointer: '/actions/0' }, undefined],
  ])('the key of %o is %s', (use, key) => {
    expect(textKey(use)).toBe(key);
  });

  it('marks missing and fallback cells, takes the worst status, and lists where each text is spoken', () => {
    const view = translationsView(
      [
        { flow: 'f', locale: 'en-US', key: 'a.b', kind: 'message', status: 'ok', servedBy: 'en-US' },
        { flow: 'f', locale: 'es-US', key: 'a.b', kind: 'message', status: 'fallback', servedBy: 'en-US' },
        { flow: 'g', locale: 'fr-CA', key: 'a.b', kind: 'message', status: 'ok', servedBy: 'fr-CA' },
        { flow: 'h', locale: 'fr-CA', key: 'a.b', kind: 'message', status: 'missing' },
      ],
      [
        {
          flow: 'f',
          locale: 'en-US',
          step: 's1',
          fileKind: 'messages',
          file: 'flows/messages/en-US.yaml',
          pointer: '/a/b',
          value: 'Hello',
        },
        {
          flow: 'f',
          locale: 'es-US',
          step: 's1',
          fileKind: 'messages',
          file: 'flows/messages/en-US.yaml',
          pointer: '/a/b',
          value: 'Hello',
        },
        {
          flow: 'g',
          locale: 'fr-CA',
          step: 's2',
          fileKind: 'messages',
          file: 'flows/messages/fr-CA.yaml',
          pointer: '/a/b',
          value: 'Bonjour',
        },
      ],
      ['en-US', 'es-US', 'fr-CA'],
    );
    expect(view.locales).toEqual(['en-US', 'es-US', 'fr-CA']);
    expect(view.rows).toEqual([
      {
        key: 'a.b',
        kind: 'message',
        cells: {
          'en-US': { status: 'ok', text: 'Hello' },
          'es-US': { status: 'fallback', servedBy: 'en-US', text: 'Hello' },
          'fr-CA': { status: 'missing' },
        },
        spokenAt: [
          { flow: 'f', step: 's1' },
          { flow: 'g', step: 's2' },
        ],
      },
    ]);
  });
});

describe('diagram layout', () => {
  const { flows } = fixtureProgram();
  it.each(flows.map((f) => [f.flow, f] as const))('places every box of %s without overlap, the start on top', (_, flow) => {
    const d = flowDiagram(flow, 'en-US', flow.flow === 'desk' ? 'welcome' : 'hello');
    const placed = layoutDiagram(d);
    expect(placed.nodes.map((n) => n.id).sort()).toEqual(d.nodes.map((n) => n.id).sort());
    expect(placed.edges).toHaveLength(d.edges.length);
    for (const e of placed.edges) expect(e.path).toMatch(/^M [\d.]+ [\d.]+ C /);
    const start = placed.nodes.find((n) => n.kind === 'start')!;
    for (const n of placed.nodes) {
      expect(n.y).toBeGreaterThanOrEqual(start.y);
      expect(n.x + n.w).toBeLessThanOrEqual(placed.width);
      expect(n.y + n.h).toBeLessThanOrEqual(placed.height);
      for (const m of placed.nodes) {
        if (m === n) continue;
        const apart = n.x + n.w <= m.x || m.x + m.w <= n.x || n.y + n.h <= m.y || m.y + m.h <= n.y;
        expect(apart, `${n.title} and ${m.title} overlap`).toBe(true);
      }
    }
    // Steps carry their name, the start and the hang-up do not.
    expect(placed.nodes.filter((n) => n.step !== undefined).every((n) => n.kind !== 'start' && n.kind !== 'end')).toBe(true);
  });
});

describe('a call saved as a scenario', () => {
  const at = (step: string, flow = 'bill-pay') => ({ flow, locale: 'es-US', step });
  const events: CallEvent[] = [
    { kind: 'start', to: '14155550101', from: '15555550100', by: 'number' },
    { kind: 'step', at: at('welcome') },
    { kind: 'hear', text: 'Gracias por llamar.', raw: 'Gracias por llamar.', ssml: false, language: 'es-US', style: 2 },
    { kind: 'act', act: { kind: 'press', keys: '1' } },
    { kind: 'step', at: at('pay-now') },
    { kind: 'lookup', name: 'findAccount', input: { n: '1' }, result: 'found', output: { balance: 4 } },
    { kind: 'act', act: { kind: 'say', words: 'pagar', confidence: 0.4 } },
    { kind: 'pay', amount: 42.5, currency: 'usd', outcome: 'success', prompts: [] },
    { kind: 'act', act: { kind: 'pay', outcome: 'success' } },
    { kind: 'step', at: at('hello', 'other') },
    { kind: 'end', reason: 'hang-up' },
  ];
  it('writes the start, the acts with what was heard and where, the lookups and the end', () => {
    expect(scenarioYaml({ name: 'Pago', events, at: '2026-03-02T19:00' }).split('\n')).toEqual([
      'scenarios:',
      '  "Pago":',
      '    call: "14155550101"',
      '    at: 2026-03-02T19:00',
      '    lookups:',
      '      "findAccount": { found: {"balance":4} }',
      '    script:',
      '      - hear: "Gracias por llamar."',
      '      - press: "1"',
      '      - step: "pay-now"',
      '      - say: { words: "pagar", confidence: 0.4 }',
      '      - pay: success',
      '      - step: "other/hello"',
      '    expect:',
      '      end: hang-up',
      '      step: "other/hello"',
      '      charged: 42.50',
      '',
    ]);
  });
  it.each([
    [
      { kind: 'start', to: '15555550199', from: '15551230001', by: 'flow', flow: 'reminder', locale: 'en-US' } as CallEvent,
      ['    call: { flow: "reminder", locale: "en-US", to: "15555550199" }', '    from: "15551230001"'],
    ],
  ])('a call started on a flow: %o', (start, lines) => {
    const text = scenarioYaml({ name: 'x', events: [start, { kind: 'end', reason: 'caller-hung-up' }], at: DEFAULT_AT });
    for (const l of lines) expect(text).toContain(l);
    expect(text).toContain('charged: nothing');
    expect(text).not.toContain('at:');
  });
  it('uses the same defaults as scenario files', () => {
    expect([DEFAULT_CALLER, DEFAULT_CALLEE, DEFAULT_AT]).toEqual([SCENARIO_CALLER, SCENARIO_CALLEE, SCENARIO_AT]);
  });
});

describe('the modules the page may load', () => {
  it.each([
    ['studio/client/main.js', true],
    ['simulate/simulator.js', true],
    ['router/runtime/router.mjs', true],
    ['simulate/scenarios/scenario-time.js', true],
    ['simulate/scenarios/read-scenarios.js', false],
    ['cli/main.js', false],
    ['studio/server/studio-server.js', false],
    ['router/runtime/program.mts', false],
    ['pipeline/build-project.js', false],
  ])('%s: %s', (rel, allowed) => {
    expect(isClientModule(rel)).toBe(allowed);
  });
});

describe('the model of the example project', () => {
  let built: BuildResult;
  beforeAll(async () => {
    built = await buildProject(repo);
  });

  it('has every flow with a laid-out diagram per locale and the details of every step', () => {
    const model = studioModel(built, { version: 3, project: 'example', live: false });
    expect(model.flows.map((f) => f.name).sort()).toEqual(built.flows.map((f) => f.name).sort());
    for (const f of model.flows) {
      expect(Object.keys(f.diagrams)).toEqual(f.locales);
      // `x.lookup` is the lookup of the author's step x (drawn as one step).
      const steps = Object.keys(built.program.flows.find((p) => p.flow === f.name)!.steps).map((k) =>
        k.split('/')[1]!.replace(/\.lookup$/, ''),
      );
      expect(Object.keys(f.steps).sort()).toEqual([...new Set(steps)].sort());
      for (const s of Object.values(f.steps)) expect(s.line).toBeGreaterThan(0);
    }
    const welcome = model.flows.find((f) => f.name === 'bill-pay')!.steps.welcome!;
    expect(welcome.locales['es-US']!.says[0]).toMatchObject({ where: 'talk', language: 'es-US', style: 2 });
    expect(welcome.locales['es-US']!.says[0]!.text).toMatch(/^Gracias por llamar/);
    // welcome talks, then looks the caller up: one step, whose exits are the lookup's.
    expect(welcome.locales['es-US']!.exits.map((e) => [e.key, e.to.step])).toEqual([
      ['found', 'menu'],
      ['not-found', 'ask-account'],
      ['failed', 'ask-account'],
    ]);
    const menu = model.flows.find((f) => f.name === 'bill-pay')!.steps.menu!;
    expect(menu.locales['es-US']!.exits.find((e) => e.key === '1')?.to.step).toBe('check-balance');
    expect(model.simulation?.program.flows).toHaveLength(built.program.flows.length);
    expect(model.translations.rows.find((r) => r.key === 'bill-pay.greeting')?.spokenAt).toContainEqual({
      flow: 'bill-pay',
      step: 'welcome',
    });
  });

  it('keeps the last diagram of a flow that no longer compiles, marked stale, and anchors its errors by line', () => {
    const before = studioModel(built, { version: 1, project: 'example', live: true });
    const file = 'flows/bill-pay.flow.yaml';
    const broken = (built.sources.get(file) ?? '').replace('  pay-now:\n', '  pay-now:\n    - talk: { say: "unclosed\n');
    const line = broken.split('\n').findIndex((l) => l.includes('unclosed')) + 1;
    const sources = new Map(built.sources).set(file, broken);
    const failed = {
      ...built,
      sources,
      program: { ...built.program, flows: built.program.flows.filter((f) => f.flow !== 'bill-pay') },
      flows: built.flows.filter((f) => f.name !== 'bill-pay'),
      diagnostics: [
        { code: 'yaml/syntax', severity: 'error' as const, message: 'm', file, range: { start: { line, col: 5 }, end: { line, col: 9 } } },
      ],
    };
    const after = studioModel(failed, { version: 2, project: 'example', live: true, previous: before });
    const flow = after.flows.find((f) => f.name === 'bill-pay')!;
    expect(flow.stale).toBe(true);
    expect(flow.steps['pay-now']!.diagnostics).toEqual([0]);
    expect(after.diagnostics[0]!.anchors).toEqual([{ flow: 'bill-pay', step: 'pay-now' }]);
    expect(after.diagnostics[0]!.frame?.some(([n, t]) => n === line && t.includes('unclosed'))).toBe(true);
    expect(after.simulation).toBeUndefined();
  });
});

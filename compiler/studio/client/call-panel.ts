/**
 * The call panel: a call played in the page by the same simulator as `flowc call` (the real route
 * program and router runtime, in the browser). The person clicks what the caller does — keys, words,
 * silence, hanging up, a payment's outcome, what the agent does — and what each lookup answers; the
 * transcript grows beside the diagram, which shows the path. A finished call can be saved as a
 * `flowc test` scenario.
 */
import type { LookupFunction } from '../../router/runtime/lookups.mjs';
import type { Helpers } from '../../router/runtime/render.mjs';
import type { CallEvent, CallerAct, LookupResult, Need } from '../../simulate/call-types.js';
import { agentOutcomes } from '../../simulate/call-types.js';
import type { SimClock } from '../../simulate/clock.js';
import { formatTranscript, transcriptLines } from '../../simulate/format-transcript.js';
import { loadRuntimeHelpers } from '../../simulate/runtime-helpers.js';
import { parseLocalTime } from '../../simulate/scenarios/scenario-time.js';
import { createSimulator, type StartSpec } from '../../simulate/simulator.js';
import { playLookupAnswer, type TypedLookupAnswer as LookupAnswer } from '../../simulate/typed-acts.js';
import { DEFAULT_AT, DEFAULT_CALLEE, DEFAULT_CALLER } from '../call/call-defaults.js';
import { scenarioYaml } from '../call/scenario-yaml.js';
import type { SimulationData } from '../model/studio-types.js';
import { h } from './dom.js';

type Question =
  | { kind: 'act'; need: Need; answer(act: CallerAct | undefined): void }
  | { kind: 'lookup'; name: string; input: Record<string, unknown>; fields: string[]; answer(a: LookupAnswer): void };

/** The server checks it too (server/save-scenario.ts). */
const SCENARIO_FILE = /^[A-Za-z0-9_-]{1,100}$/;

export interface CallView {
  /** Where the call is now, for the diagram. */
  at?: { flow: string; locale: string; step: string };
  /** flow/locale → steps passed, and from>to pairs of steps. */
  visited: Map<string, Set<string>>;
  taken: Map<string, Set<string>>;
}

let helpers: Promise<Helpers> | undefined;

export class CallPanel {
  private data: SimulationData | undefined;
  private events: CallEvent[] = [];
  private question: Question | undefined;
  private running = false;
  private ended = false;
  private stale = false;
  private at = DEFAULT_AT;
  /** The save form of an ended call, kept across redraws: its fields, the scenario, what the server said. */
  private saving:
    | { title: string; file: string; text?: string; note?: { kind: 'ok' | 'error' | 'ask'; text: string; file: string } }
    | undefined;
  private generation = 0;
  readonly view: CallView = { visited: new Map(), taken: new Map() };

  /** `live`: served by flowc studio, which can save a scenario into the project (an export only downloads). */
  constructor(
    private readonly changed: () => void,
    private readonly live = false,
  ) {}

  /** A new model: a new simulator for the next call (a running call keeps the program it started with). */
  setSimulation(data: SimulationData | undefined): void {
    this.data = data;
    if (this.running) this.stale = true;
  }

  private timeZone(): string {
    const zones = [...new Set(Object.values(this.data?.program.project.hours ?? {}).map((h) => h.timeZone))];
    return zones.length === 1 ? zones[0]! : 'UTC';
  }

  async start(spec: StartSpec): Promise<void> {
    const data = this.data;
    if (!data) return;
    helpers ??= loadRuntimeHelpers();
    const sim = createSimulator({ program: data.program, flows: data.flows, helpers: await helpers });
    const generation = ++this.generation;
    this.events = [];
    this.view.visited.clear();
    this.view.taken.clear();
    delete this.view.at;
    this.running = true;
    this.ended = false;
    this.stale = false;
    this.saving = undefined;
    const atMs = parseLocalTime(this.at, this.timeZone()) ?? Date.now();
    let last: { flow: string; locale: string; step: string } | undefined;
    const onEvent = (e: CallEvent): void => {
      if (generation !== this.generation) return;
      this.events.push(e);
      if (e.kind === 'step' || e.kind === 'pass') {
        const key = `${e.at.flow}/${e.at.locale}`;
        const steps = this.view.visited.get(key) ?? new Set<string>();
        steps.add(e.at.step);
        this.view.visited.set(key, steps);
        if (last && last.flow === e.at.flow && last.locale === e.at.locale) {
          const pairs = this.view.taken.get(key) ?? new Set<string>();
          pairs.add(`${last.step}>${e.at.step}`);
          this.view.taken.set(key, pairs);
        }
        last = e.at;
        this.view.at = e.at;
      }
      this.changed();
    };
    const ask = <T>(make: (answer: (value: T) => void) => Question): Promise<T> =>
      new Promise<T>((resolve) => {
        this.question = make((value) => {
          this.question = undefined;
          resolve(value);
        });
        this.changed();
      });
    const lookups = (clock: SimClock, emit: (event: CallEvent) => void): Record<string, LookupFunction<object, object>> => {
      const out: Record<string, LookupFunction<object, object>> = {};
      for (const [name, declaration] of Object.entries(data.program.project.lookups)) {
        out[name] = async (input, context) => {
          const record = input as Record<string, unknown>;
          const note = (result: LookupResult, output?: unknown) =>
            emit({ kind: 'lookup', name, input: record, result, ...(output !== undefined ? { output } : {}) });
          const a = await ask<LookupAnswer>((answer) => ({
            kind: 'lookup',
            name,
            input: record,
            fields: Object.keys(declaration.output),
            answer,
          }));
          return playLookupAnswer(a, { name, timeoutMs: declaration.timeoutMs, clock, signal: context.signal }, note);
        };
      }
      return out;
    };
    this.changed();
    await sim.play(spec, {
      atMs,
      lookups,
      onEvent,
      acts: { next: (need) => ask<CallerAct | undefined>((answer) => ({ kind: 'act', need, answer })) },
    });
    if (generation !== this.generation) return;
    this.running = false;
    this.ended = true;
    this.question = undefined;
    this.changed();
  }

  /** Ends a call that is waiting (the caller hangs up). */
  hangUp(): void {
    const q = this.question;
    if (q?.kind === 'act') q.answer({ kind: 'hang-up' });
  }

  private act(act: CallerAct): void {
    const q = this.question;
    if (q?.kind === 'act') q.answer(act);
  }

  private startForm(prefer?: { flow: string; locale: string }): HTMLElement {
    const data = this.data;
    if (!data) return h('p', { class: 'empty' }, 'The project has errors: fix them (see Problems) to play calls.');
    const numbers = Object.entries(data.program.project.numbers);
    const numberSelect = h(
      'select',
      { id: 'call-number', 'aria-label': 'Number to call' },
      numbers.map(([n, e]) =>
        h(
          'option',
          { value: n, selected: e.start.flow === prefer?.flow && e.start.locale === prefer.locale },
          `${n} — ${e.start.flow} (${e.start.locale})`,
        ),
      ),
    ) as HTMLSelectElement;
    const flowSelect = h(
      'select',
      { id: 'call-flow', 'aria-label': 'Flow' },
      data.flows.flatMap((f) =>
        f.locales.map((l) =>
          h(
            'option',
            { value: `${f.name}|${l}`, selected: f.name === prefer?.flow && l === prefer.locale },
            `${f.name} in ${l}${f.direction === 'outbound' ? ' (outbound)' : ''}`,
          ),
        ),
      ),
    ) as HTMLSelectElement;
    const from = h('input', { id: 'call-from', value: DEFAULT_CALLER, size: 14, 'aria-label': "Caller's number" }) as HTMLInputElement;
    const at = h('input', {
      id: 'call-at',
      value: this.at,
      size: 16,
      'aria-label': 'When the call happens (local time)',
    }) as HTMLInputElement;
    const go = (spec: StartSpec) => {
      this.at = at.value.trim() || DEFAULT_AT;
      void this.start(spec);
    };
    return h(
      'div',
      { class: 'start' },
      h('h2', {}, 'Play a call'),
      numbers.length > 0 &&
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'call-number' }, 'Dial a number'),
          numberSelect,
          h(
            'button',
            { class: 'b primary', id: 'call-dial', onclick: () => go({ number: numberSelect.value, from: from.value.replace(/^\+/, '') }) },
            'Call',
          ),
        ),
      h(
        'div',
        { class: 'row' },
        h('label', { for: 'call-flow' }, 'Or a flow and language'),
        flowSelect,
        h(
          'button',
          {
            class: 'b',
            id: 'call-flow-start',
            onclick: () => {
              const [flow = '', locale = ''] = flowSelect.value.split('|');
              go({ flow, locale, from: from.value.replace(/^\+/, ''), to: DEFAULT_CALLEE });
            },
          },
          'Start',
        ),
      ),
      h('div', { class: 'row' }, h('label', { for: 'call-from' }, 'Caller'), from, h('label', { for: 'call-at' }, 'At'), at),
    );
  }

  private speechHints(need: Extract<Need, { kind: 'input' }>): string[] {
    if (!need.at || !this.data) return [];
    const flow = this.data.program.flows.find((f) => f.flow === need.at!.flow);
    const step = flow?.steps[`${need.at.locale}/${need.at.step}`];
    if (step?.kind !== 'ncco' || step.on?.kind !== 'input') return [];
    return step.on.speech.map((s) => s.phrases[0]?.join(' ') ?? '').filter((p) => p !== '');
  }

  private askControls(q: Question): HTMLElement {
    if (q.kind === 'lookup') {
      const area = h('textarea', { id: 'lookup-json', rows: 3, 'aria-label': `What ${q.name} finds, as JSON` }) as HTMLTextAreaElement;
      area.value = JSON.stringify(Object.fromEntries(q.fields.map((f) => [f, ''])));
      const problem = h('p', { role: 'alert', class: 'empty' });
      return h(
        'div',
        { class: 'ask', role: 'group', 'aria-label': `Lookup ${q.name}` },
        h('strong', {}, `The router looks up ${q.name} `),
        h('code', {}, JSON.stringify(q.input)),
        h('p', {}, 'What does it answer?'),
        area,
        h(
          'div',
          { class: 'row' },
          h(
            'button',
            {
              class: 'b primary',
              id: 'lookup-found',
              onclick: () => {
                try {
                  const value: unknown = JSON.parse(area.value);
                  if (typeof value === 'object' && value !== null && !Array.isArray(value))
                    return q.answer({ kind: 'found', output: value as Record<string, unknown> });
                } catch {
                  // shown below
                }
                problem.textContent = 'Write the fields found as a JSON object, e.g. {"balance": 42.5}.';
              },
            },
            'Found these',
          ),
          h('button', { class: 'b', id: 'lookup-not-found', onclick: () => q.answer({ kind: 'not-found' }) }, 'Not found'),
          h('button', { class: 'b', id: 'lookup-fails', onclick: () => q.answer({ kind: 'fails' }) }, 'Fails'),
          h('button', { class: 'b', id: 'lookup-slow', onclick: () => q.answer({ kind: 'slow' }) }, 'Too slow'),
        ),
        problem,
      );
    }
    const need = q.need;
    const hang = h('button', { class: 'b', id: 'act-hang-up', onclick: () => this.act({ kind: 'hang-up' }) }, 'Hang up');
    switch (need.kind) {
      case 'pay':
        return h(
          'div',
          { class: 'ask', role: 'group', 'aria-label': 'Card payment' },
          h('strong', {}, `Card payment of ${need.amount} ${need.currency}`),
          h(
            'div',
            { class: 'row' },
            h(
              'button',
              { class: 'b primary', id: 'pay-success', onclick: () => this.act({ kind: 'pay', outcome: 'success' }) },
              'Payment succeeds',
            ),
            h('button', { class: 'b', id: 'pay-failure', onclick: () => this.act({ kind: 'pay', outcome: 'failure' }) }, 'Payment fails'),
            hang,
          ),
        );
      case 'agent':
        return h(
          'div',
          { class: 'ask', role: 'group', 'aria-label': 'The agent' },
          h('strong', {}, `The call rings ${need.endpoint}`),
          h(
            'div',
            { class: 'row' },
            agentOutcomes.map((o) =>
              h('button', { class: 'b', id: `agent-${o}`, onclick: () => this.act({ kind: 'agent', outcome: o }) }, o),
            ),
            hang,
          ),
        );
      case 'talking':
        return h('div', { class: 'ask' }, h('strong', {}, `Talking with ${need.with}`), h('div', { class: 'row' }, hang));
      case 'input': {
        const keys = h('input', { id: 'act-keys', size: 10, 'aria-label': 'Keys to press', inputmode: 'tel' }) as HTMLInputElement;
        const words = h('input', { id: 'act-words', size: 22, 'aria-label': 'Words to say' }) as HTMLInputElement;
        const single = need.maxDigits <= 1 && !need.submitOnHash;
        const sendKeys = () => {
          const v = keys.value.trim();
          if (/^[0-9*#]+$/.test(v)) this.act({ kind: 'press', keys: v });
        };
        keys.addEventListener('keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Enter') sendKeys();
        });
        words.addEventListener('keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Enter' && words.value.trim())
            this.act({ kind: 'say', words: words.value.trim(), confidence: 0.9 });
        });
        return h(
          'div',
          { class: 'ask', role: 'group', 'aria-label': 'Your turn' },
          h('strong', {}, 'Your turn'),
          need.dtmf &&
            h(
              'div',
              { class: 'keypad', role: 'group', 'aria-label': single ? 'Keypad: a key is pressed at once' : 'Keypad' },
              ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((k) =>
                h(
                  'button',
                  {
                    class: 'b',
                    'data-key': k,
                    'aria-label': `press ${k}`,
                    onclick: () => {
                      if (single) this.act({ kind: 'press', keys: k });
                      else keys.value += k;
                    },
                  },
                  k,
                ),
              ),
            ),
          need.dtmf &&
            !single &&
            h(
              'div',
              { class: 'row' },
              keys,
              h('button', { class: 'b primary', id: 'act-send-keys', onclick: sendKeys }, 'Press these keys'),
            ),
          need.speech &&
            h(
              'div',
              { class: 'row' },
              words,
              h(
                'button',
                {
                  class: 'b',
                  id: 'act-say',
                  onclick: () => words.value.trim() && this.act({ kind: 'say', words: words.value.trim(), confidence: 0.9 }),
                },
                'Say',
              ),
              this.speechHints(need).map((p) =>
                h('button', { class: 'b', onclick: () => this.act({ kind: 'say', words: p, confidence: 0.9 }) }, `“${p}”`),
              ),
            ),
          h(
            'div',
            { class: 'row' },
            h('button', { class: 'b', id: 'act-silence', onclick: () => this.act({ kind: 'silence' }) }, 'Stay silent'),
            hang,
          ),
        );
      }
    }
  }

  private transcript(): HTMLElement {
    const lines = transcriptLines(this.events);
    const box = h(
      'div',
      { class: 'transcript', id: 'transcript', role: 'log', 'aria-label': 'Transcript' },
      lines.map((l) =>
        h(
          'div',
          { class: l.startsWith('>') ? 'step' : /^\s+hears/.test(l) ? 'hears' : /^\s+(caller|pays|connects)/.test(l) ? 'act' : '' },
          l,
        ),
      ),
    );
    queueMicrotask(() => (box.scrollTop = box.scrollHeight));
    return box;
  }

  private savePart(): HTMLElement {
    const start = this.events.find((e) => e.kind === 'start');
    const flow = this.view.at?.flow ?? (start?.kind === 'start' ? start.flow : undefined) ?? 'call';
    const state = (this.saving ??= { title: 'A call played in the studio', file: `${flow}-studio` });
    const name = h('input', {
      id: 'scenario-name',
      size: 28,
      value: state.title,
      'aria-label': 'Scenario name',
      oninput: () => (state.title = name.value),
    }) as HTMLInputElement;
    const file = h('input', {
      id: 'scenario-file',
      size: 18,
      value: state.file,
      pattern: '[A-Za-z0-9_\\-]+',
      'aria-label': 'File name in flows/ (letters, digits, - and _)',
      oninput: () => (state.file = file.value),
    }) as HTMLInputElement;
    const out = h('div', {});
    // Drawn from the state: the page is redrawn after every save on disk (the scenario's own, too).
    const paint = (): void => {
      const text = state.text;
      if (text === undefined) {
        out.replaceChildren();
        return;
      }
      const download = `${state.file.trim() || flow}.test.yaml`;
      const href = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
      const note = state.note;
      const replace =
        note?.kind === 'ask' &&
        h(
          'div',
          { class: 'row' },
          h(
            'button',
            { class: 'b primary', id: 'scenario-replace', type: 'button', onclick: () => void write(true) },
            `Replace flows/${note.file}.test.yaml`,
          ),
          h(
            'button',
            {
              class: 'b',
              id: 'scenario-keep',
              type: 'button',
              onclick: () => {
                delete state.note;
                paint();
                document.getElementById('scenario-file')?.focus();
              },
            },
            'Keep it, choose another name',
          ),
        );
      out.replaceChildren(
        note
          ? h(
              'div',
              { id: 'scenario-message', class: `note ${note.kind}`, role: note.kind === 'ok' ? 'status' : 'alert' },
              h('p', {}, note.text),
              replace,
            )
          : this.live
            ? ''
            : h('p', {}, 'Add it to a scenario file in flows/ (or save it as its own) and run ', h('code', {}, 'flowc test --update'), '.'),
        h('a', { href, download, id: 'scenario-download', class: 'b' }, `Download ${download}`),
        h('pre', { class: 'ncco', id: 'scenario-yaml' }, text),
      );
    };
    const write = async (overwrite: boolean): Promise<void> => {
      const target = state.file.trim();
      let answer: { saved: boolean; message: string; exists?: boolean };
      try {
        const response = await fetch('api/scenarios', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: target, yaml: state.text, transcript: formatTranscript(this.events), overwrite }),
        });
        answer = response.headers.get('content-type')?.startsWith('application/json')
          ? ((await response.json()) as typeof answer)
          : { saved: false, message: (await response.text()).trim() };
      } catch (error) {
        answer = { saved: false, message: `flowc studio did not answer (${error instanceof Error ? error.message : String(error)}).` };
      }
      state.note = {
        kind: answer.saved ? 'ok' : answer.exists ? 'ask' : 'error',
        text: answer.message,
        file: target,
      };
      this.changed();
      if (answer.exists) document.getElementById('scenario-replace')?.focus();
    };
    const save = (): void => {
      state.text = scenarioYaml({ name: state.title.trim() || 'A call', events: this.events, at: this.at });
      delete state.note;
      if (!this.live) {
        paint();
        return;
      }
      if (!SCENARIO_FILE.test(state.file.trim())) {
        state.note = { kind: 'error', text: 'The file name may have letters, digits, - and _ only.', file: state.file };
        paint();
        file.focus();
        return;
      }
      paint();
      void write(false);
    };
    paint();
    return h(
      'div',
      {},
      h('h3', {}, 'Keep this call as a test'),
      h('div', { class: 'row' }, h('label', { for: 'scenario-name' }, 'Name'), name),
      this.live &&
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'scenario-file' }, 'File'),
          h('code', {}, 'flows/'),
          file,
          h('code', {}, '.test.yaml'),
        ),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { class: 'b primary', id: 'scenario-save', onclick: save },
          this.live ? 'Save as scenario in the project' : 'Save as scenario',
        ),
      ),
      out,
    );
  }

  /** `prefer`: the flow and locale the page shows, chosen in the start form. */
  render(prefer?: { flow: string; locale: string }): HTMLElement {
    const panel = h('div', { class: 'call' });
    if (!this.running && !this.ended) {
      panel.append(this.startForm(prefer));
      return panel;
    }
    panel.append(h('h2', {}, this.running ? 'Call in progress' : 'Call ended'));
    if (this.stale) panel.append(h('p', { class: 'stale' }, 'The project changed during this call: start a new call to hear the change.'));
    panel.append(this.transcript());
    if (this.question) panel.append(this.askControls(this.question));
    if (this.ended) {
      panel.append(
        h('div', { class: 'row' }, h('button', { class: 'b primary', id: 'call-new', onclick: () => this.reset() }, 'New call')),
        this.savePart(),
      );
    }
    return panel;
  }

  reset(): void {
    this.generation += 1;
    this.hangUpSilently();
    this.running = false;
    this.ended = false;
    this.events = [];
    this.view.visited.clear();
    this.view.taken.clear();
    delete this.view.at;
    this.changed();
  }

  private hangUpSilently(): void {
    const q = this.question;
    this.question = undefined;
    if (q?.kind === 'act') q.answer(undefined);
    if (q?.kind === 'lookup') q.answer({ kind: 'fails' });
  }
}

/**
 * A call played in the studio, written as a `flowc test` scenario (docs/testing.md): how it started, the
 * caller's acts with what they heard and where the call was between them, what each lookup answered,
 * and how it ended. Pure and free of Node (it runs in the page); strings are written JSON-quoted, which
 * YAML reads as they are.
 */
import type { CallEvent, CallerAct } from '../../simulate/call-types.js';
import { DEFAULT_AT, DEFAULT_CALLER } from './call-defaults.js';

const q = (s: string): string => JSON.stringify(s);

function actLine(act: CallerAct): string {
  switch (act.kind) {
    case 'press':
      return `press: ${q(act.keys)}`;
    case 'say':
      return act.confidence === 0.9 ? `say: ${q(act.words)}` : `say: { words: ${q(act.words)}, confidence: ${act.confidence} }`;
    case 'silence':
      return 'silence';
    case 'hang-up':
      return 'hang-up';
    case 'pay':
      return `pay: ${act.outcome}`;
    case 'agent':
      return `agent: ${act.outcome}`;
  }
}

/** YAML for a value a lookup found (flow style: plain JSON is YAML). */
const flow = (value: unknown): string => JSON.stringify(value ?? {});

export interface SavedCall {
  name: string;
  events: readonly CallEvent[];
  /** Local time the call was played at (scenario `at:`), when not the default. */
  at?: string;
}

export function scenarioYaml(call: SavedCall): string {
  const start = call.events.find((e): e is Extract<CallEvent, { kind: 'start' }> => e.kind === 'start');
  const lines: string[] = ['scenarios:', `  ${q(call.name)}:`];
  if (!start) return `${lines.join('\n')}\n`;
  if (start.by === 'number') lines.push(`    call: ${q(start.to)}`);
  else lines.push(`    call: { flow: ${q(start.flow ?? '')}, locale: ${q(start.locale ?? '')}${start.to ? `, to: ${q(start.to)}` : ''} }`);
  if (start.from !== DEFAULT_CALLER) lines.push(`    from: ${q(start.from)}`);
  if (call.at !== undefined && call.at !== DEFAULT_AT) lines.push(`    at: ${call.at}`);
  const script: string[] = [];
  const lookups = new Map<string, string[]>();
  let lastStep: string | undefined;
  // `step:` names a step of the flow the call started in alone, a step of another flow as flow/step.
  let home: string | undefined;
  let charged = 0;
  let end: Extract<CallEvent, { kind: 'end' }> | undefined;
  for (const e of call.events) {
    switch (e.kind) {
      case 'step':
        home ??= e.at.flow;
        lastStep = e.at.flow === home ? e.at.step : `${e.at.flow}/${e.at.step}`;
        script.push(`step: ${q(lastStep)}`);
        break;
      case 'hear':
        script.push(`hear: ${q(e.text)}`);
        break;
      case 'act':
        script.push(actLine(e.act));
        break;
      case 'lookup': {
        const answer =
          e.result === 'found' || e.result === 'returned'
            ? `{ found: ${flow(e.output)} }`
            : e.result === 'failed'
              ? 'fails'
              : e.result === 'slow'
                ? 'slow'
                : 'not-found';
        lookups.set(e.name, [...(lookups.get(e.name) ?? []), answer]);
        break;
      }
      case 'pay':
        if (e.outcome === 'success') charged += e.amount;
        break;
      case 'end':
        end = e;
        break;
    }
  }
  // The first step is where the call starts: `step:` lines check each one after.
  const firstStep = script.findIndex((l) => l.startsWith('step: '));
  if (firstStep >= 0 && script.slice(0, firstStep).every((l) => !/^(press|say|silence|hang-up|pay|agent)\b/.test(l))) {
    script.splice(firstStep, 1);
  }
  if (lookups.size > 0) {
    lines.push('    lookups:');
    for (const [name, answers] of lookups)
      lines.push(`      ${q(name)}: ${answers.length === 1 ? answers[0] : `[ ${answers.join(', ')} ]`}`);
  }
  lines.push('    script:');
  for (const l of script) lines.push(`      - ${l}`);
  if (end && end.reason !== 'stopped') {
    lines.push('    expect:', `      end: ${end.reason}`);
    if (lastStep !== undefined) lines.push(`      step: ${q(lastStep)}`);
    lines.push(`      charged: ${charged > 0 ? charged.toFixed(2) : 'nothing'}`);
  }
  return `${lines.join('\n')}\n`;
}

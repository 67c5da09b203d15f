import { describe, expect, it } from 'vitest';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import { writeProject } from '../helpers/temp-project.js';

/** Builds a one-flow project from a steps block and returns the flow/* codes with their lines (a flow without numbers aside). */
async function graphCodes(steps: string, start = 'a'): Promise<string[]> {
  const dir = await writeProject({
    'flowc.yaml': 'routerUrl: https://x.example/r\n',
    'flows/f.flow.yaml': `flow: f\nlocales: [en-US]\nstart: ${start}\nsteps:\n${steps}`,
  });
  const r = await buildProject(dir);
  return r.diagnostics
    .filter((d) => d.code.startsWith('flow/') && d.code !== 'flow/no-numbers')
    .map((d) => `${d.code}@${d.range?.start.line}`);
}

const menu = (name: string, on: string) =>
  `  ${name}:\n    - talk: { text: Hi, bargeIn: true }\n    - input: { type: [dtmf], dtmf: { maxDigits: 1 } }\n      on: ${on}\n`;
const notify = (name: string, next: string) => `  ${name}:\n    - notify: { payload: { x: 1 } }\n      on: { default: ${next} }\n`;
const end = (name: string) => `  ${name}:\n    - talk: { text: Bye }\n`;

describe('flow graph', () => {
  it.each([
    ['a menu that repeats itself on timeout', menu('a', '{ "1": b, timeout: a }') + end('b'), ['flow/infinite-loop@8']],
    ['a timeout retry that ends the call', menu('a', '{ "1": b, timeout: r }') + menu('r', '{ "1": b, timeout: b }') + end('b'), []],
    ['a caller-driven loop (press 1 again) is fine', menu('a', '{ "1": a, timeout: b }') + end('b'), []],
    ['two notifies calling each other', notify('a', 'b') + notify('b', 'a'), ['flow/infinite-loop@7']],
    ['a three-step silent cycle is one finding', notify('a', 'b') + notify('b', 'c') + notify('c', 'a'), ['flow/infinite-loop@7']],
    ['an unreachable step', menu('a', '{ "1": b, timeout: b }') + end('b') + end('c'), ['flow/unreachable-step@11']],
    ['a transition to nowhere', menu('a', '{ "1": bb, timeout: b }') + end('b'), ['flow/unknown-step@8']],
    ['a talk with on:', `  a:\n    - talk: { text: Hi }\n      on: { default: a }\n`, ['flow/on-not-allowed@7']],
    ['a pay result key on an input', menu('a', '{ success: b, timeout: b }') + end('b'), ['flow/bad-transition-key@8']],
    // Without timeout, silence takes default (as the router does): a default back to the menu loops.
    ['a default back to itself without timeout', menu('a', '{ "1": b, default: a }') + end('b'), ['flow/infinite-loop@8']],
    ['a default back to itself with a timeout elsewhere', menu('a', '{ "1": b, default: a, timeout: b }') + end('b'), []],
    ['an input with neither timeout nor default', menu('a', '{ "1": b }') + end('b'), ['flow/infinite-loop@8']],
    // An attempt limit ends the loop.
    ['a counted timeout back to itself', menu('a', '{ "1": b, timeout: { goto: a, max: 3, then: b } }') + end('b'), []],
    ['a counted default without timeout', menu('a', '{ "1": b, default: { goto: a, max: 2, then: b } }') + end('b'), []],
    ['the then of a limit that loops', menu('a', '{ "1": b, timeout: { goto: b, max: 3, then: a } }') + end('b'), ['flow/infinite-loop@8']],
    [
      'a decision and a notify that lead back to each other',
      `  a:\n    - decide:\n        - if: caller is set\n          goto: b\n        - otherwise: b\n` + notify('b', 'a'),
      ['flow/infinite-loop@7'],
    ],
  ])('%s', async (_name, steps, expected) => {
    expect(await graphCodes(steps)).toEqual(expected);
  });

  it('an unknown start step suggests the closest one', async () => {
    const dir = await writeProject({
      'flows/f.flow.yaml': 'flow: f\nlocales: [en-US]\nstart: welcom\nsteps:\n  welcome:\n    - talk: { text: Hi }\n',
    });
    const d = (await buildProject(dir)).diagnostics.find((x) => x.code === 'flow/unknown-start');
    expect(d).toMatchObject({ pointer: '/start', range: { start: { line: 3, col: 8 } } });
    expect(d?.message).toContain('"welcome"');
  });
});

describe('data a jump from another flow leaves unset', () => {
  const settings =
    'routerUrl: https://x.example/r\nlookups:\n  find:\n    input: { phone: digits }\n    output: { balance: money, note: text }\n';
  /** Flow b: a lookup at its start sets balance (and note), then `tell` (which says `text`) and `check` (a decision on balance). */
  const flowB = (text: string) =>
    'flow: b\nlocales: [en-US]\ndata:\n  balance: { type: money, min: 0, max: 100 }\n  note: text\nstart: find\nsteps:\n' +
    '  find:\n    - lookup: find\n      with: { phone: "{{caller}}" }\n      store: [balance, note]\n      on: { found: tell, not-found: bye, failed: bye }\n' +
    `  tell:\n    - talk: { text: "${text}" }\n    - input: { type: [dtmf], dtmf: { maxDigits: 1 } }\n      on: { "1": check, timeout: bye, default: bye }\n` +
    '  check:\n    - decide:\n        - if: balance = 0\n          goto: bye\n        - otherwise: bye\n' +
    '  bye:\n    - talk: { text: Goodbye. }\n';
  /** Flow a: `go` jumps to `target` of flow b; with `lookup`, it first stores balance and note itself. */
  const flowA = (target: string, lookup: boolean) =>
    `flow: a\nlocales: [en-US]\n${lookup ? 'data:\n  balance: { type: money, min: 0, max: 100 }\n  note: text\n' : ''}start: go\nsteps:\n` +
    (lookup
      ? '  go:\n    - lookup: find\n      with: { phone: "{{caller}}" }\n      store: [balance, note]\n      on: { found: jump, not-found: bye, failed: bye }\n  jump:\n'
      : '  go:\n') +
    `    - talk: { text: Press 1. }\n    - input: { type: [dtmf], dtmf: { maxDigits: 1 } }\n      on: { "1": { goto: ${target}, flow: b }, timeout: bye, default: bye }\n` +
    '  bye:\n    - talk: { text: Goodbye. }\n';
  const codes = async (a: string, b: string): Promise<string[]> => {
    const dir = await writeProject({ 'flowc.yaml': settings, 'flows/a.flow.yaml': a, 'flows/b.flow.yaml': b });
    return (await buildProject(dir)).diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code}@${d.file}:${d.range?.start.line}`);
  };

  it('a jump that skips the lookup is one error at the jump (texts and decisions after it are not reported)', async () => {
    expect(await codes(flowA('tell', false), flowB('You owe {{money balance}}.'))).toEqual(['data/maybe-missing@flows/a.flow.yaml:8']);
  });
  it('a jump to the start, or one that brings the data along, is fine', async () => {
    expect(await codes(flowA('find', false), flowB('You owe {{money balance}}.'))).toEqual([]);
    expect(await codes(flowA('tell', true), flowB('You owe {{money balance}}.'))).toEqual([]);
  });
  it('data the steps after the jump never use is not reported', async () => {
    const b = flowB('Hello.').replace('        - if: balance = 0\n', '        - if: note is set\n');
    expect(await codes(flowA('tell', false), b)).toEqual([]);
  });
  it('data the target flow itself does not always set is reported at its use, as before', async () => {
    const b = flowB('You owe {{money balance}}.').replace('not-found: bye', 'not-found: tell');
    expect(await codes(flowA('tell', false), b)).toEqual([
      'data/maybe-missing@flows/b.flow.yaml:14',
      'data/maybe-missing@flows/b.flow.yaml:19',
    ]);
  });
});

/**
 * `flowc test` on a copy of the example project: scenarios that pass and scenarios that must fail with
 * the right report, a message change shown as a transcript diff, every kind of expectation, bad
 * scenarios with positioned errors and did-you-mean, JSON and JUnit (validated against the Jenkins
 * JUnit schema with xmllint), coverage and its threshold.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runFlowc } from '../helpers/temp-project.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const xsd = path.join(repo, 'test/simulate/fixtures/junit/jenkins-junit.xsd');
const dirs: string[] = [];

async function project(scenarios: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-test-cmd-'));
  dirs.push(dir);
  for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
  // Only this test's scenarios.
  execFileSync('sh', ['-c', 'rm -f flows/*.test.yaml flows/*.test.transcripts.txt'], { cwd: dir });
  for (const [name, text] of Object.entries(scenarios)) await writeFile(path.join(dir, 'flows', name), text);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const LOOKUP_FOUND = `defaults:
  lookups:
    findAccount: { found: { account: "40012345", balance: 42.50, dueDate: 2026-03-15 } }
`;

const PAYS = `${LOOKUP_FOUND}scenarios:
  A caller pays their balance:
    call: "14155550100"
    from: "15551230001"
    script:
      - hear: { text: Thank you for calling Acme Energy billing., language: en-US, style: 2 }
      - step: menu
      - press: 1
      - step: pay-now
      - hear: { part: 42 DOLLARS and 50 cents }
      - pay: success
      - hear: { pattern: "^Thank you\\\\. Your payment" }
    expect:
      end: hang-up
      step: paid
      locale: en-US
      charged: 42.50
      transferred: false
      recorded: false
      not-heard: { part: could not be completed }
`;

const ALL_EXPECTATIONS = `${LOOKUP_FOUND}scenarios:
  Spanish caller, busy agent, voicemail:
    call: "14155550101"
    script:
      - hear: { part: Gracias por llamar, language: es-US }
      - press: 0
      - agent: busy
      - hear: { part: deje su nombre }
    expect:
      step: voicemail
      locale: es-US
      recorded: true
      charged: nothing
      heard:
        - { part: Gracias por llamar }
        - { pattern: "Adiós\\\\.$" }
      callbacks:
        - onCallStatus: { status: busy }
        - webhook: https://crm.acme-energy.example/hooks/voicemail
  Agent answers:
    call: { flow: agent-fallback, locale: fr-CA }
    script:
      - agent: answers
    expect:
      end: transferred
      transferred: "14155550191"
  Silence, then the caller hangs up:
    call: { flow: bill-pay, locale: all }
    script:
      - silence
      - step: menu
      - hang-up
    expect:
      end: caller-hung-up
  Support by voice:
    call: "14155550110"
    script:
      - say: { words: I have a power outage, confidence: 0.8 }
      - step: outage
      - press: "1"
      - step: report-thanks
    expect:
      end: hang-up
  Outbound reminder in the evening:
    call: { flow: payment-reminder, locale: en-US, to: "15551112222" }
    at: 2026-03-02T19:30
    script:
      - wait: 5m
      - clock: 2026-03-02T19:50
      - press: 2
    expect:
      step: how-to-pay
`;

describe('flowc test', () => {
  it('stores transcripts with --update, then passes; exit codes 1 then 0', async () => {
    const dir = await project({ 'bill-pay.test.yaml': PAYS });
    const first = await runFlowc(['test'], dir);
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toContain('No stored transcript yet: run `flowc test --update`');
    const update = await runFlowc(['test', '--update'], dir);
    expect(update.exitCode).toBe(0);
    const stored = await readFile(path.join(dir, 'flows/bill-pay.test.transcripts.txt'), 'utf8');
    expect(stored).toContain('## A caller pays their balance\ncall 14155550100 from 15551230001\n> bill-pay/en-US/welcome\n');
    const again = await runFlowc(['test'], dir);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/PASS flows\/bill-pay\.test\.yaml › A caller pays their balance/);
    expect(again.stdout).toMatch(/^1 passed, 0 failed$/m);
  });

  it('an analyst changes a message: the scenario fails with a diff of exactly that line', async () => {
    const dir = await project({ 'bill-pay.test.yaml': PAYS });
    await runFlowc(['test', '--update'], dir);
    const catalog = path.join(dir, 'flows/messages/en-US.yaml');
    const text = await readFile(catalog, 'utf8');
    await writeFile(catalog, text.replace('Thank you for calling {{company}} billing.', 'Thanks for calling {{company}} billing.'));
    const run = await runFlowc(['test'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('The transcript changed (- stored, + now');
    expect(run.stdout).toContain('    -   hears [en-US, style 2]: Thank you for calling Acme Energy billing.');
    expect(run.stdout).toContain('    +   hears [en-US, style 2]: Thanks for calling Acme Energy billing.');
    // and the scenario's own expectation, at its line and column
    expect(run.stdout).toMatch(
      /flows\/bill-pay\.test\.yaml:9:9 {2}The caller did not hear "Thank you for calling Acme Energy billing\." in en-US \(style 2\) here\./,
    );
    expect(run.stdout).toContain('actual:   Thanks for calling Acme Energy billing. [en-US, style 2]');
  });

  it('every kind of expectation and act passes on the example flows', async () => {
    const dir = await project({ 'all.test.yaml': ALL_EXPECTATIONS });
    const run = await runFlowc(['test', '--update'], dir);
    expect(run.stdout).not.toContain('FAIL');
    expect(run.stdout).toMatch(/^7 passed, 0 failed$/m);
    expect(run.exitCode).toBe(0);
    const stored = await readFile(path.join(dir, 'flows/all.test.transcripts.txt'), 'utf8');
    expect(stored).toContain('## Silence, then the caller hangs up [fr-CA]');
    expect(stored).toContain('world: the clock reads 2026-03-02T19:50');
    expect(stored).toContain('caller: say "I have a power outage"');
  });

  it('wrong expectations fail with what was expected and what happened', async () => {
    const wrong = ALL_EXPECTATIONS.replace('charged: nothing', 'charged: 10')
      .replace('end: transferred', 'end: hang-up')
      .replace('step: how-to-pay', 'step: agent')
      .replace('- onCallStatus: { status: busy }', '- onCallStatus: { status: rejected }')
      .replace('- step: outage', '- step: billing');
    const dir = await project({ 'all.test.yaml': wrong });
    const run = await runFlowc(['test', '--update'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('The amount charged is not the one expected.\n      expected: 10.00\n      actual:   0.00');
    expect(run.stdout).toContain('The call did not end as expected.\n      expected: the flow hung up\n      actual:   transferred');
    expect(run.stdout).toContain(
      'The call did not end at the expected step.\n      expected: agent\n      actual:   payment-reminder/en-US/how-to-pay',
    );
    expect(run.stdout).toContain('Nothing reached onCallStatus with {"status":"rejected"}.');
    expect(run.stdout).toContain('The call was not at step billing here.\n      expected: billing\n      actual:   support/en-US/outage');
    expect(run.stdout).toMatch(/^3 passed, 4 failed$/m);
  });

  it('a script the call never gets to, and an act that does not fit, are failures', async () => {
    const dir = await project({
      'x.test.yaml': `${LOOKUP_FOUND}scenarios:
  Pays at a menu:
    call: "14155550100"
    script:
      - pay: success
  Presses after the end:
    call: { flow: agent-fallback, locale: en-US }
    script:
      - agent: busy
      - press: 1
`,
    });
    const run = await runFlowc(['test', '--update'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'flowc stopped the call: the call waits for the caller’s keys or words at bill-pay/menu, but the next act is payment success.',
    );
    expect(run.stdout).toMatch(/x\.test\.yaml:13:9 {2}The call ended \(the flow hung up\) before the caller could press 1\./);
  });

  it('bad scenarios: positioned errors with did-you-mean, in the build’s diagnostic shape', async () => {
    const dir = await project({
      'bad.test.yaml': `scenarios:
  Typos:
    call: "14155550109"
    script:
      - prss: 1
      - press: A
      - step: pay-nwo
      - agent: bussy
    expect:
      end: hangup
      callbacks:
        - onInputs: { step: welcome }
    lookups:
      findAcount: not-found
  Wrong locale:
    call: { flow: bill-pay, locale: de-DE }
    expct: {}
  Wrong flow:
    call: { flow: bil-pay, locale: en-US }
`,
    });
    const run = await runFlowc(['test', '--format', 'json'], dir);
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as {
      diagnostics: { code: string; message: string; range?: { start: { line: number; col: number } } }[];
    };
    const found = report.diagnostics.map((d) => [d.code, d.range?.start.line, d.range?.start.col, d.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['scenario/unknown-act', 5, 9, '"prss" is not something in a script. Did you mean "press"?'],
        ['scenario/unknown-key', 6, 16, '"A" is not on a phone keypad.'],
        ['scenario/bad-value', 8, 16, '"bussy" is not something an agent\'s line does. Did you mean "busy"?'],
        ['scenario/bad-value', 10, 12, '"hangup" is not how a call ends. Did you mean "hang-up"?'],
        ['scenario/unknown-callback', 12, 11, 'The router has no callback "onInputs". Did you mean "onInput"?'],
        ['scenario/unknown-field', 17, 5, 'A scenario has no field "expct". Did you mean "expect"?'],
        ['scenario/unknown-number', 3, 11, 'There is no flow answering the number "14155550109". Did you mean "14155550100"?'],
        ['scenario/unknown-locale', 16, 37, 'There is no locale in flow "bill-pay" called "de-DE".'],
        ['scenario/unknown-flow', 19, 19, 'There is no flow "bil-pay". Did you mean "bill-pay"?'],
      ]),
    );
    expect(found.map((f) => f[0])).toContain('scenario/unknown-lookup');
    const pretty = await runFlowc(['test'], dir);
    expect(pretty.stdout).toContain('flows/bad.test.yaml:5:9');
    expect(pretty.stdout).toContain('Did you mean "press"?');
  });

  it('a scenario with an unknown step is named by the did-you-mean of the call’s flow', async () => {
    const dir = await project({ 'y.test.yaml': 'scenarios:\n  S:\n    call: "14155550100"\n    expect:\n      step: pay-nwo\n' });
    const run = await runFlowc(['test', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; message: string }[] };
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'scenario/unknown-step',
        message: 'There is no step in flow "bill-pay" "pay-nwo". Did you mean "pay-now"?',
      }),
    ]);
  });

  it('--format json: results, transcripts, coverage', async () => {
    const dir = await project({ 'bill-pay.test.yaml': PAYS });
    await runFlowc(['test', '--update'], dir);
    const run = await runFlowc(['test', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as {
      scenarios: { name: string; status: string; transcript: string }[];
      coverage: { covered: number; total: number; notCovered: { flow: string; locale: string; step: string; key: string }[] };
      summary: { passed: number; failed: number };
    };
    expect(report.summary).toEqual({ passed: 1, failed: 0, updated: false });
    expect(report.scenarios[0]).toMatchObject({ name: 'A caller pays their balance', status: 'passed' });
    expect(report.coverage.covered).toBe(5);
    expect(report.coverage.notCovered).toContainEqual({
      flow: 'bill-pay',
      locale: 'en-US',
      step: 'pay-now',
      key: 'failure (up to 2×)',
      to: 'pay-failed',
    });
  });

  it('--min-coverage fails the run when too few transitions are covered', async () => {
    const dir = await project({ 'bill-pay.test.yaml': PAYS });
    await runFlowc(['test', '--update'], dir);
    const run = await runFlowc(['test', '--min-coverage', '50'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Coverage \d+(\.\d)?% is below the minimum of 50%\./);
    expect(run.stdout).toContain('bill-pay en-US pay-now: failure (up to 2×) → pay-failed, failure (after 2) → agent');
    expect((await runFlowc(['test', '--min-coverage', '0.5'], dir)).exitCode).toBe(0);
    expect((await runFlowc(['test', '--min-coverage', 'lots'], dir)).exitCode).toBe(2);
    expect((await runFlowc(['test', '--format', 'xml'], dir)).exitCode).toBe(2);
  });

  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  it.skipIf(!xmllint)('--format junit validates against the Jenkins JUnit schema (passing, failing and broken files)', async () => {
    const dir = await project({
      'bill-pay.test.yaml': PAYS,
      'all.test.yaml': ALL_EXPECTATIONS.replace('charged: nothing', 'charged: 10'),
      'bad.test.yaml': 'scenarios:\n  S:\n    call: "1"\n    script: [ { prss: 1 } ]\n',
    });
    await runFlowc(['test', '--update'], dir);
    const run = await runFlowc(['test', '--format', 'junit', '--min-coverage', '90'], dir);
    expect(run.exitCode).toBe(1);
    const file = path.join(dir, 'report.xml');
    await writeFile(file, run.stdout);
    const lint = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
    expect(run.stdout).toContain('<testcase name="Spanish caller, busy agent, voicemail" classname="flows/all.test.yaml"');
    expect(run.stdout).toContain('<failure type="scenario" message="flows/all.test.yaml:');
    expect(run.stdout).toContain('<error type="scenario-file"');
    expect(run.stdout).toContain('<error type="coverage"');
  });
  if (!xmllint) it('xmllint is not installed (Debian: libxml2-utils): the JUnit schema check was skipped', () => {});
});

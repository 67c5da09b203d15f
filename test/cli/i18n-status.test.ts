import { describe, expect, it } from 'vitest';
import { coverageRows, formatCoverageTable } from '../../compiler/cli/i18n-command.js';
import type { I18nRecord } from '../../compiler/resolve/resolve-flow.js';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

describe('coverageRows', () => {
  it('counts each key once per locale and flow, by status', () => {
    const records: I18nRecord[] = [
      { flow: 'f', locale: 'es-US', key: 'a', kind: 'message', status: 'ok', servedBy: 'es-US' },
      { flow: 'f', locale: 'es-US', key: 'a', kind: 'message', status: 'ok', servedBy: 'es-US' },
      { flow: 'f', locale: 'es-US', key: 'b', kind: 'message', status: 'missing' },
      { flow: 'f', locale: 'es-MX', key: 'a', kind: 'message', status: 'fallback', servedBy: 'es-US' },
      { flow: 'f', locale: 'es-MX', key: 'pay:card/CardNumber/text', kind: 'pay-prompt', status: 'fallback', servedBy: 'es-US' },
    ];
    expect(coverageRows(records)).toEqual([
      { locale: 'es-MX', flow: 'f', keys: 1, missing: 0, fallback: 1, payTexts: 1, payMissing: 0, payFallback: 1 },
      { locale: 'es-US', flow: 'f', keys: 2, missing: 1, fallback: 0, payTexts: 0, payMissing: 0, payFallback: 0 },
    ]);
  });

  it('formats an aligned table', () => {
    const table = formatCoverageTable([
      { locale: 'en-US', flow: 'bill-pay', keys: 12, missing: 0, fallback: 0, payTexts: 10, payMissing: 0, payFallback: 0 },
    ]);
    expect(table.split('\n')[0]).toBe('locale  flow      messages  missing  fallback  pay texts  pay missing  pay fallback');
    expect(table.split('\n')[2]).toBe('en-US   bill-pay        12        0         0         10            0             0');
  });
});

describe('flowc i18n status', () => {
  const project = {
    'flowc.yaml':
      'locales:\n  en-US: { language: en-US, style: 0 }\n  es-US: { language: es-US, style: 0 }\n  es-MX: { language: es-MX, style: 0, fallback: es-US }\n',
    'flows/a.flow.yaml':
      'flow: a\nlocales: [en-US, es-US, es-MX]\nstart: hi\nsteps:\n  hi:\n    - talk: { say: hello }\n    - talk: { say: bye }\n',
    'flows/messages/en-US.yaml': 'hello: Hello\nbye: Bye\n',
    'flows/messages/es-US.yaml': 'hello: Hola\n',
  };

  it('lists missing and fallback-served texts and exits 1 when something is missing', async () => {
    const dir = await writeProject(project);
    const r = await runFlowc(['i18n', 'status', dir, '--format', 'json'], dir);
    expect(r.exitCode).toBe(1);
    const rows = (JSON.parse(r.stdout) as { coverage: unknown[] }).coverage;
    expect(rows).toEqual([
      { locale: 'en-US', flow: 'a', keys: 2, missing: 0, fallback: 0, payTexts: 0, payMissing: 0, payFallback: 0 },
      { locale: 'es-MX', flow: 'a', keys: 2, missing: 1, fallback: 1, payTexts: 0, payMissing: 0, payFallback: 0 },
      { locale: 'es-US', flow: 'a', keys: 2, missing: 1, fallback: 0, payTexts: 0, payMissing: 0, payFallback: 0 },
    ]);
    // A missing text is what the table counts: its flow is not a file "with errors, not counted".
    expect((JSON.parse(r.stdout) as { unreadable: string[] }).unreadable).toEqual([]);
    const table = await runFlowc(['i18n', 'status', dir], dir);
    expect(table.stdout).toContain('Missing texts:');
    expect(table.stdout).not.toContain('These files have errors');
  });

  it('lists a flow with an error of its own as not counted', async () => {
    const dir = await writeProject({
      ...project,
      'flows/a.flow.yaml': project['flows/a.flow.yaml'].replace('start: hi', 'start: nowhere'),
    });
    const r = await runFlowc(['i18n', 'status', dir, '--format', 'json'], dir);
    expect((JSON.parse(r.stdout) as { unreadable: string[] }).unreadable).toEqual(['flows/a.flow.yaml']);
  });

  it('exits 0 with a table when every text exists', async () => {
    const dir = await writeProject({ ...project, 'flows/messages/es-US.yaml': 'hello: Hola\nbye: Adiós\n' });
    const r = await runFlowc(['i18n', 'status', dir], dir);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('es-MX   a');
  });

  it('rejects an unknown format as a usage error', async () => {
    const dir = await writeProject(project);
    expect((await runFlowc(['i18n', 'status', dir, '--format', 'xml'], dir)).exitCode).toBe(2);
  });
});

describe('flowc i18n status: what is missing, and flows that cannot be read', () => {
  it('lists the missing keys by locale and flow', async () => {
    const dir = await writeProject({
      'flows/a.flow.yaml':
        'flow: a\nlocales: [en-US, es-US]\nstart: hi\nsteps:\n  hi:\n    - talk: { say: hello }\n    - talk: { say: bye }\n',
      'flows/messages/en-US.yaml': 'hello: Hello\nbye: Bye\n',
      'flows/messages/es-US.yaml': 'hello: Hola\n',
    });
    const table = await runFlowc(['i18n', 'status', dir], dir);
    expect(table.exitCode).toBe(1);
    expect(table.stdout).toContain('Missing texts:\n  es-US  a  bye\n');
    const json = JSON.parse((await runFlowc(['i18n', 'status', dir, '--format', 'json'], dir)).stdout) as { missing: unknown[] };
    expect(json.missing).toEqual([{ locale: 'es-US', flow: 'a', key: 'bye', kind: 'message' }]);
  });

  it('exits 1 when a flow cannot be read, naming it (its texts are not counted)', async () => {
    const dir = await writeProject({
      'flows/a.flow.yaml': 'flow: a\nlocales: [en-US]\nstart: hi\nsteps:\n  hi:\n    - talk: { say: hello }\n',
      'flows/b.flow.yaml': 'flow: b\nlocales: [en-US]\nstart: hi\nsteps:\n  hi:\n\t- talk: { say: hello }\n',
      'flows/messages/en-US.yaml': 'hello: Hello\n',
    });
    const run = await runFlowc(['i18n', 'status', dir], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('These files have errors');
    expect(run.stdout).toContain('  flows/b.flow.yaml\n');
  });
});

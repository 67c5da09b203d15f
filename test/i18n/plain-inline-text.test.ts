/**
 * A text written once for every locale (`text: Welcome.` in a flow that speaks several) is heard by every caller,
 * so export gives it to the translator; import turns it into a per-locale map: the source locale keeps it, the
 * imported locale gets its translation, and the other locales it is spoken in keep hearing what they heard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { writeIntoYaml } from '../../compiler/i18n/write-yaml.js';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

const none = () => [];

describe('writeIntoYaml: one text becomes a per-locale map', () => {
  it.each([
    {
      name: 'block style, a comment after the text kept',
      yaml: 'steps:\n  s:\n    - talk:\n        text: Welcome to Acme.  # the greeting\n        style: 2\n',
      want: 'steps:\n  s:\n    - talk:\n        text:\n          en-US: Welcome to Acme.\n          es-US: Bienvenido a Acme.  # the greeting\n        style: 2\n',
    },
    {
      name: 'inside a flow map, quoted where a comma would end a plain text',
      yaml: 'steps:\n  s:\n    - talk: { text: "Goodbye, friend." }\n',
      want: 'steps:\n  s:\n    - talk: { text: { en-US: "Goodbye, friend.", es-US: "Adiós, amigo." } }\n',
    },
    {
      name: 'a folded block text',
      yaml: 'steps:\n  s:\n    - talk:\n        text: >-\n          Welcome\n          to Acme.\n    - hangup: {}\n',
      want: 'steps:\n  s:\n    - talk:\n        text:\n          en-US: Welcome to Acme.\n          es-US: Bienvenido a Acme.\n    - hangup: {}\n',
    },
  ])('$name', ({ yaml, want }) => {
    const source = yaml.includes('Goodbye') ? 'Goodbye, friend.' : 'Welcome to Acme.';
    const value = yaml.includes('Goodbye') ? 'Adiós, amigo.' : 'Bienvenido a Acme.';
    const out = writeIntoYaml(
      yaml,
      [{ path: ['steps', 's', '0', 'talk', 'text', 'es-US'], value, promote: { locale: 'en-US', text: source } }],
      none,
    );
    expect(out).toBe(want);
  });

  it('refuses when the text changed since the export', () => {
    const yaml = 'steps:\n  s:\n    - talk: { text: Hello. }\n';
    expect(() =>
      writeIntoYaml(
        yaml,
        [{ path: ['steps', 's', '0', 'talk', 'text', 'es-US'], value: 'Hola.', promote: { locale: 'en-US', text: 'Hi.' } }],
        none,
      ),
    ).toThrow(/no longer the text that was exported/);
  });
});

const project = {
  'flowc.yaml': `routerUrl: https://ivr.example.com/flowc
locales:
  en-US: { language: en-US, style: 2 }
  es-US: { language: es-US, style: 2 }
  fr-CA: { language: fr-CA, style: 0 }
`,
  'flows/a.flow.yaml': `flow: a
numbers: { "14155550100": en-US }
locales: [en-US, es-US, fr-CA]
start: s
steps:
  s:
    # Said before the menu.
    - talk:
        text: Welcome to Acme Energy.
    - talk: { text: "{{company}}" }
    - talk: { text: "Goodbye, and thank you." }
vars: { company: Acme }
`,
};

const nccoText = (dir: string, locale: string): string[] =>
  (JSON.parse(readFileSync(path.join(dir, `dist/ncco/a/${locale}/s.json`), 'utf8')) as { text?: string }[]).map((a) => a.text ?? '');

describe('flowc i18n export and import of a text written once for every locale', () => {
  it('exports it with its comment (not a text that is only a placeholder); import makes a map; the build says each locale its text', async () => {
    const dir = await writeProject(project);
    const exported = await runFlowc(['i18n', 'export', '--format', 'csv', '--locale', 'es-US', dir], dir);
    expect(exported.exitCode).toBe(0);
    const rows = parseCsv(exported.stdout, { columns: true }) as Record<string, string>[];
    const sources = rows.map((r) => r.source);
    expect(sources).toEqual(['Welcome to Acme Energy.', 'Goodbye, and thank you.']);
    expect(JSON.stringify(rows[0])).toContain('Said before the menu.');

    const header = Object.keys(rows[0]!);
    const filled = rows.map((r) => ({
      ...r,
      translation: r.source === 'Welcome to Acme Energy.' ? 'Bienvenido a Acme Energy.' : 'Adiós, y gracias.',
    }));
    const file = path.join(dir, 'es.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, stringifyCsv(filled, { header: true, columns: header }));
    const imported = await runFlowc(['i18n', 'import', file, dir], dir);
    expect(imported.stderr).toContain('Wrote 2 translations into flows/a.flow.yaml');
    expect(imported.exitCode).toBe(0);

    const flow = readFileSync(path.join(dir, 'flows/a.flow.yaml'), 'utf8');
    expect(flow).toContain(
      '    # Said before the menu.\n    - talk:\n        text:\n          en-US: Welcome to Acme Energy.\n          es-US: Bienvenido a Acme Energy.\n          fr-CA: Welcome to Acme Energy.\n',
    );
    expect(flow).toContain('    - talk: { text: "{{company}}" }\n');

    const build = await runFlowc(['build', dir], dir);
    expect(build.exitCode).toBe(0);
    expect(nccoText(dir, 'es-US')).toEqual(['Bienvenido a Acme Energy.', 'Acme', 'Adiós, y gracias.']);
    expect(nccoText(dir, 'en-US')).toEqual(['Welcome to Acme Energy.', 'Acme', 'Goodbye, and thank you.']);
    expect(nccoText(dir, 'fr-CA')).toEqual(['Welcome to Acme Energy.', 'Acme', 'Goodbye, and thank you.']);
  });
});

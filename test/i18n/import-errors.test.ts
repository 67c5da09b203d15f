/**
 * A wrong entry is reported at its place in the imported file (line for PO and CSV, unit id for XLIFF) with its
 * code, and nothing at all is written while any entry is wrong.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

const project = {
  'flowc.yaml': `routerUrl: https://ivr.example.com/flowc
locales:
  en-US: { language: en-US, style: 2 }
  es-US: { language: es-US, style: 2 }
  pt-BR: { language: pt-BR, style: 2 }
`,
  'flows/messages/en-US.yaml': `# English
greeting: Thank you for calling {{company}}.
balance: Your balance of {{money balance}} is due on {{date due}}.
notice: <speak>Please listen.{{pause 500}}Thank you.</speak>
`,
  'flows/messages/es-US.yaml': `# Español
greeting: Gracias por llamar a {{company}}.
`,
  'flows/a.flow.yaml': `flow: a
numbers: { "14155550100": en-US }
locales: [en-US, es-US]
vars: { company: Acme, balance: 42.5, due: "2026-12-01" }
start: s
steps:
  s:
    - talk: { say: greeting }
    - talk: { say: balance }
    - talk: { say: notice }
`,
};

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const p = path.join(rel, name);
      if (statSync(path.join(dir, p)).isDirectory()) walk(p);
      else out.set(p, readFileSync(path.join(dir, p), 'utf8'));
    }
  };
  walk('flows');
  out.set('flowc.yaml', readFileSync(path.join(dir, 'flowc.yaml'), 'utf8'));
  return out;
}

interface Found {
  code: string;
  severity: string;
  message: string;
  file?: string;
  pointer?: string;
  range?: { start: { line: number } };
}

async function importFile(
  name: string,
  content: string,
): Promise<{ exitCode: number; found: [string, number | undefined][]; all: Found[]; unchanged: boolean }> {
  const dir = await writeProject({ ...project, [name]: content });
  const before = snapshot(dir);
  const run = await runFlowc(['i18n', 'import', name, '.', '--report', 'json'], dir);
  const all = (JSON.parse(run.stdout) as { diagnostics: Found[] }).diagnostics;
  const after = snapshot(dir);
  return {
    exitCode: run.exitCode,
    all,
    found: all.map((d) => [d.code, d.range?.start.line]),
    unchanged: [...before].every(([k, v]) => after.get(k) === v) && after.size === before.size,
  };
}

const csv = (rows: string[][]) => stringifyCsv([['id', 'locale', 'source', 'translation'], ...rows]);

describe('flowc i18n import: every entry is checked, nothing is written while one is wrong', () => {
  it('CSV: placeholders dropped and invented, bad {{…}}, unknown id and locale, the source locale, a duplicate — at their lines', async () => {
    const r = await importFile(
      'es.csv',
      csv([
        ['msg:greeting', 'es-US', '', 'Hola.'], // line 2: {{company}} dropped
        ['msg:balance', 'es-US', '', 'Su saldo de {{money saldo}} vence el {{date due}}.'], // 3: one dropped, one invented
        ['msg:notice', 'es-US', '', '<speak>Escuche.{{pause 500}Gracias.</speak>'], // 4: unreadable {{…}}, pause lost
        ['msg:greting', 'es-US', '', 'Hola {{company}}.'], // 5: unknown id
        ['msg:greeting', 'de-DE', '', 'Hallo {{company}}.'], // 6: unknown locale
        ['msg:greeting', 'en-US', '', 'Hi {{company}}.'], // 7: the source locale
        ['msg:balance', 'es-US', '', ''], // 8: not translated yet: fine
      ]),
    );
    expect(r.exitCode).toBe(1);
    expect(r.unchanged).toBe(true);
    expect(r.found).toEqual([
      ['import/placeholder-missing', 2],
      ['import/placeholder-invented', 3],
      ['import/placeholder-missing', 3],
      ['import/placeholder-missing', 4],
      ['import/template-syntax', 4],
      ['import/unknown-id', 5],
      ['import/unknown-locale', 6],
      ['import/source-locale', 7],
    ]);
    expect(r.all.find((d) => d.code === 'import/unknown-id')?.message).toContain('did you mean "msg:greeting"?');
    expect(r.all.every((d) => d.file === 'es.csv')).toBe(true);
  });

  it('CSV: cells over several lines keep the next rows at their lines; a duplicate that differs is an error', async () => {
    const r = await importFile(
      'es.csv',
      csv([
        ['msg:balance', 'es-US', 'two\nlines', 'Su saldo de {{money balance}}\nvence el {{date due}}.'],
        ['msg:greeting', 'es-US', '', 'Hola {{company}}.'],
        ['msg:greeting', 'es-US', '', 'Buenas, {{company}}.'],
      ]),
    );
    // Errors come first (sortDiagnostics), then the warning.
    expect(r.found).toEqual([
      ['import/duplicate', 6],
      ['import/source-changed', 2],
    ]);
    expect(r.unchanged).toBe(true);
  });

  it('PO: SSML that is not well-formed, SSML for a voice without it, tags outside <speak>, too long — at the msgctxt line', async () => {
    const entry = (id: string, msgid: string, msgstr: string) =>
      `msgctxt "${id}"\nmsgid ${JSON.stringify(msgid)}\nmsgstr ${JSON.stringify(msgstr)}\n\n`;
    const header = (lang: string) => `msgid ""\nmsgstr ""\n"Language: ${lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n`;
    const notice = '<speak>Please listen.{{pause 500}}Thank you.</speak>';
    const es = await importFile(
      'es.po',
      header('es_US') +
        entry('msg:notice', notice, '<speak>Escuche.{{pause 500}}<emphasis>Gracias.</speak>') + // line 6
        entry('msg:greeting', 'Thank you for calling {{company}}.', 'Gracias <b>a</b> {{company}}.') + // 10
        entry('msg:balance', '', `${'x'.repeat(1500)} {{money balance}} {{date due}}`), // 14
    );
    expect(es.found).toEqual([
      ['import/ssml-malformed', 6],
      ['import/ssml-without-speak', 10],
      ['import/too-long', 14],
    ]);
    expect(es.unchanged).toBe(true);
    const pt = await importFile('pt.po', header('pt_BR') + entry('msg:notice', notice, '<speak>Ouça.{{pause 500}}Obrigado.</speak>'));
    expect(pt.found).toEqual([['import/ssml-not-allowed', 6]]);
    expect(pt.all[0]?.message).toContain('pt-BR voice (pt-BR style 2) does not read SSML');
  });

  it('PO: a fuzzy entry is not imported; a file that cannot be read is an error at its line', async () => {
    const fuzzy = await importFile(
      'es.po',
      `msgid ""\nmsgstr ""\n"Language: es_US\\n"\n\n#, fuzzy\nmsgctxt "msg:balance"\nmsgid "x"\nmsgstr "roto"\n`,
    );
    expect(fuzzy).toMatchObject({ exitCode: 0, found: [] });
    const broken = await importFile('es.po', 'msgid ""\nmsgstr ""\n"Language: es_US\\n"\n\nmsgctxt "msg:greeting"\nmsgid "a\nmsgstr "b"\n');
    expect(broken.found).toEqual([['import/syntax', 6]]);
  });

  it('XLIFF: problems name the unit id, and its line', async () => {
    const xlf = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="flowc" datatype="plaintext" source-language="en-US" target-language="es-US">
    <body>
      <trans-unit id="msg:greeting">
        <source>Thank you for calling <ph id="ph1">{{company}}</ph>.</source>
        <target>Gracias por llamar.</target>
      </trans-unit>
      <trans-unit id="msg:balance">
        <source>Your balance of <ph id="ph1">{{money balance}}</ph> is due on <ph id="ph2">{{date due}}</ph>.</source>
        <target>Su saldo de <x id="ph1"/> vence el <x id="ph9"/>.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
`;
    const r = await importFile('es.xlf', xlf);
    expect(r.found).toEqual([
      ['import/placeholder-missing', 5],
      ['import/unknown-tag', 9],
    ]);
    expect(r.all.map((d) => d.pointer)).toEqual(['/unit/msg:greeting', '/unit/msg:balance']);
    expect(r.all[0]?.message).toMatch(/^Unit "msg:greeting" \(es-US\): /);
    expect(r.unchanged).toBe(true);
  });

  // The XML parser counts lines from 0: its "Line: 7" once stood in the message of a finding placed at line 8.
  // (It stops at the </trans-unit> after the misspelt </targte>: line 8.)
  it('XLIFF: a file that is not well-formed is an error at the line where reading stopped, which the message does not contradict', async () => {
    const xlf = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="flowc" datatype="plaintext" source-language="en-US" target-language="es-US">
    <body>
      <trans-unit id="msg:greeting">
        <source>Thank you for calling.</source>
        <target>Gracias.</targte>
      </trans-unit>
    </body>
  </file>
</xliff>
`;
    const r = await importFile('es.xlf', xlf);
    expect(r.found).toEqual([['import/syntax', 8]]);
    expect(r.all[0]?.message).not.toMatch(/Line: /);
  });

  it('a target file that is not valid YAML is reported there, and nothing else is written', async () => {
    const dir = await writeProject({
      ...project,
      'flows/messages/es-US.yaml': 'greeting: "Gracias por llamar a {{company}}.\n',
      'es.csv': csv([['msg:balance', 'es-US', '', 'Su saldo de {{money balance}} vence el {{date due}}.']]),
    });
    const run = await runFlowc(['i18n', 'import', 'es.csv', '.', '--report', 'json'], dir);
    expect(run.exitCode).toBe(1);
    const found = (JSON.parse(run.stdout) as { diagnostics: Found[] }).diagnostics.map((d) => [d.code, d.file]);
    expect(found).toEqual([['import/target-file-broken', 'flows/messages/es-US.yaml']]);
    expect(readFileSync(path.join(dir, 'flows/messages/es-US.yaml'), 'utf8')).toBe('greeting: "Gracias por llamar a {{company}}.\n');
  });

  it('a changed source is a warning; the translation is written', async () => {
    const dir = await writeProject({
      ...project,
      'es.csv': csv([['msg:balance', 'es-US', 'Your old balance text.', 'Su saldo de {{money balance}} vence el {{date due}}.']]),
    });
    const run = await runFlowc(['i18n', 'import', 'es.csv', '.', '--report', 'json'], dir);
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as { diagnostics: Found[] }).diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['import/source-changed', 'warning'],
    ]);
    expect(readFileSync(path.join(dir, 'flows/messages/es-US.yaml'), 'utf8')).toBe(
      '# Español\ngreeting: Gracias por llamar a {{company}}.\nbalance: Su saldo de {{money balance}} vence el {{date due}}.\n',
    );
  });

  it('files that are not translation files: missing columns, no language, unreadable', async () => {
    expect((await importFile('x.csv', 'key,text\nmsg:greeting,Hola\n')).found).toEqual([['import/missing-column', 1]]);
    expect((await importFile('x.po', 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')).found).toEqual([
      ['import/no-locale', 1],
    ]);
    const dir = await writeProject(project);
    const run = await runFlowc(['i18n', 'import', 'missing.po', '.', '--report', 'json'], dir);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics[0].code).toBe('import/unreadable');
  });
});

describe('flowc i18n export', () => {
  it('gives every text its context, limits, placeholders with types, and the authors comments', async () => {
    const dir = await writeProject(project);
    const run = await runFlowc(['i18n', 'export', '.', '--locale', 'pt-BR', '--format', 'csv'], dir);
    expect(run.exitCode).toBe(0);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(run.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['msg:greeting', 'msg:balance', 'msg:notice']);
    const balance = rows[1]!;
    expect(balance.where).toBe('Spoken in flow a, step "s", action 2 (talk) — flows/a.flow.yaml:9');
    expect(balance.placeholders).toBe(
      '{{money balance}}: an amount of US dollars, said in words ("42 dollars and 50 cents") (balance: number, e.g. "42.5")\n' +
        '{{date due}}: a date, said as in the language ("November 21, 2026") (due: date, e.g. "2026-12-01")',
    );
    expect(balance.limits).toContain('At most 1,500 characters');
    expect(balance.limits).toContain('No SSML: the pt-BR voice (pt-BR style 2) does not read it.');
    expect(rows[0]!.notes).toBe('English');
  });

  it('usage errors: no format, a PO file for several locales, an unknown locale', async () => {
    const dir = await writeProject(project);
    expect((await runFlowc(['i18n', 'export', '.'], dir)).exitCode).toBe(2);
    const several = await runFlowc(['i18n', 'export', '.', '--format', 'po'], dir);
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toContain('give --locale');
    expect((await runFlowc(['i18n', 'export', '.', '--format', 'po', '--locale', 'xx-XX'], dir)).exitCode).toBe(2);
    writeFileSync(path.join(dir, 'unused'), '');
  });
});

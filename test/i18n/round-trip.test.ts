/**
 * The translators' round trip on a copy of the example project: add a locale, export every text (PO, XLIFF, CSV),
 * fill in translations as a translator's tool would, import them, let a flow speak the locale, build — and the
 * NCCO says the new text. The PO output passes `msgfmt -c` and the XLIFF output validates against the official
 * XLIFF 1.2 strict schema with xmllint (Debian packages gettext, libxml2-utils and php-symfony-translation's schema
 * files; .ci/run provides them, and these checks skip, saying why, where they are absent).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { po } from 'gettext-parser';
import { describe, expect, it } from 'vitest';
import { jsToXliff12, xliff12ToJs, type XliffValue } from 'xliff';
import { newlinesLikeSource } from '../../compiler/i18n/formats/po.js';
import { toInline } from '../../compiler/i18n/formats/xliff.js';
import { runFlowc } from '../helpers/temp-project.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The official OASIS XLIFF 1.2 strict schema (and the W3C xml.xsd it imports), as Debian ships them in
 * php-symfony-translation: installed there, or unpacked by .ci/run into .cache/ without the package's PHP
 * dependencies. An XML catalog maps xml.xsd's URL to the local copy, so xmllint needs no network.
 */
const schemaDirs = [
  '/usr/share/php/Symfony/Component/Translation/Resources/schemas',
  path.join(repo, '.cache/debian/php-symfony-translation/usr/share/php/Symfony/Component/Translation/Resources/schemas'),
];
const schemaDir = schemaDirs.find((d) => existsSync(path.join(d, 'xliff-core-1.2-strict.xsd')));

function xmllintSchema(file: string): ReturnType<typeof spawnSync> {
  const dir = schemaDir!;
  const catalog = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowc-xcat-')), 'catalog.xml');
  const xml = pathToFileURL(path.join(dir, 'xml.xsd')).href;
  writeFileSync(
    catalog,
    `<?xml version="1.0"?>\n<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n` +
      `  <system systemId="http://www.w3.org/2001/xml.xsd" uri="${xml}"/>\n  <uri name="http://www.w3.org/2001/xml.xsd" uri="${xml}"/>\n</catalog>\n`,
  );
  return spawnSync('xmllint', ['--nonet', '--noout', '--schema', path.join(dir, 'xliff-core-1.2-strict.xsd'), file], {
    env: { ...process.env, XML_CATALOG_FILES: catalog },
    encoding: 'utf8',
  });
}

function exampleCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowc-i18n-'));
  for (const p of ['flowc.yaml', 'flows', 'templates']) cpSync(path.join(repo, p), path.join(dir, p), { recursive: true });
  return dir;
}

const hasTool = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** What a translator would write: French words around the source's placeholders and SSML, which stay. */
function translate(source: string): string {
  return source.startsWith('<speak>') ? source.replace('<speak>', '<speak>En français : ') : `En français : ${source}`;
}

const read = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');

/**
 * A bill-pay step of the built route program (dist/router/data): its NCCO text (the \u escapes of the fixed parts
 * undone) and the values the router fills in for each call.
 */
function programStep(dir: string, id: string): { text: string; holes: { value: unknown }[] } {
  const flow = JSON.parse(read(dir, 'dist/router/data/flows/bill-pay.json')) as { steps: Record<string, { ncco: unknown[] }> };
  const parts = flow.steps[id]?.ncco ?? [];
  const text = parts
    .filter((p): p is string => typeof p === 'string')
    .join('')
    .replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return { text, holes: parts.filter((p): p is { value: unknown } => typeof p === 'object' && p !== null && 'value' in p) };
}

/** Let bill-pay speak fr-FR, build, and return the fr-FR NCCO of a step. */
async function buildFrench(dir: string, step: string): Promise<{ exitCode: number; ncco: string }> {
  const flow = path.join(dir, 'flows/bill-pay.flow.yaml');
  writeFileSync(flow, readFileSync(flow, 'utf8').replace('locales: [en-US, es-US, fr-CA]', 'locales: [en-US, es-US, fr-CA, fr-FR]'));
  const build = await runFlowc(['build', dir, '--format', 'json'], dir);
  const errors = (JSON.parse(build.stdout) as { diagnostics: { severity: string; code: string; message: string }[] }).diagnostics.filter(
    (d) => d.severity === 'error',
  );
  expect(errors).toEqual([]);
  return { exitCode: build.exitCode, ncco: build.exitCode === 0 ? read(dir, `dist/ncco/bill-pay/fr-FR/${step}.json`) : '' };
}

describe('translators round trip', () => {
  it('add-locale prepares flowc.yaml, an empty catalog and empty prompt sets, and the build still passes', async () => {
    const dir = exampleCopy();
    const run = await runFlowc(['i18n', 'add-locale', 'fr-FR', dir], dir);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('created flows/messages/fr-FR.yaml');
    expect(read(dir, 'flowc.yaml')).toContain('  fr-FR:\n    language: fr-FR\n    style: 0\n');
    expect(read(dir, 'flows/messages/fr-FR.yaml')).toMatch(/^# fr-FR: .*\n\{\}\n$/);
    expect(read(dir, 'flows/pay/card.fr-FR.yaml')).toMatch(/^# Card payment prompts .*\n\{\}\n$/);
    expect((await runFlowc(['check', dir], dir)).exitCode).toBe(0);
    // Twice is a usage error.
    expect((await runFlowc(['i18n', 'add-locale', 'fr-FR', dir], dir)).exitCode).toBe(2);
  });

  // A text written as a YAML `|` block ends with a line break its source text does not have: msgfmt -c refused
  // the export ("'msgid' and 'msgstr' entries do not both end with '\n'").
  it('PO: a translation ending in a line break (a YAML | block) is exported so that it passes msgfmt -c', async () => {
    const dir = exampleCopy();
    const catalog = path.join(dir, 'flows/messages/fr-CA.yaml');
    writeFileSync(
      catalog,
      read(dir, 'flows/messages/fr-CA.yaml').replace(
        '  general: Votre facture arrive bientôt à échéance.\n',
        '  general: |\n    Votre facture arrive bientôt à échéance.\n',
      ),
    );
    expect((await runFlowc(['check', dir], dir)).exitCode).toBe(0);
    const out = path.join(dir, 'fr-CA.po');
    expect((await runFlowc(['i18n', 'export', dir, '--locale', 'fr-CA', '--format', 'po', '--out', out], dir)).exitCode).toBe(0);
    const entry = Object.values(po.parse(readFileSync(out)).translations)
      .flatMap((byId) => Object.values(byId))
      .find((e) => e.msgid === 'Your bill is due soon.');
    expect(entry?.msgstr).toEqual(['Votre facture arrive bientôt à échéance.']);
    if (hasTool('msgfmt')) {
      const checked = spawnSync('msgfmt', ['-c', '-o', '/dev/null', out], { encoding: 'utf8' });
      expect(checked.status, checked.stderr).toBe(0);
    } else console.log('msgfmt is not installed (Debian package gettext): the msgfmt -c check is skipped');
  });

  // The comment above an inline `text:` map was reached from the action, the map and its first key: said twice.
  it('an author comment on an inline text is one note, not one per place it can be reached from', async () => {
    const dir = exampleCopy();
    const run = await runFlowc(['i18n', 'export', dir, '--locale', 'es-US', '--format', 'csv'], dir);
    const rows = parseCsv(run.stdout, { columns: true, bom: true }) as { id: string; notes: string }[];
    const noted = rows.filter((r) => r.notes.includes('an inline text per locale instead of a message key'));
    expect(noted.length).toBeGreaterThan(0);
    for (const r of noted) expect(r.notes.split('an inline text per locale instead of a message key').length, r.id).toBe(2);
  });

  it('PO: export → translate → import → build says the new text; the export passes msgfmt -c', async () => {
    const dir = exampleCopy();
    await runFlowc(['i18n', 'add-locale', 'fr-FR', dir], dir);
    const out = path.join(dir, 'fr-FR.po');
    const exported = await runFlowc(['i18n', 'export', dir, '--locale', 'fr-FR', '--format', 'po', '--out', out], dir);
    expect(exported.exitCode).toBe(0);
    if (hasTool('msgfmt')) {
      const checked = spawnSync('msgfmt', ['-c', '-o', '/dev/null', out], { encoding: 'utf8' });
      expect(checked.status, checked.stderr).toBe(0);
      expect(checked.stderr).toBe(''); // not even a warning
    } else console.log('msgfmt is not installed (Debian package gettext): the msgfmt -c check is skipped');

    const data = po.parse(readFileSync(out));
    for (const [context, entries] of Object.entries(data.translations)) {
      if (context === '') continue;
      for (const entry of Object.values(entries)) entry.msgstr = [translate(entry.msgid)];
    }
    writeFileSync(out, po.compile(data));
    const imported = await runFlowc(['i18n', 'import', out, dir], dir);
    expect(imported.exitCode, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(
      /Wrote 39 translations into flows\/agent-fallback\.flow\.yaml, flows\/messages\/fr-FR\.yaml, flows\/pay\/card\.fr-FR\.yaml\./,
    );

    const { ncco } = await buildFrench(dir, 'welcome');
    expect(ncco).toContain('En français : Thank you for calling Acme Energy billing.');
    // pay-now reads the caller's balance: the router puts it together from the flow's program.
    const pay = programStep(dir, 'fr-FR/pay-now');
    expect(pay.text).toContain('En français : Please enter your Visa or Mastercard number.');
    const notice = pay.holes[0]?.value as { text: unknown[] } | undefined;
    expect(notice?.text.slice(0, 2)).toEqual(['<speak>En français : You are about to pay ', { data: 'balance', helper: 'money' }]);
    // Nothing left to translate.
    const missing = await runFlowc(['i18n', 'export', dir, '--locale', 'fr-FR', '--format', 'csv', '--missing-only'], dir);
    expect(parseCsv(missing.stdout, { columns: true, bom: true })).toEqual([]);
  });

  it('XLIFF: export → translate (placeholders kept as <ph>) → import → build; the export validates with xmllint', async () => {
    const dir = exampleCopy();
    await runFlowc(['i18n', 'add-locale', 'fr-FR', dir], dir);
    const out = path.join(dir, 'fr-FR.xlf');
    expect((await runFlowc(['i18n', 'export', dir, '--locale', 'fr-FR', '--format', 'xliff', '--out', out], dir)).exitCode).toBe(0);
    if (!hasTool('xmllint')) console.log('xmllint is not installed (Debian package libxml2-utils): the XLIFF schema check is skipped');
    else if (schemaDir === undefined) {
      console.log(
        'the XLIFF 1.2 schema is not here (Debian package php-symfony-translation; .ci/run unpacks it): the schema check is skipped',
      );
    } else {
      const valid = xmllintSchema(out);
      expect(valid.status, String(valid.stderr)).toBe(0);
      // The check can fail: an attribute value XLIFF does not allow.
      const bad = path.join(dir, 'bad.xlf');
      writeFileSync(bad, readFileSync(out, 'utf8').replace('size-unit="char"', 'size-unit="chars"'));
      expect(xmllintSchema(bad).status).not.toBe(0);
    }

    const doc = await xliff12ToJs(readFileSync(out, 'utf8'));
    for (const units of Object.values(doc.resources)) {
      for (const unit of Object.values(units)) {
        const source = flatten(unit.source);
        const ids = new Map<string, string[]>();
        for (const p of Array.isArray(unit.source) ? unit.source : []) {
          if (typeof p === 'string') continue;
          const e = Object.values(p)[0]!;
          ids.set(String(e.contents), [...(ids.get(String(e.contents)) ?? []), String(e.id)]);
        }
        unit.target = toInline(translate(source), ids);
      }
    }
    const translated = await jsToXliff12(doc, { indent: '  ' });
    writeFileSync(out, translated);
    const imported = await runFlowc(['i18n', 'import', out, dir], dir);
    expect(imported.exitCode, imported.stdout + imported.stderr).toBe(0);
    const { ncco } = await buildFrench(dir, 'nothing-due');
    expect(ncco).toContain('En français : You have no balance due right now. Thank you for being a Acme Energy customer.');
  });

  it('CSV: export → translate in a spreadsheet → import → build', async () => {
    const dir = exampleCopy();
    await runFlowc(['i18n', 'add-locale', 'fr-FR', dir], dir);
    const exported = await runFlowc(['i18n', 'export', dir, '--locale', 'fr-FR', '--format', 'csv'], dir);
    const rows = parseCsv(exported.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'locale', 'source', 'translation', 'where', 'limits', 'placeholders', 'notes']);
    for (const row of rows) row.translation = translate(row.source!);
    const out = path.join(dir, 'fr-FR.csv');
    writeFileSync(out, stringifyCsv(rows, { header: true }));
    const imported = await runFlowc(['i18n', 'import', out, dir], dir);
    expect(imported.exitCode, imported.stdout + imported.stderr).toBe(0);
    const { ncco } = await buildFrench(dir, 'ask-account');
    expect(ncco).toContain('En français : Please enter your eight-digit account number on your keypad');
  });

  it('an import into existing catalogs changes only the translated lines', async () => {
    const dir = exampleCopy();
    const before = read(dir, 'flows/messages/es-US.yaml');
    const csv = stringifyCsv([
      ['id', 'locale', 'translation'],
      ['msg:common.connecting', 'es-US', 'Un momento, le comunico con un representante.'],
      ['flow:agent-fallback:/steps/connect/0/talk/text', 'es-US', 'Gracias por llamar a {{company}}. Un momento, por favor.'],
    ]);
    writeFileSync(path.join(dir, 't.csv'), csv);
    const run = await runFlowc(['i18n', 'import', 't.csv', '.'], dir);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(read(dir, 'flows/messages/es-US.yaml')).toBe(
      before.replace('Por favor, espere mientras le comunicamos con un representante.', 'Un momento, le comunico con un representante.'),
    );
    const flow = read(dir, 'flows/agent-fallback.flow.yaml');
    expect(flow).toContain('          es-US: Gracias por llamar a {{company}}. Un momento, por favor.\n');
    expect(flow).toContain('        text:                   # an inline text per locale instead of a message key\n');
  });
});

function flatten(value: XliffValue | undefined): string {
  if (value === undefined) return '';
  const parts = Array.isArray(value) ? value : [value];
  return parts.map((p) => (typeof p === 'string' ? p : String(Object.values(p)[0]?.contents ?? ''))).join('');
}

describe('newlinesLikeSource', () => {
  it.each([
    ['Hello.', 'Bonjour.\n', 'Bonjour.'],
    ['Hello.', '\nBonjour.\n\n', 'Bonjour.'],
    ['Hello.\n', 'Bonjour.', 'Bonjour.\n'],
    ['\nHello.', 'Bonjour.', '\nBonjour.'],
    ['Hello.', 'Un\nDeux', 'Un\nDeux'],
    ['Hello.', '', ''],
    ['Hello.', '\n', '\n'],
  ])('%j, %j → %j', (source, translation, expected) => {
    expect(newlinesLikeSource(source, translation)).toBe(expected);
  });
});

/**
 * The editor schemas shipped in schemas/ are what compiler/check/schemas/editor-schemas.ts makes from the
 * validator's schemas (rewrite them with UPDATE_SCHEMAS=1), they are valid JSON Schema, and every file of
 * the example project is valid against them (an editor must not flag what flowc builds).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editorSchema, editorSchemaFiles, editorSchemaKinds } from '../../compiler/check/schemas/editor-schemas.js';
import { classifyPath, isScenarioPath } from '../../compiler/load/source-file.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const shipped = (file: string) => path.join(repo, 'schemas', file);
const render = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map(editorSchemaKinds.map((kind) => [kind, ajv.compile(editorSchema(kind))]));

function projectFiles(): string[] {
  const out = ['flowc.yaml'];
  for (const top of ['flows', 'templates']) {
    for (const f of readdirSync(path.join(repo, top), { recursive: true }) as string[]) {
      const rel = `${top}/${f.split(path.sep).join('/')}`;
      // Call scenarios (flowc test) are not a kind the build or the editor schemas read.
      if (f.endsWith('.yaml') && !isScenarioPath(rel)) out.push(rel);
    }
  }
  return out.sort();
}

describe('editor schemas', () => {
  it.each(editorSchemaKinds)('schemas/%s is up to date', (kind) => {
    const file = shipped(editorSchemaFiles[kind].file);
    const wanted = render(editorSchema(kind));
    if (process.env.UPDATE_SCHEMAS) writeFileSync(file, wanted);
    expect(readFileSync(file, 'utf8')).toBe(wanted);
  });

  it.each(projectFiles())('the example project file %s is valid against its schema', (rel) => {
    const kind = classifyPath(rel)!;
    const validate = validators.get(kind as (typeof editorSchemaKinds)[number])!;
    const ok = validate(parse(readFileSync(path.join(repo, rel), 'utf8')));
    expect(validate.errors ?? [], rel).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each([
    ['talk with a misspelt option', { talk: { say: 'menu', bargein: true } }],
    ['maxDigits out of range', { input: { type: ['dtmf'], dtmf: { maxDigits: 99 } } }],
    ['a pay outcome under an input', { input: { type: ['dtmf'] }, on: { success: 'x' } }],
    ['on: on a talk', { talk: { say: 'menu' }, on: { default: 'x' } }],
    ['a connect with a bad number', { connect: { endpoint: [{ type: 'phone', number: '+1 415' }] } }],
  ])('flags %s', (_name, item) => {
    const validate = validators.get('flow')!;
    expect(validate({ flow: 'a', locales: ['en-US'], start: 's', steps: { s: [item] } })).toBe(false);
  });

  it.each([
    ['a typed value as a {{variable}}', { pay: { amount: '{{balance}}', prompts: 'card' }, on: { success: 'x', failure: 'y' } }],
    ['a number as a {{variable}}', { connect: { endpoint: [{ type: 'phone', number: '{{billingDesk}}' }] } }],
    ['digits and default under an input', { input: { type: ['dtmf'] }, on: { '1': 'x', '*': 'y', timeout: 'z', default: 'w' } }],
    ['a per-locale text', { talk: { text: { 'en-US': 'Hello', 'es-US': 'Hola' } } }],
  ])('accepts %s', (_name, item) => {
    const validate = validators.get('flow')!;
    const ok = validate({ flow: 'a', locales: ['en-US'], start: 's', steps: { s: [item] } });
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('a key added to the authoring schemas reaches the editor schema with its description', () => {
  it('a flow item made by spreading the shared one (e.g. with a lookup:) gets typed actions, on: by action and the new key', async () => {
    const { toEditorSchema } = await import('../../compiler/check/schemas/editor-schemas.js');
    const { stepItemSchema } = await import('../../compiler/check/schemas/flow-schema.js');
    const item = {
      ...stepItemSchema,
      properties: { ...stepItemSchema.properties, lookup: { type: 'string', description: 'Call a lookup declared in flowc.yaml.' } },
    };
    const schema = toEditorSchema({
      type: 'object',
      properties: { steps: { type: 'object', additionalProperties: { type: 'array', items: item } } },
    });
    const editorItem = (schema as { properties: { steps: { additionalProperties: { items: Record<string, unknown> } } } }).properties.steps
      .additionalProperties.items as { properties: Record<string, { description?: string; properties?: object }>; allOf: unknown[] };
    expect(editorItem.properties.lookup!.description).toBe('Call a lookup declared in flowc.yaml.');
    expect(Object.keys(editorItem.properties.talk!.properties!)).toContain('bargeIn');
    expect(editorItem.allOf.length).toBeGreaterThan(0);
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ steps: { s: [{ lookup: 'findAccount' }] } })).toBe(true);
    expect(validate({ steps: { s: [{ talk: { say: 'x', bargein: true } }] } })).toBe(false);
  });
});

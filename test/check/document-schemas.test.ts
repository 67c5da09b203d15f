/**
 * The authoring-format schemas (compiler/check/schemas/) are valid JSON Schema under the options the check
 * stage compiles them with: the generated validators (compiler/check/standalone-documents.ts) skip it for speed.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { messagesSchema, paySetSchema, projectSchema, templateSchema } from '../../compiler/check/schemas/catalog-schemas.js';
import { flowSchema } from '../../compiler/check/schemas/flow-schema.js';

const schemas: [string, object][] = [
  ['flow', flowSchema],
  ['messages', messagesSchema],
  ['pay-set', paySetSchema],
  ['template', templateSchema],
  ['project', projectSchema],
];

describe('document schemas', () => {
  it.each(schemas)('the %s schema is valid JSON Schema', (_kind, schema) => {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addVocabulary(['x-hint']);
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    // strict mode's own checks (unknown keywords, ignored keywords) run when compiling.
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('an invalid schema fails the check (the check can fail)', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema({ type: 'no-such-type' })).toBe(false);
  });
});

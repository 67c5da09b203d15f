/**
 * The action schemas are valid JSON Schema (draft-07 meta-schema; the validator skips this check at start-up
 * for speed) and each cites the reference section it implements.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { actionNames, actionSchemas } from '../../compiler/validate/schemas/index.js';

describe('action schemas', () => {
  const ajv = new Ajv({ discriminator: true, strict: true, strictRequired: false, validateFormats: false });

  it.each(actionNames)('%s is a valid JSON Schema that cites its source', (name) => {
    const schema = actionSchemas[name];
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(String(schema.$comment)).toMatch(/NCCO reference|DOC-NEW/);
    expect(schema.properties).toMatchObject({ action: { const: name } });
    expect(schema.additionalProperties).toBe(false);
  });
});

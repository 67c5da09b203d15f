/**
 * The action validators as code made ahead of time (ajv's standalone code), so that no build, rebuild or
 * `validateNcco()` call compiles a schema (2–50 ms an action, 100–250 ms for all ten). The code is generated from
 * the action schemas with the validator's own ajv options and committed (compiled-validators.generated.ts);
 * test/validate/compiled-validators.test.ts fails when it no longer matches the schemas, and checks that it gives
 * the same verdicts and the same errors as ajv compiling the schemas itself.
 */
import { _, Ajv, type Options } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { formats } from './formats.js';
import { actionSchemas } from './schemas/index.js';

/**
 * The validator's ajv options. verbose: errors carry parentSchema and data, which the translator needs for
 * messages and leniency. validateSchema: false — the schemas are checked against the JSON Schema meta-schema by a
 * test (test/validate/schemas.test.ts).
 */
export const validatorOptions: Options = {
  allErrors: true,
  verbose: true,
  discriminator: true,
  strict: true,
  strictRequired: false,
  validateSchema: false,
};

/** An ajv instance with the validator's options and formats (the tests compile the schemas with it to compare). */
export function validatorAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...validatorOptions, ...options });
  for (const [name, info] of Object.entries(formats)) ajv.addFormat(name, info.test);
  return ajv;
}

const header = `// @ts-nocheck
// Generated from compiler/validate/schemas by \`npm run generate:validators\` (ajv's standalone code): do not edit.
import { formatTests, ucs2length } from './standalone-runtime.js';
`;

/** The text of compiled-validators.generated.ts: one exported validate function per action. */
export function standaloneValidatorsSource(): string {
  const ajv = validatorAjv({ code: { source: true, esm: true, formats: _`formatTests` } });
  const refs: Record<string, string> = {};
  for (const [name, schema] of Object.entries(actionSchemas)) {
    ajv.addSchema(schema, name);
    refs[name] = name;
  }
  return standaloneModule(ajv, refs, header);
}

/**
 * ajv's standalone code for the schemas `refs` names (export name → schema key), after `header`: the ES module a
 * generated validator file holds (the document validators, compiler/check/standalone-documents.ts, use it too).
 */
export function standaloneModule(ajv: Ajv, refs: Record<string, string>, header: string): string {
  // A CommonJS module whose module.exports is the function, with itself as `default`: reached the same way from
  // Node's ES modules, TypeScript's NodeNext types and the test runner.
  const code = standalone.default(ajv, refs);
  // ajv's code `require()`s its code-point length even as an ES module: the same function, imported instead.
  const body = code.replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length');
  if (/\brequire\(/.test(body)) throw new Error('ajv standalone code requires a module this generator does not provide');
  return `${header}${body.replace(/^"use strict";/, '')}\n`;
}

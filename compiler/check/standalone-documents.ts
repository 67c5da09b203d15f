/**
 * The authoring-format validators as code made ahead of time (ajv's standalone code), as the action validators are
 * (compiler/validate/standalone-validators.ts): no build, `flowc check` or studio reload compiles a document schema
 * (about 10–50 ms a kind, paid again by every new process that checks a changed file). The code is generated from
 * the schemas with the checker's own ajv options and committed (compiled-documents.generated.ts);
 * test/check/compiled-documents.test.ts fails when it no longer matches the schemas, and checks that it gives the
 * same verdicts and errors as ajv compiling the schemas itself.
 */
import { Ajv, type Options } from 'ajv';
import type { FileKind } from '../load/source-file.js';
import { standaloneModule } from '../validate/standalone-validators.js';
import { messagesSchema, paySetSchema, projectSchema, templateSchema } from './schemas/catalog-schemas.js';
import { flowSchema } from './schemas/flow-schema.js';

export const documentSchemas: Record<FileKind, object> = {
  flow: flowSchema,
  messages: messagesSchema,
  'pay-set': paySetSchema,
  template: templateSchema,
  project: projectSchema,
};

/**
 * The checker's ajv options. verbose: errors carry parentSchema and data, which the diagnostics read (hints, known
 * keys). validateSchema: false — the schemas are checked against the meta-schema by a test
 * (test/check/document-schemas.test.ts).
 */
export const documentOptions: Options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true, validateSchema: false };

/** An ajv instance with the checker's options and vocabulary (the tests compile the schemas with it to compare). */
export function documentAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...documentOptions, ...options });
  ajv.addVocabulary(['x-hint']);
  return ajv;
}

/** Export names: `pay-set` is not an identifier. */
export const exportNameOf = (kind: FileKind): string => (kind === 'pay-set' ? 'paySet' : kind);

const header = `// @ts-nocheck
// Generated from compiler/check/schemas by \`npm run generate:validators\` (ajv's standalone code): do not edit.
import { ucs2length } from '../validate/standalone-runtime.js';
`;

/** The text of compiled-documents.generated.ts: one exported validate function per document kind. */
export function standaloneDocumentsSource(): string {
  const ajv = documentAjv({ code: { source: true, esm: true } });
  const refs: Record<string, string> = {};
  for (const [kind, schema] of Object.entries(documentSchemas) as [FileKind, object][]) {
    ajv.addSchema(schema, kind);
    refs[exportNameOf(kind)] = kind;
  }
  return standaloneModule(ajv, refs, header);
}

/** Check stage: every loaded document against its authoring-format schema (ajv, allErrors). */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileKind, SourceFile } from '../load/source-file.js';
import { messagesSchema, paySetSchema, projectSchema, templateSchema } from './schemas/catalog-schemas.js';
import { flowSchema } from './schemas/flow-schema.js';
import { schemaErrorsToDiagnostics } from './schema-errors.js';

const schemas: Record<FileKind, { schema: object; what: string }> = {
  flow: { schema: flowSchema, what: 'flow' },
  messages: { schema: messagesSchema, what: 'message catalog' },
  'pay-set': { schema: paySetSchema, what: 'pay prompt set' },
  template: { schema: templateSchema, what: 'template' },
  project: { schema: projectSchema, what: 'project file' },
};

let validators: Map<FileKind, ValidateFunction> | undefined;
function getValidators(): Map<FileKind, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    ajv.addVocabulary(['x-hint']);
    validators = new Map((Object.keys(schemas) as FileKind[]).map((kind) => [kind, ajv.compile(schemas[kind].schema)]));
  }
  return validators;
}

export function checkDocument(file: SourceFile): Diagnostic[] {
  if (file.value === undefined) return [];
  const validate = getValidators().get(file.kind)!;
  if (validate(file.value)) return [];
  return schemaErrorsToDiagnostics(file, validate.errors ?? [], schemas[file.kind].what);
}

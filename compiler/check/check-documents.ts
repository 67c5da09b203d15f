/**
 * Check stage: every loaded document against its authoring-format schema (allErrors), with validators compiled
 * ahead of time from the schemas (compiler/check/standalone-documents.ts, `npm run generate:validators`).
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import type { FileKind, SourceFile } from '../load/source-file.js';
import * as compiled from './compiled-documents.generated.js';
import { schemaErrorsToDiagnostics } from './schema-errors.js';

/** A validator as ajv makes it: true when the value is valid, else false with `errors` set. */
interface DocumentValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const generated = compiled as unknown as Record<'flow' | 'messages' | 'paySet' | 'template' | 'project', DocumentValidator>;

const kinds: Record<FileKind, { validate: DocumentValidator; what: string }> = {
  flow: { validate: generated.flow, what: 'flow' },
  messages: { validate: generated.messages, what: 'message catalog' },
  'pay-set': { validate: generated.paySet, what: 'pay prompt set' },
  template: { validate: generated.template, what: 'template' },
  project: { validate: generated.project, what: 'project file' },
};

export function checkDocument(file: SourceFile): Diagnostic[] {
  // Scenario files are checked by flowc test (compiler/simulate/scenarios), not against a schema here.
  if (file.value === undefined || file.kind === 'scenario') return [];
  const { validate, what } = kinds[file.kind];
  if (validate(file.value)) return [];
  return schemaErrorsToDiagnostics(file, validate.errors ?? [], what);
}

/** The settings file checked, and what is left of it once every value with an error is set aside. */
export interface CheckedSettings {
  diagnostics: Diagnostic[];
  /** undefined when nothing usable is left (it cannot happen for a map, but the file may not be one). */
  value?: unknown;
  /** Pointers of the values that were set aside. */
  dropped: string[];
}

/**
 * flowc.yaml with one bad key keeps the rest: each value with an error is removed (a bad `vars`
 * value becomes empty text, and the build leaves the texts that use it alone: `dropped` names it),
 * then the rest is validated again, a few rounds at most.
 */
export function checkSettingsDocument(file: SourceFile): CheckedSettings {
  const diagnostics = checkDocument(file);
  if (diagnostics.length === 0 || file.value === undefined) return { diagnostics, value: file.value, dropped: [] };
  if (typeof file.value !== 'object' || file.value === null || Array.isArray(file.value)) return { diagnostics, dropped: [] };
  const validate = kinds.project.validate;
  const value = structuredClone(file.value) as Record<string, unknown>;
  const dropped: string[] = [];
  for (let round = 0; round < 8; round++) {
    if (validate(value)) return { diagnostics, value, dropped };
    const pointers = [...new Set((validate.errors ?? []).map(pointerToDrop))].filter((p) => p !== '');
    if (pointers.length === 0) break;
    // Deepest first, and list items from the end, so that earlier removals do not shift later ones.
    for (const p of pointers.sort().reverse()) {
      removeAt(value, p);
      dropped.push(p);
    }
  }
  return { diagnostics, dropped };
}

function pointerToDrop(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return joinPointer(e.instancePath, String(e.params.additionalProperty));
  if (e.propertyName !== undefined) return joinPointer(e.instancePath, e.propertyName);
  if (e.keyword === 'propertyNames') return joinPointer(e.instancePath, String(e.params.propertyName));
  return e.instancePath;
}

function removeAt(root: Record<string, unknown>, pointer: string): void {
  const path = parsePointer(pointer);
  let node: unknown = root;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string, unknown>)[seg];
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else if (node !== null && typeof node === 'object') {
    if (path[0] === 'vars' && path.length === 2) (node as Record<string, unknown>)[last] = '';
    else delete (node as Record<string, unknown>)[last];
  }
}

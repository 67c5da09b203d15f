/**
 * A lookup declared with no input or no output (`findAccount: {}`) while flows give it input or store its
 * output: one error at the declaration, naming the fields the flows use, with the `input:` / `output:` to write.
 * Its uses are then not each reported as `lookup/unknown-field` (ProjectData.undeclaredFields).
 */
import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { listWords } from '../../diagnostics/list-words.js';
import { rangeAtPointer } from '../../load/source-position.js';
import type { SourceFile } from '../../load/source-file.js';
import { BUILTIN_DATA } from '../../router/runtime/program.mjs';
import type { FlowDoc } from '../project-model.js';
import { lookupStoreMap } from '../step-controls.js';
import { isBuiltin } from './flow-data.js';
import type { ProjectData } from './project-data.js';

/** One step's `lookup:` as written: the inputs it gives and the outputs it stores, with their types where known. */
export interface LookupUse {
  lookup: string;
  /** Input field → the type of the data given to it ("{{account}}"), else text. */
  inputs: Map<string, string>;
  /** Output field → the type of the data it is stored into, else text. */
  outputs: Map<string, string>;
  file: SourceFile;
  /** Pointer of the item. */
  pointer: string;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The type name of a piece of the flow's data (`balance: money` or `{ type: money, … }`), else text. */
function typeOfData(doc: FlowDoc, name: string): string {
  if (isBuiltin(name)) return BUILTIN_DATA[name].type.type;
  const decl: unknown = (doc.data as Record<string, unknown> | undefined)?.[name];
  if (typeof decl === 'string') return decl;
  if (isMap(decl) && typeof decl.type === 'string') return decl.type;
  return 'text';
}

/** Every `lookup:` item of the flows' steps (lookups stand in steps, never in templates). */
export function lookupUses(flows: readonly { file: SourceFile; doc: FlowDoc }[]): LookupUse[] {
  const uses: LookupUse[] = [];
  for (const { file, doc } of flows) {
    for (const [step, items] of Object.entries(doc.steps)) {
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, i) => {
        if (!isMap(item) || typeof item.lookup !== 'string') return;
        const inputs = new Map<string, string>();
        for (const [field, value] of Object.entries(isMap(item.with) ? item.with : {})) {
          const single = typeof value === 'string' ? /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value) : null;
          inputs.set(field, single ? typeOfData(doc, single[1]!) : 'text');
        }
        const outputs = new Map<string, string>();
        for (const [field, to] of Object.entries(lookupStoreMap(item.store) ?? {})) outputs.set(field, typeOfData(doc, to));
        uses.push({ lookup: item.lookup, inputs, outputs, file, pointer: joinPointer('/steps', step, i) });
      });
    }
  }
  return uses;
}

/** The names, quoted and joined: "a", "b" and "c". */
const quoted = (names: readonly string[]): string => listWords(names.map((n) => `"${n}"`));

/**
 * A lookup of `project` that declares no input while uses give it some, or no output while uses store some: one
 * error at its name in flowc.yaml. `undeclared` says which side was reported, so that its uses are not.
 */
export function checkUndeclaredLookupFields(
  project: ProjectData,
  uses: readonly LookupUse[],
): { diagnostics: Diagnostic[]; undeclared: Map<string, { input: boolean; output: boolean }> } {
  const diagnostics: Diagnostic[] = [];
  const undeclared = new Map<string, { input: boolean; output: boolean }>();
  const file = project.file;
  if (!file) return { diagnostics, undeclared };
  for (const [name, info] of project.lookups) {
    const mine = uses.filter((u) => u.lookup === name);
    const noInput = Object.keys(info.decl.input).length === 0;
    const noOutput = Object.keys(info.decl.output).length === 0;
    const inputs = new Map<string, string>();
    const outputs = new Map<string, string>();
    for (const use of mine) {
      if (noInput) for (const [f, t] of use.inputs) if (!inputs.has(f)) inputs.set(f, t);
      if (noOutput) for (const [f, t] of use.outputs) if (!outputs.has(f)) outputs.set(f, t);
    }
    if (inputs.size === 0 && outputs.size === 0) continue;
    undeclared.set(name, { input: inputs.size > 0, output: outputs.size > 0 });
    const said: string[] = [];
    if (outputs.size > 0) said.push(`no output, but the flows store ${quoted([...outputs.keys()])} from it`);
    if (inputs.size > 0) said.push(`no input, but the flows give it ${quoted([...inputs.keys()])}`);
    const block = (key: string, fields: Map<string, string>) => `${key}: { ${[...fields].map(([f, t]) => `${f}: ${t}`).join(', ')} }`;
    const write = [...(inputs.size > 0 ? [block('input', inputs)] : []), ...(outputs.size > 0 ? [block('output', outputs)] : [])];
    const related: RelatedLocation[] = mine
      .filter((u) => (inputs.size > 0 && u.inputs.size > 0) || (outputs.size > 0 && u.outputs.size > 0))
      .slice(0, 3)
      .map((u) => {
        const p = joinPointer(u.pointer, 'lookup');
        const range = rangeAtPointer(u.file.doc, u.file.lineCounter, p);
        return { message: `"${name}" is used here`, file: u.file.path, ...(range ? { range } : {}) };
      });
    const pointer = info.pointer;
    const range = rangeAtPointer(file.doc, file.lineCounter, pointer, 'key');
    diagnostics.push({
      code: 'lookup/undeclared-fields',
      severity: 'error',
      message: `Lookup "${name}" declares ${said.join(', and ')}.`,
      file: file.path,
      pointer,
      ...(range ? { range } : {}),
      hint: `Declare them under ${name}, with their types and limits, e.g. ${write.join(' and ')}.`,
      ...(related.length ? { related } : {}),
    });
  }
  return { diagnostics, undeclared };
}

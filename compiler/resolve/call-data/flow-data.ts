/** A flow's `data:` declarations (docs/format.md, "Call data"), with the built-ins every flow has. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../../load/source-position.js';
import type { SourceFile } from '../../load/source-file.js';
import { errorReporter } from '../report-error.js';
import { BUILTIN_DATA, type DataDeclaration } from '../../router/runtime/program.mjs';
import { dataNamePattern, readDeclaration } from './data-types.js';

export interface FlowData {
  flow: string;
  file: SourceFile;
  /** Declared data (built-ins are not listed). */
  declared: Map<string, DataDeclaration>;
  /** Names whose declaration has errors: their uses are not reported again. */
  broken: Set<string>;
}

export const isBuiltin = (name: string): name is keyof typeof BUILTIN_DATA => Object.hasOwn(BUILTIN_DATA, name);
export const builtinNames: readonly string[] = Object.keys(BUILTIN_DATA);

/** The declaration of a name in a flow: its own data or a built-in. */
export function declarationOf(data: FlowData, name: string): DataDeclaration | undefined {
  if (isBuiltin(name)) return BUILTIN_DATA[name] as DataDeclaration;
  return data.declared.get(name);
}

/** Every name a flow's texts and steps may read. */
export const dataNames = (data: FlowData): string[] => [...new Set([...data.declared.keys(), ...data.broken, ...builtinNames])];

/** Data that is never missing: built-ins and data with a default. */
export const alwaysSet = (data: FlowData, name: string): boolean => isBuiltin(name) || data.declared.get(name)?.default !== undefined;

export function readFlowData(
  file: SourceFile,
  flow: string,
  raw: unknown,
  names: { flowVars: readonly string[]; projectVars: readonly string[]; hours: readonly string[] },
): { data: FlowData; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const data: FlowData = { flow, file, declared: new Map(), broken: new Set() };
  const report = errorReporter(file, diagnostics);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { data, diagnostics };
  for (const [name, spec] of Object.entries(raw)) {
    const p = joinPointer('/data', name);
    if (!dataNamePattern.test(name)) {
      report(
        'data/bad-declaration',
        p,
        `"${name}" is not a valid name for call data.`,
        'Names use letters, digits and _, and start with a letter, e.g. dueDate.',
        'key',
      );
      data.broken.add(name);
      continue;
    }
    const conflict = isBuiltin(name)
      ? { what: 'built in: every flow already has it', hint: `Remove it from data:; {{${name}}} is always there.` }
      : names.flowVars.includes(name)
        ? { what: "also one of this flow's vars", hint: 'Rename one of them: a name is either a fixed value (vars) or call data.' }
        : names.projectVars.includes(name)
          ? { what: 'also a var in flowc.yaml', hint: 'Rename one of them: a name is either a fixed value (vars) or call data.' }
          : names.hours.includes(name)
            ? { what: 'also the name of opening hours in flowc.yaml', hint: 'Rename one of them, so that a decision can tell them apart.' }
            : undefined;
    if (conflict) {
      report('data/name-conflict', p, `"${name}" is ${conflict.what}.`, conflict.hint, 'key');
      data.broken.add(name);
      continue;
    }
    const { decl, problems } = readDeclaration(name, spec, { allowDefault: true });
    for (const pr of problems) report(pr.code, p + pr.at, pr.message, pr.hint, pr.part);
    if (decl) data.declared.set(name, decl);
    else data.broken.add(name);
  }
  return { data, diagnostics };
}

/** A var (of a flow or of flowc.yaml) named like built-in call data: the name would mean two things. */
export function checkReservedVars(file: SourceFile, vars: Readonly<Record<string, unknown>> | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(vars ?? {})) {
    if (!isBuiltin(name)) continue;
    const p = joinPointer('/vars', name);
    out.push({
      code: 'data/name-conflict',
      severity: 'error',
      message: `"${name}" is built-in call data (every flow has it), so it cannot be a var too.`,
      file: file.path,
      pointer: p,
      range: rangeAtPointer(file.doc, file.lineCounter, p, 'key'),
      hint: `Rename the var; {{${name}}} always means the call's own value.`,
    });
  }
  return out;
}

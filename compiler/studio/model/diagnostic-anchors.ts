/**
 * Which steps a diagnostic is about, so that the diagram can show it on them: in a flow file, the step
 * its pointer or its line is in; in a message, pay-prompt or template file, every step that speaks
 * what it points at (found from the steps' source mappings). Pure.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { stepAtLine, type StepLines } from './step-lines.js';
import type { StepRef } from './studio-types.js';

export interface AnchorIndex {
  /** flow file path → its flow and the lines of its steps. */
  flowFiles: ReadonlyMap<string, { flow: string; lines: readonly StepLines[] }>;
  /** `file#pointer` of a text or template a step uses → the steps that use it. */
  uses: ReadonlyMap<string, readonly StepRef[]>;
}

const decode = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

function at(index: AnchorIndex, file: string | undefined, pointer: string | undefined, line: number | undefined): StepRef[] {
  if (file === undefined) return [];
  const flowFile = index.flowFiles.get(file);
  if (flowFile) {
    const m = /^\/steps\/([^/]+)/.exec(pointer ?? '');
    if (m) return [{ flow: flowFile.flow, step: decode(m[1]!) }];
    const step = line !== undefined ? stepAtLine(flowFile.lines, line) : undefined;
    return step !== undefined ? [{ flow: flowFile.flow, step }] : [];
  }
  if (pointer === undefined) return [];
  // The text itself, or a value inside it (a pay prompt's error text), or the template action around it.
  const found: StepRef[] = [];
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    found.push(...(index.uses.get(`${file}#${p}`) ?? []));
    if (found.length > 0 || p === '') break;
  }
  return found;
}

export function diagnosticAnchors(d: Diagnostic, index: AnchorIndex): StepRef[] {
  const refs = [
    ...at(index, d.file, d.pointer, d.range?.start.line),
    ...(d.related ?? []).flatMap((r) => at(index, r.file, undefined, r.range?.start.line)),
  ];
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.flow}/${r.step}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

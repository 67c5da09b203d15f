/**
 * The studio's view of a project, composed from one build: each flow's diagram per locale (laid out),
 * its steps' details, every diagnostic with the steps it concerns and the source lines around it, the
 * translations, and the program the call simulator runs. Pure: the server and the export call it.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { flowDiagram } from '../../diagram/flow-diagram.js';
import { lookupStepName } from '../../lower/lower-flow.js';
import type { FlowProgram, ProjectProgram } from '../../router/runtime/program.mjs';
import { diagnosticAnchors, type AnchorIndex } from './diagnostic-anchors.js';
import { layoutDiagram } from './diagram-layout.js';
import { stepDetail } from './step-detail.js';
import { stepLines, type StepLines } from './step-lines.js';
import type { DiagnosticView, FlowView, StepRef, StudioModel } from './studio-types.js';
import { translationsView, type I18nUse, type TextUse } from './translations.js';

/** The part of a build the studio reads (BuildResult has it). */
export interface StudioBuild {
  diagnostics: readonly Diagnostic[];
  sources: ReadonlyMap<string, string>;
  steps: readonly {
    flow: string;
    locale: string;
    step: string;
    /** Present on every step the build compiled; a step taken from the build cache has none (the studio builds without one). */
    mappings?: readonly { file: { kind: string; path: string; value?: unknown }; filePointer: string }[];
  }[];
  program: { project: ProjectProgram; flows: FlowProgram[] };
  i18n: readonly I18nUse[];
  flows: readonly { name: string; file: string; locales: string[]; direction: string; start: string }[];
}

export interface ModelOptions {
  version: number;
  project: string;
  live: boolean;
  /** The flows of the last model, kept (marked stale) for a flow file that no longer compiles. */
  previous?: StudioModel;
}

const FRAME = 2;

function valueAt(value: unknown, pointer: string): unknown {
  let v = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function flowView(program: FlowProgram, info: StudioBuild['flows'][number], numbers: ProjectProgram['numbers']): FlowView {
  const diagrams: FlowView['diagrams'] = {};
  const steps: FlowView['steps'] = {};
  for (const locale of program.locales) {
    const diagram = flowDiagram(program, locale, info.start);
    diagrams[locale] = layoutDiagram(diagram);
    for (const node of diagram.nodes) {
      if (node.kind === 'start' || node.kind === 'end' || node.kind === 'jump') continue;
      const step = program.steps[`${locale}/${node.title}`];
      if (!step) continue;
      steps[node.title] ??= { name: node.title, diagnostics: [], locales: {} };
      // A talk then a lookup is drawn as one node (flow-diagram.ts): the node's kind says so.
      const lookup =
        node.kind === 'lookup' && step.kind !== 'lookup' ? program.steps[`${locale}/${lookupStepName(node.title)}`] : undefined;
      steps[node.title]!.locales[locale] = stepDetail(step, node.kind, lookup);
    }
  }
  return {
    name: program.flow,
    file: info.file,
    direction: info.direction,
    start: info.start,
    locales: program.locales,
    numbers: Object.entries(numbers)
      .filter(([, e]) => e.start.flow === program.flow)
      .map(([number, e]) => ({ number, locale: e.start.locale })),
    diagrams,
    steps,
  };
}

export function studioModel(build: StudioBuild, options: ModelOptions): StudioModel {
  const infos = new Map(build.flows.map((f) => [f.name, f]));
  const flows: FlowView[] = [];
  for (const program of build.program.flows) {
    const info = infos.get(program.flow);
    if (info) flows.push(flowView(program, info, build.program.project.numbers));
  }
  // A flow file that does not compile now: its last diagram stays, marked stale, while the file is there.
  for (const old of options.previous?.flows ?? []) {
    if (!flows.some((f) => f.name === old.name) && build.sources.has(old.file)) {
      const steps = Object.fromEntries(Object.entries(old.steps).map(([k, s]) => [k, { ...s, diagnostics: [] }]));
      flows.push({ ...old, stale: true, steps });
    }
  }
  flows.sort((a, b) => a.name.localeCompare(b.name));

  const flowFiles = new Map<string, { flow: string; lines: StepLines[] }>();
  for (const f of flows) {
    const lines = stepLines(build.sources.get(f.file) ?? '');
    flowFiles.set(f.file, { flow: f.name, lines });
    for (const l of lines) {
      const step = f.steps[l.step];
      if (step) step.line = l.from;
    }
  }
  const uses = new Map<string, StepRef[]>();
  const textUses: TextUse[] = [];
  for (const s of build.steps) {
    for (const m of s.mappings ?? []) {
      if (m.file.kind === 'flow') continue;
      const key = `${m.file.path}#${m.filePointer}`;
      const list = uses.get(key) ?? [];
      if (!list.some((r) => r.flow === s.flow && r.step === s.step)) list.push({ flow: s.flow, step: s.step });
      uses.set(key, list);
      if (m.file.kind === 'messages' || m.file.kind === 'pay-set') {
        textUses.push({
          flow: s.flow,
          locale: s.locale,
          step: s.step,
          fileKind: m.file.kind,
          file: m.file.path,
          pointer: m.filePointer,
          value: valueAt(m.file.value, m.filePointer),
        });
      }
    }
  }
  const index: AnchorIndex = { flowFiles, uses };
  const diagnostics: DiagnosticView[] = build.diagnostics.map((d, i) => {
    const line = d.range?.start.line;
    const text = d.file !== undefined ? build.sources.get(d.file) : undefined;
    let frame: [number, string][] | undefined;
    if (text !== undefined && line !== undefined) {
      const lines = text.split(/\r?\n/);
      frame = [];
      for (let n = Math.max(1, line - FRAME); n <= Math.min(lines.length, line + FRAME); n++) frame.push([n, lines[n - 1]!]);
    }
    const anchors = diagnosticAnchors(d, index);
    for (const a of anchors) flows.find((f) => f.name === a.flow)?.steps[a.step]?.diagnostics.push(i);
    return {
      index: i,
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      ...(d.file !== undefined ? { file: d.file } : {}),
      ...(line !== undefined ? { line, col: d.range!.start.col } : {}),
      ...(frame ? { frame } : {}),
      anchors,
    };
  });
  const errors = build.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = build.diagnostics.filter((d) => d.severity === 'warning').length;
  const localeOrder = [...new Set(build.flows.flatMap((f) => f.locales))];
  return {
    version: options.version,
    project: options.project,
    live: options.live,
    counts: { errors, warnings },
    flows,
    diagnostics,
    translations: translationsView(build.i18n, textUses, localeOrder),
    ...(errors === 0
      ? {
          simulation: {
            program: build.program,
            flows: build.flows.map((f) => ({ name: f.name, start: f.start, locales: f.locales, direction: f.direction })),
          },
        }
      : {}),
  };
}

/**
 * What the studio page is given: the project as views (flows with laid-out diagrams, step details,
 * diagnostics anchored on steps, translations) and, when it builds, the program the call simulator runs.
 * Plain JSON: the server and the static export write it, the page reads it.
 */
import type { DiagramEdge, DiagramNode } from '../../diagram/flow-diagram.js';
import type { FlowProgram, ProjectProgram, Target } from '../../router/runtime/program.mjs';

export interface StepRef {
  flow: string;
  step: string;
}

export interface PlacedNode extends DiagramNode {
  x: number;
  y: number;
  w: number;
  h: number;
  /** The flow's step this box is (absent for the start, the hang-up and other flows). */
  step?: string;
}

export interface PlacedEdge extends DiagramEdge {
  /** SVG path data. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface PlacedDiagram {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** A text the caller hears, as a person reads it. */
export interface SpokenText {
  /** talk, or the pay prompt it is (e.g. "pay: CardNumber"). */
  where: string;
  /** SSML turned into plain words with [pause 0.5 s]-style marks. */
  text: string;
  /** The SSML as written, when the text is SSML. */
  ssml?: string;
  language?: string;
  style?: number;
  premium?: boolean;
}

export interface StepExit {
  /** The key, words or outcome, as the diagram labels it. */
  key: string;
  to: Target;
}

export interface StepLocaleView {
  kind: DiagramNode['kind'];
  says: SpokenText[];
  exits: StepExit[];
  /** The NCCO the step compiles to, call data shown as {name}. */
  ncco: unknown;
}

export interface StepView {
  name: string;
  /** 1-based line of the step in the flow file. */
  line?: number;
  /** Indexes into StudioModel.diagnostics. */
  diagnostics: number[];
  locales: Record<string, StepLocaleView>;
}

export interface FlowView {
  name: string;
  file: string;
  direction: string;
  start: string;
  locales: string[];
  numbers: { number: string; locale: string }[];
  /** The file has errors that keep it from compiling: the diagram is the last one that did. */
  stale?: boolean;
  diagrams: Record<string, PlacedDiagram>;
  steps: Record<string, StepView>;
}

export interface DiagnosticView {
  index: number;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  col?: number;
  /** The source lines around it: [line number, text]. */
  frame?: [number, string][];
  /** The steps it concerns. */
  anchors: StepRef[];
}

export type TranslationStatus = 'ok' | 'fallback' | 'missing';

export interface TranslationRow {
  key: string;
  kind: 'message' | 'pay-prompt';
  cells: Record<string, { status: TranslationStatus; servedBy?: string; text?: string }>;
  spokenAt: StepRef[];
}

export interface TranslationsView {
  locales: string[];
  rows: TranslationRow[];
}

export interface SimulationData {
  program: { project: ProjectProgram; flows: FlowProgram[] };
  flows: { name: string; start: string; locales: string[]; direction: string }[];
}

export interface StudioModel {
  /** Grows with every rebuild the server makes. */
  version: number;
  project: string;
  live: boolean;
  counts: { errors: number; warnings: number };
  flows: FlowView[];
  diagnostics: DiagnosticView[];
  translations: TranslationsView;
  /** Absent when the project has errors (calls need a project that builds). */
  simulation?: SimulationData;
}

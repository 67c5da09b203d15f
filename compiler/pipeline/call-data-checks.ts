/**
 * The pipeline's call-data checks that need more than one flow or more than one stage: data carried by a
 * jump between flows, the captures, lookups and decisions of each step (checked with what the flow graph
 * says is set there), and the error step a flow needs once values are checked at run time.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import { type Edge, edgeResolves, type FlowShape, type ProjectIndex, routedAction } from '../lower/flow-graph.js';
import type { StepPlans } from '../lower/lower-flow.js';
import type { FlowProgram } from '../router/runtime/program.mjs';
import { dataNames, declarationOf, alwaysSet, type FlowData } from '../resolve/call-data/flow-data.js';
import { explainedByJumps } from '../resolve/call-data/jump-arrivals.js';
import type { ProjectData } from '../resolve/call-data/project-data.js';
import { type CapturePlan, checkCapture, checkLookupStep, type LookupPlan, sameTypeProblem } from '../resolve/call-data/steps-with-data.js';
import { type CheckedDecision, checkDecision } from '../resolve/decide/decisions.js';
import { type FlowDataContext, type ResolveState, stepEnv } from '../resolve/resolve-flow.js';

export type DataShape = FlowShape & { data: FlowData };

/** Data with the same name in two flows that a jump connects has the same type (it carries over). */
export function checkCarriedData(shapes: readonly DataShape[], edges: readonly Edge[], index: ProjectIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byFlow = new Map(shapes.map((s) => [s.doc.flow, s]));
  const seen = new Set<string>();
  for (const e of edges) {
    if (e.toFlow === e.flow || !edgeResolves(index, e)) continue;
    const from = byFlow.get(e.flow)!;
    const to = byFlow.get(e.toFlow)!;
    for (const [name, decl] of from.data.declared) {
      const other = to.data.declared.get(name);
      if (other === undefined) continue;
      const problem = sameTypeProblem(decl.type, other.type);
      const key = `${e.flow}\u0000${e.toFlow}\u0000${name}`;
      if (problem === undefined || seen.has(key)) continue;
      seen.add(key);
      out.push({
        code: 'data/flow-mismatch',
        severity: 'error',
        message: `"${name}" carries over to flow "${e.toFlow}", but it is not the same there: ${problem}.`,
        file: e.file.path,
        pointer: e.pointer,
        range: rangeAtPointer(e.file.doc, e.file.lineCounter, e.pointer),
        hint: `Declare "${name}" the same way in both flows, or rename it in one of them.`,
        related: [
          {
            message: `"${name}" in flow "${e.toFlow}"`,
            file: to.file.path,
            range: rangeAtPointer(to.file.doc, to.file.lineCounter, joinPointer('/data', name), 'key'),
          },
        ],
      });
    }
  }
  return out;
}

/** Captures, lookups and decisions of one flow, checked and in the form the lower stage needs. */
export function planSteps(state: ResolveState, shape: DataShape, project: ProjectData, context: FlowDataContext): StepPlans {
  const captures = new Map<string, CapturePlan>();
  const lookups = new Map<string, LookupPlan>();
  const decisions = new Map<string, CheckedDecision>();
  const { doc, data } = shape;
  const locale = doc.locales[0] ?? 'en-US';
  for (const [step, actions] of shape.expanded) {
    const control = shape.controls.get(step);
    if (control?.kind === 'lookup') {
      const plan = checkLookupStep(control, project, stepEnv(state, doc, context, locale, step), state.reported, state.diagnostics);
      if (plan) lookups.set(step, plan);
      continue;
    }
    if (control?.kind === 'decide') {
      const checked = checkDecision(
        control.decision,
        {
          // A call in this flow is in one of its locales: `locale is fr-FR` in a flow without it is never true.
          declOf: (name) =>
            name === 'locale' && doc.locales.length > 0
              ? { type: { type: 'one-of', values: [...doc.locales] } }
              : declarationOf(data, name),
          alwaysSet: (name) => alwaysSet(data, name),
          dataNames: dataNames(data),
          broken: (name) => data.broken.has(name),
          hours: new Set(project.hours.keys()),
          brokenHours: project.brokenHours,
          hoursUnknown: project.hoursUnknown,
          setAtEntry: context.setAtEntry.get(step) ?? new Set(dataNames(data)),
          explainedByJumps: (name, use) => explainedByJumps(context.jumps, context.jumpUses, step, name, use),
          step,
        },
        state.diagnostics,
      );
      decisions.set(step, checked);
      continue;
    }
    const last = routedAction(actions);
    if (last?.name === 'input' && last.store) {
      const plan = checkCapture(last, data, state.diagnostics);
      if (plan) captures.set(step, plan);
    }
  }
  return { captures, lookups, decisions };
}

/** A flow whose values are checked at run time needs a step to go to when one fails. */
export function checkErrorStep(shape: DataShape, program: FlowProgram): Diagnostic[] {
  if (shape.doc.onError !== undefined) return [];
  // A pay amount or a phone number can fail its check whatever its type says (0, bounds, a leading 0).
  const checked = Object.values(program.steps).some(
    (s) =>
      s.kind === 'ncco' &&
      s.ncco.some((p) => typeof p === 'object' && 'value' in p && (p.check?.kind === 'pay-amount' || p.check?.kind === 'phone-number')),
  );
  if (!checked) return [];
  const p = shape.doc.data !== undefined ? '/data' : '/flow';
  return [
    {
      code: 'data/no-error-step',
      severity: 'warning',
      message: `Flow "${shape.doc.flow}" fills in values that are checked when a call runs (a pay amount, a phone number), but it has no onError step.`,
      file: shape.file.path,
      pointer: p,
      range: rangeAtPointer(shape.file.doc, shape.file.lineCounter, p, 'key'),
      hint: "Add onError: <step> with a step that apologises and hands over (e.g. to an agent); without it the caller hears the router's safe NCCO.",
    },
  ];
}

/**
 * `decide:` steps (docs/format.md, "Decisions"): the branches read from YAML and their conditions parsed
 * (syntax only, before the flow graph is known), then checked against the data and the paths into the step.
 */
import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../../load/source-position.js';
import type { SourceFile } from '../../load/source-file.js';
import { errorReporter } from '../report-error.js';
import type { Condition } from '../../router/runtime/program.mjs';
import type { TransitionTarget } from '../project-model.js';
import { rangeInScalar } from '../scalar-offset.js';
import { type CheckedCondition, checkCondition, type ConditionContext } from './check-condition.js';
import { type ConditionAst, parseCondition, setWhen, union } from './parse-condition.js';

export interface DecisionBranch {
  /** Absent for `otherwise` (and for a condition that did not parse). */
  ast?: ConditionAst;
  source?: string;
  target: TransitionTarget;
  /** Pointer of the branch item; the condition is at `${pointer}/if`. */
  pointer: string;
  otherwise: boolean;
  /** Names set when this branch is taken, whatever was set before (T of its condition, F of the ones before). */
  sets: Set<string>;
}

export interface ParsedDecision {
  file: SourceFile;
  pointer: string;
  branches: DecisionBranch[];
  /** A branch is malformed (no condition, no goto, otherwise not last): the decision is not lowered. */
  broken: boolean;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The target of a branch: `goto` with its siblings (locale, flow, max, then), or `otherwise`. */
function branchTarget(b: Record<string, unknown>): TransitionTarget | undefined {
  if (b.otherwise !== undefined) return b.otherwise as TransitionTarget;
  if (typeof b.goto !== 'string') return undefined;
  const { if: _if, ...rest } = b;
  return rest as TransitionTarget;
}

export function parseDecision(file: SourceFile, pointer: string, raw: unknown[], diagnostics: Diagnostic[]): ParsedDecision {
  const report = errorReporter(file, diagnostics);
  const decision: ParsedDecision = { file, pointer, branches: [], broken: false };
  let before = new Set<string>();
  raw.forEach((item, i) => {
    const p = joinPointer(pointer, 'decide', i);
    const b = isMap(item) ? item : {};
    const isOtherwise = b.otherwise !== undefined;
    if (isOtherwise && (b.if !== undefined || b.goto !== undefined)) {
      report(
        'decide/bad-branch',
        joinPointer(p, 'otherwise'),
        '`otherwise` stands alone: it has no condition and names its step itself.',
        'Write `- otherwise: <step>` as the last branch.',
        'key',
      );
      decision.broken = true;
      return;
    }
    if (!isOtherwise && b.if === undefined) {
      report(
        'decide/bad-branch',
        p,
        'This branch has no condition (`if:`).',
        'Write `- if: <condition>` with `goto: <step>`, or `- otherwise: <step>`.',
      );
      decision.broken = true;
      return;
    }
    if (!isOtherwise && b.goto === undefined) {
      report(
        'decide/bad-branch',
        joinPointer(p, 'if'),
        'This branch does not say where the call goes (`goto:`).',
        'Add `goto: <step>` next to `if:`.',
        'key',
      );
      decision.broken = true;
      return;
    }
    if (isOtherwise && i !== raw.length - 1) {
      report(
        'decide/no-otherwise',
        joinPointer(p, 'otherwise'),
        '`otherwise` must be the last branch: the branches after it would never be taken.',
        'Move `- otherwise: …` to the end.',
        'key',
      );
      decision.broken = true;
    }
    const target = branchTarget(b)!;
    if (isOtherwise) {
      decision.branches.push({ target, pointer: p, otherwise: true, sets: before });
      return;
    }
    const source = String(b.if);
    const parsed = parseCondition(source);
    if (parsed.error) {
      const ifPointer = joinPointer(p, 'if');
      diagnostics.push({
        code: 'decide/syntax',
        severity: 'error',
        message: parsed.error.message,
        file: file.path,
        pointer: ifPointer,
        range: rangeInScalar(file, ifPointer, parsed.error.offset, parsed.error.length),
        hint: parsed.error.hint,
      });
      decision.branches.push({ source, target, pointer: p, otherwise: false, sets: before });
      return;
    }
    const s = setWhen(parsed.ast!);
    decision.branches.push({ ast: parsed.ast!, source, target, pointer: p, otherwise: false, sets: union(before, s.whenTrue) });
    before = union(before, s.whenFalse);
  });
  const last = decision.branches[decision.branches.length - 1];
  if (!decision.broken && (last === undefined || !last.otherwise)) {
    const p = raw.length > 0 ? joinPointer(pointer, 'decide', raw.length - 1) : joinPointer(pointer, 'decide');
    report(
      'decide/no-otherwise',
      p,
      'This decision has no `otherwise`: a call that fits no branch would have nowhere to go.',
      'End the decision with `- otherwise: <step>`.',
    );
  }
  return decision;
}

export interface CheckedDecision {
  branches: { when?: Condition; otherwise: boolean }[];
}

/** Types, branches nobody can take (never true, after an always-true one, the same as an earlier one). */
export function checkDecision(
  d: ParsedDecision,
  ctx: Omit<ConditionContext, 'setBefore'> & {
    setAtEntry: ReadonlySet<string>;
    /** Whether data missing here is missing only because a jump skips what sets it (then said at the jump). */
    explainedByJumps?: (name: string, use: RelatedLocation) => boolean;
  },
  diagnostics: Diagnostic[],
): CheckedDecision {
  const out: CheckedDecision = { branches: [] };
  const at = (p: string, offset: number, length: number) => rangeInScalar(d.file, p, offset, length);
  let before = new Set(ctx.setAtEntry);
  let alwaysAt: DecisionBranch | undefined;
  const seen = new Map<string, DecisionBranch>();
  for (const b of d.branches) {
    if (b.otherwise || b.ast === undefined) {
      out.branches.push({ otherwise: b.otherwise });
      continue;
    }
    const ifPointer = joinPointer(b.pointer, 'if');
    const checked: CheckedCondition = checkCondition(b.ast, { ...ctx, setBefore: before });
    for (const pr of checked.problems) {
      const range = at(ifPointer, pr.offset, pr.length);
      if (pr.name !== undefined && ctx.explainedByJumps?.(pr.name, { message: '', file: d.file.path, ...(range ? { range } : {}) }))
        continue;
      diagnostics.push({
        code: pr.code,
        severity: 'error',
        message: pr.message,
        file: d.file.path,
        pointer: ifPointer,
        range,
        hint: pr.hint,
      });
    }
    before = union(before, setWhen(b.ast).whenFalse);
    out.branches.push({ ...(checked.condition ? { when: checked.condition } : {}), otherwise: false });
    if (checked.condition === undefined) continue;
    const whole = { offset: b.ast.offset, length: b.ast.length };
    if (alwaysAt !== undefined) continue;
    const key = JSON.stringify(checked.condition);
    const same = seen.get(key);
    if (same) {
      diagnostics.push({
        code: 'decide/duplicate',
        severity: 'error',
        message: 'This condition is the same as an earlier branch, so this branch is never taken.',
        file: d.file.path,
        pointer: ifPointer,
        range: at(ifPointer, whole.offset, whole.length),
        hint: 'Remove it, or change one of the two conditions.',
        related: [
          {
            message: 'the earlier branch',
            file: d.file.path,
            range: rangeAtPointer(d.file.doc, d.file.lineCounter, joinPointer(same.pointer, 'if')),
          },
        ],
      });
      continue;
    }
    seen.set(key, b);
    if (checked.always && checked.problems.length === 0) {
      alwaysAt = b;
      diagnostics.push({
        code: 'decide/always-true',
        severity: 'error',
        message: 'This condition is always true here, so the branches after it (and otherwise) are never taken.',
        file: d.file.path,
        pointer: ifPointer,
        range: at(ifPointer, whole.offset, whole.length),
        hint: 'Make it the `otherwise`, or change the condition.',
      });
    }
  }
  return out;
}

/**
 * The transitions of a route program, each with the label an author recognises (`1`, `say "billing"`,
 * `timeout`, `found`, `if balance = 0`, `failure (1st–2nd time)` / `failure (after 2)`), attempt
 * limits unfolded. Coverage counts these; the diagram draws them.
 */
import type { Condition, FlowProgram, StepProgram, Target, Transition } from '../router/runtime/program.mjs';

export interface LabelledTransition {
  /** What takes it, as the author wrote it. */
  key: string;
  /** The transition object of the program (what the router's trace reports). */
  transition: Transition;
  /** Where it goes: for an attempt limit, `level` 0 is the counted goto, 1… its `then`s. */
  to: Target;
  level: number;
  /** The counted goto's limit (level 0 of a limited transition), or the limit that was used up (level ≥ 1). */
  max?: number;
}

export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map((x) => wrap(x)).join(' and ');
  if ('any' in c) return c.any.map((x) => wrap(x)).join(' or ');
  if ('not' in c) return `not ${wrap(c.not)}`;
  if ('set' in c) return `${c.set} is set`;
  if ('hours' in c) return `${c.hours} is ${c.open ? 'open' : 'closed'}`;
  if (c.op === 'in') return `${c.data} is one of ${c.values.map(String).join(', ')}`;
  return `${c.data} ${c.op} ${String(c.value)}`;
}

const wrap = (c: Condition): string => ('all' in c || 'any' in c ? `(${describeCondition(c)})` : describeCondition(c));

function unfold(key: string, t: Transition): LabelledTransition[] {
  const out: LabelledTransition[] = [];
  let level = 0;
  let current: Transition | undefined = t;
  let used = 0;
  while (current) {
    const limit: Transition['limit'] = current.limit;
    out.push({
      key: limit ? `${key} (up to ${limit.max}×)` : level > 0 ? `${key} (after ${used})` : key,
      transition: t,
      to: current.to,
      level,
      ...(limit ? { max: limit.max } : level > 0 ? { max: used } : {}),
    });
    if (!limit) break;
    used = limit.max;
    current = limit.then;
    level += 1;
  }
  return out;
}

/** Every transition out of one step, in the author's order of keys. */
export function stepTransitions(step: StepProgram): LabelledTransition[] {
  const out: LabelledTransition[] = [];
  const add = (key: string, t: Transition | undefined): void => {
    if (t) out.push(...unfold(key, t));
  };
  if (step.kind === 'decide') {
    for (const b of step.branches) add(`if ${describeCondition(b.when)}`, b.to);
    add('otherwise', step.otherwise);
    return out;
  }
  if (step.kind === 'lookup') {
    add('found', step.found);
    add('not-found', step.notFound);
    add('failed', step.failed);
    return out;
  }
  const on = step.on;
  if (!on) return out;
  switch (on.kind) {
    case 'input':
      for (const [digits, t] of Object.entries(on.digits)) add(digits, t);
      for (const s of on.speech) add(`say “${s.phrases[0]?.join(' ') ?? ''}”${s.phrases.length > 1 ? '…' : ''}`, s.to);
      add('stored', on.stored);
      add('invalid', on.invalid);
      add('timeout', on.timeout);
      add('default', on.default);
      break;
    case 'pay':
      add('success', on.success);
      add('failure', on.failure);
      break;
    case 'connect':
      for (const [status, t] of Object.entries(on.statuses)) add(status, t);
      add('default', on.default);
      break;
    case 'notify':
      add('default', on.default);
      break;
  }
  return out;
}

/** Which unfolded transition a trace's `take` was: the level whose target it reached. */
export function levelTaken<T extends LabelledTransition>(options: readonly T[], to: Target): T | undefined {
  return options.find((o) => o.to.flow === to.flow && o.to.locale === to.locale && o.to.step === to.step);
}

export interface ProgramTransition extends LabelledTransition {
  flow: string;
  locale: string;
  step: string;
}

export function programTransitions(flows: readonly FlowProgram[]): ProgramTransition[] {
  const out: ProgramTransition[] = [];
  for (const flow of flows) {
    for (const [key, step] of Object.entries(flow.steps)) {
      const slash = key.indexOf('/');
      const locale = key.slice(0, slash);
      const name = key.slice(slash + 1);
      for (const t of stepTransitions(step)) out.push({ ...t, flow: flow.flow, locale, step: name });
    }
  }
  return out;
}

/**
 * NCCO validation, one flow at a time: each step's findings are worked out as soon as its flow is
 * lowered, so the build need not keep every lowered step until the end (issue 12, "Memory that stays
 * flat"). The one project-wide input — which steps another flow's connect `onAnswer` plays
 * (stepsRunByOnAnswer) — is known only when every flow is compiled; it matters to the pay rules alone
 * (`pay/on-answer`), so steps with a pay action are kept and validated again at the end when they
 * turn out to be run by onAnswer. The findings are the same, in the same order, as validating every
 * step after all flows.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { stepsRunByOnAnswer } from '../lower/call-context.js';
import type { LoweredStep } from '../lower/lower-flow.js';
import { DataForm } from '../resolve/call-data/text-form.js';
import { validateNcco } from '../validate/validate-ncco.js';
import type { ValidateOptions } from '../validate/validate-options.js';
import type { CachedFlow, OutputStep } from './flow-cache.js';
import { mapNccoDiagnostic } from './map-diagnostics.js';

/** A validator finding, placed in the flow file (or what the value came from), with its step. */
export interface StepFinding {
  d: Diagnostic;
  locale: string;
  step: string;
}

export interface FlowValidationOptions {
  currencies: ValidateOptions['currencies'];
  cdnUrl: string | undefined;
  /** Locales whose settings have errors (their voice findings are reported once, in flowc.yaml). */
  localeErrors: ReadonlySet<string>;
  /** No router URL is set: said once as build/default-router-url rather than at every eventUrl. */
  usingDefaultRouter: boolean;
}

type StepContext = NonNullable<ValidateOptions['context']>;

const stepKey = (s: { flow: string; locale: string; step: string }): string => `${s.flow}/${s.locale}/${s.step}`;
const hasPay = (ncco: readonly { action?: unknown }[]): boolean => ncco.some((a) => a.action === 'pay');

export class FlowValidation {
  /** One slot per step (a cached flow: one slot for all its findings), in build order. */
  private readonly slots: StepFinding[][] = [];
  /** Steps with a pay action, kept to be validated again if another flow's onAnswer runs them. */
  private readonly paySteps: { slot: number; step: LoweredStep; context: StepContext }[] = [];
  private readonly onAnswer = new Set<string>();

  constructor(private readonly options: FlowValidationOptions) {}

  /** A flow compiled in this build: validates its steps now; returns the range of its slots. */
  addFlow(
    steps: readonly LoweredStep[],
    direction: StepContext['direction'],
    recording: ReadonlySet<string>,
  ): { from: number; to: number } {
    const from = this.slots.length;
    this.noteOnAnswer(steps);
    for (const step of steps) {
      const context: StepContext = { direction, ...(recording.has(step.step) ? { recordingActive: true } : {}) };
      const slot = this.slots.length;
      this.slots.push(this.validateStep(step, context));
      // onAnswer can only matter where there is a pay action (and a CDN URL for onAnswer to point at).
      if (this.options.cdnUrl !== undefined && (hasPay(step.ncco) || step.variants.some(hasPay))) {
        this.paySteps.push({ slot, step, context });
      }
    }
    return { from, to: this.slots.length };
  }

  /** A flow served from the cache: its findings as recorded (checked against onAnswer by the caller). */
  addCached(entry: CachedFlow): void {
    // Kept in the entry: a cached flow's NCCOs are not read.
    for (const key of entry.runsOnAnswer) this.onAnswer.add(key);
    this.slots.push(entry.found);
  }

  /** Every finding, per slot, with the steps run by onAnswer validated as such. */
  finish(): StepFinding[][] {
    for (const { slot, step, context } of this.paySteps) {
      if (this.onAnswer.has(stepKey(step))) this.slots[slot] = this.validateStep(step, { ...context, runByOnAnswer: true });
    }
    this.paySteps.length = 0;
    return this.slots;
  }

  /** `locale/step` of the given steps that a connect's onAnswer runs (final once every flow is added). */
  onAnswerOf(steps: readonly OutputStep[]): string[] {
    // Most projects have no onAnswer: then no step of the 1,000 cached flows needs a key made and looked up.
    if (this.onAnswer.size === 0) return [];
    return steps.filter((s) => this.onAnswer.has(stepKey(s))).map((s) => `${s.locale}/${s.step}`);
  }

  private noteOnAnswer(steps: readonly OutputStep[]): void {
    for (const key of stepsRunByOnAnswer(steps, this.options.cdnUrl)) this.onAnswer.add(key);
  }

  private validateStep(step: LoweredStep, context: StepContext): StepFinding[] {
    const out: StepFinding[] = [];
    const holes = dataHolePointers(step);
    for (const d of validateSamples(step, { currencies: this.options.currencies, context })) {
      if (isExplainedElsewhere(d, step, this.options.localeErrors)) continue;
      // A value that is one piece of call data is checked by its type, not by its sample.
      if (holes.has(d.pointer ?? '')) continue;
      // Said once as build/default-router-url rather than at every eventUrl.
      if (d.code === 'ncco/unreachable-url' && this.options.usingDefaultRouter && /\/eventUrl\/0$/.test(d.pointer ?? '')) continue;
      out.push({ d: mapNccoDiagnostic(d, step), locale: step.locale, step: step.step });
    }
    return out;
  }
}

/** Pointers (into the NCCO) of values that are exactly one piece of call data: their type was checked instead. */
function dataHolePointers(step: LoweredStep): Set<string> {
  const out = new Set<string>();
  if (!step.form) return out;
  const walk = (v: unknown, p: string): void => {
    if (v instanceof DataForm) {
      if ('data' in v.value) out.add(p);
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${p}/${i}`);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  for (const [i, a] of step.form.entries()) walk(a, `/${i}`);
  return out;
}

/** The findings of a step's NCCO, and of its other sample when a text has {{#if data}} (said once). */
function validateSamples(step: LoweredStep, options: ValidateOptions): Diagnostic[] {
  const first = validateNcco(step.ncco, options);
  if (step.variants.length === 0) return first;
  const seen = new Set(first.map((d) => `${d.code}\u0000${d.pointer}\u0000${d.message}`));
  const out = [...first];
  for (const variant of step.variants) {
    for (const d of validateNcco(variant, options)) {
      const key = `${d.code}\u0000${d.pointer}\u0000${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(d);
      }
    }
  }
  return out;
}

/** Findings another stage already explains better. */
function isExplainedElsewhere(d: Diagnostic, step: LoweredStep, localeErrors: ReadonlySet<string>): boolean {
  const index = Number((d.pointer ?? '').split('/')[1]);
  // A non-English pay with no prompt set is `pay/missing-prompts`; a set's gaps are `pay/incomplete-set`
  // (or allowed by `partial: true`).
  if (d.code === 'pay/default-prompts-english') {
    const fromSet = step.mappings.some((m) => m.nccoPointer === `/${index}/prompts` && m.file.kind === 'pay-set');
    return fromSet || step.ncco[index]?.prompts === undefined;
  }
  // A voice filled in from flowc.yaml whose language or style is wrong there: reported once, in flowc.yaml.
  if (d.code.startsWith('ncco/tts-') && localeErrors.has(step.locale) && step.filled.has(d.pointer ?? '')) return true;
  return false;
}

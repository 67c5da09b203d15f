/**
 * One step in one locale as the detail panel shows it: what the caller hears (talk texts and pay
 * prompts, SSML made readable, the voice), where each key, word or outcome leads, and the NCCO it
 * compiles to (call data as {name}). Pure, from the route program the router runs.
 */
import { readableNcco } from '../../diagram/flow-diagram.js';
import type { NodeKind } from '../../diagram/flow-diagram.js';
import type { StepProgram, ValueForm } from '../../router/runtime/program.mjs';
import { describeCondition, stepTransitions } from '../../simulate/program-transitions.js';
import { isSsml, readableSsml } from './readable-ssml.js';
import type { SpokenText, StepLocaleView } from './studio-types.js';

type Json = Record<string, unknown>;

function spoken(where: string, text: string, voice: Json): SpokenText {
  return {
    where,
    text: readableSsml(text),
    ...(isSsml(text) ? { ssml: text } : {}),
    ...(typeof voice.language === 'string' ? { language: voice.language } : {}),
    ...(typeof voice.style === 'number' ? { style: voice.style } : {}),
    ...(voice.premium === true ? { premium: true } : {}),
  };
}

/** Every text of an NCCO the caller can hear, in order. */
export function spokenTexts(ncco: readonly Json[]): SpokenText[] {
  const out: SpokenText[] = [];
  for (const action of ncco) {
    if (action.action === 'talk' && typeof action.text === 'string') out.push(spoken('talk', action.text, action));
    if (action.action === 'pay' && Array.isArray(action.prompts)) {
      const voice = (typeof action.voice === 'object' && action.voice !== null ? action.voice : {}) as Json;
      for (const prompt of action.prompts as Json[]) {
        const type = String(prompt.type ?? '');
        if (typeof prompt.text === 'string') out.push(spoken(`pay: ${type}`, prompt.text, voice));
        const errors = (typeof prompt.errors === 'object' && prompt.errors !== null ? prompt.errors : {}) as Record<string, Json>;
        for (const [error, value] of Object.entries(errors)) {
          if (typeof value?.text === 'string') out.push(spoken(`pay: ${type}, ${error}`, value.text, voice));
        }
      }
    }
  }
  return out;
}

const valueText = (v: ValueForm): string =>
  'data' in v
    ? `{${v.data}}`
    : v.text.map((p) => (typeof p === 'string' ? p : 'data' in p ? `{${p.helper ? `${p.helper} ` : ''}${p.data}}` : '{…}')).join('');

const lookupView = (step: Extract<StepProgram, { kind: 'lookup' }>) => ({
  lookup: step.lookup,
  input: Object.fromEntries(Object.entries(step.input).map(([k, v]) => [k, valueText(v)])),
  store: step.store,
  timeoutMs: step.timeoutMs,
});

/**
 * One step in one locale. `lookup` is the `x.lookup` program step of a step that talks and then looks
 * something up (drawn as one step, compiler/diagram/flow-diagram.ts): its exits are the lookup's.
 */
export function stepDetail(step: StepProgram, kind: NodeKind, lookup?: StepProgram): StepLocaleView {
  const exits = stepTransitions(lookup ?? step).map((t) => ({ key: t.key, to: t.to }));
  if (step.kind === 'lookup') return { kind, says: [], exits, ncco: lookupView(step) };
  if (step.kind === 'ncco' && lookup?.kind === 'lookup') {
    const ncco = readableNcco(step.ncco);
    return { kind, says: spokenTexts(ncco), exits, ncco: { ncco, then: lookupView(lookup) } };
  }
  if (step.kind === 'decide') {
    return { kind, says: [], exits, ncco: { decide: step.branches.map((b) => describeCondition(b.when)), otherwise: true } };
  }
  const ncco = readableNcco(step.ncco);
  return { kind, says: spokenTexts(ncco), exits, ncco };
}

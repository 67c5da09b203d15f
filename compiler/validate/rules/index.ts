/**
 * The rules beyond the schema. Each is a small named function, unit-tested on its own through `check`
 * (test/validate/rules.test.ts); `nccoRuleByName` finds one by its stable name. validateNcco runs them all
 * with runRules: one pass over the actions, each action handed to the rules registered for its name.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { isObject } from '../values.js';
import { bargeInMixed, bargeInWithoutInput } from './barge-in.js';
import { endpointCount, fromAndRandomFrom, sdkSpelling, sipTarget } from './connect.js';
import { muteWithCanSpeak, transcriptionWithoutRecord } from './conversation.js';
import { asyncInputDtmf, inputSettingsUnused } from './input.js';
import { unreachableAfterLoop } from './loop.js';
import { payAmountPrecision, payCallLeg, payCurrency, payDefaultPromptsEnglish, payPrompts, payRecordingActive } from './pay.js';
import { channelsWithoutSplit, recordNoStop } from './record.js';
import type { ActionCheck, NccoRule, RuleContext, SequenceCheck } from './rule.js';
import { ssmlVoice } from './ssml-voice.js';
import { stringValues } from './string-values.js';
import { talkText } from './talk-text.js';
import { ttsVoice } from './tts.js';
import { waitClamped } from './wait.js';

export type { NccoRule, RuleContext } from './rule.js';
export { ruleContext } from './rule.js';

export const nccoRules: readonly NccoRule[] = [
  stringValues,
  bargeInWithoutInput,
  bargeInMixed,
  unreachableAfterLoop,
  talkText,
  ttsVoice,
  ssmlVoice,
  fromAndRandomFrom,
  endpointCount,
  sipTarget,
  sdkSpelling,
  muteWithCanSpeak,
  transcriptionWithoutRecord,
  channelsWithoutSplit,
  recordNoStop,
  asyncInputDtmf,
  inputSettingsUnused,
  waitClamped,
  payCurrency,
  payAmountPrecision,
  payPrompts,
  payDefaultPromptsEnglish,
  payCallLeg,
  payRecordingActive,
];

export const nccoRuleByName: ReadonlyMap<string, NccoRule> = new Map(nccoRules.map((r) => [r.name, r]));

const everyAction: ActionCheck[] = [];
const byAction = new Map<string, ActionCheck[]>();
const sequences: SequenceCheck[] = [];
for (const rule of nccoRules) {
  if (rule.kind === 'sequence') sequences.push(rule.checkSequence);
  else if (rule.actions === '*') everyAction.push(rule.checkAction);
  else for (const name of rule.actions) byAction.set(name, [...(byAction.get(name) ?? []), rule.checkAction]);
}

/** Every finding of every rule, in one pass over the NCCO (no per-rule loops or closures: this is the hot path). */
export function runRules(ncco: readonly unknown[], context: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < ncco.length; i++) {
    const action = ncco[i];
    if (!isObject(action) || typeof action.action !== 'string') continue;
    for (const check of everyAction) check(action, i, context, out);
    const checks = byAction.get(action.action);
    if (checks !== undefined) for (const check of checks) check(action, i, context, out);
  }
  for (const check of sequences) check(ncco, context, out);
  return out;
}

/**
 * The rules beyond the schema, in the order they run. Each is a small named function over the whole NCCO,
 * unit-tested on its own (test/validate/rules.test.ts); `nccoRuleByName` finds one by its stable name.
 */
import { bargeInWithoutInput } from './barge-in.js';
import { endpointCount, fromAndRandomFrom, sdkSpelling, sipTarget } from './connect.js';
import { muteWithCanSpeak, transcriptionWithoutRecord } from './conversation.js';
import { asyncInputDtmf, inputSettingsUnused } from './input.js';
import { unreachableAfterLoop } from './loop.js';
import { payAmountPrecision, payCallLeg, payCurrency, payDefaultPromptsEnglish, payPrompts, payRecordingActive } from './pay.js';
import { channelsWithoutSplit, recordNoStop } from './record.js';
import type { NccoRule } from './rule.js';
import { stringValues } from './string-values.js';
import { talkText } from './talk-text.js';
import { ttsVoice } from './tts.js';
import { waitClamped } from './wait.js';

export type { NccoRule, RuleContext } from './rule.js';
export { ruleContext } from './rule.js';

export const nccoRules: readonly NccoRule[] = [
  stringValues,
  bargeInWithoutInput,
  unreachableAfterLoop,
  talkText,
  ttsVoice,
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

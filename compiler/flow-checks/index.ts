/**
 * Checks of a resolved flow for what its callers will meet: mistakes a caller would hit (keys that cannot be
 * pressed, a flow nobody can call, a voice that changes for the card prompts, speech words a locale lacks) and
 * the lints an IVR designer expects (`ivr/…`, warnings). Each check is a pure function of the flow; docs/rules.md
 * documents every code with its reason.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkSpeechWords } from '../resolve/speech-words.js';
import type { FlowCheckInput } from './flow-view.js';
import { checkGoodbye } from './goodbye.js';
import { checkInputKeys } from './input-keys.js';
import { checkLongPrompt } from './long-prompt.js';
import { checkNumbers } from './numbers.js';
import { checkPayVoice } from './pay-voice.js';
import { checkTooManyChoices } from './too-many-choices.js';
import { checkUnhandledInput } from './unhandled-input.js';
import { checkWayOut } from './way-out.js';

export type { FlowCheckInput } from './flow-view.js';

export const flowChecks: readonly ((input: FlowCheckInput) => Diagnostic[])[] = [
  (i) => checkSpeechWords(i.doc, i.resolved.expanded, i.settings),
  checkInputKeys,
  checkNumbers,
  checkPayVoice,
  checkWayOut,
  checkUnhandledInput,
  checkTooManyChoices,
  checkLongPrompt,
  checkGoodbye,
];

export function checkFlowForCallers(input: FlowCheckInput): Diagnostic[] {
  return flowChecks.flatMap((check) => check(input));
}

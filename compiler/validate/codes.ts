/**
 * Every diagnostic code the NCCO validator and `lint-ncco` emit, with its fixed severity and a short title.
 * Each one has a section in docs/rules.md (test/validate/rules-doc.test.ts keeps them in step).
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
}

export const nccoCodes = {
  // Reading a file (lint-ncco)
  'ncco/file-unreadable': { severity: 'error', title: 'The file cannot be read' },
  'ncco/not-utf8': { severity: 'error', title: 'The file is not UTF-8 text' },
  'ncco/empty-file': { severity: 'error', title: 'The file is empty' },
  'ncco/invalid-json': { severity: 'error', title: 'The file is not valid JSON' },
  // Shape of the NCCO
  'ncco/not-array': { severity: 'error', title: 'An NCCO must be a list of actions' },
  'ncco/empty': { severity: 'error', title: 'An NCCO needs at least one action' },
  'ncco/not-object': { severity: 'error', title: 'An action must be an object' },
  'ncco/missing-action': { severity: 'error', title: 'An action needs an "action" name' },
  'ncco/unknown-action': { severity: 'error', title: 'Unknown action' },
  // Options (schema)
  'ncco/unknown-option': { severity: 'error', title: 'Unknown option' },
  'ncco/legacy-input-option': { severity: 'error', title: 'Input option in the old, pre-2020 place' },
  'ncco/sdk-spelling': { severity: 'warning', title: 'Option spelled as one SDK spells it' },
  'ncco/required': { severity: 'error', title: 'A required option is missing' },
  'ncco/type': { severity: 'error', title: 'Wrong type of value' },
  'ncco/string-number': { severity: 'warning', title: 'Number written as text' },
  'ncco/string-boolean': { severity: 'warning', title: 'true/false written as text' },
  'ncco/enum': { severity: 'error', title: 'Value not among the allowed ones' },
  'ncco/range': { severity: 'error', title: 'Number out of range' },
  'ncco/array-length': { severity: 'error', title: 'Wrong number of list items' },
  'ncco/duplicate-item': { severity: 'error', title: 'The same item twice in a list' },
  'ncco/empty-value': { severity: 'error', title: 'Empty text' },
  'ncco/format': { severity: 'error', title: 'Value in the wrong format' },
  'ncco/placeholder': { severity: 'error', title: 'Template placeholder left in the NCCO' },
  'ncco/possible-placeholder': { severity: 'warning', title: 'Text that looks like a placeholder' },
  'ncco/unreachable-url': { severity: 'warning', title: 'URL that Vonage cannot reach' },
  // Rules beyond the schema
  'ncco/bargein-without-input': { severity: 'error', title: 'bargeIn without a following input' },
  'ncco/bargein-mixed': { severity: 'error', title: 'A stream or talk between a bargeIn of the other kind and its input' },
  'ncco/text-too-long': { severity: 'error', title: 'Talk text longer than 1,500 characters' },
  'ncco/ssml-malformed': { severity: 'error', title: 'SSML that is not well-formed' },
  'ncco/ssml-without-speak': { severity: 'error', title: 'SSML tags outside <speak>' },
  'ncco/from-and-random-from': { severity: 'error', title: '"from" together with randomFromNumber' },
  'ncco/channels-without-split': { severity: 'error', title: '"channels" without split: conversation' },
  'ncco/mute-with-can-speak': { severity: 'error', title: '"mute" together with "canSpeak"' },
  'ncco/async-input-dtmf': { severity: 'error', title: 'DTMF settings in an asynchronous input' },
  'ncco/input-settings-unused': { severity: 'warning', title: 'Input settings for a type that is not listed' },
  'ncco/endpoint-count': { severity: 'error', title: 'connect needs exactly one endpoint' },
  'ncco/sip-target': { severity: 'error', title: 'SIP endpoint needs uri, or user and domain' },
  'ncco/transcription-without-record': { severity: 'error', title: 'Conversation transcription without recording' },
  'ncco/record-no-stop': { severity: 'warning', title: 'record without a stop condition' },
  'ncco/unreachable-after-loop': { severity: 'warning', title: 'Actions after an endless loop never run' },
  'ncco/wait-clamped': { severity: 'warning', title: 'wait timeout outside 0.1–7200 seconds' },
  'ncco/deprecated-voice-name': { severity: 'warning', title: 'Deprecated voiceName' },
  'ncco/unknown-voice-name': { severity: 'error', title: 'Unknown voiceName' },
  'ncco/tts-language': { severity: 'error', title: 'Unknown text-to-speech language' },
  'ncco/tts-style': { severity: 'warning', title: 'Text-to-speech style not known for the language' },
  'ncco/ssml-unsupported-voice': { severity: 'error', title: 'SSML for a voice that does not support it' },
  // pay (NCCO reference › Pay; Payments over the Phone guide)
  'pay/currency': { severity: 'error', title: 'Currency not accepted' },
  'pay/amount-precision': { severity: 'error', title: 'Amount with more than two decimals' },
  'pay/duplicate-prompt': { severity: 'error', title: 'The same prompt type twice' },
  'pay/error-type': { severity: 'error', title: 'Error prompt not allowed for the prompt type' },
  'pay/default-prompts-english': { severity: 'error', title: 'Non-English pay without its own prompts' },
  'pay/inbound-only': { severity: 'error', title: 'pay in an outbound call' },
  'pay/on-answer': { severity: 'error', title: 'pay on the second leg of a call' },
  'pay/recording-active': { severity: 'error', title: 'pay while the call is being recorded' },
} as const satisfies Record<string, CodeInfo>;

export type NccoCode = keyof typeof nccoCodes;

export const isNccoCode = (code: string): code is NccoCode => Object.hasOwn(nccoCodes, code);

/** A diagnostic with the code's fixed severity; `hint` only when there is one. */
export function finding(code: NccoCode, pointer: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { code, severity: nccoCodes[code].severity, message, pointer };
  if (hint !== undefined) d.hint = hint;
  return d;
}

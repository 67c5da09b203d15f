/**
 * `talk` — NCCO reference › Talk (seed 004): text (required; ≤ 1,500 characters excluding SSML tags, checked in
 * rules/talk-text.ts), bargeIn, loop (≥ 0, 0 = forever), level (−1…1), language (BCP-47, checked against the TTS
 * table in rules/tts.ts), style (≥ 0), premium; the deprecated `voiceName`; `provider`/`providerOptions` as the
 * .NET and Ruby SDKs send them (ncco-constraints.md §2.4).
 */
import { actionSchema, anyObject, booleanValue, languageCode, nonEmptyString } from './common.js';

export const talkSchema = actionSchema(
  'talk',
  'NCCO reference › Talk; ncco-constraints.md §2.4',
  {
    text: nonEmptyString,
    bargeIn: booleanValue,
    loop: { type: 'integer', minimum: 0 },
    level: { type: 'number', minimum: -1, maximum: 1 },
    language: languageCode,
    style: { type: 'integer', minimum: 0 },
    premium: booleanValue,
    voiceName: nonEmptyString,
    provider: nonEmptyString,
    providerOptions: anyObject,
  },
  ['text'],
);

/**
 * `talk` — NCCO reference › Talk (seed 004): text (required; ≤ 1,500 characters excluding SSML tags, checked in
 * rules/talk-text.ts), bargeIn, loop (≥ 0, 0 = forever), level (−1…1), language (BCP-47, checked against the TTS
 * table in rules/tts.ts), style (≥ 0), premium; the deprecated `voiceName`; `provider`/`providerOptions` as the
 * .NET and Ruby SDKs send them (ncco-constraints.md §2.4).
 */
import { actionSchema, anyObject, booleanValue, describe, languageCode, nonEmptyString } from './common.js';

export const talkSchema = actionSchema(
  'talk',
  'NCCO reference › Talk; ncco-constraints.md §2.4',
  {
    text: describe(
      nonEmptyString,
      'What the caller hears: at most 1,500 characters (SSML tags not counted); SSML inside <speak>…</speak>.',
    ),
    bargeIn: describe(
      booleanValue,
      'true: a key press or a word interrupts this text. The next action that is not a talk must then be an input.',
      { default: false },
    ),
    loop: describe({ type: 'integer', minimum: 0 }, 'How many times the text is spoken; 0 repeats it until the call ends.', { default: 1 }),
    level: describe({ type: 'number', minimum: -1, maximum: 1 }, 'The volume, from -1 (quietest) to 1 (loudest).', { default: 0 }),
    language: describe(
      languageCode,
      'The text-to-speech language (BCP-47), e.g. en-US. flowc fills it in from the locale (flowc.yaml) unless you set it.',
      { examples: ['en-US', 'es-US'] },
    ),
    style: describe(
      { type: 'integer', minimum: 0 },
      'The voice style of the language (see the Vonage Text-To-Speech guide). flowc fills it in from the locale.',
      { default: 0 },
    ),
    premium: describe(booleanValue, 'true: the premium version of the voice, where there is one.', { default: false }),
    voiceName: describe(nonEmptyString, 'Deprecated: the old voice name (e.g. Joanna). Use language and style instead.'),
    provider: describe(nonEmptyString, 'The speech provider, as some Vonage SDKs send it.'),
    providerOptions: describe(anyObject, 'Options for the speech provider, as some Vonage SDKs send them.'),
  },
  ['text'],
  'Speaks a text to the caller with text-to-speech.',
);

/**
 * `input` — NCCO reference › Input, DTMF Input Settings, Speech Recognition Settings (seed 004): type (required:
 * ["dtmf"], ["speech"] or both), dtmf {timeOut 0–10, maxDigits 1–20, submitOnHash}, speech {uuid (an array with
 * one leg id), endOnSilence 0.4–10, language, context, startTimeout 1–60, maxDuration 1–60, saveAudio},
 * eventUrl, eventMethod. `mode` (synchronous | asynchronous), speech `sensitivity` and `provider`/
 * `providerOptions` come from the SDKs (ncco-constraints.md §2.6). The pre-2020 top-level timeOut/maxDigits/
 * submitOnHash are not options any more (reported as ncco/legacy-input-option).
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, anyObject, booleanValue, describe, eventMethod, eventUrl, languageCode, nonEmptyString } from './common.js';

export const dtmfSettingsSchema: SchemaObject = {
  type: 'object',
  properties: {
    timeOut: describe(
      { type: 'integer', minimum: 0, maximum: 10 },
      'Seconds to wait after the last key press before the input ends (0–10).',
      { default: 3 },
    ),
    maxDigits: describe({ type: 'integer', minimum: 1, maximum: 20 }, 'How many keys the caller can press (1–20).', { default: 4 }),
    submitOnHash: describe(booleanValue, 'true: the caller ends the input by pressing #.', { default: false }),
  },
  additionalProperties: false,
  description: 'Settings for key presses (DTMF).',
};

export const speechSettingsSchema: SchemaObject = {
  type: 'object',
  properties: {
    uuid: describe(
      { type: 'array', minItems: 1, maxItems: 1, items: nonEmptyString },
      'The call leg to listen to: a list with one leg id (default: the first leg of the call).',
    ),
    endOnSilence: describe(
      { type: 'number', minimum: 0.4, maximum: 10 },
      'Seconds of silence after the caller stops speaking that end the input (0.4–10).',
      { default: 2 },
    ),
    language: describe(
      languageCode,
      'The language the caller speaks (BCP-47). flowc fills it in from the locale (its speechLanguage) unless you set it.',
      { examples: ['en-US'] },
    ),
    context: describe({ type: 'array', items: { type: 'string' } }, 'Words and phrases the caller is likely to say, to help recognition.', {
      examples: [['billing', 'payment']],
    }),
    startTimeout: describe({ type: 'integer', minimum: 1, maximum: 60 }, 'Seconds to wait for the caller to start speaking (1–60).', {
      default: 10,
    }),
    maxDuration: describe({ type: 'integer', minimum: 1, maximum: 60 }, 'The longest the caller may speak, in seconds (1–60).', {
      default: 60,
    }),
    saveAudio: describe(booleanValue, 'true: the recording of what the caller said is sent with the result.', { default: false }),
    sensitivity: describe({ type: 'integer', minimum: 0, maximum: 100 }, 'How sensitive the recognition is to quiet speech (0–100).'),
    provider: describe(nonEmptyString, 'The speech recognition provider, as some Vonage SDKs send it.'),
    providerOptions: describe(anyObject, 'Options for the speech recognition provider.'),
  },
  additionalProperties: false,
  description: 'Settings for speech recognition.',
};

export const legacyInputOptions: readonly string[] = ['timeOut', 'maxDigits', 'submitOnHash'];

export const inputSchema = actionSchema(
  'input',
  'NCCO reference › Input; ncco-constraints.md §2.6',
  {
    type: describe(
      { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ['dtmf', 'speech'] } },
      'What the input listens for: [dtmf] (keys), [speech] (words) or both.',
      { examples: [['dtmf'], ['dtmf', 'speech']] },
    ),
    dtmf: dtmfSettingsSchema,
    speech: speechSettingsSchema,
    eventUrl,
    eventMethod,
    mode: describe(
      { type: 'string', enum: ['synchronous', 'asynchronous'] },
      'asynchronous: keys are sent one by one while the call goes on (no dtmf settings then).',
      { default: 'synchronous' },
    ),
  },
  ['type'],
  'Waits for the caller to press keys (dtmf) or say something (speech). With `on:`, the result decides the next step.',
);

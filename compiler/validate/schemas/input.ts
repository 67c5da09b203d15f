/**
 * `input` — NCCO reference › Input, DTMF Input Settings, Speech Recognition Settings (seed 004): type (required:
 * ["dtmf"], ["speech"] or both), dtmf {timeOut 0–10, maxDigits 1–20, submitOnHash}, speech {uuid (an array with
 * one leg id), endOnSilence 0.4–10, language, context, startTimeout 1–60, maxDuration 1–60, saveAudio},
 * eventUrl, eventMethod. `mode` (synchronous | asynchronous), speech `sensitivity` and `provider`/
 * `providerOptions` come from the SDKs (ncco-constraints.md §2.6). The pre-2020 top-level timeOut/maxDigits/
 * submitOnHash are not options any more (reported as ncco/legacy-input-option).
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, anyObject, booleanValue, eventMethod, eventUrl, languageCode, nonEmptyString } from './common.js';

export const dtmfSettingsSchema: SchemaObject = {
  type: 'object',
  properties: {
    timeOut: { type: 'integer', minimum: 0, maximum: 10 },
    maxDigits: { type: 'integer', minimum: 1, maximum: 20 },
    submitOnHash: booleanValue,
  },
  additionalProperties: false,
};

export const speechSettingsSchema: SchemaObject = {
  type: 'object',
  properties: {
    uuid: { type: 'array', minItems: 1, maxItems: 1, items: nonEmptyString },
    endOnSilence: { type: 'number', minimum: 0.4, maximum: 10 },
    language: languageCode,
    context: { type: 'array', items: { type: 'string' } },
    startTimeout: { type: 'integer', minimum: 1, maximum: 60 },
    maxDuration: { type: 'integer', minimum: 1, maximum: 60 },
    saveAudio: booleanValue,
    sensitivity: { type: 'integer', minimum: 0, maximum: 100 },
    provider: nonEmptyString,
    providerOptions: anyObject,
  },
  additionalProperties: false,
};

export const legacyInputOptions: readonly string[] = ['timeOut', 'maxDigits', 'submitOnHash'];

export const inputSchema = actionSchema(
  'input',
  'NCCO reference › Input; ncco-constraints.md §2.6',
  {
    type: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ['dtmf', 'speech'] } },
    dtmf: dtmfSettingsSchema,
    speech: speechSettingsSchema,
    eventUrl,
    eventMethod,
    mode: { type: 'string', enum: ['synchronous', 'asynchronous'] },
  },
  ['type'],
);

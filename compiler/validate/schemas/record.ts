/**
 * `record` — NCCO reference › Record (seed 004): format, split, channels (max 32), endOnSilence 3–10,
 * endOnKey (* # or one digit), timeOut 3–7200, beepStart, eventUrl, eventMethod, transcription [Developer
 * Preview] with language/eventUrl/eventMethod. `ogg` and `transcription.sentimentAnalysis` come from the SDKs
 * (ncco-constraints.md §2.1). Cross-field rules (channels ⇒ split, no stop condition) are in rules/record.ts.
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, booleanValue, eventMethod, eventUrl, languageCode } from './common.js';

export const transcriptionSchema: SchemaObject = {
  type: 'object',
  properties: {
    language: languageCode,
    eventUrl,
    eventMethod,
    sentimentAnalysis: booleanValue,
  },
  additionalProperties: false,
};

export const recordSchema = actionSchema('record', 'NCCO reference › Record; ncco-constraints.md §2.1', {
  format: { type: 'string', enum: ['mp3', 'wav', 'ogg'] },
  split: { type: 'string', enum: ['conversation'] },
  channels: { type: 'integer', minimum: 1, maximum: 32 },
  endOnSilence: { type: 'integer', minimum: 3, maximum: 10 },
  endOnKey: { type: 'string', format: 'end-on-key' },
  timeOut: { type: 'integer', minimum: 3, maximum: 7200 },
  beepStart: booleanValue,
  eventUrl,
  eventMethod,
  transcription: transcriptionSchema,
});

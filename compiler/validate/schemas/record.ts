/**
 * `record` — NCCO reference › Record (seed 004): format, split, channels (max 32), endOnSilence 3–10,
 * endOnKey (* # or one digit), timeOut 3–7200, beepStart, eventUrl, eventMethod, transcription [Developer
 * Preview] with language/eventUrl/eventMethod. `ogg` and `transcription.sentimentAnalysis` come from the SDKs
 * (ncco-constraints.md §2.1). Cross-field rules (channels ⇒ split, no stop condition) are in rules/record.ts.
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, booleanValue, describe, eventMethod, eventUrl, languageCode } from './common.js';

export const transcriptionSchema: SchemaObject = {
  type: 'object',
  properties: {
    language: describe(languageCode, 'The language of the recording (en-US during the developer preview).', { default: 'en-US' }),
    eventUrl: describe(eventUrl, 'Where the transcription is sent: a list with one https:// address.'),
    eventMethod,
    sentimentAnalysis: describe(booleanValue, 'true: add a sentiment analysis to the transcription.'),
  },
  additionalProperties: false,
  description: 'Transcribe the recording ({} for the defaults). Developer preview.',
};

export const recordSchema = actionSchema(
  'record',
  'NCCO reference › Record; ncco-constraints.md §2.1',
  {
    format: describe({ type: 'string', enum: ['mp3', 'wav', 'ogg'] }, 'The audio format of the recording.', { default: 'mp3' }),
    split: describe({ type: 'string', enum: ['conversation'] }, 'conversation: record the caller and the other side on separate channels.'),
    channels: describe({ type: 'integer', minimum: 1, maximum: 32 }, 'How many channels to record (1–32); needs split: conversation.'),
    endOnSilence: describe({ type: 'integer', minimum: 3, maximum: 10 }, 'Seconds of silence that stop the recording (3–10).'),
    endOnKey: describe({ type: 'string', format: 'end-on-key' }, 'A key that stops the recording: one digit, * or # (quote it: "#").', {
      examples: ['#'],
    }),
    timeOut: describe({ type: 'integer', minimum: 3, maximum: 7200 }, 'The longest recording, in seconds (3–7200).', { default: 7200 }),
    beepStart: describe(booleanValue, 'true: play a beep when the recording starts.', { default: false }),
    eventUrl: describe(eventUrl, 'Where Vonage sends the recording when it is finished: a list with one https:// address.'),
    eventMethod,
    transcription: transcriptionSchema,
  },
  [],
  'Records the call, e.g. a voicemail. Give it a stop condition: endOnSilence, timeOut or endOnKey.',
);

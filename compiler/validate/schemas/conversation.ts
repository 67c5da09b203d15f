/**
 * `conversation` — NCCO reference › Conversation (seed 004): name (required), musicOnHoldUrl (an array with one
 * mp3 URL, as in every example), startOnEnter, endOnExit, record, canSpeak, canHear, mute, eventUrl/eventMethod
 * (mentioned under `record`). `transcription` is the Java SDK's field (ncco-constraints.md §2.2); it needs
 * `record: true` (rules/conversation.ts), as does the rule "mute is not supported with canSpeak".
 */
import { actionSchema, booleanValue, eventMethod, eventUrl, legIdList, nonEmptyString, singleUrlList } from './common.js';
import { transcriptionSchema } from './record.js';

export const conversationSchema = actionSchema(
  'conversation',
  'NCCO reference › Conversation; ncco-constraints.md §2.2',
  {
    name: nonEmptyString,
    musicOnHoldUrl: singleUrlList,
    startOnEnter: booleanValue,
    endOnExit: booleanValue,
    record: booleanValue,
    canSpeak: legIdList,
    canHear: legIdList,
    mute: booleanValue,
    eventUrl,
    eventMethod,
    transcription: transcriptionSchema,
  },
  ['name'],
);

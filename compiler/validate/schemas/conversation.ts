/**
 * `conversation` — NCCO reference › Conversation (seed 004): name (required), musicOnHoldUrl (an array with one
 * mp3 URL, as in every example), startOnEnter, endOnExit, record, canSpeak, canHear, mute, eventUrl/eventMethod
 * (mentioned under `record`). `transcription` is the Java SDK's field (ncco-constraints.md §2.2); it needs
 * `record: true` (rules/conversation.ts), as does the rule "mute is not supported with canSpeak".
 */
import { actionSchema, booleanValue, describe, eventMethod, eventUrl, legIdList, nonEmptyString, singleUrlList } from './common.js';
import { transcriptionSchema } from './record.js';

export const conversationSchema = actionSchema(
  'conversation',
  'NCCO reference › Conversation; ncco-constraints.md §2.2',
  {
    name: describe(nonEmptyString, 'The name of the conference; callers with the same name join the same one.', {
      examples: ['billing-team'],
    }),
    musicOnHoldUrl: describe(singleUrlList, 'Music played until the conference starts: a list with one mp3 address.'),
    startOnEnter: describe(booleanValue, 'false: wait for the moderator before the conference starts.', { default: true }),
    endOnExit: describe(booleanValue, 'true: the conference ends when this caller (the moderator) hangs up.', { default: false }),
    record: describe(booleanValue, 'true: record the conference.', { default: false }),
    canSpeak: describe(legIdList, 'The leg ids that can hear this caller.'),
    canHear: describe(legIdList, 'The leg ids this caller can hear.'),
    mute: describe(booleanValue, 'true: this caller is muted (not together with canSpeak).', { default: false }),
    eventUrl,
    eventMethod,
    transcription: transcriptionSchema,
  },
  ['name'],
  'Puts the caller into a conference (a named conversation).',
);

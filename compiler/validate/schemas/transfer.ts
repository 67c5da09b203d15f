/**
 * `transfer` — newer than the seed reference (DOC-NEW: "Move the call legs from a current conversation into
 * another existing conversation"): conversationId (required), canHear, canSpeak, mute (ncco-constraints.md §2.9).
 * "mute is not supported with canSpeak" is in rules/conversation.ts.
 */
import { actionSchema, booleanValue, describe, legIdList, nonEmptyString } from './common.js';

export const transferSchema = actionSchema(
  'transfer',
  'DOC-NEW › transfer; ncco-constraints.md §2.9',
  {
    conversationId: describe(nonEmptyString, 'The conversation to move the call into.'),
    canHear: describe(legIdList, 'The leg ids this caller can hear.'),
    canSpeak: describe(legIdList, 'The leg ids that can hear this caller.'),
    mute: describe(booleanValue, 'true: this caller is muted.', { default: false }),
  },
  ['conversationId'],
  'Moves the call into another existing conversation.',
);

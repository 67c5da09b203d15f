/**
 * `transfer` — newer than the seed reference (DOC-NEW: "Move the call legs from a current conversation into
 * another existing conversation"): conversationId (required), canHear, canSpeak, mute (ncco-constraints.md §2.9).
 * "mute is not supported with canSpeak" is in rules/conversation.ts.
 */
import { actionSchema, booleanValue, legIdList, nonEmptyString } from './common.js';

export const transferSchema = actionSchema(
  'transfer',
  'DOC-NEW › transfer; ncco-constraints.md §2.9',
  { conversationId: nonEmptyString, canHear: legIdList, canSpeak: legIdList, mute: booleanValue },
  ['conversationId'],
);

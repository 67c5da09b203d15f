/** Cross-field rules of `conversation` and `transfer` (NCCO reference › Conversation; ncco-constraints.md §2.2, §2.9). */
import { finding } from '../codes.js';
import { lenientBoolean } from '../values.js';
import { actionRule } from './rule.js';

/** "When using canSpeak, the mute parameter is not supported." (also for transfer, which has the same options) */
export const muteWithCanSpeak = actionRule({
  name: 'mute-with-can-speak',
  codes: ['ncco/mute-with-can-speak'],
  actions: ['conversation', 'transfer'],
  check(action, i, _context, out) {
    if (lenientBoolean(action.mute) !== true || action.canSpeak === undefined) return;
    out.push(
      finding(
        'ncco/mute-with-can-speak',
        `/${i}/mute`,
        'mute cannot be used together with canSpeak.',
        'To mute this participant, remove canSpeak; to choose who hears them, remove mute and use canSpeak (an empty list [] means nobody).',
      ),
    );
  },
});

/** Java SDK: "Recording must be enabled for transcription." */
export const transcriptionWithoutRecord = actionRule({
  name: 'transcription-without-record',
  codes: ['ncco/transcription-without-record'],
  actions: ['conversation'],
  check(action, i, _context, out) {
    if (action.transcription === undefined || lenientBoolean(action.record) === true) return;
    out.push(
      finding(
        'ncco/transcription-without-record',
        `/${i}/transcription`,
        'The conversation asks for a transcription but is not recorded, so there is nothing to transcribe.',
        'Add "record": true, or remove "transcription".',
      ),
    );
  },
});

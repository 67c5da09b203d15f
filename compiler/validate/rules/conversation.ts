/** Cross-field rules of `conversation` and `transfer` (NCCO reference › Conversation; ncco-constraints.md §2.2, §2.9). */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { finding } from '../codes.js';
import { lenientBoolean } from '../values.js';
import { forEachAction, type NccoRule } from './rule.js';

/** "When using canSpeak, the mute parameter is not supported." (also for transfer, which has the same options) */
export const muteWithCanSpeak: NccoRule = {
  name: 'mute-with-can-speak',
  codes: ['ncco/mute-with-can-speak'],
  check(ncco) {
    const out: Diagnostic[] = [];
    forEachAction(ncco, ['conversation', 'transfer'], (action, i) => {
      if (lenientBoolean(action.mute) === true && action.canSpeak !== undefined) {
        out.push(
          finding(
            'ncco/mute-with-can-speak',
            `/${i}/mute`,
            'mute cannot be used together with canSpeak.',
            'To mute this participant, remove canSpeak; to choose who hears them, remove mute and use canSpeak (an empty list [] means nobody).',
          ),
        );
      }
    });
    return out;
  },
};

/** Java SDK: "Recording must be enabled for transcription." */
export const transcriptionWithoutRecord: NccoRule = {
  name: 'transcription-without-record',
  codes: ['ncco/transcription-without-record'],
  check(ncco) {
    const out: Diagnostic[] = [];
    forEachAction(ncco, 'conversation', (action, i) => {
      if (action.transcription !== undefined && lenientBoolean(action.record) !== true) {
        out.push(
          finding(
            'ncco/transcription-without-record',
            `/${i}/transcription`,
            'The conversation asks for a transcription but is not recorded, so there is nothing to transcribe.',
            'Add "record": true, or remove "transcription".',
          ),
        );
      }
    });
    return out;
  },
};

/** Cross-field rules of `record` (NCCO reference › Record). */
import { finding } from '../codes.js';
import { actionRule } from './rule.js';

/** channels: "split conversation must also be enabled." */
export const channelsWithoutSplit = actionRule({
  name: 'channels-without-split',
  codes: ['ncco/channels-without-split'],
  actions: ['record'],
  check(action, i, _context, out) {
    // A wrong split value is reported by the schema (ncco/enum).
    if (action.channels === undefined || action.split !== undefined) return;
    out.push(
      finding(
        'ncco/channels-without-split',
        `/${i}/channels`,
        '"channels" only works when the recording is split by conversation.',
        'Add "split": "conversation".',
      ),
    );
  },
});

/**
 * "Recording … finishes when the synchronous condition in the action is met. That is, endOnSilence, timeOut or
 * endOnKey. If you do not set a synchronous condition, the Voice API immediately executes the next NCCO without
 * recording." A warning: recording a whole call this way (record, then connect) is a documented pattern.
 */
export const recordNoStop = actionRule({
  name: 'record-no-stop',
  codes: ['ncco/record-no-stop'],
  actions: ['record'],
  check(action, i, _context, out) {
    if (action.endOnSilence !== undefined || action.timeOut !== undefined || action.endOnKey !== undefined) return;
    out.push(
      finding(
        'ncco/record-no-stop',
        `/${i}`,
        'This record action has no stop condition (endOnSilence, timeOut or endOnKey): it records in the background until the call ends, and the next action starts at once.',
        'To record a message, add e.g. "endOnSilence": 3 or "endOnKey": "#"; to record the whole call, this is fine.',
      ),
    );
  },
});

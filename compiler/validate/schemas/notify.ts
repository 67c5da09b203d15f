/** `notify` — NCCO reference › Notify (seed 004): payload (required, a JSON object), eventUrl (required), eventMethod. */
import { actionSchema, anyObject, eventMethod, eventUrl } from './common.js';

export const notifySchema = actionSchema(
  'notify',
  'NCCO reference › Notify; ncco-constraints.md §2.7',
  { payload: anyObject, eventUrl, eventMethod },
  ['payload', 'eventUrl'],
);

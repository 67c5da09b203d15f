/** `notify` — NCCO reference › Notify (seed 004): payload (required, a JSON object), eventUrl (required), eventMethod. */
import { actionSchema, anyObject, describe, eventMethod, eventUrl } from './common.js';

export const notifySchema = actionSchema(
  'notify',
  'NCCO reference › Notify; ncco-constraints.md §2.7',
  {
    payload: describe(anyObject, 'The data sent to the webhook (a map).', { examples: [{ event: 'reminder-heard' }] }),
    eventUrl,
    eventMethod,
  },
  ['payload', 'eventUrl'],
  'Sends a payload to a webhook while the call goes on. With `on:`, the router receives it and continues the call.',
);

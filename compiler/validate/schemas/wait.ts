/**
 * `wait` — newer than the seed reference (DOC-NEW action table: "Pause execution for a specified number of
 * seconds"); timeout is a number of seconds, default 10, clamped by Vonage into 0.1–7200 (Node and Java SDKs,
 * ncco-constraints.md §2.8) — the clamp warning is in rules/wait.ts.
 */
import { actionSchema, describe } from './common.js';

export const waitSchema = actionSchema(
  'wait',
  'DOC-NEW › wait; ncco-constraints.md §2.8',
  { timeout: describe({ type: 'number' }, 'Seconds to pause (0.1–7200; Vonage clamps other values).', { default: 10 }) },
  [],
  'Pauses the call for some seconds.',
);

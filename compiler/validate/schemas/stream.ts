/**
 * `stream` — NCCO reference › Stream (seed 004): streamUrl ("An array containing a single URL", required),
 * level (−1…1), bargeIn, loop (≥ 0, 0 = forever).
 */
import { actionSchema, booleanValue, singleUrlList } from './common.js';

export const streamSchema = actionSchema(
  'stream',
  'NCCO reference › Stream; ncco-constraints.md §2.5',
  {
    streamUrl: singleUrlList,
    level: { type: 'number', minimum: -1, maximum: 1 },
    bargeIn: booleanValue,
    loop: { type: 'integer', minimum: 0 },
  },
  ['streamUrl'],
);

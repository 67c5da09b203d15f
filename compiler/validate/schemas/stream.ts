/**
 * `stream` — NCCO reference › Stream (seed 004): streamUrl ("An array containing a single URL", required),
 * level (−1…1), bargeIn, loop (≥ 0, 0 = forever).
 */
import { actionSchema, booleanValue, describe, singleUrlList } from './common.js';

export const streamSchema = actionSchema(
  'stream',
  'NCCO reference › Stream; ncco-constraints.md §2.5',
  {
    streamUrl: describe(singleUrlList, 'The audio to play (mp3 or 16-bit wav): a list with exactly one https:// address.', {
      examples: [['https://example.com/audio/hold.mp3']],
    }),
    level: describe({ type: 'number', minimum: -1, maximum: 1 }, 'The volume, from -1 to 1 in steps of 0.1.', { default: 0 }),
    bargeIn: describe(
      booleanValue,
      'true: a key press or a word stops the audio. The next action that is not a stream must then be an input.',
      { default: false },
    ),
    loop: describe({ type: 'integer', minimum: 0 }, 'How many times the audio plays; 0 repeats it until the call ends.', { default: 1 }),
  },
  ['streamUrl'],
  'Plays an audio file to the caller.',
);

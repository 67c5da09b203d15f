/**
 * `{{pause}}` / `{{pause ms}}` — a silence. SSML: <break time="…ms"/>; plain text: a mark that
 * joinPlainPauses() turns into a comma where the text does not already pause. The constants and the
 * joining are the router runtime's (compiler/router/runtime/helpers/pause.mts, render.mts): the same code
 * at build time and in the router.
 */
import { PAUSE_DEFAULT_MS, PAUSE_MAX_MS, PAUSE_MIN_MS, PLAIN_PAUSE_MARK, pauseMsOf } from '../../../router/runtime/helpers/pause.mjs';
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';

export {
  joinPlainPauses,
  PAUSE_DEFAULT_MS,
  PAUSE_MAX_MS,
  PAUSE_MIN_MS,
  PLAIN_PAUSE_MARK,
  PLAIN_TEXT_PAUSE,
  pauseMsOf,
} from '../../../router/runtime/helpers/pause.mjs';

/** From this length on, a plain-text comma is noticeably shorter than asked: warn. */
export const PAUSE_PLAIN_TEXT_WARN_MS = 1_000;

export const pause: HelperSpec = {
  name: 'pause',
  minArgs: 0,
  maxArgs: 1,
  usage: '{{pause}} or {{pause 1500}}',
  format(args, env): HelperOutcome {
    const ms = args.length === 0 ? PAUSE_DEFAULT_MS : pauseMsOf(args[0]);
    if (ms === undefined) {
      return problem(
        `pause needs a length in milliseconds from ${PAUSE_MIN_MS} to ${PAUSE_MAX_MS}, but got ${describeValue(args[0])}.`,
        'Write a whole number of milliseconds, e.g. {{pause 1500}} for a second and a half, or {{pause}} for half a second.',
      );
    }
    if (env.ssml) return { kind: 'markup', value: `<break time="${ms}ms"/>` };
    if (ms < PAUSE_PLAIN_TEXT_WARN_MS) return { kind: 'text', value: PLAIN_PAUSE_MARK };
    return {
      kind: 'text',
      value: PLAIN_PAUSE_MARK,
      warning: {
        code: 'template/pause-plain-text',
        severity: 'warning',
        message: `In plain text a pause is only a short comma pause, not ${ms} ms.`,
        hint: 'Start the text with <speak> and end it with </speak> to get a pause of exactly that length.',
      },
    };
  },
};

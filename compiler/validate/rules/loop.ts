/**
 * NCCO reference › Talk/Stream, loop: "Set to 0 to loop infinitely." Talk and stream are synchronous unless
 * bargeIn is in force, so the actions after an endless loop never run (a warning: it may be intended, e.g. hold
 * music, but then the later actions are dead).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { finding } from '../codes.js';
import { lenientBoolean, lenientNumber } from '../values.js';
import { bargeInState } from './barge-in.js';
import { forEachAction, type NccoRule } from './rule.js';

export const unreachableAfterLoop: NccoRule = {
  name: 'unreachable-after-loop',
  codes: ['ncco/unreachable-after-loop'],
  check(ncco) {
    const out: Diagnostic[] = [];
    const bargeIn = bargeInState(ncco);
    forEachAction(ncco, ['talk', 'stream'], (action, i) => {
      if (i === ncco.length - 1 || lenientNumber(action.loop) !== 0) return;
      // With bargeIn in force the caller can interrupt the loop, and the following input runs.
      if (bargeIn[i] !== undefined || lenientBoolean(action.bargeIn) === true) return;
      const rest = ncco.length - 1 - i;
      out.push(
        finding(
          'ncco/unreachable-after-loop',
          `/${i}/loop`,
          `This ${String(action.action)} repeats forever (loop 0), so the ${rest === 1 ? 'action after it never runs' : `${rest} actions after it never run`}.`,
          'Give loop a number of repetitions, set bargeIn to true with an input after it, or remove the actions after it.',
        ),
      );
    });
    return out;
  },
};

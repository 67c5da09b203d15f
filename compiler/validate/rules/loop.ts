/**
 * NCCO reference › Talk/Stream, loop: "Set to 0 to loop infinitely." Talk and stream are synchronous unless
 * bargeIn is in force, so the actions after an endless loop never run (a warning: it may be intended, e.g. hold
 * music, but then the later actions are dead).
 */
import { finding } from '../codes.js';
import { actionName, isObject, lenientBoolean, lenientNumber } from '../values.js';
import { bargeInState } from './barge-in.js';
import { sequenceRule } from './rule.js';

export const unreachableAfterLoop = sequenceRule({
  name: 'unreachable-after-loop',
  codes: ['ncco/unreachable-after-loop'],
  check(ncco, _context, out) {
    let bargeIn: (number | undefined)[] | undefined;
    for (let i = 0; i < ncco.length - 1; i++) {
      const action = ncco[i];
      const name = actionName(action);
      if ((name !== 'talk' && name !== 'stream') || !isObject(action) || lenientNumber(action.loop) !== 0) continue;
      // With bargeIn in force the caller can interrupt the loop, and the following input runs.
      bargeIn ??= bargeInState(ncco);
      if (bargeIn[i] !== undefined || lenientBoolean(action.bargeIn) === true) continue;
      const rest = ncco.length - 1 - i;
      out.push(
        finding(
          'ncco/unreachable-after-loop',
          `/${i}/loop`,
          `This ${name} repeats forever (loop 0), so the ${rest === 1 ? 'action after it never runs' : `${rest} actions after it never run`}.`,
          'Give loop a number of repetitions, set bargeIn to true with an input after it, or remove the actions after it.',
        ),
      );
    }
  },
});

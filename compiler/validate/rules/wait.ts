/** `wait` timeout: "Values below 0.1 default to 0.1 and values above 7200 default to 7200" (Node/Java SDK docs). */
import { finding } from '../codes.js';
import { lenientNumber } from '../values.js';
import { actionRule } from './rule.js';

export const waitClamped = actionRule({
  name: 'wait-clamped',
  codes: ['ncco/wait-clamped'],
  actions: ['wait'],
  check(action, i, _context, out) {
    const t = lenientNumber(action.timeout);
    if (t === undefined || (t >= 0.1 && t <= 7200)) return;
    const used = t < 0.1 ? 0.1 : 7200;
    out.push(
      finding(
        'ncco/wait-clamped',
        `/${i}/timeout`,
        `wait timeout ${t} is outside 0.1–7200 seconds; Vonage will wait ${used} seconds instead.`,
        `Use a timeout between 0.1 and 7200, e.g. ${used}.`,
      ),
    );
  },
});

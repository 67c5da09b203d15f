/** `wait` timeout: "Values below 0.1 default to 0.1 and values above 7200 default to 7200" (Node/Java SDK docs). */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { finding } from '../codes.js';
import { lenientNumber } from '../values.js';
import { forEachAction, type NccoRule } from './rule.js';

export const waitClamped: NccoRule = {
  name: 'wait-clamped',
  codes: ['ncco/wait-clamped'],
  check(ncco) {
    const out: Diagnostic[] = [];
    forEachAction(ncco, 'wait', (action, i) => {
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
    });
    return out;
  },
};

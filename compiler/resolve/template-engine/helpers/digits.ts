/**
 * `{{digits value}}` — read a number digit by digit (account numbers, codes, phone numbers), phone numbers
 * in the groups people of the locale use. The formatting itself is the router runtime's
 * (compiler/router/runtime/helpers/digits.mts): the same code at build time and in the router.
 */
import { digitsAsSsml, digitsAsText, digitsOf } from '../../../router/runtime/helpers/digits.mjs';
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';

export { digitsAsSsml, digitsAsText, digitsOf, phoneGroups, type DigitGroup } from '../../../router/runtime/helpers/digits.mjs';

export const digits: HelperSpec = {
  name: 'digits',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{digits value}}',
  format(args, env): HelperOutcome {
    const d = digitsOf(args[0]);
    if (d === undefined) {
      return problem(
        `digits needs a whole number or a text made of digits, but got ${describeValue(args[0])}.`,
        'Use digits 0-9 only (spaces or hyphens between groups are fine); write long numbers or numbers with leading zeros in quotes, e.g. "0042".',
      );
    }
    return env.ssml ? { kind: 'markup', value: digitsAsSsml(d, env.locale) } : { kind: 'text', value: digitsAsText(d, env.locale) };
  },
};

/**
 * `{{money amount}}` — a USD amount in words TTS reads well ("42 dollars and 50 cents"). The wording is
 * the router runtime's (compiler/router/runtime/helpers/money.mts): the same code at build time and in
 * the router.
 */
import { amountInWords, parseAmount } from '../../../router/runtime/helpers/money.mjs';
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';
import { LOCALE_HINT, localeProblemMessage, resolveLocale } from './locale.js';

export { amountInWords, moneyWords, parseAmount, type Amount } from '../../../router/runtime/helpers/money.mjs';

export const money: HelperSpec = {
  name: 'money',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{money amount}}',
  format(args, env): HelperOutcome {
    const amount = parseAmount(args[0]);
    if (amount === undefined) {
      return problem(
        `money needs an amount in dollars like 42.50, but got ${describeValue(args[0])}.`,
        'Use a number that is not negative, with at most 2 decimals and no currency sign or thousands separator, e.g. 1234.50.',
      );
    }
    const locale = resolveLocale(env.locale);
    if (locale === undefined) return problem(localeProblemMessage(env.locale), LOCALE_HINT, 'template/locale');
    return { kind: 'text', value: amountInWords(amount, locale.tag, locale.language) };
  },
};

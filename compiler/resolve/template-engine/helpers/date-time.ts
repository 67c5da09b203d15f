/**
 * `{{date value}}` / `{{time value}}` — spoken dates and times. The formatting itself is the router
 * runtime's (compiler/router/runtime/helpers/date.mts and time.mts): the same code says a date at build
 * time and in the router. This file adds what only the build needs: the checks and their messages.
 */
import { dateOf, formatDate } from '../../../router/runtime/helpers/date.mjs';
import { formatTime, timeOf } from '../../../router/runtime/helpers/time.mjs';
import { describeValue, problem, type HelperOutcome, type HelperSpec } from './helper-spec.js';
import { LOCALE_HINT, localeProblemMessage, resolveLocale } from './locale.js';

export { dateOf, firstOfMonth, formatDate } from '../../../router/runtime/helpers/date.mjs';
export { formatTime, spanishDayPeriod, timeOf } from '../../../router/runtime/helpers/time.mjs';

export const date: HelperSpec = {
  name: 'date',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{date value}}',
  format(args, env): HelperOutcome {
    const d = dateOf(args[0]);
    if (d === undefined) {
      return problem(
        `date needs a date written year-month-day like 2026-11-21, but got ${describeValue(args[0])}.`,
        'Write the date as YYYY-MM-DD (a real calendar day), e.g. "2026-11-21".',
      );
    }
    const locale = resolveLocale(env.locale);
    if (locale === undefined) return problem(localeProblemMessage(env.locale), LOCALE_HINT, 'template/locale');
    return { kind: 'text', value: formatDate(d, locale.tag) };
  },
};

export const time: HelperSpec = {
  name: 'time',
  minArgs: 1,
  maxArgs: 1,
  usage: '{{time value}}',
  format(args, env): HelperOutcome {
    const t = timeOf(args[0]);
    if (t === undefined) {
      return problem(
        `time needs a time on the 24-hour clock like 14:30, but got ${describeValue(args[0])}.`,
        'Write the time as HH:MM in quotes, e.g. "14:30" or "09:05".',
      );
    }
    const locale = resolveLocale(env.locale);
    if (locale === undefined) return problem(localeProblemMessage(env.locale), LOCALE_HINT, 'template/locale');
    return { kind: 'text', value: formatTime(t, locale.tag, locale.language) };
  },
};

/** Cross-field rules of `input` (NCCO reference › Input; ncco-constraints.md §2.6). */
import { finding } from '../codes.js';
import { actionRule } from './rule.js';

/** mode: "If set to asynchronous, all DTMF settings must be left blank." (Node SDK doc; Java/PHP enforce it) */
export const asyncInputDtmf = actionRule({
  name: 'async-input-dtmf',
  codes: ['ncco/async-input-dtmf'],
  actions: ['input'],
  check(action, i, _context, out) {
    if (action.mode !== 'asynchronous' || action.dtmf === undefined) return;
    out.push(
      finding(
        'ncco/async-input-dtmf',
        `/${i}/dtmf`,
        'An asynchronous input sends each key press as it happens, so it takes no DTMF settings.',
        'Remove "dtmf", or remove "mode": "asynchronous".',
      ),
    );
  },
});

/** Settings for an input type that `type` does not list are ignored by Vonage (Ruby SDK enforces it). */
export const inputSettingsUnused = actionRule({
  name: 'input-settings-unused',
  codes: ['ncco/input-settings-unused'],
  actions: ['input'],
  check(action, i, _context, out) {
    if (!Array.isArray(action.type)) return;
    for (const kind of ['dtmf', 'speech'] as const) {
      if (action[kind] === undefined || action.type.includes(kind)) continue;
      if (kind === 'dtmf' && action.mode === 'asynchronous') continue; // ncco/async-input-dtmf says it
      out.push(
        finding(
          'ncco/input-settings-unused',
          `/${i}/${kind}`,
          `There are "${kind}" settings, but "type" does not list "${kind}", so they are ignored.`,
          `Add "${kind}" to "type", or remove the "${kind}" settings.`,
        ),
      );
    }
  },
});

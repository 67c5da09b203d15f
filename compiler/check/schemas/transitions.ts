/**
 * The `on:` keys each action's webhook can produce (NCCO reference: input, pay, connect, notify) and a lookup's results, with
 * what each one means. One table for the build (lower/flow-graph.ts), the flow schema and the editor
 * schemas, so a new transition key is known to all three at once.
 */

/** Keys the caller presses on an input: up to 20 of 0–9, * and #. */
export const digitKeyPattern = '^[0-9*#]{1,20}$';

export interface ActionTransitions {
  /** Named keys → what they mean (hover text). */
  keys: Readonly<Record<string, string>>;
  /** The action also routes on the keys the caller pressed (`"1"`, `"22"`, `"*"`). */
  digits?: boolean;
  /** The keys in plain words, for hints. */
  help: string;
}

export const transitionsByAction: Readonly<Record<string, ActionTransitions>> = {
  input: {
    digits: true,
    keys: {
      timeout: 'The caller pressed nothing and said nothing.',
      default: 'Anything else: other keys, or words that match no target; also silence when there is no timeout.',
      stored: 'With store: what the caller entered fitted the data and was stored.',
      invalid: 'With store: what the caller entered did not fit the data (too short, too long, out of range, not one of the values).',
    },
    help: 'digits the caller presses (e.g. "1"), timeout or default (stored and invalid with store:)',
  },
  pay: {
    keys: {
      success: 'The payment went through.',
      failure: 'The payment did not go through (wrong card data, or nothing entered after the repeated prompt).',
    },
    help: 'success or failure',
  },
  connect: {
    keys: {
      busy: 'The line was busy.',
      unanswered: 'Nobody answered.',
      failed: 'The call could not be connected.',
      rejected: 'The call was rejected.',
      timeout: 'It rang for longer than the timeout.',
      default: 'Any of these outcomes you did not list.',
    },
    help: 'busy, unanswered, failed, rejected, timeout or default',
  },
  notify: {
    keys: { default: 'The notification was sent: continue the call here.' },
    help: 'default',
  },
  // Not an NCCO action: a step's `lookup:` (docs/format.md, "Lookups"); all three results are required.
  lookup: {
    keys: {
      found: 'The lookup found what it looks for: its output is stored.',
      'not-found': 'The lookup found nothing.',
      failed: 'The lookup failed, took longer than its timeout, or answered something that does not fit its output.',
    },
    help: 'found, not-found and failed',
  },
};

/** Every named key of any action. */
export const transitionKeys: readonly string[] = [...new Set(Object.values(transitionsByAction).flatMap((t) => Object.keys(t.keys)))];

/** True when `key` is a result `action` can report. */
export function isTransitionKey(action: string, key: string): boolean {
  const t = transitionsByAction[action];
  if (!t) return false;
  return Object.hasOwn(t.keys, key) || (t.digits === true && new RegExp(digitKeyPattern).test(key));
}

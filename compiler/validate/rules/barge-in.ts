/**
 * NCCO reference › Talk/Stream, bargeIn: "If you set bargeIn to true the next non-talk action in the NCCO stack
 * must be an input action … Once bargeIn is set to true it will stay true (even if bargeIn: false is set in a
 * following action) until an input action is encountered." Reported once per chain, at the bargeIn that opens it.
 */
import { finding } from '../codes.js';
import { actionName, isObject, lenientBoolean } from '../values.js';
import { sequenceRule } from './rule.js';

/** Index of the action whose bargeIn is still in force before each action (undefined: none). */
export function bargeInState(ncco: readonly unknown[]): (number | undefined)[] {
  const state: (number | undefined)[] = [];
  let open: number | undefined;
  for (let i = 0; i < ncco.length; i++) {
    state.push(open);
    const item = ncco[i];
    const name = actionName(item);
    if ((name === 'talk' || name === 'stream') && isObject(item)) {
      if (open === undefined && lenientBoolean(item.bargeIn) === true) open = i;
    } else {
      open = undefined;
    }
  }
  return state;
}

export const bargeInWithoutInput = sequenceRule({
  name: 'bargein-without-input',
  codes: ['ncco/bargein-without-input'],
  check(ncco, _context, out) {
    const report = (opener: number, next: number): void => {
      const what =
        next < ncco.length ? `the next action that is not talk or stream is "${actionName(ncco[next]) ?? '?'}"` : 'no input action follows';
      out.push(
        finding(
          'ncco/bargein-without-input',
          `/${opener}/bargeIn`,
          `bargeIn is true, so an input action must come next (after any further talk or stream), but ${what}.`,
          'Add an input action right after the talk/stream actions, or set bargeIn to false.',
        ),
      );
    };
    let open: number | undefined;
    for (let i = 0; i < ncco.length; i++) {
      const item = ncco[i];
      const name = actionName(item);
      if (name === 'talk' || name === 'stream') {
        if (open === undefined && isObject(item) && lenientBoolean(item.bargeIn) === true) open = i;
      } else {
        if (open !== undefined && name !== 'input') report(open, i);
        open = undefined;
      }
    }
    if (open !== undefined) report(open, ncco.length);
  },
});

/**
 * NCCO reference › Talk: "If you set bargeIn to true the next non-talk action in the NCCO stack must be an input
 * action"; › Stream: "the next non-stream action … must be an input action". So a talk with bargeIn may only be
 * followed by more talks before the input, and a stream with bargeIn by more streams: a stream after a talk (or a
 * talk after a stream) breaks the chain the reference describes. Reported at the action that breaks it.
 */
export const bargeInMixed = sequenceRule({
  name: 'bargein-mixed',
  codes: ['ncco/bargein-mixed'],
  check(ncco, _context, out) {
    let open: { index: number; kind: string } | undefined;
    for (let i = 0; i < ncco.length; i++) {
      const item = ncco[i];
      const name = actionName(item);
      if (name !== 'talk' && name !== 'stream') {
        open = undefined;
        continue;
      }
      if (open !== undefined && name !== open.kind) {
        out.push(
          finding(
            'ncco/bargein-mixed',
            `/${i}`,
            `The ${open.kind} at position ${open.index + 1} has bargeIn, so the reference wants the input next (after more ${open.kind} actions only), but this ${name} comes first.`,
            `Move the ${name} before the ${open.kind} with bargeIn, or into its own step.`,
          ),
        );
        open = undefined;
        continue;
      }
      if (open === undefined && isObject(item) && lenientBoolean(item.bargeIn) === true) open = { index: i, kind: name };
    }
  },
});

/**
 * Lints `ivr/silence-not-handled` and `ivr/unlisted-input-not-handled`: every input says what happens when the
 * caller says nothing (`timeout`) and when they press or say something not listed (`default`). VoiceXML calls
 * these noinput and nomatch and has a handler for each; callers need different help for each ("I didn't hear
 * anything" is not "that is not one of the choices"). Without `timeout` the router treats silence as unlisted
 * input; without `default` it plays the step again without a word of explanation (docs/router.md).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type FlowCheckInput, findingAt, inputSteps } from './flow-view.js';

export function checkUnhandledInput({ resolved }: FlowCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { step, input, on } of inputSteps(resolved.expanded)) {
    const hasTimeout = Object.hasOwn(on.targets, 'timeout');
    // An input that stores what the caller enters sends whatever does not fit to `invalid`.
    const hasDefault = Object.hasOwn(on.targets, 'default') || (input.store !== undefined && Object.hasOwn(on.targets, 'invalid'));
    if (!hasTimeout) {
      out.push(
        findingAt(
          {
            code: 'ivr/silence-not-handled',
            severity: 'warning',
            message: hasDefault
              ? `Step "${step}" does not say what happens when the caller says nothing: silence is taken as a wrong key.`
              : `Step "${step}" does not say what happens when the caller says nothing: the step is played again for as long as the caller stays silent.`,
            hint: 'Add timeout: <step>, e.g. a step that asks again once, then ends the call or reaches a person.',
          },
          on.file,
          on.pointer,
        ),
      );
    }
    if (!hasDefault) {
      out.push(
        findingAt(
          {
            code: 'ivr/unlisted-input-not-handled',
            severity: 'warning',
            message: `Step "${step}" does not say what happens when the caller presses or says something not listed: the step is played again without a word of explanation.`,
            hint: 'Add default: <step>, e.g. a step that says "Sorry, that is not one of the choices" and asks again.',
          },
          on.file,
          on.pointer,
        ),
      );
    }
  }
  return out;
}

/**
 * Keys a caller can never press, and menus that keep a caller waiting. NCCO reference › Input: `type` lists
 * what the input listens for (dtmf, speech); dtmf.maxDigits (1–20, default 4) is how many keys it collects,
 * and it waits dtmf.timeOut seconds (default 3) or for # before it reports them.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { isObject, lenientNumber } from '../validate/values.js';
import { type FlowCheckInput, findingAt, inputSteps, optionsPointer } from './flow-view.js';

/** NCCO reference › Input › DTMF: maxDigits defaults to 4. */
export const defaultMaxDigits = 4;

const hasWords = (speech: unknown): boolean =>
  Array.isArray(speech) ? speech.length > 0 : isObject(speech) && Object.values(speech).some((w) => Array.isArray(w) && w.length > 0);

export function checkInputKeys({ doc, resolved }: FlowCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const firstLocale = resolved.locales.get(doc.locales[0] ?? '');
  for (const { step, input, on, choices } of inputSteps(resolved.expanded)) {
    // The options as rendered (maxDigits may be a template parameter); the same in every locale.
    const options = firstLocale?.get(step)?.at(-1)?.options ?? input.body;
    const types = Array.isArray(options.type) ? (options.type as unknown[]) : [];
    const dtmf = isObject(options.dtmf) ? options.dtmf : {};
    const maxDigits = lenientNumber(dtmf.maxDigits) ?? defaultMaxDigits;
    const listensForKeys = types.includes('dtmf');
    for (const choice of choices) {
      const p = joinPointer(on.pointer, choice.key);
      if (!listensForKeys) {
        if (hasWords(choice.speech) || !types.includes('speech')) continue;
        out.push(
          findingAt(
            {
              code: 'flow/keys-on-speech-only',
              severity: 'error',
              message: `The input of step "${step}" only listens for speech, so nobody can press "${choice.key}", and this choice has no speech words: it can never be taken.`,
              hint: `Add dtmf to the input (type: [dtmf, speech]), or give "${choice.key}" words: { goto: ${choice.goto}, speech: [...] }.`,
            },
            on.file,
            p,
          ),
        );
        continue;
      }
      if (choice.key.length > maxDigits) {
        out.push(
          findingAt(
            {
              code: 'flow/key-never-pressed',
              severity: 'error',
              message: `The input of step "${step}" collects at most ${maxDigits} key${maxDigits === 1 ? '' : 's'} (maxDigits${dtmf.maxDigits === undefined ? ', by default' : ''}), so "${choice.key}" can never be pressed.`,
              hint: `Set dtmf: { maxDigits: ${choice.key.length} } on the input, or use a key of at most ${maxDigits} digit${maxDigits === 1 ? '' : 's'}.`,
            },
            on.file,
            p,
          ),
        );
      }
    }
    const oneKeyMenu = listensForKeys && choices.length > 0 && choices.every((c) => c.key.length === 1);
    if (oneKeyMenu && lenientNumber(dtmf.maxDigits) === undefined) {
      const at = isObject(input.body.dtmf) ? joinPointer(optionsPointer(input), 'dtmf') : optionsPointer(input);
      out.push(
        findingAt(
          {
            code: 'flow/one-key-without-max-digits',
            severity: 'warning',
            message: `Every choice of step "${step}" is one key, but the input waits for up to ${defaultMaxDigits} keys (maxDigits is not set): after each key press the caller waits ${lenientNumber(dtmf.timeOut) ?? 3} seconds in silence.`,
            hint: "Add maxDigits: 1 to the input's dtmf settings, e.g. dtmf: { maxDigits: 1, timeOut: 5 }.",
          },
          input.file,
          at,
          'key',
          input.related,
        ),
      );
    }
  }
  return out;
}

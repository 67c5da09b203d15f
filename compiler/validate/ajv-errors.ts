/**
 * Turns ajv's raw errors for one action into findings a non-developer can act on: one finding per problem,
 * with the JSON pointer of the offending value (or of the object that misses a required key).
 *
 * Leniency (ncco-constraints.md §1, §6.35): Vonage accepts numbers and booleans written as strings, and the
 * official examples do it ("timeout": "45", "bargeIn": "true"). Such a `type` error becomes a warning, and the
 * number is then checked against the same limits the schema sets (a string "2" for endOnSilence is still out
 * of range).
 */
import type { AnySchemaObject, ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean, didYouMeanText } from '../diagnostics/did-you-mean.js';
import { parsePointer, toPointer } from '../diagnostics/json-pointer.js';
import { finding } from './codes.js';
import { formats, isFormatName } from './formats.js';
import { legacyInputOptions } from './schemas/input.js';
import { describeValue, isObject, lenientBoolean, lenientNumber } from './values.js';

/** Allowed values (strings, numbers) as JSON. */
const quote = (v: unknown): string => JSON.stringify(v) ?? String(v);

const typeWords: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  string: 'text in quotes',
  array: 'a list in square brackets [ ]',
  object: 'an object in curly braces { }',
  null: 'null',
};

/** How a value is named in messages: `"maxDigits"`, or `Item 2 of "eventUrl"`. */
function label(path: readonly string[]): string {
  const named = path.filter((seg) => !/^\d+$/.test(seg));
  const last = path[path.length - 1];
  const name = named[named.length - 1];
  if (name === undefined) return 'This value';
  const base = `"${name}"`;
  return last !== undefined && /^\d+$/.test(last) ? `Item ${Number(last) + 1} of ${base}` : base;
}

/** "The talk action", "The phone endpoint of the connect action", "\"dtmf\" in the input action". */
function place(path: readonly string[], action: string, data: unknown): string {
  if (path.length === 0) return `The ${action} action`;
  const last = path[path.length - 1]!;
  const parent = path[path.length - 2];
  const kind = isObject(data) && typeof data.type === 'string' ? `${data.type} ` : '';
  if (/^\d+$/.test(last) && parent === 'endpoint') return `The ${kind}endpoint of the ${action} action`;
  if (/^\d+$/.test(last) && parent === 'prompts') return `The ${kind}prompt of the ${action} action`;
  return `${label(path)} in the ${action} action`;
}

const properties = (schema: unknown): string[] => (isObject(schema) && isObject(schema.properties) ? Object.keys(schema.properties) : []);

function rangeText(schema: AnySchemaObject): string {
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  const exMin = schema.exclusiveMinimum as number | undefined;
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (exMin !== undefined) return `more than ${exMin}`;
  if (min !== undefined) return `${min} or more`;
  if (max !== undefined) return `${max} or less`;
  return 'in range';
}

function outOfRange(n: number, schema: AnySchemaObject): boolean {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  return (
    (minimum !== undefined && n < minimum) ||
    (maximum !== undefined && n > maximum) ||
    (exclusiveMinimum !== undefined && n <= exclusiveMinimum) ||
    (exclusiveMaximum !== undefined && n >= exclusiveMaximum)
  );
}

function rangeFinding(pointer: string, path: readonly string[], n: number, schema: AnySchemaObject): Diagnostic {
  return finding(
    'ncco/range',
    pointer,
    `${label(path)} must be ${rangeText(schema)}, but it is ${n}.`,
    `Use a value ${rangeText(schema)}.`,
  );
}

/** An unfilled template value such as VONAGE_NUMBER where a number or address belongs. */
const capsPlaceholder = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{3,}$/;

function typeError(e: ErrorObject, pointer: string, path: readonly string[]): Diagnostic[] {
  const expected = ([] as string[]).concat(e.params.type as string | string[]);
  const data: unknown = e.data;
  const schema = e.parentSchema ?? {};
  if (typeof data === 'string') {
    const wantsNumber = expected.includes('number') || expected.includes('integer');
    const n = wantsNumber ? lenientNumber(data) : undefined;
    if (n !== undefined && (expected.includes('number') || Number.isInteger(n))) {
      const out = [
        finding(
          'ncco/string-number',
          pointer,
          `${label(path)} is the number ${n} written as text (${quote(data)}). Vonage accepts it, but it should be a number.`,
          `Remove the quotes: ${n}.`,
        ),
      ];
      if (outOfRange(n, schema)) out.push(rangeFinding(pointer, path, n, schema));
      return out;
    }
    const b = expected.includes('boolean') ? lenientBoolean(data) : undefined;
    if (b !== undefined) {
      return [
        finding(
          'ncco/string-boolean',
          pointer,
          `${label(path)} is ${b} written as text (${quote(data)}). Vonage accepts it, but it should be true or false without quotes.`,
          `Remove the quotes: ${b}.`,
        ),
      ];
    }
  }
  const want = expected.map((t) => typeWords[t] ?? t).join(' or ');
  let hint: string | undefined;
  if (expected.includes('array') && typeof data === 'string') {
    hint = `Put it in a list: [${data.length <= 60 ? JSON.stringify(data) : '"…"'}].`;
  } else if (expected.includes('array') && isObject(data)) {
    hint = 'Put it in a list: [ { … } ].';
  } else if (expected.includes('string') && typeof data === 'number') {
    // The value as read, not as written: YAML already dropped a leading 0 or +.
    hint = `Put it in quotes exactly as you wrote it (read as a number it became ${String(data)}: leading zeros and a + are lost).`;
  } else if (expected.includes('string') && typeof data === 'boolean') {
    hint = `Put it in quotes: "${String(data)}".`;
  } else if (expected.includes('boolean') && typeof data === 'string') {
    // YAML 1.2 reads yes, no, on and off as text.
    hint = 'Write true or false, without quotes.';
  } else if ((expected.includes('number') || expected.includes('integer')) && typeof data === 'string') {
    hint = 'Write a number without quotes or units, e.g. 5.';
  }
  return [finding('ncco/type', pointer, `${label(path)} must be ${want}, but it is ${describeValue(data)}.`, hint)];
}

/** Translates the errors of one action; `base` is the action's pointer ("/3"). */
export function translateAjvErrors(errors: readonly ErrorObject[], action: string, base: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const path = parsePointer(e.instancePath);
    const pointer = base + e.instancePath;
    const parent = e.parentSchema ?? {};
    switch (e.keyword) {
      case 'additionalProperties': {
        const name = String(e.params.additionalProperty);
        const at = pointer + toPointer([name]);
        const known = properties(parent).filter((p) => p !== 'action');
        if (action === 'input' && path.length === 0 && legacyInputOptions.includes(name)) {
          out.push(
            finding(
              'ncco/legacy-input-option',
              at,
              `"${name}" belongs inside "dtmf" now: the input action no longer takes it at the top level.`,
              `Move it into the DTMF settings and list the input type: "type": ["dtmf"], "dtmf": { "${name}": … }.`,
            ),
          );
        } else {
          out.push(
            finding(
              'ncco/unknown-option',
              at,
              `${place(path, action, e.data)} has no option "${name}".${didYouMeanText(name, known)}`,
              known.length > 0 ? `Known options here: ${known.join(', ')}.` : undefined,
            ),
          );
        }
        break;
      }
      case 'required': {
        const missing = String(e.params.missingProperty);
        // A missing endpoint/authorization `type` is reported once, here; the discriminator error is skipped.
        out.push(
          finding(
            'ncco/required',
            pointer,
            `${place(path, action, e.data)} needs "${missing}".`,
            requiredHints[`${action}.${missing}`] ?? `Add "${missing}".`,
          ),
        );
        break;
      }
      case 'type':
        out.push(...typeError(e, pointer, path));
        break;
      case 'enum':
      case 'const': {
        const allowed = (e.keyword === 'enum' ? e.params.allowedValues : [e.params.allowedValue]) as unknown[];
        const suggestion = typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : undefined;
        out.push(
          finding(
            'ncco/enum',
            pointer,
            `${label(path)} must be ${allowed.length === 1 ? quote(allowed[0]) : `one of ${allowed.map(quote).join(', ')}`}, but it is ${describeValue(e.data)}.` +
              (suggestion !== undefined ? ` Did you mean "${suggestion}"?` : ''),
            suggestion !== undefined ? `Write "${suggestion}".` : undefined,
          ),
        );
        break;
      }
      case 'discriminator': {
        const tagName = String(e.params.tag);
        const tagPointer = pointer + toPointer([tagName]);
        const tagValue = isObject(e.data) ? e.data[tagName] : undefined;
        if (e.params.error === 'mapping') {
          const oneOf = Array.isArray(parent.oneOf) ? (parent.oneOf as unknown[]) : [];
          const allowed = oneOf.map((s) =>
            isObject(s) && isObject(s.properties) && isObject(s.properties[tagName]) ? String(s.properties[tagName].const) : '',
          );
          out.push(
            finding(
              'ncco/enum',
              tagPointer,
              `${label([...path, tagName])} must be one of ${allowed.map(quote).join(', ')}, but it is ${describeValue(tagValue)}.` +
                didYouMeanText(String(tagValue), allowed),
            ),
          );
        } else if (tagValue !== undefined) {
          out.push(
            finding('ncco/type', tagPointer, `${label([...path, tagName])} must be text in quotes, but it is ${describeValue(tagValue)}.`),
          );
        }
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        out.push(rangeFinding(pointer, path, e.data as number, parent));
        break;
      case 'minItems':
      case 'maxItems': {
        const min = parent.minItems as number | undefined;
        const max = parent.maxItems as number | undefined;
        const count = Array.isArray(e.data) ? e.data.length : 0;
        const want =
          min !== undefined && min === max
            ? `exactly ${min} item${min === 1 ? '' : 's'}`
            : e.keyword === 'minItems'
              ? `at least ${min} item${min === 1 ? '' : 's'}`
              : `at most ${max} item${max === 1 ? '' : 's'}`;
        out.push(
          finding(
            'ncco/array-length',
            pointer,
            `${label(path)} must have ${want}, but it has ${count}.`,
            arrayHints[path[path.length - 1] ?? ''],
          ),
        );
        break;
      }
      case 'uniqueItems': {
        const later = Math.max(Number(e.params.i), Number(e.params.j));
        out.push(
          finding(
            'ncco/duplicate-item',
            `${pointer}/${later}`,
            `${label([...path, String(later)])} repeats an earlier item.`,
            'List each value once.',
          ),
        );
        break;
      }
      case 'minLength':
        out.push(finding('ncco/empty-value', pointer, `${label(path)} must not be empty.`));
        break;
      case 'maxLength':
        out.push(finding('ncco/format', pointer, `${label(path)} must be at most ${String(e.params.limit)} characters long.`));
        break;
      case 'format': {
        const name = String(e.params.format);
        const info = isFormatName(name) ? formats[name] : undefined;
        const data = typeof e.data === 'string' ? e.data : '';
        if (capsPlaceholder.test(data)) {
          out.push(
            finding(
              'ncco/placeholder',
              pointer,
              `${label(path)} is ${quote(data)}, which looks like a placeholder that was never filled in.`,
              `Replace it with the real value: ${info?.expected ?? 'see the NCCO reference'}.`,
            ),
          );
        } else {
          out.push(
            finding(
              'ncco/format',
              pointer,
              `${label(path)} must be ${info?.expected ?? `in the "${name}" format`}, but it is ${describeValue(e.data)}.`,
              info?.hint,
            ),
          );
        }
        break;
      }
      default:
        // Every keyword the schemas use is handled above; anything else still becomes one finding.
        out.push(finding('ncco/format', pointer, `${label(path)} is not valid: ${e.message ?? e.keyword}.`));
    }
  }
  return out;
}

const requiredHints: Readonly<Record<string, string>> = {
  'input.type': 'Say which input to collect: "type": ["dtmf"], ["speech"] or ["dtmf", "speech"].',
  'connect.endpoint': 'Add the endpoint to call, e.g. "endpoint": [{ "type": "phone", "number": "447700900001" }].',
  'talk.text': 'Add the text to speak: "text": "…".',
  'stream.streamUrl': 'Add the audio file to play: "streamUrl": ["https://example.com/audio.mp3"].',
  'notify.eventUrl': 'Add where to send the payload: "eventUrl": ["https://example.com/webhooks/notify"].',
  'notify.payload': 'Add the JSON object to send: "payload": { … }.',
  'pay.amount': 'Add the amount to charge, e.g. "amount": 9.99.',
  'pay.errors': 'Add the error messages of the prompt, e.g. "errors": { "Timeout": { "text": "…" } }.',
  'pay.text': 'Add the text to speak, e.g. "text": "Please enter your card number".',
  'pay.type': 'Say which prompt this is: "CardNumber", "ExpirationDate" or "SecurityCode".',
  'conversation.name': 'Name the conversation: "name": "my-conference".',
  'transfer.conversationId': 'Add the id of the conversation to move the call into: "conversationId": "CON-…".',
};

const arrayHints: Readonly<Record<string, string>> = {
  eventUrl: 'Give exactly one address: "eventUrl": ["https://example.com/webhooks/event"].',
  streamUrl: 'Give exactly one audio file: "streamUrl": ["https://example.com/audio.mp3"].',
  musicOnHoldUrl: 'Give exactly one audio file: "musicOnHoldUrl": ["https://example.com/hold.mp3"].',
  uuid: 'Give exactly one call leg id: "uuid": ["aaaaaaaa-bbbb-cccc-dddd-0123456789ab"].',
  type: 'List "dtmf", "speech" or both.',
};

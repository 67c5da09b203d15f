/** Pieces shared by the authoring-format schemas (docs/format.md). */

export const nccoActionNames = [
  'talk',
  'stream',
  'input',
  'record',
  'conversation',
  'connect',
  'notify',
  'pay',
  'wait',
  'transfer',
] as const;
export type NccoActionName = (typeof nccoActionNames)[number];

export const namePattern = '^[a-z0-9][a-z0-9-]*$';
export const stepNamePattern = '^[A-Za-z0-9][A-Za-z0-9_-]*$';
/** BCP-47 as Vonage uses it: en-US, es-US, cmn-CN, en-GB-WLS. */
export const localePattern = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
/** E.164 without "+" (NCCO reference: connect phone endpoint `number`). */
export const numberPattern = '^[1-9][0-9]{6,14}$';

export const localeSchema = {
  type: 'string',
  pattern: localePattern,
  'x-hint': 'Write a language tag such as en-US, es-US or fr-CA.',
} as const;

/** Vars, template params and `with:` values: plain data. */
export const plainValueSchema = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array' }],
  'x-hint': 'Write a value: a text, a number, true or false, a list or a map (~ and null are no value), e.g. company: Acme Energy.',
} as const;

/** Names of call data, lookup fields and lookups: letters, digits and _ (they become names in the router's types). */
export const dataNamePattern = '^[A-Za-z_][A-Za-z0-9_]*$';

/**
 * One piece of call data (docs/format.md, "Call data"): a type name, or a map with the type and its limits.
 * Type names and which limits go with which type are checked by resolve/call-data/data-types.ts (with a
 * did-you-mean); the schema lists them for editors.
 */
export const dataDeclarationSchema = {
  type: ['string', 'object'],
  'x-hint': 'Write its type, e.g. `date` or `digits`, or a map such as `{ type: digits, length: 8 }`.',
  examples: ['text', 'digits', 'number', 'money', 'date', 'time', 'boolean', { type: 'one-of', values: ['gas', 'electricity'] }],
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: {
      type: 'string',
      examples: ['text', 'digits', 'number', 'money', 'date', 'time', 'boolean', 'one-of'],
      description: 'What kind of value it is: text, digits, number, money, date, time, boolean or one-of.',
    },
    length: { type: 'integer', description: 'digits: exactly this many digits.' },
    min: { type: 'number', description: 'digits: at least this many digits; number and money: the smallest value.' },
    max: {
      type: 'number',
      description: 'text: at most this many characters; digits: at most this many digits; number and money: the largest value.',
    },
    integer: { type: 'boolean', description: 'number: whole numbers only.' },
    values: { type: 'array', items: { type: 'string' }, description: 'one-of: the words the value can be.' },
    optional: {
      type: 'boolean',
      description: 'true: the value may be missing; every use then needs a fallback ({{#if}} or a default).',
    },
    default: { type: ['string', 'number', 'boolean'], description: 'The value used while the call has none (so it is never missing).' },
    description: { type: 'string', description: 'What the value is, for the people who read the flow.' },
  },
  description: 'A type (e.g. `dueDate: date`) or a map with the type and its limits (e.g. `account: { type: digits, length: 8 }`).',
} as const;

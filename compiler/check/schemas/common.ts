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
} as const;

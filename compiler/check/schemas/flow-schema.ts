/** JSON Schema of a flow file (flows/**\/*.flow.yaml), format v1 — docs/format.md. */
import {
  dataDeclarationSchema,
  dataNamePattern,
  localeSchema,
  nccoActionNames,
  namePattern,
  numberPattern,
  plainValueSchema,
  stepNamePattern,
} from './common.js';
import { digitKeyPattern, transitionKeys } from './transitions.js';

const targetProperties = {
  goto: { type: 'string', pattern: stepNamePattern, description: 'The step to go to.' },
  locale: { ...localeSchema, description: 'Continue in this locale (switch language mid-call).' },
  flow: { type: 'string', pattern: namePattern, description: 'Continue in another flow: `goto` is a step of that flow.' },
} as const;

/** Where `then:` of an attempt limit goes: a step, or { goto, locale, flow }. */
const plainTargetSchema = {
  anyOf: [
    { type: 'string', pattern: stepNamePattern },
    { type: 'object', required: ['goto'], additionalProperties: false, properties: targetProperties },
  ],
  'x-hint': 'Name a step, e.g. `agent`, or write { goto: step, locale: es-US, flow: other-flow }.',
} as const;

const limitProperties = {
  max: {
    type: 'integer',
    minimum: 1,
    maximum: 100,
    description: 'Attempt limit: go to `goto` at most this many times in a call, then to `then`.',
  },
  then: { ...plainTargetSchema, description: 'Where the call goes once `max` is used up.' },
} as const;

const speechWordList = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } as const;

const targetSchema = {
  anyOf: [
    { type: 'string', pattern: stepNamePattern },
    {
      type: 'object',
      required: ['goto'],
      additionalProperties: false,
      // An attempt limit is both or neither: one alone was dropped without a word (the loop then unbounded).
      dependencies: { max: ['then'], then: ['max'] },
      properties: {
        ...targetProperties,
        speech: {
          anyOf: [
            speechWordList,
            {
              type: 'object',
              minProperties: 1,
              propertyNames: { ...localeSchema, 'x-hint': 'Key the words by locale, e.g. en-US: [billing], es-US: [factura].' },
              additionalProperties: speechWordList,
            },
          ],
          description:
            'Words or phrases the caller may say instead of pressing the keys: one list for every locale, or a list per locale ({ en-US: [billing], es-US: [factura] }).',
          'x-hint': 'Write speech: [billing, bill] or, per locale, speech: { en-US: [billing], es-US: [factura] }.',
        },
        ...limitProperties,
      },
    },
  ],
  'x-hint':
    'A transition names a step, e.g. `pay-now`, or is { goto: step, locale: es-US, flow: other-flow, speech: [words], max: 3, then: step }.',
} as const;

const onSchema = {
  type: 'object',
  minProperties: 1,
  propertyNames: {
    anyOf: [{ pattern: digitKeyPattern }, { enum: [...transitionKeys] }],
    'x-hint': `Use the keys the caller presses (e.g. "1"), or one of: ${transitionKeys.join(', ')}.`,
  },
  additionalProperties: targetSchema,
  description: 'Where the call goes next, by the result of this action.',
} as const;

const actionProperties = Object.fromEntries(
  nccoActionNames.map((name) => [
    name,
    { type: 'object', description: `The NCCO \`${name}\` action; its options as in the NCCO reference.` },
  ]),
);

export const stepItemSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    ...actionProperties,
    use: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9/_-]*$', description: 'A template from templates/<name>.yaml.' },
    with: { type: 'object', additionalProperties: plainValueSchema, description: 'Parameters of the template.' },
    on: onSchema,
    minConfidence: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description:
        'With `on:` on an input that listens for speech: a speech result less confident than this (0 to 1) is ignored, as if the caller said nothing that matched.',
    },
  },
  'x-hint':
    'Each item of a step is one action (talk, stream, input, record, conversation, connect, notify, pay, wait, transfer)' +
    ' or a `use:` of a template.',
} as const;

/** A branch of `decide:`: `{ if: <condition>, goto: <step> }` or, last, `{ otherwise: <step> }`. */
const decideBranchSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  dependencies: { max: ['then'], then: ['max'] },
  properties: {
    if: {
      type: 'string',
      minLength: 1,
      description: 'A condition on call data or opening hours, e.g. `balance = 0` or `service is gas and office is open`.',
    },
    ...targetProperties,
    ...limitProperties,
    otherwise: { ...targetSchema, description: 'Where the call goes when no condition holds (the last branch).' },
  },
  'x-hint': 'A branch is `- if: <condition>` with `goto: <step>`; the last one is `- otherwise: <step>`.',
} as const;

/** A step item of a flow: an action, a template, a lookup or a decision. */
export const flowStepItemSchema = {
  ...stepItemSchema,
  properties: {
    ...stepItemSchema.properties,
    store: {
      anyOf: [
        { type: 'string', pattern: dataNamePattern },
        { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: dataNamePattern } },
        { type: 'object', minProperties: 1, additionalProperties: { type: 'string', pattern: dataNamePattern } },
      ],
      description:
        "input: the call data the caller's answer is stored in (then on: stored / invalid). lookup: output fields to keep, as a list of names or { output: data }.",
      'x-hint': 'input: `store: account`. lookup: `store: [balance, dueDate]` or `store: { balance: amountDue }`.',
    },
    lookup: {
      type: 'string',
      pattern: dataNamePattern,
      description: 'Call a lookup declared in flowc.yaml (`lookups:`); `with:` gives its input, `on:` found / not-found / failed.',
    },
    decide: {
      type: 'array',
      minItems: 1,
      items: decideBranchSchema,
      description: 'Route on call data or opening hours: branches `- if: … goto: …`, ending with `- otherwise: …`.',
    },
  },
  'x-hint':
    'Each item of a step is one action (talk, stream, input, record, conversation, connect, notify, pay, wait, transfer), a `use:` of a template, a `lookup:` or a `decide:`.',
} as const;

export const flowSchema = {
  $id: 'https://flowc.dev/schema/flow.json',
  title: 'flowc flow',
  type: 'object',
  required: ['flow', 'locales', 'start', 'steps'],
  additionalProperties: false,
  properties: {
    flow: {
      type: 'string',
      pattern: namePattern,
      maxLength: 64,
      description: 'The flow name: lower-case letters, digits and dashes (use the file name). It appears in the output paths.',
      examples: ['bill-pay'],
    },
    description: { type: 'string', description: 'What the flow is for, in a sentence or two.' },
    direction: { enum: ['inbound', 'outbound'], description: 'inbound (default): callers dial in; outbound: calls you place.' },
    numbers: {
      type: 'object',
      propertyNames: { pattern: numberPattern, 'x-hint': 'Write the number in E.164 without "+", e.g. "14155550100".' },
      additionalProperties: localeSchema,
      description: 'Inbound numbers → the locale a call to that number starts in.',
    },
    locales: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: localeSchema,
      description: 'The locales this flow speaks; every text it uses must exist in each of them (or in its fallback).',
      examples: [['en-US', 'es-US']],
    },
    vars: { type: 'object', additionalProperties: plainValueSchema, description: 'Values used in texts as {{name}}.' },
    data: {
      type: 'object',
      propertyNames: { pattern: dataNamePattern, 'x-hint': 'Names use letters, digits and _, e.g. dueDate.' },
      additionalProperties: dataDeclarationSchema,
      description: 'Call data: values that differ per call (captured, looked up), each with its type. Used in texts as {{name}}.',
    },
    onError: {
      type: 'string',
      pattern: stepNamePattern,
      description: 'The step a call goes to when a value fails its check at run time (e.g. a pay amount out of range).',
    },
    start: { type: 'string', pattern: stepNamePattern, description: 'The step a call starts at.', examples: ['welcome'] },
    steps: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: stepNamePattern, maxLength: 64, 'x-hint': 'Step names use letters, digits, "-" and "_" (64 at most).' },
      additionalProperties: {
        type: 'array',
        minItems: 1,
        items: flowStepItemSchema,
        description: 'The actions of this step, run in order.',
      },
      description: 'The steps: step name → list of actions. A step ends the call, or moves on with the `on:` of its last action.',
    },
  },
} as const;

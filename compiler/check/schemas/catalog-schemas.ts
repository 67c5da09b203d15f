/** Schemas of message catalogs, pay prompt sets, templates and the project file (docs/format.md). */
import { dataDeclarationSchema, dataNamePattern, localeSchema, plainValueSchema } from './common.js';
import { stepItemSchema } from './flow-schema.js';

/** flows/messages/<locale>.yaml: key → text, nested maps allowed (keys join with "."). */
export const messagesSchema = {
  $id: 'https://flowc.dev/schema/messages.json',
  title: 'flowc message catalog',
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'string', description: 'A text callers hear; {{name}} inserts a variable. Quote it when it starts with {{ or holds " #".' },
      { $ref: '#' },
    ],
  },
  description: 'A message catalog: message key → the text in this locale. Nested keys join with dots (say: bill-pay.menu).',
  'x-hint': 'A catalog maps message keys to texts, e.g. `greeting: Thanks for calling {{company}}.`',
} as const;

const errorText = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string', minLength: 1 } } },
  ],
  description: 'What the caller hears on this error.',
};

/** Error types allowed per prompt type (NCCO reference, pay: "Error Prompts"). */
export const payErrorTypes = {
  CardNumber: ['InvalidCardType', 'InvalidCardNumber', 'Timeout'],
  ExpirationDate: ['InvalidExpirationDate', 'Timeout'],
  SecurityCode: ['InvalidSecurityCode', 'Timeout'],
} as const;
export type PayPromptType = keyof typeof payErrorTypes;
export const payPromptTypes = Object.keys(payErrorTypes) as PayPromptType[];

const promptSchema = (type: PayPromptType) => ({
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, description: `What the caller hears when asked for the ${type}.` },
    errors: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(payErrorTypes[type].map((e) => [e, errorText])),
      description: `The error texts of ${type}: ${payErrorTypes[type].join(', ')}.`,
      'x-hint': `${type} allows these error types: ${payErrorTypes[type].join(', ')}.`,
    },
  },
  description: `The prompt for the ${type}, with its error texts.`,
});

/** flows/pay/<set>.<locale>.yaml */
export const paySetSchema = {
  $id: 'https://flowc.dev/schema/pay-set.json',
  title: 'flowc pay prompt set',
  type: 'object',
  additionalProperties: false,
  description: 'A pay prompt set in one locale: the texts a pay action speaks (prompts: <set>).',
  properties: {
    partial: {
      type: 'boolean',
      description: 'true: the set may leave out prompt or error types (Vonage speaks its English default for them).',
    },
    CardNumber: promptSchema('CardNumber'),
    ExpirationDate: promptSchema('ExpirationDate'),
    SecurityCode: promptSchema('SecurityCode'),
  },
} as const;

/** templates/<name>.yaml */
export const templateSchema = {
  $id: 'https://flowc.dev/schema/template.json',
  title: 'flowc template',
  description: 'A template: a reusable list of actions with parameters (use: <name> with: {...}).',
  type: 'object',
  required: ['actions'],
  additionalProperties: false,
  properties: {
    template: { type: 'string', description: 'The name (must match the file name).' },
    description: { type: 'string', description: 'What the template does and how to use it.' },
    params: {
      description: 'Parameter name → { type, required, default, description }; use them in texts as {{name}}.',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          type: { enum: ['string', 'number', 'boolean'], description: 'The type of the value.' },
          required: { type: 'boolean', description: 'true: every use: must give it in with:.' },
          default: { type: ['string', 'number', 'boolean'], description: 'The value when with: does not give one.' },
          description: { type: 'string', description: 'What the parameter is.' },
        },
      },
    },
    actions: {
      type: 'array',
      minItems: 1,
      items: stepItemSchema,
      description: 'The actions, written like a step. They may use: other templates; no on: inside.',
    },
  },
} as const;

/** flowc.yaml at the project root. */
export const projectSchema = {
  $id: 'https://flowc.dev/schema/project.json',
  title: 'flowc project settings',
  description: 'flowc.yaml: router and CDN addresses, locales and their voices, shared vars, rule control.',
  type: 'object',
  additionalProperties: false,
  properties: {
    routerUrl: {
      type: 'string',
      pattern: '^https?://',
      description: 'Base URL of the deployed router; eventUrls point under it.',
      'x-hint': 'Write the base URL with its https://, e.g. https://ivr.example.com/flowc.',
    },
    cdnUrl: {
      type: 'string',
      pattern: '^https?://',
      description: 'Base URL where dist/ncco is served.',
      'x-hint': 'Write the base URL with its https://, e.g. https://cdn.example.com/flowc.',
    },
    pay: {
      type: 'object',
      additionalProperties: false,
      description: 'Settings of the pay action.',
      properties: {
        currencies: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^[a-z]{3}$' },
          description: 'Currencies your account allows (default [usd]).',
        },
      },
    },
    locales: {
      type: 'object',
      description: 'One entry per locale your flows speak: its text-to-speech voice and fallback.',
      propertyNames: { pattern: localeSchema.pattern },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          language: { ...localeSchema, description: 'The Vonage TTS language for this locale.' },
          style: { type: 'integer', minimum: 0, description: 'The TTS voice style for that language.' },
          premium: { type: 'boolean', description: 'true: the premium version of the voice, where there is one.' },
          speechLanguage: { ...localeSchema, description: 'The speech recognition language (default: the locale).' },
          fallback: { ...localeSchema, description: 'Where missing messages and pay prompts come from, e.g. es-MX → es-US.' },
        },
      },
    },
    vars: { type: 'object', additionalProperties: plainValueSchema, description: 'Variables every flow can use in its texts as {{name}}.' },
    rules: {
      type: 'object',
      additionalProperties: { enum: ['off', 'warning', 'error'] },
      description:
        'Rule control: a diagnostic code → off, warning or error. Warnings can be turned off or made errors; errors stay errors.',
      'x-hint': 'Write a code from docs/rules.md and off, warning or error, e.g. `i18n/unused-message: off`.',
    },
    lookups: {
      type: 'object',
      propertyNames: { pattern: dataNamePattern, 'x-hint': 'Lookup names use letters, digits and _, e.g. findAccount.' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          description: { type: 'string', description: 'What the lookup finds, for the developer who implements it.' },
          input: {
            type: 'object',
            propertyNames: { pattern: dataNamePattern },
            additionalProperties: dataDeclarationSchema,
            description: 'What a step passes in (with:): field → type.',
          },
          output: {
            type: 'object',
            propertyNames: { pattern: dataNamePattern },
            additionalProperties: dataDeclarationSchema,
            description: 'What the lookup returns when it finds something (store:): field → type.',
          },
          timeout: {
            type: 'string',
            description: 'How long the caller may wait for it, e.g. 3s or 1500ms (default 3s, at most 10s); then `failed` is taken.',
          },
        },
      },
      description: 'Lookups your application implements (e.g. find the account for a phone number); steps call them with `lookup:`.',
    },
    hours: {
      type: 'object',
      propertyNames: { pattern: dataNamePattern, 'x-hint': 'Names use letters, digits and _, e.g. office.' },
      additionalProperties: {
        type: 'object',
        required: ['timeZone', 'open'],
        additionalProperties: false,
        properties: {
          timeZone: { type: 'string', description: 'An IANA time zone name, e.g. America/New_York.' },
          open: {
            type: 'object',
            additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
            description: 'Days (mon, tue, … or a range such as mon-fri) → opening hours, e.g. "08:00-18:00" or a list of ranges.',
          },
          closed: {
            type: 'array',
            items: { type: 'string' },
            description: 'Whole days closed (holidays), YYYY-MM-DD.',
          },
        },
      },
      description: 'Opening hours by name, for decisions such as `office is open`.',
    },
  },
} as const;

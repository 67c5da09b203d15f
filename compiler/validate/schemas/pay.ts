/**
 * `pay` — NCCO reference › Pay, Prompts Voice Settings, Prompts Text Settings, Error Prompts (seed 004) and the
 * Payments over the Phone guide (seed 000): amount (required, > 0; at most two decimals in rules/pay.ts),
 * currency (default usd; the accepted list is a setting, rules/pay.ts), eventUrl, prompts (an array of
 * {type, text, errors}, each error {text}), voice {language, style}. No eventMethod is listed for pay.
 * Which error types each prompt type allows, and each type at most once, are in rules/pay.ts.
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, describe, eventUrl, languageCode, nonEmptyString } from './common.js';

export const payPromptTypes = ['CardNumber', 'ExpirationDate', 'SecurityCode'] as const;
export type PayPromptType = (typeof payPromptTypes)[number];

/** NCCO reference › Error Prompts (the "Security" in its Timeout row means SecurityCode). */
export const payErrorTypes: Readonly<Record<PayPromptType, readonly string[]>> = {
  CardNumber: ['InvalidCardType', 'InvalidCardNumber', 'Timeout'],
  ExpirationDate: ['InvalidExpirationDate', 'Timeout'],
  SecurityCode: ['InvalidSecurityCode', 'Timeout'],
};

const errorPrompt: SchemaObject = {
  type: 'object',
  properties: { text: nonEmptyString },
  required: ['text'],
  additionalProperties: false,
};

const prompt: SchemaObject = {
  type: 'object',
  properties: {
    type: describe({ type: 'string', enum: [...payPromptTypes] }, 'Which card detail this prompt asks for.'),
    text: describe(nonEmptyString, 'What the caller hears when asked for it.'),
    errors: describe({ type: 'object', additionalProperties: errorPrompt }, 'What the caller hears on each error type.'),
  },
  required: ['type', 'text', 'errors'],
  additionalProperties: false,
};

export const paySchema = actionSchema(
  'pay',
  'NCCO reference › Pay; Payments over the Phone guide; ncco-constraints.md §3',
  {
    amount: describe({ type: 'number', exclusiveMinimum: 0 }, 'The amount to charge: more than 0, at most two decimals.', {
      examples: [42.5, '{{balance}}'],
    }),
    currency: describe(nonEmptyString, 'The currency (lower case). usd unless flowc.yaml pay.currencies allows more.', { default: 'usd' }),
    eventUrl,
    prompts: describe({ type: 'array', items: prompt }, 'The prompts and error texts the caller hears.'),
    voice: {
      type: 'object',
      properties: {
        language: describe(languageCode, 'The language of the prompts (BCP-47).', { default: 'en-US' }),
        style: describe({ type: 'integer', minimum: 0 }, 'The voice style of that language.', { default: 0 }),
      },
      additionalProperties: false,
      description: 'The voice of the prompts. flowc fills it in from the locale.',
    },
  },
  ['amount'],
  'Takes a card payment (Visa or Mastercard): asks for the card number, expiry date and security code on the keypad.',
);

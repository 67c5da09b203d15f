/**
 * `pay` — NCCO reference › Pay, Prompts Voice Settings, Prompts Text Settings, Error Prompts (seed 004) and the
 * Payments over the Phone guide (seed 000): amount (required, > 0; at most two decimals in rules/pay.ts),
 * currency (default usd; the accepted list is a setting, rules/pay.ts), eventUrl, prompts (an array of
 * {type, text, errors}, each error {text}), voice {language, style}. No eventMethod is listed for pay.
 * Which error types each prompt type allows, and each type at most once, are in rules/pay.ts.
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, eventUrl, languageCode, nonEmptyString } from './common.js';

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
    type: { type: 'string', enum: [...payPromptTypes] },
    text: nonEmptyString,
    errors: { type: 'object', additionalProperties: errorPrompt },
  },
  required: ['type', 'text', 'errors'],
  additionalProperties: false,
};

export const paySchema = actionSchema(
  'pay',
  'NCCO reference › Pay; Payments over the Phone guide; ncco-constraints.md §3',
  {
    amount: { type: 'number', exclusiveMinimum: 0 },
    currency: nonEmptyString,
    eventUrl,
    prompts: { type: 'array', items: prompt },
    voice: {
      type: 'object',
      properties: { language: languageCode, style: { type: 'integer', minimum: 0 } },
      additionalProperties: false,
    },
  },
  ['amount'],
);

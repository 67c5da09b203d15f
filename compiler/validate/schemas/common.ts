/**
 * Building blocks shared by the action schemas. Every action may carry `eventUrl`/`eventMethod` where the NCCO
 * reference lists them; DOC-NEW (ncco-constraints.md §1): "in all actions, the eventUrl parameter MUST be an
 * array, even if it only contains a single value"; `eventMethod` is GET or POST (default POST).
 */
import type { SchemaObject } from 'ajv';

/** One http(s) URL in an array: eventUrl, streamUrl, musicOnHoldUrl. */
export const singleUrlList: SchemaObject = {
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: { type: 'string', format: 'http-url' },
};

export const eventUrl: SchemaObject = singleUrlList;

export const eventMethod: SchemaObject = { type: 'string', enum: ['GET', 'POST'] };

export const httpUrl: SchemaObject = { type: 'string', format: 'http-url' };

export const booleanValue: SchemaObject = { type: 'boolean' };

export const nonEmptyString: SchemaObject = { type: 'string', minLength: 1 };

export const languageCode: SchemaObject = { type: 'string', format: 'bcp47' };

/** Leg UUIDs (conversation/transfer canHear, canSpeak): `[]` is meaningful (hear/heard by nobody). */
export const legIdList: SchemaObject = { type: 'array', items: nonEmptyString };

/** Any JSON object (notify payload, websocket headers, providerOptions). */
export const anyObject: SchemaObject = { type: 'object' };

/** The object schema of one action: `action` fixed, only the listed options, the listed ones required. */
export function actionSchema(
  action: string,
  reference: string,
  properties: Record<string, SchemaObject>,
  required: readonly string[] = [],
): SchemaObject {
  return {
    $comment: reference,
    type: 'object',
    properties: { action: { const: action }, ...properties },
    required: ['action', ...required],
    additionalProperties: false,
  };
}

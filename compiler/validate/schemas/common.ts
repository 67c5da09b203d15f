/**
 * Building blocks shared by the action schemas. Every action may carry `eventUrl`/`eventMethod` where the NCCO
 * reference lists them; DOC-NEW (ncco-constraints.md §1): "in all actions, the eventUrl parameter MUST be an
 * array, even if it only contains a single value"; `eventMethod` is GET or POST (default POST).
 */
import type { SchemaObject } from 'ajv';

/**
 * The same schema with the words an editor shows on hover (and a default or examples). Annotations only:
 * ajv ignores them, and the editor schemas (compiler/check/schemas/editor-schemas.ts) carry them.
 */
export const describe = (
  schema: SchemaObject,
  description: string,
  extra: { default?: unknown; examples?: unknown[] } = {},
): SchemaObject => ({
  ...schema,
  description,
  ...extra,
});

/** One http(s) URL in an array: eventUrl, streamUrl, musicOnHoldUrl. */
export const singleUrlList: SchemaObject = {
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: { type: 'string', format: 'http-url' },
};

export const eventUrl: SchemaObject = describe(
  singleUrlList,
  'The webhook Vonage calls with the result of this action: a list with one https:// address.' +
    ' With `on:`, flowc points it at the router; do not set it then.',
  { examples: [['https://example.com/webhooks/event']] },
);

export const eventMethod: SchemaObject = describe({ type: 'string', enum: ['GET', 'POST'] }, 'The HTTP method used for eventUrl.', {
  default: 'POST',
});

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
  description?: string,
): SchemaObject {
  return {
    $comment: reference,
    ...(description !== undefined ? { description } : {}),
    type: 'object',
    properties: { action: { const: action }, ...properties },
    required: ['action', ...required],
    additionalProperties: false,
  };
}

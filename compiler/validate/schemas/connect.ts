/**
 * `connect` — NCCO reference › Connect and "Endpoint Types and Values" (seed 004), completed from the SDKs
 * (ncco-constraints.md §2.3): phone (number, dtmfAnswer, onAnswer {url, ringbackTone | legacy ringback}, shaken),
 * app (user), websocket (uri, content-type 8/16/24 kHz, headers, authorization vonage|custom), sip (uri or
 * user+domain, headers, standardHeaders), vbc (extension); machineDetection and advancedMachineDetection
 * (behavior, mode, beep_timeout 45–120, snake_case as Vonage spells it).
 * The endpoint is dispatched on `type` (ajv discriminator) so only the matching endpoint's errors are reported.
 * "Exactly one endpoint", "uri or user+domain" and from ⊕ randomFromNumber are in rules/connect.ts.
 */
import type { SchemaObject } from 'ajv';
import { actionSchema, anyObject, booleanValue, eventMethod, eventUrl, httpUrl, nonEmptyString } from './common.js';

const phoneEndpoint: SchemaObject = {
  type: 'object',
  properties: {
    type: { const: 'phone' },
    number: { type: 'string', format: 'e164' },
    dtmfAnswer: { type: 'string', format: 'dtmf-answer' },
    onAnswer: {
      type: 'object',
      properties: { url: httpUrl, ringbackTone: httpUrl, ringback: httpUrl },
      required: ['url'],
      additionalProperties: false,
    },
    shaken: nonEmptyString,
  },
  required: ['type', 'number'],
  additionalProperties: false,
};

const appEndpoint: SchemaObject = {
  type: 'object',
  properties: { type: { const: 'app' }, user: nonEmptyString },
  required: ['type', 'user'],
  additionalProperties: false,
};

const websocketAuthorization: SchemaObject = {
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      properties: { type: { const: 'vonage' } },
      required: ['type'],
      additionalProperties: false,
    },
    {
      // Java SDK: value required, at most 8191 printable ASCII characters.
      properties: { type: { const: 'custom' }, value: { type: 'string', format: 'header-value', maxLength: 8191 } },
      required: ['type', 'value'],
      additionalProperties: false,
    },
  ],
};

const websocketEndpoint: SchemaObject = {
  type: 'object',
  properties: {
    type: { const: 'websocket' },
    uri: { type: 'string', format: 'websocket-uri' },
    'content-type': { type: 'string', enum: ['audio/l16;rate=8000', 'audio/l16;rate=16000', 'audio/l16;rate=24000'] },
    headers: anyObject,
    authorization: websocketAuthorization,
  },
  required: ['type', 'uri', 'content-type'],
  additionalProperties: false,
};

const standardHeaders: SchemaObject = {
  type: 'object',
  properties: { 'User-to-User': { type: 'string' } },
  additionalProperties: false,
};

const sipEndpoint: SchemaObject = {
  type: 'object',
  properties: {
    type: { const: 'sip' },
    uri: { type: 'string', format: 'sip-uri' },
    // "key => value string pairs", sent as X-key: value in the INVITE.
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    standardHeaders,
    standard_headers: standardHeaders,
    user: nonEmptyString,
    domain: nonEmptyString,
  },
  required: ['type'],
  additionalProperties: false,
};

const vbcEndpoint: SchemaObject = {
  type: 'object',
  properties: { type: { const: 'vbc' }, extension: nonEmptyString },
  required: ['type', 'extension'],
  additionalProperties: false,
};

export const endpointTypes = ['phone', 'app', 'websocket', 'sip', 'vbc'] as const;

const endpoint: SchemaObject = {
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: [phoneEndpoint, appEndpoint, websocketEndpoint, sipEndpoint, vbcEndpoint],
};

const advancedMachineDetection: SchemaObject = {
  type: 'object',
  properties: {
    behavior: { type: 'string', enum: ['continue', 'hangup'] },
    mode: { type: 'string', enum: ['default', 'detect', 'detect_beep'] },
    beep_timeout: { type: 'integer', minimum: 45, maximum: 120 },
  },
  additionalProperties: false,
};

export const connectSchema = actionSchema(
  'connect',
  'NCCO reference › Connect, Endpoint Types and Values; ncco-constraints.md §2.3',
  {
    endpoint: { type: 'array', items: endpoint },
    from: { type: 'string', format: 'e164' },
    randomFromNumber: booleanValue,
    eventType: { type: 'string', enum: ['synchronous'] },
    // Reference: default 60, no range; Vonage's JSON schema minimum 0, the Java SDK's maximum 7200.
    timeout: { type: 'integer', minimum: 0, maximum: 7200 },
    // Reference: "The default and maximum value is 7200 seconds".
    limit: { type: 'integer', minimum: 1, maximum: 7200 },
    machineDetection: { type: 'string', enum: ['continue', 'hangup'] },
    advancedMachineDetection,
    advanced_machine_detection: advancedMachineDetection,
    eventUrl,
    eventMethod,
    ringbackTone: httpUrl,
  },
  ['endpoint'],
);

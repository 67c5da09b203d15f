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
import { actionSchema, anyObject, booleanValue, describe, eventMethod, eventUrl, httpUrl, nonEmptyString } from './common.js';

const phoneEndpoint: SchemaObject = {
  type: 'object',
  properties: {
    type: describe({ const: 'phone' }, 'A phone number.'),
    number: describe({ type: 'string', format: 'e164' }, 'The number to ring, E.164 without "+" (quote it).', {
      examples: ['14155550199'],
    }),
    dtmfAnswer: describe({ type: 'string', format: 'dtmf-answer' }, 'Keys sent when the call is answered; p is a half-second pause.', {
      examples: ['2p02p'],
    }),
    onAnswer: {
      type: 'object',
      properties: {
        url: describe(httpUrl, 'The NCCO the person called hears when they answer (their leg, never a pay).'),
        ringbackTone: describe(httpUrl, 'Audio the caller hears while that NCCO runs.'),
        ringback: describe(httpUrl, 'Old name of ringbackTone.'),
      },
      required: ['url'],
      additionalProperties: false,
      description: 'An NCCO run for the person called when they answer.',
    },
    shaken: describe(nonEmptyString, 'A STIR/SHAKEN identity header for the call.'),
  },
  required: ['type', 'number'],
  additionalProperties: false,
  description: 'Ring a phone number.',
};

const appEndpoint: SchemaObject = {
  type: 'object',
  properties: { type: describe({ const: 'app' }, 'An app user (Client SDK).'), user: describe(nonEmptyString, 'The user name.') },
  required: ['type', 'user'],
  additionalProperties: false,
  description: 'Ring a user of your app (Client SDK).',
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
    type: describe({ const: 'websocket' }, 'A WebSocket that receives the call audio.'),
    uri: describe({ type: 'string', format: 'websocket-uri' }, 'The wss:// address.', { examples: ['wss://example.com/socket'] }),
    'content-type': describe(
      { type: 'string', enum: ['audio/l16;rate=8000', 'audio/l16;rate=16000', 'audio/l16;rate=24000'] },
      'The audio format: 16-bit linear PCM at 8, 16 or 24 kHz.',
    ),
    headers: describe(anyObject, 'Data sent in the first message of the WebSocket.'),
    authorization: describe(websocketAuthorization, 'How the WebSocket connection is authorized: vonage, or custom with a value.'),
  },
  required: ['type', 'uri', 'content-type'],
  additionalProperties: false,
  description: 'Connect the call audio to a WebSocket.',
};

const standardHeaders: SchemaObject = {
  type: 'object',
  properties: { 'User-to-User': { type: 'string' } },
  additionalProperties: false,
};

const sipEndpoint: SchemaObject = {
  type: 'object',
  properties: {
    type: describe({ const: 'sip' }, 'A SIP address.'),
    uri: describe({ type: 'string', format: 'sip-uri' }, 'The SIP address (sip: or sips:); or give user and domain.', {
      examples: ['sip:agent@sip.example.com'],
    }),
    // "key => value string pairs", sent as X-key: value in the INVITE.
    headers: describe({ type: 'object', additionalProperties: { type: 'string' } }, 'Headers sent as X-<key> in the SIP INVITE.'),
    standardHeaders: describe(standardHeaders, 'Standard SIP headers (User-to-User).'),
    standard_headers: describe(standardHeaders, 'Standard SIP headers, as some SDKs spell it.'),
    user: describe(nonEmptyString, 'The user part of the SIP address (with domain, instead of uri).'),
    domain: describe(nonEmptyString, 'A SIP domain configured in your Vonage account (with user, instead of uri).'),
  },
  required: ['type'],
  additionalProperties: false,
  description: 'Ring a SIP address.',
};

const vbcEndpoint: SchemaObject = {
  type: 'object',
  properties: {
    type: describe({ const: 'vbc' }, 'A Vonage Business Communications extension.'),
    extension: describe(nonEmptyString, 'The extension.'),
  },
  required: ['type', 'extension'],
  additionalProperties: false,
  description: 'Ring a Vonage Business Communications extension.',
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
    behavior: describe({ type: 'string', enum: ['continue', 'hangup'] }, 'What to do when a machine answers.'),
    mode: describe({ type: 'string', enum: ['default', 'detect', 'detect_beep'] }, 'How to detect: detect_beep also waits for the beep.'),
    beep_timeout: describe({ type: 'integer', minimum: 45, maximum: 120 }, 'Seconds to wait for the beep (45–120).', { default: 45 }),
  },
  additionalProperties: false,
  description: 'Advanced answering machine detection.',
};

export const connectSchema = actionSchema(
  'connect',
  'NCCO reference › Connect, Endpoint Types and Values; ncco-constraints.md §2.3',
  {
    endpoint: describe(
      { type: 'array', items: endpoint },
      'Who to ring: a list with exactly one endpoint (phone, app, websocket, sip or vbc).',
      {
        examples: [[{ type: 'phone', number: '14155550199' }]],
      },
    ),
    from: describe({ type: 'string', format: 'e164' }, 'The caller id shown: one of your Vonage numbers, E.164 without "+".', {
      examples: ['14155550100'],
    }),
    randomFromNumber: describe(booleanValue, 'true: show a random number of your application as caller id (not with from).', {
      default: false,
    }),
    eventType: describe(
      { type: 'string', enum: ['synchronous'] },
      'synchronous: the call waits for the router to say what comes next. flowc sets it with `on:`.',
    ),
    // Reference: default 60, no range; Vonage's JSON schema minimum 0, the Java SDK's maximum 7200.
    timeout: describe({ type: 'integer', minimum: 0, maximum: 7200 }, 'Seconds to ring before giving up (unanswered).', { default: 60 }),
    // Reference: "The default and maximum value is 7200 seconds".
    limit: describe({ type: 'integer', minimum: 1, maximum: 7200 }, 'The longest the connected call may last, in seconds (1–7200).', {
      default: 7200,
    }),
    machineDetection: describe({ type: 'string', enum: ['continue', 'hangup'] }, 'What to do when an answering machine answers.'),
    advancedMachineDetection,
    advanced_machine_detection: describe(advancedMachineDetection, 'advancedMachineDetection, as some SDKs spell it.'),
    eventUrl,
    eventMethod,
    ringbackTone: describe(httpUrl, 'Audio the caller hears while the endpoint rings.'),
  },
  ['endpoint'],
  'Rings a phone, SIP address, app user, WebSocket or VBC extension and connects the caller.' +
    ' With `on:`, busy, unanswered and the like decide the next step.',
);

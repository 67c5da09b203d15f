/**
 * The action schemas through validateNcco(): one case per kind of finding, asserting code and pointer.
 * Each NCCO is otherwise valid, so the list of findings is exact.
 */
import { describe, expect, it } from 'vitest';
import { validateNcco } from '../../compiler/validate/validate-ncco.js';
import { found, type Found } from './helpers.js';

const talk = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'talk', text: 'Hello', ...extra });
const input = { action: 'input', type: ['dtmf'] };
const phone = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'phone', number: '447700900001', ...extra });
const connect = (endpoint: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'connect',
  endpoint: [endpoint],
  ...extra,
});
const websocket = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'websocket',
  uri: 'wss://example.com/socket',
  'content-type': 'audio/l16;rate=16000',
  ...extra,
});
const prompt = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'CardNumber',
  text: 'Card number, please',
  errors: { Timeout: { text: 'Again, please' } },
  ...extra,
});
const at = (code: string, pointer: string): Found => ({ code, pointer });

const cases: [string, unknown, Found[]][] = [
  // Accepted: every action and every endpoint type with its options.
  ['a full talk', [talk({ bargeIn: false, loop: 2, level: 0.5, language: 'en-GB', style: 3, premium: true })], []],
  ['talk with provider options (.NET SDK)', [talk({ provider: 'Google', providerOptions: { a: 'b' } })], []],
  ['a full stream', [{ action: 'stream', streamUrl: ['https://example.com/a.mp3'], level: -0.5, loop: 3, bargeIn: true }, input], []],
  [
    'a full record',
    [
      {
        action: 'record',
        format: 'ogg',
        split: 'conversation',
        channels: 2,
        endOnSilence: 5,
        endOnKey: '*',
        timeOut: 60,
        beepStart: true,
        eventUrl: ['https://example.com/rec'],
        eventMethod: 'GET',
        transcription: { language: 'en-US', eventUrl: ['https://example.com/tr'], eventMethod: 'POST', sentimentAnalysis: true },
      },
    ],
    [],
  ],
  [
    'a full conversation',
    [
      {
        action: 'conversation',
        name: 'room',
        musicOnHoldUrl: ['https://example.com/hold.mp3'],
        startOnEnter: false,
        endOnExit: true,
        record: true,
        canHear: [],
        canSpeak: ['leg-1'],
        eventUrl: ['https://example.com/e'],
        eventMethod: 'POST',
        transcription: {},
      },
    ],
    [],
  ],
  [
    'a full input',
    [
      {
        action: 'input',
        type: ['dtmf', 'speech'],
        dtmf: { timeOut: 5, maxDigits: 4, submitOnHash: true },
        speech: {
          uuid: ['leg-1'],
          endOnSilence: 1.5,
          language: 'en-gb',
          context: ['sales'],
          startTimeout: 10,
          maxDuration: 30,
          saveAudio: true,
          sensitivity: 50,
          provider: 'deepgram',
          providerOptions: {},
        },
        eventUrl: ['https://example.com/ivr'],
        eventMethod: 'GET',
        mode: 'synchronous',
      },
    ],
    [],
  ],
  ['an asynchronous input', [{ action: 'input', type: ['dtmf'], mode: 'asynchronous' }], []],
  ['a notify', [{ action: 'notify', payload: { a: 1 }, eventUrl: ['https://example.com/n'], eventMethod: 'POST' }], []],
  ['a transfer', [{ action: 'transfer', conversationId: 'CON-1', canHear: ['leg'], mute: true }], []],
  ['a wait', [{ action: 'wait', timeout: 0.5 }], []],
  [
    'a full pay',
    [
      {
        action: 'pay',
        amount: 12.5,
        currency: 'usd',
        eventUrl: ['https://example.com/pay'],
        voice: { language: 'en-US', style: 2 },
        prompts: [prompt()],
      },
    ],
    [],
  ],
  [
    'a phone endpoint with all options',
    [
      connect(
        phone({
          dtmfAnswer: '2p02p#*',
          onAnswer: { url: 'https://example.com/a', ringbackTone: 'https://example.com/r.wav' },
          shaken: 'jwt',
        }),
        {
          from: '447700900000',
          eventType: 'synchronous',
          timeout: 30,
          limit: 600,
          machineDetection: 'hangup',
          advancedMachineDetection: { behavior: 'continue', mode: 'detect_beep', beep_timeout: 60 },
          eventUrl: ['https://example.com/e'],
          eventMethod: 'GET',
          ringbackTone: 'https://example.com/r.wav',
        },
      ),
    ],
    [],
  ],
  [
    'onAnswer with the legacy ringback key',
    [connect(phone({ onAnswer: { url: 'https://example.com/a', ringback: 'https://example.com/r.wav' } }))],
    [],
  ],
  ['an app endpoint', [connect({ type: 'app', user: 'jamie' })], []],
  [
    'a websocket endpoint (24 kHz, headers, vonage authorization)',
    [connect(websocket({ 'content-type': 'audio/l16;rate=24000', headers: { a: { b: [1] } }, authorization: { type: 'vonage' } }))],
    [],
  ],
  ['a websocket endpoint with custom authorization', [connect(websocket({ authorization: { type: 'custom', value: 'Bearer abc' } }))], []],
  [
    'a sip endpoint with uri, headers and standardHeaders',
    [
      connect({
        type: 'sip',
        uri: 'sip:rebekka@sip.example.com;transport=tls',
        headers: { location: 'NYC' },
        standardHeaders: { 'User-to-User': '56a390f3d2b7310023a2;encoding=hex' },
      }),
    ],
    [],
  ],
  ['a sip endpoint with user and domain', [connect({ type: 'sip', user: 'rebekka', domain: 'my-trunk' })], []],
  ['a vbc endpoint', [connect({ type: 'vbc', extension: '111' })], []],

  // The shape of the NCCO
  ['an empty NCCO', [], [at('ncco/empty', '')]],
  ['a single action not in a list', talk(), [at('ncco/not-array', '')]],
  ['an item that is not an object', [talk(), 'talk'], [at('ncco/not-object', '/1')]],
  ['an item without action', [{ text: 'Hi' }], [at('ncco/missing-action', '/0')]],
  ['an action name that is not text', [{ action: 3 }], [at('ncco/type', '/0/action')]],
  ['an unknown action', [{ action: 'tlak', text: 'Hi' }], [at('ncco/unknown-action', '/0/action')]],

  // Unknown options
  ['bargein instead of bargeIn', [talk({ bargein: true })], [at('ncco/unknown-option', '/0/bargein')]],
  ['voice_name instead of voiceName', [talk({ voice_name: 'Amy' })], [at('ncco/unknown-option', '/0/voice_name')]],
  ['an unknown dtmf setting', [{ ...input, dtmf: { maxdigits: 2 } }], [at('ncco/unknown-option', '/0/dtmf/maxdigits')]],
  [
    'contentType instead of content-type',
    [connect({ type: 'websocket', uri: 'wss://example.com/s', contentType: 'audio/l16;rate=8000' })],
    [at('ncco/required', '/0/endpoint/0'), at('ncco/unknown-option', '/0/endpoint/0/contentType')],
  ],
  ['eventUrl on talk (not a talk option)', [talk({ eventUrl: ['https://example.com/e'] })], [at('ncco/unknown-option', '/0/eventUrl')]],
  [
    'eventMethod on pay (not a pay option)',
    [{ action: 'pay', amount: 1, eventMethod: 'POST' }],
    [at('ncco/unknown-option', '/0/eventMethod')],
  ],
  ['a legacy top-level input option', [{ ...input, maxDigits: 2 }], [at('ncco/legacy-input-option', '/0/maxDigits')]],
  [
    'the snake_case AMD spelling',
    [connect(phone(), { advanced_machine_detection: { mode: 'detect' } })],
    [at('ncco/sdk-spelling', '/0/advanced_machine_detection')],
  ],
  [
    'the snake_case SIP standard headers spelling',
    [connect({ type: 'sip', uri: 'sip:a@b.com', standard_headers: { 'User-to-User': 'x' } })],
    [at('ncco/sdk-spelling', '/0/endpoint/0/standard_headers')],
  ],

  // Required options
  ['talk without text', [{ action: 'talk' }], [at('ncco/required', '/0')]],
  ['stream without streamUrl', [{ action: 'stream' }], [at('ncco/required', '/0')]],
  ['input without type', [{ action: 'input' }], [at('ncco/required', '/0')]],
  ['connect without endpoint', [{ action: 'connect' }], [at('ncco/required', '/0')]],
  ['conversation without name', [{ action: 'conversation' }], [at('ncco/required', '/0')]],
  ['notify without payload and eventUrl', [{ action: 'notify' }], [at('ncco/required', '/0'), at('ncco/required', '/0')]],
  ['pay without amount', [{ action: 'pay' }], [at('ncco/required', '/0')]],
  ['transfer without conversationId', [{ action: 'transfer' }], [at('ncco/required', '/0')]],
  ['a phone endpoint without number', [connect({ type: 'phone' })], [at('ncco/required', '/0/endpoint/0')]],
  ['an endpoint without type', [connect({ number: '447700900001' })], [at('ncco/required', '/0/endpoint/0')]],
  ['an app endpoint without user', [connect({ type: 'app' })], [at('ncco/required', '/0/endpoint/0')]],
  ['a vbc endpoint without extension', [connect({ type: 'vbc' })], [at('ncco/required', '/0/endpoint/0')]],
  ['onAnswer without url', [connect(phone({ onAnswer: {} }))], [at('ncco/required', '/0/endpoint/0/onAnswer')]],
  [
    'custom websocket authorization without value',
    [connect(websocket({ authorization: { type: 'custom' } }))],
    [at('ncco/required', '/0/endpoint/0/authorization')],
  ],
  [
    'a pay prompt without errors',
    [{ action: 'pay', amount: 1, prompts: [{ type: 'CardNumber', text: 'Card' }] }],
    [at('ncco/required', '/0/prompts/0')],
  ],
  [
    'a pay error prompt without text',
    [{ action: 'pay', amount: 1, prompts: [prompt({ errors: { Timeout: {} } })] }],
    [at('ncco/required', '/0/prompts/0/errors/Timeout')],
  ],

  // Types (and the leniency for numbers and booleans written as strings)
  ['eventUrl as a string', [{ action: 'record', endOnKey: '#', eventUrl: 'https://example.com/rec' }], [at('ncco/type', '/0/eventUrl')]],
  ['pay prompts as one object', [{ action: 'pay', amount: 1, prompts: prompt() }], [at('ncco/type', '/0/prompts')]],
  ['pay eventUrl as a string', [{ action: 'pay', amount: 1, eventUrl: 'https://example.com/pay' }], [at('ncco/type', '/0/eventUrl')]],
  ['pay voice not an object', [{ action: 'pay', amount: 1, voice: 'en-US' }], [at('ncco/type', '/0/voice')]],
  ['from as a number', [connect(phone(), { from: 447700900000 })], [at('ncco/type', '/0/from')]],
  ['speech uuid as a string', [{ action: 'input', type: ['speech'], speech: { uuid: 'leg-1' } }], [at('ncco/type', '/0/speech/uuid')]],
  ['a number as a string', [connect(phone(), { timeout: '45' })], [at('ncco/string-number', '/0/timeout')]],
  ['a boolean as a string', [talk({ bargeIn: 'true' }), input], [at('ncco/string-boolean', '/0/bargeIn')]],
  ['pay amount as a string', [{ action: 'pay', amount: '9.99' }], [at('ncco/string-number', '/0/amount')]],
  ['a decimal string where a whole number belongs', [talk({ loop: '2.5' })], [at('ncco/type', '/0/loop')]],
  ['a word where a boolean belongs', [talk({ premium: 'yes' })], [at('ncco/type', '/0/premium')]],
  ['a padded number string', [talk({ loop: ' 2' })], [at('ncco/type', '/0/loop')]],
  ['a number where text belongs (vbc extension)', [connect({ type: 'vbc', extension: 111 })], [at('ncco/type', '/0/endpoint/0/extension')]],
  ['a wrong type is reported once, not also as an enum', [{ action: 'record', endOnKey: '#', format: 3 }], [at('ncco/type', '/0/format')]],

  // Allowed values
  [
    'eventMethod PUT',
    [{ action: 'notify', payload: {}, eventUrl: ['https://example.com/n'], eventMethod: 'PUT' }],
    [at('ncco/enum', '/0/eventMethod')],
  ],
  ['record format aac', [{ action: 'record', endOnKey: '#', format: 'aac' }], [at('ncco/enum', '/0/format')]],
  ['record split other than conversation', [{ action: 'record', endOnKey: '#', split: 'channels' }], [at('ncco/enum', '/0/split')]],
  ['connect eventType asynchronous', [connect(phone(), { eventType: 'asynchronous' })], [at('ncco/enum', '/0/eventType')]],
  ['machineDetection voicemail', [connect(phone(), { machineDetection: 'voicemail' })], [at('ncco/enum', '/0/machineDetection')]],
  ['AMD mode', [connect(phone(), { advancedMachineDetection: { mode: 'fast' } })], [at('ncco/enum', '/0/advancedMachineDetection/mode')]],
  [
    'websocket content-type 44.1 kHz',
    [connect(websocket({ 'content-type': 'audio/l16;rate=44100' }))],
    [at('ncco/enum', '/0/endpoint/0/content-type')],
  ],
  ['an unknown endpoint type', [connect({ type: 'phon', number: '447700900001' })], [at('ncco/enum', '/0/endpoint/0/type')]],
  [
    'an unknown websocket authorization type',
    [connect(websocket({ authorization: { type: 'basic' } }))],
    [at('ncco/enum', '/0/endpoint/0/authorization/type')],
  ],
  ['an unknown input type', [{ action: 'input', type: ['sms'] }], [at('ncco/enum', '/0/type/0')]],
  ['input mode async (misspelt)', [{ ...input, mode: 'asyncronous' }], [at('ncco/enum', '/0/mode')]],
  [
    'an unknown pay prompt type',
    [{ action: 'pay', amount: 1, prompts: [prompt({ type: 'CVV' })] }],
    [at('ncco/enum', '/0/prompts/0/type')],
  ],

  // Lists
  [
    'two eventUrls',
    [{ action: 'record', endOnKey: '#', eventUrl: ['https://a.example.com', 'https://b.example.com'] }],
    [at('ncco/array-length', '/0/eventUrl')],
  ],
  ['an empty streamUrl list', [{ action: 'stream', streamUrl: [] }], [at('ncco/array-length', '/0/streamUrl')]],
  ['two speech uuids', [{ action: 'input', type: ['speech'], speech: { uuid: ['a', 'b'] } }], [at('ncco/array-length', '/0/speech/uuid')]],
  ['an empty input type list', [{ action: 'input', type: [] }], [at('ncco/array-length', '/0/type')]],
  ['an input type listed twice', [{ action: 'input', type: ['dtmf', 'dtmf'] }], [at('ncco/duplicate-item', '/0/type/1')]],

  // Formats
  ['from too short for E.164', [connect(phone(), { from: '123456' })], [at('ncco/format', '/0/from')]],
  ['a number with +', [connect(phone({ number: '+447700900001' }))], [at('ncco/format', '/0/endpoint/0/number')]],
  ['an ftp eventUrl', [{ action: 'record', endOnKey: '#', eventUrl: ['ftp://example.com/rec'] }], [at('ncco/format', '/0/eventUrl/0')]],
  ['an http websocket uri', [connect(websocket({ uri: 'https://example.com/socket' }))], [at('ncco/format', '/0/endpoint/0/uri')]],
  ['a sip uri without sip:', [connect({ type: 'sip', uri: 'rebekka@sip.example.com' })], [at('ncco/format', '/0/endpoint/0/uri')]],
  ['endOnKey with two keys', [{ action: 'record', endOnKey: '10' }], [at('ncco/format', '/0/endOnKey')]],
  ['dtmfAnswer with a letter', [connect(phone({ dtmfAnswer: '12a' }))], [at('ncco/format', '/0/endpoint/0/dtmfAnswer')]],
  [
    'a language that is not a code',
    [{ action: 'input', type: ['speech'], speech: { language: 'english' } }],
    [at('ncco/format', '/0/speech/language')],
  ],
  [
    'a custom authorization value with a line break',
    [connect(websocket({ authorization: { type: 'custom', value: 'a\nb' } }))],
    [at('ncco/format', '/0/endpoint/0/authorization/value')],
  ],
  ['an empty talk text', [talk({ text: '' })], [at('ncco/empty-value', '/0/text')]],
  ['an empty conversation name', [{ action: 'conversation', name: '' }], [at('ncco/empty-value', '/0/name')]],
];

describe('action schemas', () => {
  it.each(cases)('%s', (_name, ncco, expected) => {
    expect(found(validateNcco(ncco))).toEqual(expected);
  });
});

describe('did-you-mean', () => {
  const messageAt = (ncco: unknown, pointer: string): string => validateNcco(ncco).find((d) => d.pointer === pointer)?.message ?? '';
  it.each([
    ['an option', [talk({ bargein: true })], '/0/bargein', '"bargeIn"'],
    [
      'an option in an endpoint',
      [connect({ type: 'websocket', uri: 'wss://a.example.com', contentType: 'x' })],
      '/0/endpoint/0/contentType',
      '"content-type"',
    ],
    ['an action', [{ action: 'tallk', text: 'Hi' }], '/0/action', '"talk"'],
    ['an action by its TwiML name', [{ action: 'say', text: 'Hi' }], '/0/action', '"talk"'],
    [
      'an enum value',
      [{ action: 'notify', payload: {}, eventUrl: ['https://a.example.com'], eventMethod: 'post' }],
      '/0/eventMethod',
      '"POST"',
    ],
    ['an endpoint type', [connect({ type: 'phon', number: '447700900001' })], '/0/endpoint/0/type', '"phone"'],
  ])('suggests the right name for %s', (_what, ncco, pointer, suggestion) => {
    expect(messageAt(ncco, pointer)).toContain(`Did you mean ${suggestion}?`);
  });
});

describe('findings', () => {
  it('carry code, severity, message, pointer and a hint, but no file or range', () => {
    for (const d of validateNcco([talk({ bargein: true, loop: -1 }), { action: 'input' }])) {
      expect(Object.keys(d).sort()).toEqual(['code', 'hint', 'message', 'pointer', 'severity']);
    }
  });

  it('never throws, whatever the input', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 20_000; i++) node = (node.a = {}) as Record<string, unknown>;
    const cyclic: Record<string, unknown> = { text: '{{x}}' };
    cyclic.left = cyclic;
    cyclic.right = cyclic;
    const inputs: unknown[] = [
      null,
      undefined,
      42,
      'x',
      [null],
      [[]],
      [10n],
      [{ action: 10n }],
      [{ action: 'talk', text: 'x', loop: 10n }],
      [{ action: 'notify', payload: deep, eventUrl: ['https://a.example.com'] }],
      [{ action: 'notify', payload: cyclic, eventUrl: ['https://a.example.com'] }],
      [{ action: 'constructor' }],
      [{ action: 'talk', text: 'x', __proto__: { y: 1 } }],
    ];
    for (const v of inputs) {
      expect(() => validateNcco(v)).not.toThrow();
    }
  });

  it('does not change the NCCO it validates', () => {
    const ncco = [talk({ loop: '2', bargeIn: 'true' }), { action: 'input', type: ['dtmf'], dtmf: { maxDigits: '4' } }];
    const copy = structuredClone(ncco);
    validateNcco(ncco);
    expect(ncco).toEqual(copy);
  });
});

// YAML reads `number: 014155550191` as 14155550191: the hint must not offer the number without its zero as the fix.
describe('a number where text goes', () => {
  it('is told to be quoted as written, not as read', () => {
    const [d] = validateNcco([connect(phone({ number: 14155550191 }))]).filter((x) => x.code === 'ncco/type');
    expect(d?.hint).toBe(
      'Put it in quotes exactly as you wrote it (read as a number it became 14155550191: leading zeros and a + are lost).',
    );
  });
});

describe('hints for values of the wrong kind', () => {
  it.each([
    ['yes for true or false', [talk({ bargeIn: 'yes' })], 'ncco/type', 'Write true or false, without quotes.'],
    [
      'a number in quotes with a unit',
      [{ action: 'input', type: ['dtmf'], dtmf: { timeOut: '5s' } }],
      'ncco/type',
      'Write a number without quotes or units, e.g. 5.',
    ],
    [
      'an item that is no object',
      [1],
      'ncco/not-object',
      'Write each action as an object with its name and options, e.g. { "action": "talk", "text": "Hello." }.',
    ],
  ])('%s', (_name, ncco, code, hint) => {
    expect(validateNcco(ncco as unknown[]).find((x) => x.code === code)?.hint).toBe(hint);
  });
});

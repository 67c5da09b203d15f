/**
 * Each rule beyond the schema on its own: a passing and a failing case per rule (and per branch), asserting the
 * exact codes and pointers it returns. Rules run on raw input, so some cases are deliberately malformed.
 */
import { describe, expect, it } from 'vitest';
import { nccoRuleByName, nccoRules, ruleContext } from '../../compiler/validate/rules/index.js';
import type { ValidateOptions } from '../../compiler/validate/validate-options.js';
import { isNccoCode } from '../../compiler/validate/codes.js';
import { found, type Found } from './helpers.js';

const at = (code: string, pointer: string): Found => ({ code, pointer });
const talk = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'talk', text: 'Hello', ...extra });
const stream = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'stream',
  streamUrl: ['https://example.com/a.mp3'],
  ...extra,
});
const input = { action: 'input', type: ['dtmf'] };
const connect = (
  extra: Record<string, unknown> = {},
  endpoint: unknown[] = [{ type: 'phone', number: '447700900001' }],
): Record<string, unknown> => ({ action: 'connect', endpoint, ...extra });
const pay = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'pay', amount: 9.99, ...extra });
const allPrompts = (language: string): unknown[] => [
  {
    type: 'CardNumber',
    text: language,
    errors: { InvalidCardType: { text: 'x' }, InvalidCardNumber: { text: 'x' }, Timeout: { text: 'x' } },
  },
  { type: 'ExpirationDate', text: language, errors: { InvalidExpirationDate: { text: 'x' }, Timeout: { text: 'x' } } },
  { type: 'SecurityCode', text: language, errors: { InvalidSecurityCode: { text: 'x' }, Timeout: { text: 'x' } } },
];
const longText = (n: number): string => 'a'.repeat(n);

// [rule, case, ncco, expected, options]
const cases: [string, string, unknown[], Found[], ValidateOptions?][] = [
  ['bargein-without-input', 'talk with bargeIn, then input', [talk({ bargeIn: true }), input], []],
  [
    'bargein-without-input',
    'bargeIn, more talk and stream, then input',
    [talk({ bargeIn: true }), stream(), talk({ bargeIn: false }), input],
    [],
  ],
  [
    'bargein-without-input',
    'bargeIn "true" written as text counts',
    [stream({ bargeIn: 'true' }), talk()],
    [at('ncco/bargein-without-input', '/0/bargeIn')],
  ],
  ['bargein-without-input', 'bargeIn at the end', [talk(), talk({ bargeIn: true })], [at('ncco/bargein-without-input', '/1/bargeIn')]],
  [
    'bargein-without-input',
    'bargeIn followed by connect',
    [talk({ bargeIn: true }), talk({ bargeIn: true }), connect(), input],
    [at('ncco/bargein-without-input', '/0/bargeIn')],
  ],
  [
    'bargein-without-input',
    'two chains, the second broken',
    [talk({ bargeIn: true }), input, stream({ bargeIn: true })],
    [at('ncco/bargein-without-input', '/2/bargeIn')],
  ],
  ['bargein-without-input', 'bargeIn false', [talk({ bargeIn: false })], []],

  ['bargein-mixed', 'talks with bargeIn, then input', [talk({ bargeIn: true }), talk({ bargeIn: true }), input], []],
  ['bargein-mixed', 'a stream before the talk with bargeIn', [stream(), talk({ bargeIn: true }), input], []],
  ['bargein-mixed', 'a stream after a talk with bargeIn', [talk({ bargeIn: true }), stream(), input], [at('ncco/bargein-mixed', '/1')]],
  [
    'bargein-mixed',
    'a talk after a stream with bargeIn',
    [stream({ bargeIn: 'true' }), stream(), talk({ text: 'Press 1' }), input],
    [at('ncco/bargein-mixed', '/2')],
  ],
  ['bargein-mixed', 'an input closes the chain', [talk({ bargeIn: true }), input, stream(), talk()], []],
  ['bargein-mixed', 'a talk after a stream without bargeIn', [stream(), talk(), input], []],

  ['unreachable-after-loop', 'endless talk as the last action', [talk(), talk({ loop: 0 })], []],
  [
    'unreachable-after-loop',
    'endless stream before another action',
    [stream({ loop: 0 }), talk()],
    [at('ncco/unreachable-after-loop', '/0/loop')],
  ],
  ['unreachable-after-loop', 'loop "0" written as text', [talk({ loop: '0' }), talk()], [at('ncco/unreachable-after-loop', '/0/loop')]],
  ['unreachable-after-loop', 'endless loop with bargeIn can be interrupted', [talk({ loop: 0, bargeIn: true }), input], []],
  [
    'unreachable-after-loop',
    'endless loop while an earlier bargeIn is in force',
    [talk({ bargeIn: true }), stream({ loop: 0 }), input],
    [],
  ],
  ['unreachable-after-loop', 'loop 1', [talk({ loop: 1 }), talk()], []],

  ['talk-text', '1,500 characters', [talk({ text: longText(1500) })], []],
  ['talk-text', '1,501 characters', [talk({ text: longText(1501) })], [at('ncco/text-too-long', '/0/text')]],
  ['talk-text', '1,500 characters plus SSML tags', [talk({ text: `<speak><p>${longText(1500)}</p></speak>` })], []],
  [
    'talk-text',
    '1,501 characters inside SSML tags',
    [talk({ text: `<speak>${longText(1501)}</speak>` })],
    [at('ncco/text-too-long', '/0/text')],
  ],
  ['talk-text', '1,500 emoji (characters, not UTF-16 units)', [talk({ text: '😀'.repeat(1500) })], []],
  ['talk-text', 'well-formed SSML', [talk({ text: '<speak><prosody rate=\'fast\'>Hi &amp; bye</prosody><break time="1s"/></speak>' })], []],
  ['talk-text', 'an unclosed SSML tag', [talk({ text: '<speak><prosody rate="fast">Hi</speak>' })], [at('ncco/ssml-malformed', '/0/text')]],
  ['talk-text', 'a bare & in SSML', [talk({ text: '<speak>Tom & Jerry</speak>' })], [at('ncco/ssml-malformed', '/0/text')]],
  [
    'talk-text',
    'SSML tags without <speak>',
    [talk({ text: 'Wait <break time="1s"/> please' })],
    [at('ncco/ssml-without-speak', '/0/text')],
  ],
  ['talk-text', 'a < in plain text', [talk({ text: 'Press 1 if your balance is < 10 dollars & more' })], []],

  ['ssml-voice', 'SSML for a voice that reads it', [talk({ text: '<speak>Hi</speak>', language: 'es-US', style: 2 })], []],
  ['ssml-voice', 'plain text for a voice without SSML', [talk({ language: 'eu-ES', style: 0 })], []],
  [
    'ssml-voice',
    'SSML for a voice without SSML',
    [talk({ text: '<speak>Hi</speak>', language: 'pt-BR', style: 2 })],
    [at('ncco/ssml-unsupported-voice', '/0/text')],
  ],
  [
    'ssml-voice',
    'SSML, style written as text',
    [talk({ text: ' <speak>Hi</speak>', language: 'th-TH', style: '0' })],
    [at('ncco/ssml-unsupported-voice', '/0/text')],
  ],
  [
    'ssml-voice',
    'the default style of a language',
    [talk({ text: '<speak>Hi</speak>', language: 'he-IL' })],
    [at('ncco/ssml-unsupported-voice', '/0/text')],
  ],
  [
    'ssml-voice',
    'a premium voice is not in the table',
    [talk({ text: '<speak>Hi</speak>', language: 'pt-BR', style: 2, premium: true })],
    [],
  ],
  ['ssml-voice', 'a style the table does not know', [talk({ text: '<speak>Hi</speak>', language: 'pt-BR', style: 9 })], []],
  ['ssml-voice', 'a language newer than the table', [talk({ text: '<speak>Hi</speak>', language: 'lt-LT' })], []],
  [
    'ssml-voice',
    'SSML pay prompts for a voice without SSML',
    [
      pay({
        voice: { language: 'cs-CZ', style: 1 },
        prompts: [
          {
            type: 'CardNumber',
            text: '<speak>Card</speak>',
            errors: { Timeout: { text: '<speak>Again</speak>' }, InvalidCardNumber: { text: 'x' } },
          },
        ],
      }),
    ],
    [at('ncco/ssml-unsupported-voice', '/0/prompts/0/text'), at('ncco/ssml-unsupported-voice', '/0/prompts/0/errors/Timeout/text')],
  ],
  [
    'ssml-voice',
    'SSML pay prompts with the default voice',
    [pay({ prompts: [{ type: 'CardNumber', text: '<speak>Card</speak>', errors: {} }] })],
    [],
  ],
  ['tts-voice', 'a known language and style', [talk({ language: 'en-US', style: 11 })], []],
  ['tts-voice', 'a language in another case', [talk({ language: 'EN-gb' })], []],
  ['tts-voice', 'a language newer than the 2021 table', [talk({ language: 'lt-LT', style: 4 })], []],
  ['tts-voice', 'an unknown language', [talk({ language: 'en-XX' })], [at('ncco/tts-language', '/0/language')]],
  ['tts-voice', 'a style not in the table', [talk({ language: 'en-US', style: 12 })], [at('ncco/tts-style', '/0/style')]],
  ['tts-voice', 'a style for the default language en-US', [talk({ style: 12 })], [at('ncco/tts-style', '/0/style')]],
  ['tts-voice', 'a legacy voiceName', [talk({ voiceName: 'Amy' })], [at('ncco/deprecated-voice-name', '/0/voiceName')]],
  ['tts-voice', 'an unknown voiceName', [talk({ voiceName: 'Kindra' })], [at('ncco/unknown-voice-name', '/0/voiceName')]],
  ['tts-voice', 'pay voice language', [pay({ voice: { language: 'xx-YY' } })], [at('ncco/tts-language', '/0/voice/language')]],
  ['tts-voice', 'pay voice style', [pay({ voice: { language: 'en-GB', style: 8 } })], [at('ncco/tts-style', '/0/voice/style')]],

  ['from-and-random-from', 'from alone', [connect({ from: '447700900000' })], []],
  ['from-and-random-from', 'randomFromNumber alone', [connect({ randomFromNumber: true })], []],
  ['from-and-random-from', 'from with randomFromNumber false', [connect({ from: '447700900000', randomFromNumber: false })], []],
  [
    'from-and-random-from',
    'from with randomFromNumber true',
    [connect({ from: '447700900000', randomFromNumber: true })],
    [at('ncco/from-and-random-from', '/0/randomFromNumber')],
  ],

  ['endpoint-count', 'one endpoint', [connect()], []],
  ['endpoint-count', 'no endpoint', [connect({}, [])], [at('ncco/endpoint-count', '/0/endpoint')]],
  [
    'endpoint-count',
    'two endpoints',
    [
      connect({}, [
        { type: 'app', user: 'a' },
        { type: 'app', user: 'b' },
      ]),
    ],
    [at('ncco/endpoint-count', '/0/endpoint')],
  ],

  ['sip-target', 'uri', [connect({}, [{ type: 'sip', uri: 'sip:a@b.com' }])], []],
  ['sip-target', 'user and domain', [connect({}, [{ type: 'sip', user: 'a', domain: 'b' }])], []],
  [
    'sip-target',
    'uri and domain',
    [connect({}, [{ type: 'sip', uri: 'sip:a@b.com', domain: 'b' }])],
    [at('ncco/sip-target', '/0/endpoint/0')],
  ],
  ['sip-target', 'user without domain', [connect({}, [{ type: 'sip', user: 'a' }])], [at('ncco/sip-target', '/0/endpoint/0')]],
  ['sip-target', 'domain without user', [connect({}, [{ type: 'sip', domain: 'b' }])], [at('ncco/sip-target', '/0/endpoint/0')]],
  ['sip-target', 'nothing to call', [connect({}, [{ type: 'sip' }])], [at('ncco/sip-target', '/0/endpoint/0')]],

  ['sdk-spelling', 'documented spellings', [connect({ advancedMachineDetection: {} })], []],
  [
    'sdk-spelling',
    'advanced_machine_detection',
    [connect({ advanced_machine_detection: {} })],
    [at('ncco/sdk-spelling', '/0/advanced_machine_detection')],
  ],

  ['mute-with-can-speak', 'mute alone', [{ action: 'conversation', name: 'r', mute: true }], []],
  ['mute-with-can-speak', 'mute false with canSpeak', [{ action: 'conversation', name: 'r', mute: false, canSpeak: ['a'] }], []],
  [
    'mute-with-can-speak',
    'conversation mute with canSpeak',
    [{ action: 'conversation', name: 'r', mute: true, canSpeak: ['a'] }],
    [at('ncco/mute-with-can-speak', '/0/mute')],
  ],
  [
    'mute-with-can-speak',
    'transfer mute with an empty canSpeak',
    [{ action: 'transfer', conversationId: 'CON-1', mute: true, canSpeak: [] }],
    [at('ncco/mute-with-can-speak', '/0/mute')],
  ],

  ['transcription-without-record', 'recorded', [{ action: 'conversation', name: 'r', record: true, transcription: {} }], []],
  [
    'transcription-without-record',
    'not recorded',
    [{ action: 'conversation', name: 'r', transcription: {} }],
    [at('ncco/transcription-without-record', '/0/transcription')],
  ],

  ['channels-without-split', 'channels with split', [{ action: 'record', channels: 2, split: 'conversation' }], []],
  [
    'channels-without-split',
    'channels without split',
    [{ action: 'record', channels: 2, endOnKey: '#' }],
    [at('ncco/channels-without-split', '/0/channels')],
  ],

  ['record-no-stop', 'endOnSilence', [{ action: 'record', endOnSilence: 3 }], []],
  ['record-no-stop', 'timeOut', [{ action: 'record', timeOut: 30 }], []],
  ['record-no-stop', 'endOnKey', [{ action: 'record', endOnKey: '#' }], []],
  ['record-no-stop', 'no stop condition', [{ action: 'record' }], [at('ncco/record-no-stop', '/0')]],

  ['async-input-dtmf', 'asynchronous without dtmf', [{ action: 'input', type: ['dtmf'], mode: 'asynchronous' }], []],
  ['async-input-dtmf', 'synchronous with dtmf', [{ action: 'input', type: ['dtmf'], mode: 'synchronous', dtmf: { maxDigits: 2 } }], []],
  [
    'async-input-dtmf',
    'asynchronous with dtmf',
    [{ action: 'input', type: ['dtmf'], mode: 'asynchronous', dtmf: { maxDigits: 2 } }],
    [at('ncco/async-input-dtmf', '/0/dtmf')],
  ],

  ['input-settings-unused', 'settings for listed types', [{ action: 'input', type: ['dtmf', 'speech'], dtmf: {}, speech: {} }], []],
  [
    'input-settings-unused',
    'speech settings for a dtmf input',
    [{ action: 'input', type: ['dtmf'], speech: {} }],
    [at('ncco/input-settings-unused', '/0/speech')],
  ],

  ['wait-clamped', 'inside', [{ action: 'wait', timeout: 10 }], []],
  ['wait-clamped', 'below 0.1', [{ action: 'wait', timeout: 0 }], [at('ncco/wait-clamped', '/0/timeout')]],

  ['pay-currency', 'no currency (usd)', [pay()], []],
  ['pay-currency', 'usd', [pay({ currency: 'usd' })], []],
  ['pay-currency', 'eur by default', [pay({ currency: 'eur' })], [at('pay/currency', '/0/currency')]],
  ['pay-currency', 'eur when the project allows it', [pay({ currency: 'eur' })], [], { currencies: ['usd', 'eur'] }],
  ['pay-currency', 'USD in upper case', [pay({ currency: 'USD' })], [at('pay/currency', '/0/currency')]],
  ['pay-currency', 'no currency when usd is not allowed', [pay()], [at('pay/currency', '/0')], { currencies: ['eur'] }],

  ['pay-amount-precision', 'two decimals', [pay({ amount: 9.99 })], []],
  ['pay-amount-precision', 'a whole amount', [pay({ amount: 10 })], []],
  ['pay-amount-precision', 'three decimals', [pay({ amount: 9.999 })], [at('pay/amount-precision', '/0/amount')]],
  ['pay-amount-precision', 'three decimals written as text', [pay({ amount: '1.005' })], [at('pay/amount-precision', '/0/amount')]],
  ['pay-amount-precision', 'a tiny amount in exponent form', [pay({ amount: 1e-7 })], [at('pay/amount-precision', '/0/amount')]],

  ['pay-prompts', 'the three prompt types with their errors', [pay({ prompts: allPrompts('x') })], []],
  [
    'pay-prompts',
    'a prompt type twice',
    [
      pay({
        prompts: [
          { type: 'CardNumber', text: 'a', errors: {} },
          { type: 'CardNumber', text: 'b', errors: {} },
        ],
      }),
    ],
    [at('pay/duplicate-prompt', '/0/prompts/1/type')],
  ],
  [
    'pay-prompts',
    'an error type of another prompt type',
    [pay({ prompts: [{ type: 'ExpirationDate', text: 'a', errors: { InvalidCardNumber: { text: 'x' } } }] })],
    [at('pay/error-type', '/0/prompts/0/errors/InvalidCardNumber')],
  ],
  [
    'pay-prompts',
    'SecurityCode with InvalidSecurityCode and Timeout',
    [pay({ prompts: [{ type: 'SecurityCode', text: 'a', errors: { InvalidSecurityCode: { text: 'x' }, Timeout: { text: 'y' } } }] })],
    [],
  ],
  [
    'pay-prompts',
    'a misspelt error type',
    [pay({ prompts: [{ type: 'SecurityCode', text: 'a', errors: { Timout: { text: 'x' } } }] })],
    [at('pay/error-type', '/0/prompts/0/errors/Timout')],
  ],

  ['pay-default-prompts-english', 'English without prompts', [pay({ voice: { language: 'en-GB' } })], []],
  [
    'pay-default-prompts-english',
    'Spanish with every prompt and error',
    [pay({ voice: { language: 'es-US' }, prompts: allPrompts('es') })],
    [],
  ],
  [
    'pay-default-prompts-english',
    'Spanish without prompts',
    [pay({ voice: { language: 'es-US' } })],
    [at('pay/default-prompts-english', '/0/voice/language')],
  ],
  [
    'pay-default-prompts-english',
    'Spanish with one error text missing',
    [
      pay({
        voice: { language: 'es-US' },
        prompts: allPrompts('es')
          .slice(0, 2)
          .concat([{ type: 'SecurityCode', text: 'es', errors: { Timeout: { text: 'x' } } }]),
      }),
    ],
    [at('pay/default-prompts-english', '/0/voice/language')],
  ],

  ['pay-call-leg', 'lint-ncco (no flow context)', [pay()], []],
  ['pay-call-leg', 'an inbound flow', [pay()], [], { context: { direction: 'inbound' } }],
  ['pay-call-leg', 'an outbound flow', [talk(), pay()], [at('pay/inbound-only', '/1')], { context: { direction: 'outbound' } }],
  [
    'pay-call-leg',
    'an NCCO run by onAnswer',
    [pay()],
    [at('pay/on-answer', '/0')],
    { context: { direction: 'inbound', runByOnAnswer: true } },
  ],

  ['pay-recording-active', 'record after pay', [pay(), { action: 'record', endOnKey: '#' }], []],
  ['pay-recording-active', 'record before pay', [{ action: 'record', endOnKey: '#' }, talk(), pay()], [at('pay/recording-active', '/2')]],
  [
    'pay-recording-active',
    'a recorded conversation before pay',
    [{ action: 'conversation', name: 'r', record: true }, pay()],
    [at('pay/recording-active', '/1')],
  ],
  ['pay-recording-active', 'an unrecorded conversation before pay', [{ action: 'conversation', name: 'r' }, pay()], []],
  [
    'pay-recording-active',
    'a recording started by an earlier NCCO',
    [pay()],
    [at('pay/recording-active', '/0')],
    { context: { recordingActive: true } },
  ],

  ['string-values', 'ordinary values', [talk({ text: 'It costs $5 today' }), connect({ eventUrl: ['https://example.com/e?a=$1'] })], []],
  [
    'string-values',
    'a {{…}} placeholder in a URL',
    [stream({ streamUrl: ['https://{{host}}/a.mp3'] })],
    [at('ncco/placeholder', '/0/streamUrl/0')],
  ],
  ['string-values', 'a {{…}} placeholder in spoken text', [talk({ text: 'Hello {{name}}' })], [at('ncco/placeholder', '/0/text')]],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a ${…} placeholder is what this rule finds
  ['string-values', 'a ${…} placeholder', [{ action: 'conversation', name: '${room}' }], [at('ncco/placeholder', '/0/name')]],
  ['string-values', 'a $word$ placeholder', [{ action: 'record', format: '$format$' }], [at('ncco/placeholder', '/0/format')]],
  ['string-values', 'a $word in a number', [connect({ from: '$lvn' })], [at('ncco/placeholder', '/0/from')]],
  ['string-values', 'a $word in spoken text', [talk({ text: 'Connecting you to $name' })], [at('ncco/possible-placeholder', '/0/text')]],
  [
    'string-values',
    'a $word in a pay prompt text',
    [pay({ prompts: [{ type: 'CardNumber', text: 'Pay $amount', errors: {} }] })],
    [at('ncco/possible-placeholder', '/0/prompts/0/text')],
  ],
  [
    'string-values',
    'a $word in websocket headers',
    [connect({}, [{ type: 'websocket', uri: 'wss://example.com', 'content-type': 'audio/l16;rate=8000', headers: { 'a/b': '$cid' } }])],
    [at('ncco/placeholder', '/0/endpoint/0/headers/a~1b')],
  ],
  [
    'string-values',
    'localhost',
    [talk(), connect({ eventUrl: ['http://localhost:3000/event'] })],
    [at('ncco/unreachable-url', '/1/eventUrl/0')],
  ],
  [
    'string-values',
    'a private address',
    [connect({}, [{ type: 'websocket', uri: 'ws://192.168.1.10/socket', 'content-type': 'audio/l16;rate=8000' }])],
    [at('ncco/unreachable-url', '/0/endpoint/0/uri')],
  ],
  [
    'string-values',
    'a host without a domain',
    [{ action: 'record', eventUrl: ['http://myrecordings/voicemails'] }],
    [at('ncco/unreachable-url', '/0/eventUrl/0')],
  ],
  ['string-values', 'a public IP address', [{ action: 'record', eventUrl: ['https://203.0.113.5/rec'] }], []],
];

describe('rules beyond the schema', () => {
  it.each(cases)('%s: %s', (rule, _case, ncco, expected, options) => {
    const r = nccoRuleByName.get(rule);
    expect(r).toBeDefined();
    expect(found(r!.check(ncco, ruleContext(options)))).toEqual(expected);
  });

  it('every rule has a failing case here, and emits only its own, catalogued codes', () => {
    const tested = new Set(cases.filter((c) => c[3].length > 0).map((c) => c[0]));
    for (const rule of nccoRules) {
      expect(tested, rule.name).toContain(rule.name);
      for (const code of rule.codes) expect(isNccoCode(code), code).toBe(true);
    }
    for (const [name, , ncco, expected, options] of cases) {
      const codes = nccoRuleByName.get(name)!.codes as readonly string[];
      for (const f of found(nccoRuleByName.get(name)!.check(ncco, ruleContext(options)))) expect(codes).toContain(f.code);
      for (const f of expected) expect(codes).toContain(f.code);
    }
  });

  it('every code a rule can emit is exercised by a failing case', () => {
    const emitted = new Set(cases.flatMap((c) => c[3].map((f) => f.code)));
    for (const rule of nccoRules) for (const code of rule.codes) expect(emitted, `${rule.name} → ${code}`).toContain(code);
  });
});

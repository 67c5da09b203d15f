/**
 * String formats used by the action schemas (registered with ajv), with the words used when a value does not
 * match. Sources: NCCO reference (E.164 numbers, endOnKey, dtmfAnswer, websocket/SIP URIs) and
 * ncco-constraints.md §1 ("eventUrl … pattern ^https?://").
 */

export interface FormatInfo {
  readonly test: (s: string) => boolean;
  /** A regular expression (source, unanchored) that editors use for the same check; it may be looser. */
  readonly pattern: string;
  /** Completes "… must be …". */
  readonly expected: string;
  readonly hint: string;
}

/**
 * scheme://[user@]host[:port][/path?query#fragment] with a non-empty host and no spaces — what Vonage needs to
 * reach a URL (a regular expression: `new URL()` per value would dominate the validator's cost).
 */
const urlPattern = (schemes: string): RegExp =>
  new RegExp(`^(?:${schemes})://(?:[^\\s/?#@]*@)?(?:\\[[0-9A-Fa-f:.]+\\]|[^\\s/?#@:[\\]]+)(?::\\d{1,5})?(?:[/?#]\\S*)?$`, 'i');
const httpUrl = urlPattern('https?');
const websocketUri = urlPattern('wss?');

export const formats = {
  // NCCO reference › Connect: "A number in E.164 format"; 7–15 digits, no "+" (Python SDK ^[1-9]\d{6,14}$).
  e164: {
    pattern: '[1-9][0-9]{6,14}',
    test: (s) => /^[1-9]\d{6,14}$/.test(s),
    expected: 'a phone number in E.164 format: country code and number, digits only, 7 to 15 of them',
    hint: 'Write the number with its country code and without "+", spaces or dashes, for example "447700900001".',
  },
  'http-url': {
    pattern: 'https?://[^\\s/?#]+\\S*',
    test: (s) => httpUrl.test(s),
    expected: 'a web address starting with https:// or http://',
    hint: 'Use a full address such as "https://example.com/webhooks/event".',
  },
  'websocket-uri': {
    pattern: 'wss?://[^\\s/?#]+\\S*',
    test: (s) => websocketUri.test(s),
    expected: 'a WebSocket address starting with wss:// or ws://',
    hint: 'Use a full address such as "wss://example.com/socket".',
  },
  'sip-uri': {
    pattern: 'sips?:\\S+',
    test: (s) => /^sips?:[^\s]+$/.test(s),
    expected: 'a SIP address starting with sip: or sips:',
    hint: 'Use an address such as "sip:rebekka@sip.example.com" (add ";transport=tls" for TLS).',
  },
  bcp47: {
    pattern: '[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*',
    test: (s) => /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/.test(s),
    expected: 'a language code such as "en-US"',
    hint: 'Use a BCP-47 language code: language, a dash and the region, for example "en-GB" or "es-MX".',
  },
  'dtmf-answer': {
    pattern: '[0-9*#p]+',
    test: (s) => /^[0-9*#p]+$/.test(s),
    expected: 'keypad digits, * and #, with p for a half-second pause',
    hint: 'For example "2p02p" sends 2, waits half a second, then sends 0 and 2.',
  },
  'end-on-key': {
    pattern: '[0-9*#]',
    test: (s) => /^[0-9*#]$/.test(s),
    expected: 'one key of the phone keypad: a digit, * or #',
    hint: 'For example "#".',
  },
  'header-value': {
    pattern: '[\\x20-\\x7E]+',
    test: (s) => /^[\x20-\x7E]+$/.test(s),
    expected: 'printable ASCII characters only (a raw HTTP header value)',
    hint: 'Remove line breaks and non-ASCII characters from the value.',
  },
} as const satisfies Record<string, FormatInfo>;

export type FormatName = keyof typeof formats;

export const isFormatName = (name: string): name is FormatName => Object.hasOwn(formats, name);

/**
 * Deterministic synthetic NCCOs for the lint-ncco benchmark: realistic call-flow NCCOs of about five actions
 * (IVR menus, speech input, connects to every endpoint type, voicemail, conferences, payments, notify/wait),
 * ~90% clean, ~7% with warnings (numbers written as text, deprecated voiceName), ~3% with errors (a misspelt
 * option, a value out of range).
 */

/** mulberry32: a tiny seeded PRNG, so every run lints the same files. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const languages = [
  ['en-US', 11],
  ['en-GB', 7],
  ['es-US', 2],
  ['fr-FR', 7],
  ['de-DE', 6],
];
const sentences = [
  'Thank you for calling Acme Energy.',
  'For billing, press 1. For a technical problem, press 2. To speak to an agent, press 3.',
  'Please say or enter your account number, followed by the hash key.',
  'Your balance is forty two dollars and fifty cents.',
  'Please hold while we connect you to the next available agent.',
  'Leave a message after the tone. Press the hash key when you are done.',
];

export function makeNcco(index) {
  const r = random(index * 7919 + 17);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const int = (min, max) => min + Math.floor(r() * (max - min + 1));
  const [language, maxStyle] = pick(languages);
  const url = (p) => [`https://hooks.example.com/${p}/${index}`];
  const talk = (extra = {}) => ({ action: 'talk', text: pick(sentences), language, style: int(0, maxStyle), ...extra });
  const number = () => `4477009${String(int(0, 99999)).padStart(5, '0')}`;
  const endpoints = [
    () => ({
      type: 'phone',
      number: number(),
      dtmfAnswer: '2p02p',
      onAnswer: { url: 'https://hooks.example.com/whisper', ringbackTone: 'https://cdn.example.com/ring.wav' },
    }),
    () => ({ type: 'app', user: `agent-${int(1, 50)}` }),
    () => ({
      type: 'websocket',
      uri: 'wss://ws.example.com/socket',
      'content-type': 'audio/l16;rate=16000',
      headers: { caller: number(), lang: language },
    }),
    () => ({ type: 'sip', uri: `sip:agent${int(1, 50)}@sip.example.com;transport=tls`, headers: { queue: 'billing' } }),
    () => ({ type: 'vbc', extension: String(int(100, 999)) }),
  ];
  const flows = [
    () => [
      talk(),
      talk({ bargeIn: true }),
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: int(1, 20), timeOut: int(1, 10), submitOnHash: true }, eventUrl: url('menu') },
    ],
    () => [
      talk(),
      talk({ bargeIn: true }),
      {
        action: 'input',
        type: ['dtmf', 'speech'],
        dtmf: { maxDigits: 1 },
        speech: { language, context: ['billing', 'support', 'agent'], endOnSilence: 1.5, startTimeout: 10, maxDuration: 30 },
        eventUrl: url('menu'),
        eventMethod: 'POST',
      },
    ],
    () => [
      talk(),
      { action: 'stream', streamUrl: ['https://cdn.example.com/hold.mp3'], level: 0.2, loop: 2 },
      {
        action: 'connect',
        from: number(),
        timeout: int(10, 60),
        limit: 3600,
        eventType: 'synchronous',
        eventUrl: url('connect'),
        endpoint: [pick(endpoints)()],
      },
      talk(),
    ],
    () => [
      talk(),
      {
        action: 'record',
        format: 'mp3',
        endOnSilence: int(3, 10),
        endOnKey: '#',
        timeOut: int(30, 300),
        beepStart: true,
        eventUrl: url('voicemail'),
      },
      talk(),
    ],
    () => [
      talk(),
      { action: 'notify', payload: { step: 'conference', caller: number() }, eventUrl: url('notify') },
      {
        action: 'conversation',
        name: `room-${int(1, 500)}`,
        startOnEnter: r() < 0.5,
        musicOnHoldUrl: ['https://cdn.example.com/hold.mp3'],
        canHear: [],
        eventUrl: url('conversation'),
      },
    ],
    () => [
      talk(),
      {
        action: 'pay',
        amount: int(100, 99999) / 100,
        currency: 'usd',
        eventUrl: url('pay'),
        voice: { language: 'en-US', style: int(0, 11) },
        prompts: [
          {
            type: 'CardNumber',
            text: 'Please enter your card number.',
            errors: {
              InvalidCardType: { text: 'We accept Visa and Mastercard.' },
              InvalidCardNumber: { text: 'That number is not valid.' },
              Timeout: { text: 'Please enter your card number.' },
            },
          },
          {
            type: 'ExpirationDate',
            text: 'Please enter the expiry date.',
            errors: { InvalidExpirationDate: { text: 'That date is not valid.' }, Timeout: { text: 'Please enter the expiry date.' } },
          },
          {
            type: 'SecurityCode',
            text: 'Please enter the security code.',
            errors: { InvalidSecurityCode: { text: 'That code is not valid.' }, Timeout: { text: 'Please enter the security code.' } },
          },
        ],
      },
      talk(),
    ],
    () => [talk({ text: `<speak>${pick(sentences)} <break time="500ms"/> Goodbye.</speak>` }), { action: 'wait', timeout: 1 }, talk()],
  ];
  let ncco = pick(flows)();
  while (ncco.length < 5) ncco = [talk(), ...ncco];
  ncco = ncco.slice(0, 6);
  const roll = r();
  if (roll < 0.04)
    ncco[0] = { ...ncco[0], loop: '2' }; // warning: a number written as text
  else if (roll < 0.07)
    ncco[0] = { action: 'talk', text: ncco[0].text ?? 'Hello', voiceName: 'Amy' }; // warning: deprecated
  else if (roll < 0.085)
    ncco[0] = { ...ncco[0], bargein: true }; // error: misspelt option
  else if (roll < 0.1) ncco[0] = { ...ncco[0], level: 2 }; // error: out of range
  return ncco;
}

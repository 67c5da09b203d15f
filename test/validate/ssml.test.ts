/** The SSML well-formedness check and the spoken-length count (NCCO reference › Talk, text). */
import { describe, expect, it } from 'vitest';
import { checkSsml, findStrayTag, isSsml, spokenLength } from '../../compiler/validate/ssml.js';

describe('checkSsml', () => {
  it.each([
    '<speak>Hello</speak>',
    "<speak><prosody rate='fast'>I can speak fast.</prosody></speak>",
    "<speak><lang xml:lang='en-GB'>Oh, you're <emphasis level='strong'>here.</emphasis></lang></speak>",
    '<speak>Wait<break time="1s"/>now</speak>',
    '<speak><say-as interpret-as="digits">1234</say-as> &amp; &lt;&gt; &#65; &#x41;</speak>',
    '  <speak>\n<p>Hi</p>\n</speak>\n',
    '<?xml version="1.0"?><speak><!-- a comment --><![CDATA[ <raw> ]]></speak>',
    '<speak><sub alias="World Wide Web">WWW</sub> 3 > 2</speak>',
  ])('accepts %s', (text) => {
    expect(checkSsml(text)).toBeUndefined();
  });

  // [text, offset of the problem]
  it.each([
    ['<speak><p>Hi</speak>', 12],
    ['<speak><p>Hi</p>', 0],
    ['<speak>Hi</p></speak>', 9],
    ['<speak>Tom & Jerry</speak>', 11],
    ['<speak>&nbsp;</speak>', 7],
    ['<speak><break time=1s/></speak>', 19],
    ['<speak><break time="1s" time="2s"/></speak>', 24],
    ['<speak><break time="1s"strength="x"/></speak>', 23],
    ['<speak>a < b</speak>', 9],
    ['<speak>Hi</speak> after', 18],
    ['<speak>Hi</speak><speak>again</speak>', 17],
    ['<p>Hi</p>', 0],
    ['<speak><!-- open</speak>', 7],
    ['<speak><!DOCTYPE x></speak>', 7],
    ['<speak><prosody rate="fast', 21],
    // A <break> or <mark> without "/>": the place to fix is the tag itself, not the </speak> it makes mismatch.
    ["<speak>Hi <break time='1s'> there</speak>", 10],
    ['<speak><p>Hi <mark name="a"></p></speak>', 13],
  ] as const)('rejects %s at offset %i', (text, offset) => {
    expect(checkSsml(text)?.offset).toBe(offset);
  });

  it('accepts a <break> closed by </break>', () => {
    expect(checkSsml('<speak><break time="1s"></break></speak>')).toBeUndefined();
  });

  it('says which empty element was never closed, and how to write it', () => {
    expect(checkSsml("<speak>Hi <break time='1s'> there</speak>")?.message).toBe('<break> is never closed: write it as <break …/>');
    expect(checkSsml('<speak><p>Hi</speak>')?.message).toBe('</speak> does not match the open tag <p>');
  });
});

describe('isSsml / findStrayTag', () => {
  it('recognises text meant as SSML by its <speak> root', () => {
    expect(isSsml(' <speak>Hi</speak>')).toBe(true);
    expect(isSsml('<speaker>Hi')).toBe(false);
    expect(isSsml('Hi <speak>')).toBe(false);
  });
  it('finds tags in plain text, but not a lone <', () => {
    expect(findStrayTag('Wait <break time="1s"/> now')?.offset).toBe(5);
    expect(findStrayTag('Hi </p>')?.offset).toBe(3);
    expect(findStrayTag('if a < b and c > d')).toBeUndefined();
  });
});

describe('spokenLength', () => {
  it.each([
    ['Hello', false, 5],
    ['<speak>Hello</speak>', true, 5],
    ['<speak><p>Hi</p><break time="1s"/>&amp;</speak>', true, 3],
    ['<speak><!-- not spoken -->Hi</speak>', true, 2],
    ['😀😀', false, 2],
    ['<b>Hi</b>', false, 9],
  ] as const)('%s → %i', (text, ssml, length) => {
    expect(spokenLength(text, ssml)).toBe(length);
  });
});

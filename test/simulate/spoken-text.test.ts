/** What a caller hears of a talk text (transcripts and `hear:` checks): SSML read as a voice reads it. */
import { describe, expect, it } from 'vitest';
import { speakableText, withoutTags } from '../../compiler/simulate/spoken-text.js';

describe('speakableText', () => {
  it.each([
    ['  Thank you   for calling. ', 'Thank you for calling.', false],
    [
      '<speak>You entered <say-as interpret-as="digits">40012345</say-as>.<break time="300ms"/>If that is right</speak>',
      'You entered 40012345. If that is right',
      true,
    ],
    ['<speak><p>One</p><p>Two</p><s>Three</s></speak>', 'One Two Three', true],
    ['<speak>Tom &amp; Jerry &lt;3 &#233;t&#xE9; &constructor; &nbsp;</speak>', 'Tom & Jerry <3 été &constructor; &nbsp;', true],
    ['<speak>A <!-- not said <p> --> B</speak>', 'A B', true],
    ['<speak>1 < 2, and 3 > 2</speak>', '1 2', true], // a bare < opens a tag up to the next >, as in XML
    ['<speak>open < with no end', 'open < with no end', true],
  ])('%j', (raw, text, ssml) => {
    expect(speakableText(raw)).toEqual({ text, ssml });
  });

  it('a lone "<" that never closes stays text', () => {
    expect(withoutTags('a < b')).toBe('a < b');
  });

  it('long runs of "<", "<!--" and "&" are read in one pass (no backtracking)', () => {
    const n = 200_000;
    for (const raw of [
      `<speak>${'<'.repeat(n)}`,
      `<speak>${'<!--'.repeat(n)}`,
      `<speak>${'&'.repeat(n)}`,
      `<speak>${'<s\u0000b'.repeat(n)}`,
    ]) {
      expect(typeof speakableText(raw).text).toBe('string');
    }
  });
});

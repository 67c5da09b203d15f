/** The spoken-time estimate and the goodbye words, table-driven. */
import { describe, expect, it } from 'vitest';
import { saysGoodbye } from '../../compiler/flow-checks/goodbye.js';
import { spokenSeconds } from '../../compiler/flow-checks/spoken-time.js';

describe('spokenSeconds', () => {
  it.each([
    // 15 words at 150 per minute = 6 s, plus two sentence ends.
    ['one two three four five six seven eight nine ten. eleven twelve thirteen fourteen fifteen.', 'en-US', 6.6],
    ['uno dos tres cuatro cinco', 'es-US', 2],
    // German is counted at 120 words per minute.
    ['eins zwei drei vier fünf sechs', 'de-DE', 3],
    // Tags are not spoken; a break adds its time; entities are no words.
    ['<speak>one two<break time="1500ms"/>three &amp; four</speak>', 'en-US', 1.6 + 1.5],
    ["<speak>one<break time='2s'/></speak>", 'en-GB', 0.4 + 2],
    // Digits read one by one are words.
    ['1 8 0 0', 'en-US', 1.6],
    // Written without spaces: characters at 240 per minute.
    ['请按一', 'cmn-CN', 0.75],
    ['', 'en-US', 0],
  ])('%j in %s ≈ %d s', (text, language, seconds) => {
    expect(spokenSeconds(text, language)).toBeCloseTo(seconds, 5);
  });
});

describe('saysGoodbye', () => {
  it.each([
    ['Thank you for calling. Goodbye.', 'en-US', true],
    ['Bye!', 'en-GB', true],
    ['Thank you for calling.', 'en-US', false],
    ['Gracias por llamar. Adiós.', 'es-US', true],
    ['Gracias, hasta luego.', 'es-MX', true],
    ['Merci. Au revoir.', 'fr-CA', true],
    ['Merci de votre appel.', 'fr-CA', false],
    ['Obrigado. Tchau.', 'pt-BR', true],
    ['Grazie, arrivederci.', 'it-IT', true],
    ['<speak>Danke. Auf Wiederhören.</speak>', 'de-DE', true],
    // "bye" inside another word does not count.
    ['Call us at Byers Road.', 'en-US', false],
    // No goodbye words for this language: flowc cannot tell.
    ['Dziękujemy.', 'pl-PL', undefined],
  ])('%j (%s) → %s', (text, language, expected) => {
    expect(saysGoodbye(text, language)).toBe(expected);
  });
});

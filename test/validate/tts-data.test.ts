/** The TTS tables are the shared reference TSVs, complete and typed. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findTtsLanguage,
  legacyVoiceNames,
  styleSupportsSsml,
  stylesFor,
  ttsLanguages,
  ttsStyleTable,
} from '../../compiler/validate/tts-data.js';

const reference = path.resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/reference');
const rows = (file: string): string[][] =>
  readFileSync(path.join(reference, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));

describe('tts-data', () => {
  it('holds every row of tts-language-styles.tsv', () => {
    const table = rows('tts-language-styles.tsv');
    expect(table).toHaveLength(215);
    for (const [language, style, ssml] of table) {
      expect(stylesFor(language!)).toContain(Number(style));
      expect(styleSupportsSsml(language!, Number(style))).toBe(ssml === 'ssml');
    }
    expect(Object.values(ttsStyleTable).reduce((n, e) => n + e.styles.length, 0)).toBe(215);
  });

  it('holds every row of tts-legacy-voicenames.tsv', () => {
    const table = rows('tts-legacy-voicenames.tsv');
    expect(table).toHaveLength(96);
    for (const [name, language, style] of table) {
      expect(legacyVoiceNames.get(name!)).toContainEqual({ language, style: Number(style) });
    }
    expect(legacyVoiceNames.get('Henrik')).toHaveLength(2);
  });

  it('knows the 2021 languages and the newer SDK ones, case-insensitively', () => {
    expect(ttsLanguages).toContain('en-US');
    expect(ttsLanguages).toContain('lt-LT');
    expect(findTtsLanguage('en-gb')).toBe('en-GB');
    expect(findTtsLanguage('xx-XX')).toBeUndefined();
    expect(stylesFor('en-US')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(stylesFor('lt-LT')).toEqual([]);
    expect(stylesFor('constructor')).toEqual([]);
  });
});

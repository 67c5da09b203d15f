/**
 * Text-to-speech data for `talk` and `pay.voice` (NCCO reference › Talk: 'Possible values are listed in the
 * Text-To-Speech guide').
 *
 * Styles per language: shared/reference/tts-language-styles.tsv = Nexmo/nexmo-developer@4da2b396
 * _documentation/en/voice/voice-api/guides/text-to-speech.md (2021-07). Vonage has added voices since, so a
 * style missing from this table is only a warning (ncco/tts-style), while an unknown language is an error.
 * Legacy voice names: shared/reference/tts-legacy-voicenames.tsv (same page, 'Legacy Voice Names').
 * Newer language codes: Vonage/vonage-node-sdk packages/voice/lib/enums/TTSLanguages.ts (66 codes) and
 * Vonage/vonage-java-sdk TextToSpeechLanguage (adds lt-LT, mr-IN) — see ncco-constraints.md §8.
 */

export interface TtsLanguageStyles {
  /** English name of the language in the TTS guide. */
  readonly name: string;
  /** Style indices offered in 2021. */
  readonly styles: readonly number[];
  /** The subset of styles that supported SSML in 2021. */
  readonly ssml: readonly number[];
}

/** The 2021 TTS guide table, keyed by language code as Vonage spells it. */
export const ttsStyleTable: Readonly<Record<string, TtsLanguageStyles>> = {
  ar: { name: 'Arabic', styles: [0, 1, 2, 3, 4, 5, 6, 7], ssml: [0, 1, 3, 4, 7] },
  'eu-ES': { name: 'Basque', styles: [0], ssml: [] },
  'bn-IN': { name: 'Bengali', styles: [0, 1], ssml: [0, 1] },
  'ca-ES': { name: 'Catalan, Valencian', styles: [0, 1], ssml: [] },
  'yue-CN': { name: 'Chinese, Cantonese', styles: [0], ssml: [] },
  'cmn-CN': { name: 'Chinese, Mandarin', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 2, 4, 5] },
  'cmn-TW': { name: 'Chinese, Mandarin (Taiwan)', styles: [0, 1, 2, 3], ssml: [1, 2, 3] },
  'cs-CZ': { name: 'Czech', styles: [0, 1, 2], ssml: [0] },
  'da-DK': { name: 'Danish', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 2, 3, 4, 5] },
  'nl-NL': { name: 'Dutch', styles: [0, 1, 2, 3, 4, 5, 6], ssml: [0, 1, 2, 3, 4, 5, 6] },
  'en-AU': { name: 'English (Australia)', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 2, 3, 4, 5] },
  'en-IN': { name: 'English (India)', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 2, 3, 4, 5] },
  'en-ZA': { name: 'English (South Africa)', styles: [0], ssml: [] },
  'en-GB': { name: 'English (United Kingdom)', styles: [0, 1, 2, 3, 4, 5, 6, 7], ssml: [0, 1, 2, 3, 4, 5, 6, 7] },
  'en-US': {
    name: 'English (United States)',
    styles: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    ssml: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  },
  'en-GB-WLS': { name: 'English (Wales)', styles: [0], ssml: [0] },
  'fil-PH': { name: 'Filipino', styles: [0, 1, 2, 3], ssml: [0, 1, 2, 3] },
  'fi-FI': { name: 'Finnish', styles: [0, 1], ssml: [0] },
  'fr-CA': { name: 'French (Canada)', styles: [0, 1, 2, 3, 4], ssml: [0, 1, 2, 3, 4] },
  'fr-FR': { name: 'French (France)', styles: [0, 1, 2, 3, 4, 5, 6, 7], ssml: [0, 1, 2, 3, 4, 5, 6, 7] },
  'de-DE': { name: 'German', styles: [0, 1, 2, 3, 4, 5, 6], ssml: [0, 1, 2, 3, 4, 5, 6] },
  'el-GR': { name: 'Greek', styles: [0, 1, 2], ssml: [0] },
  'he-IL': { name: 'Hebrew', styles: [0], ssml: [] },
  'hi-IN': { name: 'Hindi', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 3, 4, 5] },
  'hu-HU': { name: 'Hungarian', styles: [0, 1], ssml: [0] },
  'is-IS': { name: 'Icelandic', styles: [0, 1], ssml: [0, 1] },
  'id-ID': { name: 'Indonesian', styles: [0, 1, 2, 3, 4], ssml: [0, 2, 3, 4] },
  'it-IT': { name: 'Italian', styles: [0, 1, 2, 3, 4, 5, 6], ssml: [0, 1, 2, 3, 4, 5, 6] },
  'ja-JP': { name: 'Japanese', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 2, 3, 4, 5] },
  'ko-KR': { name: 'Korean', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 2, 4, 5] },
  'ml-IN': { name: 'Malayalam', styles: [0, 1], ssml: [0, 1] },
  'nb-NO': { name: 'Norwegian', styles: [0, 1, 2, 3, 4, 5, 6, 7], ssml: [0, 1, 2, 3, 4, 5] },
  'pl-PL': { name: 'Polish', styles: [0, 1, 2, 3, 4, 5, 6, 7, 8], ssml: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
  'pt-BR': { name: 'Portuguese (Brazil)', styles: [0, 1, 2, 3, 4, 5], ssml: [0, 1, 3, 5] },
  'pt-PT': { name: 'Portuguese (Portugal)', styles: [0, 1, 2, 3, 4, 5, 6, 7], ssml: [0, 1, 2, 5, 6, 7] },
  'ro-RO': { name: 'Romanian', styles: [0, 1], ssml: [0] },
  'ru-RU': { name: 'Russian', styles: [0, 1, 2, 3, 4, 5, 6], ssml: [0, 1, 2, 3, 4, 5, 6] },
  'sk-SK': { name: 'Slovak', styles: [0, 1], ssml: [0] },
  'es-MX': { name: 'Spanish (Mexico)', styles: [0], ssml: [0] },
  'es-ES': { name: 'Spanish (Spain)', styles: [0, 1, 2, 3, 4], ssml: [0, 1, 2, 4] },
  'es-US': { name: 'Spanish (United States)', styles: [0, 1, 2], ssml: [0, 1, 2] },
  'sv-SE': { name: 'Swedish', styles: [0, 1, 2, 3], ssml: [0, 1] },
  'ta-IN': { name: 'Tamil', styles: [0, 1], ssml: [0, 1] },
  'te-IN': { name: 'Telugu', styles: [0, 1], ssml: [0, 1] },
  'th-TH': { name: 'Thai', styles: [0, 1], ssml: [1] },
  'tr-TR': { name: 'Turkish', styles: [0, 1, 2, 3, 4, 5, 6, 7], ssml: [0, 1, 2, 3, 5, 6] },
  'uk-UA': { name: 'Ukrainian', styles: [0], ssml: [0] },
  'vi-VN': { name: 'Vietnamese', styles: [0, 1, 2, 3], ssml: [0, 1, 2, 3] },
  'cy-GB': { name: 'Welsh', styles: [0], ssml: [0] },
};

/** Languages the current SDKs accept that the 2021 table does not list (no style data for them). */
const newerTtsLanguages: readonly string[] = [
  'af-ZA',
  'bg-BG',
  'de-AT',
  'de-ET',
  'en-GB-SCT',
  'en-IE',
  'en-NZ',
  'es-CO',
  'gl-ES',
  'gu-IN',
  'kn-IN',
  'lt-LT',
  'lv-LV',
  'mr-IN',
  'ms-MY',
  'nl-BE',
  'no-NO',
  'pa-IN',
  'sr-RS',
];

/** Every TTS language code flowc accepts for `talk.language` and `pay.voice.language`, sorted. */
export const ttsLanguages: readonly string[] = [...new Set([...Object.keys(ttsStyleTable), ...newerTtsLanguages])].sort();

const exact = new Set(ttsLanguages);
const byLowerCase = new Map(ttsLanguages.map((code) => [code.toLowerCase(), code]));

/** The canonical spelling of a TTS language code (BCP-47 is case-insensitive), or undefined when unknown. */
export const findTtsLanguage = (code: string): string | undefined => (exact.has(code) ? code : byLowerCase.get(code.toLowerCase()));

/** Style indices known for a language (2021 table); empty when the table has no data for it. */
export function stylesFor(language: string): readonly number[] {
  const canonical = findTtsLanguage(language);
  return (canonical !== undefined && Object.hasOwn(ttsStyleTable, canonical) ? ttsStyleTable[canonical]?.styles : undefined) ?? [];
}

/** Whether a language/style supported SSML in 2021 (undefined when the table does not know the pair). */
export function styleSupportsSsml(language: string, style: number): boolean | undefined {
  const canonical = findTtsLanguage(language);
  const entry = canonical !== undefined && Object.hasOwn(ttsStyleTable, canonical) ? ttsStyleTable[canonical] : undefined;
  if (entry === undefined || !entry.styles.includes(style)) return undefined;
  return entry.ssml.includes(style);
}

export interface LegacyVoice {
  readonly language: string;
  readonly style: number;
}

/** [voiceName, language, style]; Henrik and Nora map to both no-NO and nb-NO. */
const legacyVoiceRows: readonly (readonly [string, string, number])[] = [
  ['Aditi', 'hi-IN', 0],
  ['Alva', 'sv-SE', 2],
  ['Amy', 'en-GB', 0],
  ['Astrid', 'sv-SE', 0],
  ['Bianca', 'it-IT', 0],
  ['Brian', 'en-GB', 4],
  ['Camila', 'pt-BR', 5],
  ['Carla', 'it-IT', 1],
  ['Carmen', 'ro-RO', 0],
  ['Carmit', 'he-IL', 0],
  ['Catarina', 'pt-PT', 3],
  ['Celine', 'fr-FR', 0],
  ['Cem', 'tr-TR', 7],
  ['Chantal', 'fr-CA', 0],
  ['Conchita', 'es-ES', 0],
  ['Cristiano', 'pt-PT', 5],
  ['Damayanti', 'id-ID', 1],
  ['Dora', 'is-IS', 0],
  ['Emma', 'en-GB', 1],
  ['Empar', 'es-ES', 3],
  ['Enrique', 'es-ES', 4],
  ['Ewa', 'pl-PL', 0],
  ['Felipe', 'pt-BR', 4],
  ['Filiz', 'tr-TR', 0],
  ['Geraint', 'en-GB-WLS', 0],
  ['Giorgio', 'it-IT', 4],
  ['Gwyneth', 'cy-GB', 0],
  ['Hans', 'de-DE', 3],
  ['Henrik', 'no-NO', 1],
  ['Henrik', 'nb-NO', 7],
  ['Ines', 'pt-PT', 0],
  ['Ioana', 'ro-RO', 1],
  ['Iveta', 'cs-CZ', 1],
  ['Ivy', 'en-US', 1],
  ['Jacek', 'pl-PL', 5],
  ['Jan', 'pl-PL', 6],
  ['Joana', 'pt-PT', 4],
  ['Joanna', 'en-US', 2],
  ['Joey', 'en-US', 7],
  ['Jordi', 'ca-ES', 1],
  ['Justin', 'en-US', 8],
  ['Kanya', 'th-TH', 0],
  ['Karl', 'is-IS', 1],
  ['Kendra', 'en-US', 3],
  ['Kimberly', 'en-US', 0],
  ['Laila', 'ar', 2],
  ['Laura', 'sk-SK', 1],
  ['Lea', 'fr-FR', 1],
  ['Lekha', 'hi-IN', 2],
  ['Liv', 'nb-NO', 0],
  ['Lotte', 'nl-NL', 0],
  ['Lucia', 'es-ES', 1],
  ['Luciana', 'pt-BR', 2],
  ['Lupe', 'es-US', 2],
  ['Mads', 'da-DK', 2],
  ['Maged', 'ar', 5],
  ['Maja', 'pl-PL', 1],
  ['Mariska', 'hu-HU', 1],
  ['Marlene', 'de-DE', 0],
  ['Mathieu', 'fr-FR', 5],
  ['Matthew', 'en-US', 9],
  ['Maxim', 'ru-RU', 4],
  ['Mei-Jia', 'cmn-TW', 0],
  ['Melina', 'el-GR', 1],
  ['Mia', 'es-MX', 0],
  ['Miguel', 'es-US', 1],
  ['Miren', 'eu-ES', 0],
  ['Mizuki', 'ja-JP', 0],
  ['Montserrat', 'ca-ES', 0],
  ['Naja', 'da-DK', 0],
  ['Nicole', 'en-AU', 0],
  ['Nikos', 'el-GR', 2],
  ['Nora', 'no-NO', 0],
  ['Nora', 'nb-NO', 6],
  ['Oskar', 'sv-SE', 3],
  ['Penelope', 'es-US', 0],
  ['Raveena', 'en-IN', 1],
  ['Ricardo', 'pt-BR', 3],
  ['Ruben', 'nl-NL', 4],
  ['Russell', 'en-AU', 3],
  ['Salli', 'en-US', 4],
  ['Satu', 'fi-FI', 1],
  ['Seoyeon', 'ko-KR', 0],
  ['Sin-Ji', 'yue-CN', 0],
  ['Sora', 'ko-KR', 3],
  ['Takumi', 'ja-JP', 3],
  ['Tarik', 'ar', 6],
  ['Tatyana', 'ru-RU', 0],
  ['Tessa', 'en-ZA', 0],
  ['Tian-Tian', 'cmn-CN', 3],
  ['Vicki', 'de-DE', 1],
  ['Vitoria', 'pt-BR', 0],
  ['Yelda', 'tr-TR', 4],
  ['Zeina', 'ar', 0],
  ['Zhiyu', 'cmn-CN', 0],
  ['Zuzana', 'cs-CZ', 2],
];

/** Deprecated `voiceName` → the language/style pairs that replace it (case as Vonage spells the name). */
export const legacyVoiceNames: ReadonlyMap<string, readonly LegacyVoice[]> = (() => {
  const map = new Map<string, LegacyVoice[]>();
  for (const [name, language, style] of legacyVoiceRows) {
    const list = map.get(name) ?? [];
    list.push({ language, style });
    map.set(name, list);
  }
  return map;
})();

/**
 * Text-to-speech voice settings of `talk` and `pay.voice` (NCCO reference › Talk: language, style — "Possible
 * values are listed in the Text-To-Speech guide"; voiceName is deprecated, text-to-speech guide 2021).
 * Policy (docs/rules.md): an unknown language is an error (with a did-you-mean); a style the 2021 table does not
 * list for the language is only a warning, because Vonage has added voices since; a legacy voiceName is a
 * warning that names its replacement, an unknown one an error.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMeanText } from '../../diagnostics/did-you-mean.js';
import { finding } from '../codes.js';
import { formats } from '../formats.js';
import { findTtsLanguage, legacyVoiceNames, stylesFor, ttsLanguages, type LegacyVoice } from '../tts-data.js';
import { isObject, lenientNumber, type JsonObject } from '../values.js';
import { actionRule } from './rule.js';

const defaultLanguage = 'en-US';

/** Known languages as written → canonical code (bounded: only codes that resolve, at most 256 spellings). */
const knownSpellings = new Map<string, string>();

function canonicalLanguage(language: string): string | undefined {
  const cached = knownSpellings.get(language);
  if (cached !== undefined) return cached;
  const canonical = findTtsLanguage(language);
  if (canonical !== undefined && knownSpellings.size < 256) knownSpellings.set(language, canonical);
  return canonical;
}

function checkVoice(settings: JsonObject, pointer: string, out: Diagnostic[]): void {
  const language = settings.language;
  let canonical: string | undefined = defaultLanguage;
  if (typeof language === 'string') {
    canonical = canonicalLanguage(language);
    // Malformed codes are reported by the schema (ncco/format).
    if (canonical === undefined && !formats.bcp47.test(language)) return;
    if (canonical === undefined) {
      out.push(
        finding(
          'ncco/tts-language',
          `${pointer}/language`,
          `"${language}" is not a text-to-speech language Vonage offers.${didYouMeanText(language, ttsLanguages)}`,
          'Use one of the languages of the Text-To-Speech guide, e.g. "en-US", "en-GB", "es-ES", "fr-FR", "de-DE".',
        ),
      );
      return;
    }
  } else if (language !== undefined) {
    return;
  }
  if (settings.style === undefined) return;
  const style = lenientNumber(settings.style);
  if (style === undefined || !Number.isInteger(style) || style < 0) return;
  const known = stylesFor(canonical);
  if (known.length > 0 && !known.includes(style)) {
    out.push(
      finding(
        'ncco/tts-style',
        `${pointer}/style`,
        `Style ${style} is not in the 2021 list of voices for ${canonical} (known styles: ${known.join(', ')}). It may be newer; if not, Vonage will reject it.`,
        `Check the Text-To-Speech guide, or use one of the styles ${known.join(', ')}.`,
      ),
    );
  }
}

const replacement = (voices: readonly LegacyVoice[]): string =>
  voices.map((v) => `"language": "${v.language}", "style": ${v.style}`).join(' or ');

function findLegacyVoice(name: string): [string, readonly LegacyVoice[]] | undefined {
  const exact = legacyVoiceNames.get(name);
  if (exact !== undefined) return [name, exact];
  const lower = name.toLowerCase();
  for (const [known, voices] of legacyVoiceNames) if (known.toLowerCase() === lower) return [known, voices];
  return undefined;
}

export const ttsVoice = actionRule({
  name: 'tts-voice',
  codes: ['ncco/tts-language', 'ncco/tts-style', 'ncco/deprecated-voice-name', 'ncco/unknown-voice-name'],
  actions: ['talk', 'pay'],
  check(action, i, _context, out) {
    if (action.action === 'pay') {
      if (isObject(action.voice)) checkVoice(action.voice, `/${i}/voice`, out);
      return;
    }
    checkVoice(action, `/${i}`, out);
    const voiceName = action.voiceName;
    if (typeof voiceName !== 'string' || voiceName === '') return;
    const legacy = findLegacyVoice(voiceName);
    if (legacy !== undefined) {
      out.push(
        finding(
          'ncco/deprecated-voice-name',
          `/${i}/voiceName`,
          `voiceName is deprecated; Vonage still accepts "${voiceName}" for now.`,
          `Use ${replacement(legacy[1])} instead of "voiceName": "${legacy[0]}".`,
        ),
      );
    } else {
      out.push(
        finding(
          'ncco/unknown-voice-name',
          `/${i}/voiceName`,
          `"${voiceName}" is not one of Vonage's voice names.${didYouMeanText(voiceName, legacyVoiceNames.keys())}`,
          'voiceName is deprecated anyway: choose the voice with "language" and "style".',
        ),
      );
    }
  },
});

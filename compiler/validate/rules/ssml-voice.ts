/**
 * SSML sent to a voice that does not read it. The Text-To-Speech guide (2021 table, tts-data.ts) says per language
 * and style whether the voice supports SSML; a voice that does not would speak the tags or reject the text. The
 * voice of a talk is its language (default en-US) and style (default 0); of a pay prompt, pay.voice.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { finding } from '../codes.js';
import { isSsml } from '../ssml.js';
import { styleSupportsSsml, stylesFor } from '../tts-data.js';
import { isObject, lenientBoolean, lenientNumber, type JsonObject } from '../values.js';
import { actionRule } from './rule.js';

const ssmlStyles = (language: string): number[] => stylesFor(language).filter((s) => styleSupportsSsml(language, s) === true);

/** The voice as Vonage picks it; undefined when the table cannot tell (unknown pair, premium voice, not a number). */
function voiceWithoutSsml(settings: JsonObject): { language: string; style: number } | undefined {
  if (lenientBoolean(settings.premium) === true) return undefined;
  const language = settings.language === undefined ? 'en-US' : settings.language;
  const style = settings.style === undefined ? 0 : lenientNumber(settings.style);
  if (typeof language !== 'string' || style === undefined) return undefined;
  return styleSupportsSsml(language, style) === false ? { language, style } : undefined;
}

const message = (voice: { language: string; style: number }, what: string): string =>
  `${what} is SSML, but the ${voice.language} voice style ${voice.style} does not support SSML (Text-To-Speech guide), so callers would hear the tags or nothing.`;

const hint = (voice: { language: string; style: number }): string => {
  const styles = ssmlStyles(voice.language);
  return styles.length > 0
    ? `Use a ${voice.language} style that supports SSML (${styles.join(', ')}), or write the text without <speak>.`
    : `No ${voice.language} voice supports SSML: write the text without <speak> (a comma gives a short pause).`;
};

export const ssmlVoice = actionRule({
  name: 'ssml-voice',
  codes: ['ncco/ssml-unsupported-voice'],
  actions: ['talk', 'pay'],
  check(action, i, _context, out: Diagnostic[]) {
    if (action.action === 'talk') {
      if (typeof action.text !== 'string' || !isSsml(action.text)) return;
      const voice = voiceWithoutSsml(action);
      if (voice) out.push(finding('ncco/ssml-unsupported-voice', `/${i}/text`, message(voice, 'This text'), hint(voice)));
      return;
    }
    if (!Array.isArray(action.prompts)) return;
    const voice = voiceWithoutSsml(isObject(action.voice) ? action.voice : {});
    if (!voice) return;
    action.prompts.forEach((prompt: unknown, p) => {
      if (!isObject(prompt)) return;
      if (typeof prompt.text === 'string' && isSsml(prompt.text)) {
        out.push(finding('ncco/ssml-unsupported-voice', `/${i}/prompts/${p}/text`, message(voice, 'This pay prompt'), hint(voice)));
      }
      if (!isObject(prompt.errors)) return;
      for (const [type, error] of Object.entries(prompt.errors)) {
        if (isObject(error) && typeof error.text === 'string' && isSsml(error.text)) {
          out.push(
            finding(
              'ncco/ssml-unsupported-voice',
              `/${i}/prompts/${p}/errors/${type}/text`,
              message(voice, `The ${type} error prompt`),
              hint(voice),
            ),
          );
        }
      }
    });
  },
});

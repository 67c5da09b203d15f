/**
 * NCCO reference › Talk, text: "A string of up to 1,500 characters (excluding SSML tags) … To use SSML tags, you
 * must enclose the text in a speak element." SSML inside <speak> must be well-formed XML (ssml.ts).
 */
import { finding } from '../codes.js';
import { checkSsml, findStrayTag, isSsml, spokenLength } from '../ssml.js';
import { actionRule } from './rule.js';

export const maxTalkTextLength = 1500;

export const talkText = actionRule({
  name: 'talk-text',
  codes: ['ncco/text-too-long', 'ncco/ssml-malformed', 'ncco/ssml-without-speak'],
  actions: ['talk'],
  check(action, i, _context, out) {
    const text = action.text;
    if (typeof text !== 'string') return;
    const pointer = `/${i}/text`;
    const ssml = isSsml(text);
    if (ssml) {
      const problem = checkSsml(text);
      if (problem !== undefined) {
        out.push(
          finding(
            'ncco/ssml-malformed',
            pointer,
            `The SSML in "text" is not well-formed: ${problem.message} (at character ${problem.offset + 1}).`,
            'Close every tag you open, quote attribute values, and write & as &amp; and < as &lt;.',
          ),
        );
      }
    } else if (text.includes('<')) {
      const stray = findStrayTag(text);
      if (stray !== undefined) {
        out.push(
          finding(
            'ncco/ssml-without-speak',
            pointer,
            `"text" contains ${stray.message} at character ${stray.offset + 1}, but it is not wrapped in <speak>…</speak>, so it would not work as SSML.`,
            'Wrap the whole text in <speak>…</speak>, or remove the tag.',
          ),
        );
      }
    }
    // Fast path: UTF-16 length is never below the count of spoken characters.
    if (text.length > maxTalkTextLength) {
      const length = spokenLength(text, ssml);
      if (length > maxTalkTextLength) {
        out.push(
          finding(
            'ncco/text-too-long',
            pointer,
            `"text" has ${length} characters${ssml ? ' (not counting SSML tags)' : ''}; a talk action can speak at most ${maxTalkTextLength}.`,
            'Split the text over several talk actions.',
          ),
        );
      }
    }
  },
});

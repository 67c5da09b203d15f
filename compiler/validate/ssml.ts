/**
 * SSML in talk text (NCCO reference › Talk: "SSML tags are XML-based … To use SSML tags, you must enclose the text
 * in a speak element"; text is "up to 1,500 characters (excluding SSML tags)"). A small, dependency-free XML
 * well-formedness check: one <speak> root, matching tags, quoted and unique attributes, valid entity references.
 */

export interface SsmlProblem {
  /** 0-based offset into the text. */
  offset: number;
  message: string;
}

/** The text is meant as SSML: it starts with a <speak> element. */
export const isSsml = (text: string): boolean => /^\s*<speak[\s/>]/.test(text);

/** Markup-looking tags (e.g. <break time="1s"/>) in text that is not wrapped in <speak>. */
export function findStrayTag(text: string): SsmlProblem | undefined {
  const m = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>/.exec(text);
  return m ? { offset: m.index, message: `${m[0]}, which looks like an SSML tag,` } : undefined;
}

const predefinedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const entityPattern = /&(?:([A-Za-z][A-Za-z0-9]*)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
const namePattern = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;

/** Reads an entity reference at `pos`; its length, or undefined when it is not a valid XML reference. */
function entityLength(text: string, pos: number): number | undefined {
  entityPattern.lastIndex = pos;
  const m = entityPattern.exec(text);
  if (m === null) return undefined;
  if (m[1] !== undefined && !Object.hasOwn(predefinedEntities, m[1])) return undefined;
  return m[0].length;
}

function readName(text: string, pos: number): string | undefined {
  namePattern.lastIndex = pos;
  return namePattern.exec(text)?.[0];
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** SSML elements with no content (W3C SSML 1.1 §3.2.3 break, §3.3.2 mark): written <break/>. */
const emptyElements = new Set(['break', 'mark']);

/** The first well-formedness problem of an SSML document, or undefined when it is well-formed. */
export function checkSsml(text: string): SsmlProblem | undefined {
  const stack: { name: string; offset: number }[] = [];
  let rootClosed = false;
  let rootSeen = false;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const c = text[pos]!;
    if (c === '<') {
      if (text.startsWith('<!--', pos)) {
        const end = text.indexOf('-->', pos + 4);
        if (end === -1) return { offset: pos, message: 'a comment <!-- is never closed with -->' };
        pos = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', pos)) {
        if (stack.length === 0) return { offset: pos, message: 'text outside <speak>…</speak>' };
        const end = text.indexOf(']]>', pos);
        if (end === -1) return { offset: pos, message: 'a <![CDATA[ section is never closed with ]]>' };
        pos = end + 3;
        continue;
      }
      if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos);
        if (end === -1) return { offset: pos, message: 'a <? … ?> instruction is never closed' };
        pos = end + 2;
        continue;
      }
      if (text.startsWith('<!', pos)) return { offset: pos, message: 'declarations such as <!DOCTYPE> are not allowed' };
      if (text[pos + 1] === '/') {
        const name = readName(text, pos + 2);
        if (name === undefined) return { offset: pos, message: 'a closing tag without a name' };
        let p = pos + 2 + name.length;
        while (isSpace(text[p])) p++;
        if (text[p] !== '>') return { offset: p, message: `the closing tag </${name}> is missing its ">"` };
        const open = stack.pop();
        if (open === undefined) return { offset: pos, message: `</${name}> closes a tag that was never opened` };
        if (open.name !== name) {
          // <break> and <mark> hold nothing: one written without "/>" is the mistake, at its own place.
          if (emptyElements.has(open.name) && !emptyElements.has(name))
            return { offset: open.offset, message: `<${open.name}> is never closed: write it as <${open.name} …/>` };
          return { offset: pos, message: `</${name}> does not match the open tag <${open.name}>` };
        }
        if (stack.length === 0) rootClosed = true;
        pos = p + 1;
        continue;
      }
      const name = readName(text, pos + 1);
      if (name === undefined) return { offset: pos, message: 'a "<" that does not start a tag (write &lt; for a literal <)' };
      if (rootClosed) return { offset: pos, message: `<${name}> comes after </speak>; everything must be inside <speak>` };
      if (stack.length === 0) {
        if (name !== 'speak') return { offset: pos, message: `SSML must start with <speak>, not <${name}>` };
        rootSeen = true;
      }
      let p = pos + 1 + name.length;
      const seen = new Set<string>();
      for (;;) {
        const before = p;
        while (isSpace(text[p])) p++;
        if (text[p] === '>' || text.startsWith('/>', p)) break;
        if (p >= n) return { offset: pos, message: `the tag <${name}> is missing its ">"` };
        if (p === before) return { offset: p, message: `attributes of <${name}> must be separated by spaces` };
        const attr = readName(text, p);
        if (attr === undefined) return { offset: p, message: `unexpected "${text[p]}" in the tag <${name}>` };
        if (seen.has(attr)) return { offset: p, message: `the attribute ${attr} appears twice in <${name}>` };
        seen.add(attr);
        p += attr.length;
        while (isSpace(text[p])) p++;
        if (text[p] !== '=') return { offset: p, message: `the attribute ${attr} of <${name}> needs a value: ${attr}="…"` };
        p++;
        while (isSpace(text[p])) p++;
        const q = text[p];
        if (q !== '"' && q !== "'") return { offset: p, message: `the value of ${attr} must be in quotes` };
        const end = text.indexOf(q, p + 1);
        if (end === -1) return { offset: p, message: `the value of ${attr} is missing its closing quote` };
        for (let v = p + 1; v < end; v++) {
          if (text[v] === '<') return { offset: v, message: `"<" is not allowed in the value of ${attr}` };
          if (text[v] === '&' && entityLength(text, v) === undefined) {
            return { offset: v, message: 'a "&" must be written &amp;' };
          }
        }
        p = end + 1;
      }
      if (text[p] === '>') {
        stack.push({ name, offset: pos });
        pos = p + 1;
      } else {
        if (stack.length === 0) rootClosed = true;
        pos = p + 2;
      }
      continue;
    }
    if (c === '&') {
      const len = entityLength(text, pos);
      if (len === undefined) return { offset: pos, message: 'a "&" must be written &amp; (or be an entity such as &lt;)' };
      if (stack.length === 0) return { offset: pos, message: 'text outside <speak>…</speak>' };
      pos += len;
      continue;
    }
    if (c === '>' && stack.length > 0) {
      // Allowed by XML in text, except as part of "]]>".
      if (text.startsWith(']]>', pos - 2)) return { offset: pos - 2, message: '"]]>" is not allowed in text' };
    }
    if (stack.length === 0 && !isSpace(c)) return { offset: pos, message: 'text outside <speak>…</speak>' };
    pos++;
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) return { offset: open.offset, message: `the tag <${open.name}> is never closed` };
  if (!rootSeen) return { offset: 0, message: 'SSML must be wrapped in <speak>…</speak>' };
  return undefined;
}

/** Characters that are spoken (NCCO reference: talk): the router checks call data with the same count. */
export { spokenLength } from '../router/runtime/values.mjs';

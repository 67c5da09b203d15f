/**
 * SSML as a person reads it: tags become short marks in brackets ([pause 0.5 s], [spelled out: 1234],
 * [stressed: now]), entities become characters. Pure and free of Node (the page uses it too).
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decodeEntities = (text: string): string => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');

const attribute = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"|\\b${name}\\s*=\\s*'([^']*)'`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
};

function pause(tag: string): string {
  const time = attribute(tag, 'time');
  if (time !== undefined) {
    const ms = /^(\d+(?:\.\d+)?)ms$/.exec(time);
    const s = /^(\d+(?:\.\d+)?)s$/.exec(time);
    const seconds = ms ? Number(ms[1]) / 1000 : s ? Number(s[1]) : undefined;
    if (seconds !== undefined) return `[pause ${seconds} s]`;
  }
  const strength = attribute(tag, 'strength');
  return strength ? `[pause: ${strength}]` : '[pause]';
}

/** Marks an opening tag puts before the text it wraps; undefined: the tag says nothing a reader needs. */
function opening(name: string, tag: string): string | undefined {
  switch (name) {
    case 'say-as': {
      const how = attribute(tag, 'interpret-as') ?? '';
      if (how === 'characters' || how === 'spell-out' || how === 'digits') return '[spelled out: ';
      return how ? `[as ${how}: ` : undefined;
    }
    case 'emphasis':
      return '[stressed: ';
    case 'prosody': {
      const parts = ['rate', 'pitch', 'volume'].map((a) => (attribute(tag, a) ? `${a} ${attribute(tag, a)}` : '')).filter(Boolean);
      return parts.length > 0 ? `[${parts.join(', ')}: ` : undefined;
    }
    case 'sub': {
      const alias = attribute(tag, 'alias');
      return alias !== undefined ? `[said as "${alias}": ` : undefined;
    }
    case 'lang': {
      const lang = attribute(tag, 'xml:lang');
      return lang ? `[in ${lang}: ` : undefined;
    }
    default:
      return undefined;
  }
}

export const isSsml = (text: string): boolean => /^\s*<speak[\s>]/.test(text);

export function readableSsml(text: string): string {
  if (!isSsml(text)) return text;
  const out: string[] = [];
  // The closing bracket of each mark that was opened, innermost last.
  const open: { name: string; close: string }[] = [];
  // Attributes start with a space and hold no < or > (linear: test/adversarial/redos.test.ts).
  const tags = /<(\/?)([A-Za-z][\w:-]*)((?:\s[^<>]*?)?)(\/?)>/g;
  let last = 0;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    out.push(decodeEntities(text.slice(last, m.index)));
    last = m.index + m[0].length;
    const [, closing, name = '', , selfClosing] = m;
    if (name === 'break') {
      out.push(` ${pause(m[0])} `);
      continue;
    }
    if (closing) {
      const i = open.map((o) => o.name).lastIndexOf(name);
      if (i >= 0) out.push(open.splice(i, 1)[0]!.close);
      continue;
    }
    if (selfClosing) continue;
    const mark = opening(name, m[0]);
    if (mark !== undefined) {
      out.push(mark);
      open.push({ name, close: ']' });
    } else if (name === 'p' || name === 's') {
      open.push({ name, close: ' ' });
    }
  }
  out.push(decodeEntities(text.slice(last)));
  return out.join('').replace(/\s+/g, ' ').replace(/ \]/g, ']').trim();
}

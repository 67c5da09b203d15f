/**
 * What a caller hears of a talk text: SSML tags dropped, entities read, spaces as a voice makes them.
 * One pass over the text (no backtracking pattern: a talk text is the author's, and issue 10 #1 keeps
 * every pattern linear).
 */
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Tags after which the voice pauses: the words on either side stay apart. */
const PAUSING_TAGS = new Set(['break', 'p', 's', '/p', '/s']);

/** The text with every `<…>` tag and `<!-- … -->` comment removed; pausing tags become a space. */
export function withoutTags(raw: string): string {
  let out = '';
  let at = 0;
  while (at < raw.length) {
    const open = raw.indexOf('<', at);
    if (open === -1) {
      out += raw.slice(at);
      break;
    }
    out += raw.slice(at, open);
    if (raw.startsWith('<!--', open)) {
      const end = raw.indexOf('-->', open + 4);
      at = end === -1 ? raw.length : end + 3;
      continue;
    }
    const close = raw.indexOf('>', open + 1);
    if (close === -1) {
      // A "<" that opens no tag is text.
      out += raw.slice(open);
      break;
    }
    const name = /^\/?[A-Za-z-]*/.exec(raw.slice(open + 1, Math.min(close, open + 12)))?.[0].toLowerCase() ?? '';
    if (PAUSING_TAGS.has(name)) out += ' ';
    at = close + 1;
  }
  return out;
}

/** Runs of white space as one space, trimmed. */
export function collapseSpace(text: string): string {
  return text
    .split(/\s/)
    .filter((w) => w !== '')
    .join(' ');
}

function readEntities(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const amp = text.indexOf('&', at);
    if (amp === -1) {
      out += text.slice(at);
      break;
    }
    out += text.slice(at, amp);
    const semi = text.indexOf(';', amp + 1);
    const name = semi === -1 || semi - amp > 12 ? undefined : text.slice(amp + 1, semi);
    const read = name === undefined ? undefined : entity(name);
    if (read === undefined) {
      out += '&';
      at = amp + 1;
    } else {
      out += read;
      at = semi + 1;
    }
  }
  return out;
}

function entity(name: string): string | undefined {
  const code = /^#x[0-9a-f]+$/i.test(name) ? Number.parseInt(name.slice(2), 16) : /^#\d+$/.test(name) ? Number(name.slice(1)) : undefined;
  if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  return Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : undefined;
}

export function speakableText(raw: string): { text: string; ssml: boolean } {
  const ssml = raw.trimStart().startsWith('<speak');
  if (!ssml) return { text: collapseSpace(raw), ssml };
  return { text: collapseSpace(readEntities(withoutTags(raw))), ssml };
}

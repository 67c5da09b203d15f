/** What a caller hears of a talk text: SSML tags dropped, entities read, spaces as a voice makes them. */
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function speakableText(raw: string): { text: string; ssml: boolean } {
  const ssml = raw.trimStart().startsWith('<speak');
  if (!ssml) return { text: raw.replace(/\s+/g, ' ').trim(), ssml };
  const text = raw
    .replace(/<!--[\s\S]*?-->/g, '')
    // A break or a new paragraph or sentence is a pause: keep the words apart.
    .replace(/<(break|p|s)\b[^>]*\/?>|<\/(p|s)>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? all;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { text, ssml };
}

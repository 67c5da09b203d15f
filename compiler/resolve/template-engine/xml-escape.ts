/** XML escaping of an interpolated value inside <speak>, so the SSML stays well-formed. */
const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export const xmlEscape = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** The text is SSML when it starts with <speak> (after trimming); a <speak …> with attributes counts too. */
export const isSsmlSource = (source: string): boolean => /^<speak[\s>]/.test(source.trimStart());

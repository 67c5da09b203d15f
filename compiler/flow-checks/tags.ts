/**
 * Each `<…>` tag of a text replaced, as text.replace(/<[^>]*>/g, fn) does — from a `<` to the next `>` —
 * but in linear time: that pattern rescans to the end of the text at every `<` without a `>`
 * (test/adversarial/redos.test.ts).
 */
export function replaceTags(text: string, fn: (tag: string) => string): string {
  let out = '';
  let from = 0;
  for (let start = text.indexOf('<'); start !== -1; start = text.indexOf('<', from)) {
    const end = text.indexOf('>', start + 1);
    if (end === -1) break; // no `>` after this `<`: none after a later one either
    out += text.slice(from, start) + fn(text.slice(start, end + 1));
    from = end + 1;
  }
  return out + text.slice(from);
}

/** Lists in messages: "en-US" / "en-US and es-US" / "en-US, es-US and fr-CA". */
export function listWords(items: readonly string[], and = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

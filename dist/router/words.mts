/**
 * Words of speech: how a speech result and an author's phrase are compared. The compiler folds the
 * phrases with this at build time and the router folds each speech result with it, so both sides
 * always agree: compatibility forms unified (NFKD: "ﬁ" is "fi", full-width digits are digits), lower
 * case, Latin accents dropped ("sí" is "si", "français" is "francais"), then split into runs of letters,
 * marks and digits. Only the combining diacritics block (U+0300–U+036F) is dropped: the vowel signs of
 * other scripts are letters' parts, not accents.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const DIACRITICS = /[\u0300-\u036f]/g;

export function foldWords(text: string): string[] {
  return text.normalize('NFKD').toLowerCase().replace(DIACRITICS, '').replace(/ß/g, 'ss').normalize('NFC').match(WORD) ?? [];
}

/** Whether `phrase` occurs in `words` as consecutive whole words. */
export function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > words.length) return false;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    let i = 0;
    while (i < phrase.length && words[start + i] === phrase[i]) i++;
    if (i === phrase.length) return true;
  }
  return false;
}

/**
 * The alternative a result of speech chose, by index into `alternatives` (the author's order), or
 * undefined. Within the result, the most specific phrase wins: a phrase that another matching phrase
 * contains ("support" inside "technical support") gives way to it; among the rest, the author's order.
 */
export function matchAlternative(words: readonly string[], alternatives: readonly { phrases: readonly string[][] }[]): number | undefined {
  const matched: { index: number; phrase: readonly string[] }[] = [];
  alternatives.forEach((alternative, index) => {
    for (const phrase of alternative.phrases) if (containsPhrase(words, phrase)) matched.push({ index, phrase });
  });
  let best: { index: number; phrase: readonly string[] } | undefined;
  for (const m of matched) {
    const outranked = matched.some((o) => o.phrase.length > m.phrase.length && containsPhrase(o.phrase, m.phrase));
    if (!outranked && (best === undefined || m.index < best.index)) best = m;
  }
  return best?.index;
}

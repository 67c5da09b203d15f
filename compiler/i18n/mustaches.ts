/**
 * The `{{…}}` parts of a text, as the global pattern /(\\*)\{\{(!--[\s\S]*?--|[^}]*)\}\}/g finds them (a run
 * of backslashes before `{{` included, a `{{!-- … --}}` comment whole), in linear time: that pattern retries
 * at every backslash of a long run and rescans to the end at every `{{` without `}}`
 * (test/adversarial/redos.test.ts).
 */
export interface MustacheMatch {
  /** Where the match starts (at its backslashes, if any). */
  index: number;
  /** Just after the closing `}}`. */
  end: number;
  /** The backslashes before `{{`. */
  slashes: string;
  /** Between `{{` and `}}`. */
  inner: string;
}

/** indexOf for positions that mostly grow: the last answer is reused while it still holds. */
function forwardFinder(text: string, needle: string): (from: number) => number {
  let lastFrom = -1;
  let lastAt = -1;
  return (from) => {
    if (lastFrom !== -1 && from >= lastFrom && (lastAt === -1 || lastAt >= from)) return lastAt;
    lastFrom = from;
    lastAt = text.indexOf(needle, from);
    return lastAt;
  };
}

/** A finder of the next match starting at or after a position (positions asked for must not decrease). */
export function mustacheFinder(text: string): (from: number) => MustacheMatch | undefined {
  const commentEnd = forwardFinder(text, '--}}');
  const brace = forwardFinder(text, '}');
  return (from) => {
    for (let open = text.indexOf('{{', from); open !== -1; open = text.indexOf('{{', open + 1)) {
      let start = open;
      while (start > from && text[start - 1] === '\\') start--;
      const u = open + 2;
      let end = -1;
      let inner = '';
      if (text.startsWith('!--', u)) {
        const close = commentEnd(u + 3);
        if (close !== -1) {
          end = close + 4;
          inner = text.slice(u, close + 2);
        }
      }
      if (end === -1) {
        const close = brace(u);
        if (close !== -1 && text[close + 1] === '}') {
          end = close + 2;
          inner = text.slice(u, close);
        }
      }
      if (end !== -1) return { index: start, end, slashes: text.slice(start, open), inner };
    }
    return undefined;
  };
}

/** Every match, left to right, as matchAll() with the global pattern gives them. */
export function* mustaches(text: string): Generator<MustacheMatch> {
  const next = mustacheFinder(text);
  for (let m = next(0); m !== undefined; m = next(m.end)) yield m;
}

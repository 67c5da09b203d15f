/** routerUrl and cdnUrl are bases that paths are appended to: http(s), a host, no query or fragment. */
export function baseUrlProblem(value: string): string | undefined {
  // Printable ASCII only: new URL() silently drops or keeps newlines, tabs and U+2028, and such a
  // value must never reach generated code or the manifest (a newline ends a comment in the router).
  const bad = /[^\x21-\x7e]/.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `may hold only printable ASCII characters, without spaces, but has U+${code} at character ${bad.index + 1} (got ${JSON.stringify(value)}).`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a full URL such as https://ivr.example.com/flowc (got "${value}").`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must start with https:// (got "${value}").`;
  if (!url.hostname) return `needs a host name (got "${value}").`;
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    return `cannot have a query (?…) or a fragment (#…): paths are added to it (got "${value}").`;
  if (url.username || url.password) return `cannot hold a user name or password (got "${value}").`;
  return undefined;
}

/** The URL as `new URL()` normalises it (lower-case scheme and host, percent-encoding), without a trailing slash. */
export function normalizeBaseUrl(value: string): string {
  // The lookbehind keeps this linear: /\/+$/ alone retries at every slash of a long run.
  return new URL(value).href.replace(/(?<!\/)\/+$/, '');
}

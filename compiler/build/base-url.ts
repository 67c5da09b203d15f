/** routerUrl and cdnUrl are bases that paths are appended to: http(s), a host, no query or fragment. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a full URL such as https://ivr.example.com/flowc (got "${value}").`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must start with https:// (got "${value}").`;
  if (!url.hostname) return `needs a host name (got "${value}").`;
  if (url.search || url.hash || value.includes('?') || value.includes('#')) return `cannot have a query (?…) or a fragment (#…): paths are added to it (got "${value}").`;
  if (url.username || url.password) return `cannot hold a user name or password (got "${value}").`;
  return undefined;
}

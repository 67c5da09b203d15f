/**
 * The defaults of a scenario call (docs/testing.md), for the page: the scenario modules read YAML with
 * a Node package, so the page cannot import them; test/studio checks these equal theirs.
 */
export const DEFAULT_CALLER = '15555550100';
export const DEFAULT_CALLEE = '15555550199';
export const DEFAULT_AT = '2026-01-05T10:00';

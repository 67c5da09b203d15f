/** ANSI SGR styling for terminal output; a no-op unless colour is on. */

import type { Severity } from './diagnostic.js';

export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green';

const sgr: Record<Style, string> = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' };

export const severityStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Wrap `text` in one SGR sequence and a full reset; empty text stays empty so no stray codes appear. */
export function paint(text: string, color: boolean, ...styles: Style[]): string {
  if (!color || styles.length === 0 || text === '') return text;
  return `\u001b[${styles.map((s) => sgr[s]).join(';')}m${text}\u001b[0m`;
}

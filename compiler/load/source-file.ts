/** A loaded project file: its text, YAML document and line index, plus what kind of file it is. */
import type { Document, LineCounter } from 'yaml';

export type FileKind = 'project' | 'flow' | 'messages' | 'pay-set' | 'template';

/** What a loaded file is: a kind the build reads, or a call scenario file (flowc test). */
export type SourceKind = FileKind | 'scenario';

/** Call scenarios for `flowc test` (docs/testing.md): next to the flows, never read by the build. */
export const isScenarioPath = (path: string): boolean => /^flows\/(.+\/)?[^/]+\.test\.yaml$/.test(path);

export interface SourceFile {
  /** Project-relative, forward slashes. */
  path: string;
  kind: SourceKind;
  text: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain JSON data (undefined when it could not be converted). */
  value: unknown;
}

/** flows/messages/<locale>.yaml, flows/pay/<set>.<locale>.yaml, templates/<name>.yaml, flows/**\/*.flow.yaml, flowc.yaml. */
export function classifyPath(path: string): FileKind | undefined {
  if (path === 'flowc.yaml') return 'project';
  if (/^flows\/messages\/[^/]+\.yaml$/.test(path)) return 'messages';
  if (/^flows\/pay\/[^/]+\.[^/.]+\.yaml$/.test(path)) return 'pay-set';
  if (/^templates\/.+\.yaml$/.test(path)) return 'template';
  if (/^flows\/.+\.flow\.yaml$/.test(path)) return 'flow';
  return undefined;
}

/** `es-US` from flows/messages/es-US.yaml; `{ set: 'card', locale: 'es-US' }` from flows/pay/card.es-US.yaml. */
export const messagesLocaleOf = (path: string): string => path.replace(/^.*\//, '').replace(/\.yaml$/, '');

export function paySetOf(path: string): { set: string; locale: string } {
  const base = path.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const dot = base.lastIndexOf('.');
  return { set: base.slice(0, dot), locale: base.slice(dot + 1) };
}

export const templateNameOf = (path: string): string => path.replace(/^templates\//, '').replace(/\.yaml$/, '');

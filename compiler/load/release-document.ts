/**
 * A flow file's YAML document and line index are most of what a loaded project holds (about 60 KB a
 * flow). Once the flow is compiled they are needed only for the position of a rare later finding
 * (a number used twice, a step run by onAnswer that takes a payment), so the build lets them go and
 * parses the file's text again, the same way, if one is asked for (issue 12, "Memory that stays flat").
 */
import type { SourceFile } from './source-file.js';
import { parseYamlDocument } from './parse-source.js';

export function releaseDocument(file: SourceFile): void {
  let parsed: Pick<SourceFile, 'doc' | 'lineCounter'> | undefined;
  const again = (): Pick<SourceFile, 'doc' | 'lineCounter'> => {
    parsed ??= parseYamlDocument(file.text);
    return parsed;
  };
  Object.defineProperty(file, 'doc', { get: () => again().doc, configurable: true, enumerable: true });
  Object.defineProperty(file, 'lineCounter', { get: () => again().lineCounter, configurable: true, enumerable: true });
}

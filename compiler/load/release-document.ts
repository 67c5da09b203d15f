/**
 * A flow file's YAML document and line index are most of what a loaded project holds (about 60 KB a
 * flow). Once the flow is compiled they are needed only for the position of a rare later finding
 * (a number used twice, a step run by onAnswer that takes a payment), so the build lets them go and
 * parses the file's text again, the same way, if one is asked for (issue 12, "Memory that stays flat").
 *
 * A warm compiler (`flowc build --watch`) keeps its file objects and releases each at every build: the
 * parses of the last few files asked for are kept through a release, so that a flow with findings that is
 * compiled at each rebuild (the one being edited) is not parsed again each time (a `--cpu-prof` of watched
 * rebuilds put about 3.5 ms a rebuild there); memory still grows with those few files, not the project.
 */
import type { SourceFile } from './source-file.js';
import { parseYamlDocument } from './parse-source.js';

type Parsed = Pick<SourceFile, 'doc' | 'lineCounter'>;

/** Per released file, its parse since it was last released (or kept through that release). */
const released = new WeakMap<SourceFile, { parsed: Parsed | undefined }>();
/** The files whose parse was asked for last, the latest at the end. */
const recent: SourceFile[] = [];
/** How many files' parses are kept through a release (in a build, the documents of a few flows). */
export const keptParses = 8;

export function releaseDocument(file: SourceFile): void {
  const known = released.get(file);
  if (known) {
    // Released before: its getters are in place; only its parse is let go (unless asked for lately).
    if (!recent.includes(file)) known.parsed = undefined;
    return;
  }
  const state: { parsed: Parsed | undefined } = { parsed: undefined };
  released.set(file, state);
  const again = (): Parsed => {
    if (state.parsed === undefined) {
      state.parsed = parseYamlDocument(file.text);
      const at = recent.indexOf(file);
      if (at >= 0) recent.splice(at, 1);
      recent.push(file);
      if (recent.length > keptParses) recent.shift();
    }
    return state.parsed;
  };
  Object.defineProperty(file, 'doc', { get: () => again().doc, configurable: true, enumerable: true });
  Object.defineProperty(file, 'lineCounter', { get: () => again().lineCounter, configurable: true, enumerable: true });
}

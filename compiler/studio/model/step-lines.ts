/**
 * Where each step starts in a flow file, found by reading lines (it works on a file that no longer
 * parses, which is when an author most needs to see which step a mistake is in): the keys of `steps:`.
 */
export interface StepLines {
  step: string;
  /** 1-based, inclusive. */
  from: number;
  to: number;
}

const unquote = (key: string): string => key.replace(/^(["'])(.*)\1$/, '$2');

export function stepLines(source: string): StepLines[] {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => /^steps\s*:\s*(#.*)?$/.test(l));
  if (start < 0) return [];
  const found: StepLines[] = [];
  let indent: number | undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const lead = /^ */.exec(line)![0].length;
    if (lead === 0) {
      end = i;
      break;
    }
    indent ??= lead;
    if (lead !== indent) continue;
    // No lazy name before \s*: (polynomial backtracking): the name is trimmed instead.
    const m = /^ *("[^"]+"\s*|'[^']+'\s*|[^\s:#][^:#]*):(\s|$)/.exec(line);
    if (m) found.push({ step: unquote(m[1]!.trimEnd()), from: i + 1, to: i + 1 });
  }
  for (let k = 0; k < found.length; k++) {
    const next = found[k + 1];
    let to = (next ? next.from - 1 : end) as number;
    // Blank lines and comments before the next step belong to no step.
    while (to > found[k]!.from && /^\s*(#.*)?$/.test(lines[to - 1] ?? '')) to -= 1;
    found[k]!.to = to;
  }
  return found;
}

/** The step a 1-based line is in. */
export function stepAtLine(lines: readonly StepLines[], line: number): string | undefined {
  return lines.find((s) => line >= s.from && line <= s.to)?.step;
}

/**
 * Stored transcripts: one text file beside each scenario file (`bill-pay.test.yaml` →
 * `bill-pay.test.transcripts.txt`), one `## <scenario>` section per call, and a line diff to show what
 * changed.
 */

export const transcriptsPathOf = (scenarioPath: string): string => scenarioPath.replace(/\.yaml$/, '.transcripts.txt');

/** Scenario name → its transcript. Text before the first section (the header) is ignored. */
export function parseTranscripts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    if (name === undefined) return;
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    out.set(name, lines.join('\n'));
  };
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('## ')) {
      flush();
      name = line.slice(3);
      lines = [];
    } else if (name !== undefined) lines.push(line);
  }
  flush();
  return out;
}

export type DiffLine = { op: ' ' | '-' | '+'; text: string };

/** A line diff (longest common subsequence): '-' only in `before`, '+' only in `after`. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: ' ', text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: before[i++]! });
    else out.push({ op: '+', text: after[j++]! });
  }
  while (i < n) out.push({ op: '-', text: before[i++]! });
  while (j < m) out.push({ op: '+', text: after[j++]! });
  return out;
}

/** Only the changed lines with `context` lines around them; '…' where lines are left out. */
export function compactDiff(diff: readonly DiffLine[], context = 2): string[] {
  const keep = new Set<number>();
  diff.forEach((d, i) => {
    if (d.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(diff.length - 1, i + context); k++) keep.add(k);
  });
  const out: string[] = [];
  let last = -1;
  for (let i = 0; i < diff.length; i++) {
    if (!keep.has(i)) continue;
    if (last >= 0 && i > last + 1) out.push('  …');
    out.push(`${diff[i]!.op} ${diff[i]!.text}`);
    last = i;
  }
  return out;
}

/**
 * Data that is missing at a step only because a jump from another flow arrives without it (the jump skips
 * the lookup that sets it): the jump is the one mistake, so it is reported once, at the jump, naming the data
 * and where it is used, instead of a data/maybe-missing at every use after it (in every language).
 * The graph stage finds such jumps (lower/data-flow.ts, jumpsLeavingUnset); the checks of the uses hand the
 * uses they explain to a JumpUses, and the flow's turn reports them (jumpDiagnostics).
 */
import type { Diagnostic, Range, RelatedLocation } from '../../diagnostics/diagnostic.js';
import { listWords } from '../../diagnostics/list-words.js';

/** A jump from another flow, where it is written. */
export interface JumpSite {
  file: string;
  /** Pointer of the jump's `goto` (or of the plain step name). */
  pointer: string;
  range?: Range;
  /** The flow and step it leaves, the flow and step it goes to. */
  flow: string;
  step: string;
  toFlow: string;
  to: string;
  /** The start step of the flow it goes to (a way in that sets what the flow needs). */
  toStart: string;
}

/** step → data → the jumps that arrive without it and reach the step before anything sets it. */
export type JumpsUnset = ReadonlyMap<string, ReadonlyMap<string, readonly JumpSite[]>>;

/** The uses explained by jumps during one flow's turn: jump (file#pointer) → the jump, and its data → first use. */
export type JumpUses = Map<string, { jump: JumpSite; uses: Map<string, RelatedLocation> }>;

/**
 * Whether `name`, not set at `step`, is missing there because of jumps; if so, the use is recorded against
 * each of them (and is not to be reported itself).
 */
export function explainedByJumps(
  jumps: JumpsUnset | undefined,
  collected: JumpUses | undefined,
  step: string,
  name: string,
  use: RelatedLocation,
): boolean {
  const sites = jumps?.get(step)?.get(name);
  if (sites === undefined || sites.length === 0 || collected === undefined) return false;
  for (const jump of sites) {
    const key = `${jump.file}#${jump.pointer}`;
    let entry = collected.get(key);
    if (entry === undefined) collected.set(key, (entry = { jump, uses: new Map() }));
    if (!entry.uses.has(name)) entry.uses.set(name, use);
  }
  return true;
}

const quoted = (names: readonly string[]): string => listWords(names.map((n) => `"${n}"`));

/** One error per jump, at the jump, naming the data it leaves unset and (related) where each is used. */
export function jumpDiagnostics(collected: JumpUses): Diagnostic[] {
  return [...collected.values()].map(({ jump, uses }) => {
    const names = [...uses.keys()];
    const them = names.length === 1 ? 'it' : 'them';
    return {
      code: 'data/maybe-missing',
      severity: 'error',
      message: `This jump arrives at step "${jump.to}" of flow "${jump.toFlow}" without ${quoted(names)}: the steps from there on use ${them}, and every way into "${jump.to}" within "${jump.toFlow}" sets ${them} first.`,
      file: jump.file,
      pointer: jump.pointer,
      ...(jump.range ? { range: jump.range } : {}),
      hint:
        jump.to === jump.toStart
          ? `Store ${them} in flow "${jump.flow}" before the jump (data with the same name carries over).`
          : `Jump to a step that sets ${them} first (e.g. "${jump.toStart}", the start of "${jump.toFlow}"), or store ${them} in flow "${jump.flow}" before the jump (data with the same name carries over).`,
      related: names.map((n) => ({ ...uses.get(n)!, message: `"${n}" is used here` })),
    };
  });
}

/**
 * Step items that are not NCCO actions: `lookup:` (the router calls a lookup the application
 * implements) and `decide:` (the router routes on data). Each is the last item of its step; a decision
 * is its step's only item (docs/format.md, "Lookups" and "Decisions").
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { nccoActionNames } from '../check/schemas/common.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import { errorReporter } from './report-error.js';
import { type ParsedDecision, parseDecision } from './decide/decisions.js';
import type { ExpandedAction } from './expand-templates.js';
import type { StepItem, TransitionTarget } from './project-model.js';

export interface LookupControl {
  kind: 'lookup';
  lookup: string;
  with: Record<string, unknown>;
  store?: unknown;
  on?: Record<string, TransitionTarget>;
  file: SourceFile;
  /** Pointer of the item. */
  pointer: string;
}

export interface DecideControl {
  kind: 'decide';
  decision: ParsedDecision;
  file: SourceFile;
  pointer: string;
}

export type StepControl = LookupControl | DecideControl;

/** What may come before a lookup in its step: the caller hears it while the lookup runs. */
export const beforeLookup: ReadonlySet<string> = new Set(['talk', 'stream', 'wait']);

export function splitControl(
  items: readonly StepItem[],
  file: SourceFile,
  stepPointer: string,
  diagnostics: Diagnostic[],
): { items: StepItem[]; control?: StepControl } {
  const report = errorReporter(file, diagnostics, { part: 'key' });
  const rest: StepItem[] = [];
  let control: StepControl | undefined;
  items.forEach((item, i) => {
    const p = joinPointer(stepPointer, i);
    const kind = item.lookup !== undefined ? 'lookup' : item.decide !== undefined ? 'decide' : undefined;
    if (kind === undefined) {
      rest.push(item);
      return;
    }
    const others = Object.keys(item).filter(
      (k) => (nccoActionNames as readonly string[]).includes(k) || k === 'use' || (k === 'decide' && kind === 'lookup'),
    );
    if (others.length > 0) {
      report(
        'flow/multiple-actions',
        p,
        `This item holds more than one action (${[kind, ...others].join(', ')}).`,
        'Write each action as its own list item, starting with "- ".',
        'value',
      );
      return;
    }
    const isLast = i === items.length - 1;
    if (kind === 'decide') {
      for (const key of ['on', 'with', 'store'] as const) {
        if (item[key] !== undefined) {
          report(
            'decide/not-alone',
            joinPointer(p, key),
            `A decision has no \`${key}:\`: each branch names its step with goto:.`,
            `Remove \`${key}:\`.`,
          );
        }
      }
      if (items.length > 1) {
        report(
          'decide/not-alone',
          joinPointer(p, 'decide'),
          'A decision is a step of its own: it says nothing and only chooses the next step.',
          'Move the other items into a step before it (which then goes to this one), or after it.',
        );
      }
      control = { kind, decision: parseDecision(file, p, Array.isArray(item.decide) ? item.decide : [], diagnostics), file, pointer: p };
      return;
    }
    if (!isLast) {
      report(
        'lookup/position',
        joinPointer(p, 'lookup'),
        'A lookup must be the last item of its step: its results (found, not-found, failed) decide where the call goes.',
        'Move the items after it into the steps its on: leads to.',
      );
      return;
    }
    control = {
      kind,
      lookup: String(item.lookup),
      with: (item.with && typeof item.with === 'object' ? item.with : {}) as Record<string, unknown>,
      ...(item.store !== undefined ? { store: item.store } : {}),
      ...(item.on !== undefined ? { on: item.on } : {}),
      file,
      pointer: p,
    };
  });
  return { items: rest, ...(control ? { control } : {}) };
}

/** Before a lookup, only what the caller can hear while it runs (talk, stream, wait). */
export function checkBeforeLookup(actions: readonly ExpandedAction[], diagnostics: Diagnostic[]): void {
  for (const a of actions) {
    if (beforeLookup.has(a.name)) continue;
    const p = joinPointer(a.pointer, a.name);
    diagnostics.push({
      code: 'lookup/position',
      severity: 'error',
      message: `Only talk, stream and wait can come before a lookup in its step, not \`${a.name}\`.`,
      file: a.file.path,
      pointer: p,
      range: rangeAtPointer(a.file.doc, a.file.lineCounter, p, 'key'),
      hint: 'Put the lookup in a step of its own that this one leads to.',
      ...(a.related.length ? { related: a.related } : {}),
    });
    return;
  }
}

/** A lookup's `store:` as output field → data: a list of names stores each field into data of that name. */
export function lookupStoreMap(store: unknown): Record<string, string> | undefined {
  if (store === undefined) return {};
  if (typeof store === 'string') return { [store]: store };
  if (Array.isArray(store)) return store.every((s) => typeof s === 'string') ? Object.fromEntries(store.map((s) => [s, s])) : undefined;
  if (typeof store === 'object' && store !== null && Object.values(store).every((s) => typeof s === 'string'))
    return { ...(store as Record<string, string>) };
  return undefined;
}

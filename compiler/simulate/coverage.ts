/**
 * Coverage of a project's transitions by played calls: every transition of every flow in every locale
 * (attempt limits counted as their goto and their `then`), taken or not, from the router's own trace.
 */
import type { FlowProgram } from '../router/runtime/program.mjs';
import type { Taken } from './call-types.js';
import { levelTaken, programTransitions, type ProgramTransition } from './program-transitions.js';

export interface CoverageEntry {
  flow: string;
  locale: string;
  step: string;
  key: string;
  to: string;
  covered: boolean;
}

export interface Coverage {
  entries: CoverageEntry[];
  covered: number;
  total: number;
  /** 0–100, one decimal. */
  percent: number;
}

export function createCoverage(flows: readonly FlowProgram[]) {
  const all = programTransitions(flows);
  const byObject = new Map<object, ProgramTransition[]>();
  for (const t of all) {
    const list = byObject.get(t.transition) ?? [];
    list.push(t);
    byObject.set(t.transition, list);
  }
  const covered = new Set<ProgramTransition>();
  return {
    add(taken: readonly Taken[]): void {
      for (const t of taken) {
        const options = byObject.get(t.transition);
        if (!options) continue;
        const hit = levelTaken(options, t.to);
        if (hit) covered.add(hit);
      }
    },
    result(): Coverage {
      const entries = all.map((t) => ({
        flow: t.flow,
        locale: t.locale,
        step: t.step,
        key: t.key,
        to: t.to.flow === t.flow ? t.to.step : `${t.to.flow}/${t.to.step}`,
        covered: covered.has(t),
      }));
      const n = entries.filter((e) => e.covered).length;
      return {
        entries,
        covered: n,
        total: entries.length,
        percent: entries.length === 0 ? 100 : Math.floor((n / entries.length) * 1000) / 10,
      };
    },
  };
}

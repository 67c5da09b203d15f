/**
 * Lint `ivr/no-way-out`: every menu offers a way to a person or out. A caller who cannot find their choice must
 * be able to reach someone, end the call, or go back to the menu they came from; otherwise they hang up angry or
 * press keys at random. Software Advice's study of 50 Fortune 500 IVRs ("IVR Design Lessons From the Fortune
 * 500", 2014) recommends offering an agent by the third menu at the latest.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  automaticClosure,
  edgesByStep,
  endsCall,
  type FlowCheckInput,
  findingAt,
  inputSteps,
  reachesPerson,
  stepDepths,
} from './flow-view.js';

export function checkWayOut({ doc, resolved }: FlowCheckInput): Diagnostic[] {
  const expanded = resolved.expanded;
  const next = edgesByStep(resolved);
  const depth = stepDepths(doc.start, next);
  const menus = inputSteps(expanded).filter((m) => m.choices.length > 0);
  const menuSteps = new Set(menus.map((m) => m.step));
  const isOut = (step: string): boolean => {
    const actions = expanded.get(step);
    return actions !== undefined && (reachesPerson(actions) || endsCall(actions, resolved.controls.has(step)));
  };
  const out: Diagnostic[] = [];
  for (const menu of menus) {
    const ok = menu.choices.some(({ goto }) => {
      if (goto === menu.step) return false; // repeating the menu (in this or another language) is no way out
      for (const s of automaticClosure(goto, next)) if (isOut(s)) return true;
      // Back to an earlier menu: one that comes before this one on the way from the start of the call.
      return menuSteps.has(goto) && (depth.get(goto) ?? Infinity) < (depth.get(menu.step) ?? Infinity);
    });
    if (ok) continue;
    out.push(
      findingAt(
        {
          code: 'ivr/no-way-out',
          severity: 'warning',
          message: `Menu "${menu.step}" offers no way to a person or out: none of its choices reaches a representative (connect), ends the call, or goes back to an earlier menu (one that comes before it in the call).`,
          hint: 'Add a choice such as "0": agent (a step with connect), or one back to the main menu.',
        },
        menu.on.file,
        menu.on.pointer,
      ),
    );
  }
  return out;
}

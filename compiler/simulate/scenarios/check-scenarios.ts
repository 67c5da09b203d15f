/**
 * Scenarios against the project: every number, flow, locale, step, lookup and lookup field a scenario
 * names must exist, with a did-you-mean when it does not. Errors are positioned like the build's.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { SourceFile } from '../../load/source-file.js';
import { rangeAtPointer } from '../../load/source-position.js';
import type { FlowProgram, ProjectProgram } from '../../router/runtime/program.mjs';
import type { Place, Scenario } from './scenario-types.js';

export interface ProjectNames {
  project: ProjectProgram;
  flows: readonly FlowProgram[];
}

/** Step names of a flow (any locale). */
const stepsOf = (flow: FlowProgram): Set<string> => new Set(Object.keys(flow.steps).map((k) => k.slice(k.indexOf('/') + 1)));

export function checkScenarios(file: SourceFile, scenarios: readonly Scenario[], names: ProjectNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  const flows = new Map(names.flows.map((f) => [f.flow, f]));
  const steps = new Map(names.flows.map((f) => [f.flow, stepsOf(f)]));
  const allLocales = [...new Set(names.flows.flatMap((f) => f.locales))];
  const report = (code: string, at: Place, message: string, hint: string, part: 'key' | 'value' = 'value'): void => {
    out.push({
      code,
      severity: 'error',
      message,
      file: file.path,
      pointer: at.pointer,
      range: rangeAtPointer(file.doc, file.lineCounter, at.pointer, part),
      hint,
    });
  };
  const unknown = (
    code: string,
    at: Place,
    what: string,
    name: string,
    candidates: Iterable<string>,
    part: 'key' | 'value' = 'value',
  ): void => {
    const list = [...candidates];
    const s = didYouMean(name, list);
    report(
      code,
      at,
      `There is no ${what} "${name}".${s ? ` Did you mean "${s}"?` : ''}`,
      s ? `Write ${s}.` : `Use one of: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''}.`,
      part,
    );
  };

  for (const scenario of scenarios) {
    let flowName: string | undefined;
    if (scenario.call.kind === 'number') {
      const entry = Object.hasOwn(names.project.numbers, scenario.call.number) ? names.project.numbers[scenario.call.number] : undefined;
      if (!entry)
        unknown(
          'scenario/unknown-number',
          scenario.call,
          'flow answering the number',
          scenario.call.number,
          Object.keys(names.project.numbers),
        );
      else flowName = entry.start.flow;
    } else {
      const flow = flows.get(scenario.call.flow);
      if (!flow)
        unknown(
          'scenario/unknown-flow',
          { file: file.path, pointer: `${scenario.call.pointer}/flow` },
          'flow',
          scenario.call.flow,
          flows.keys(),
        );
      else {
        flowName = flow.flow;
        if (scenario.call.locales !== 'all') {
          scenario.call.locales.forEach((locale, i) => {
            if (!flow.locales.includes(locale)) {
              const pointer = `${scenario.call.pointer}/locale${scenario.call.kind === 'flow' && scenario.call.locales !== 'all' && scenario.call.locales.length > 1 ? `/${i}` : ''}`;
              unknown(
                'scenario/unknown-locale',
                { file: file.path, pointer },
                `locale in flow "${flow.flow}" called`,
                locale,
                flow.locales,
              );
            }
          });
        }
      }
    }
    const checkStep = (at: Place, step: string, flow: string | undefined): void => {
      const inFlow = flow ?? flowName;
      if (flow !== undefined && !flows.has(flow)) {
        unknown('scenario/unknown-flow', at, 'flow', flow, flows.keys());
        return;
      }
      if (inFlow === undefined) return;
      if (steps.get(inFlow)?.has(step)) return;
      // A call may have jumped to another flow: a step name of any flow is fine without flow/.
      if (flow === undefined && [...steps.values()].some((s) => s.has(step))) return;
      unknown('scenario/unknown-step', at, `step in flow "${inFlow}"`, step, steps.get(inFlow) ?? []);
    };
    for (const item of scenario.script) {
      if (item.kind === 'step') {
        checkStep(item, item.step, item.flow);
        if (item.locale !== undefined && !allLocales.includes(item.locale))
          unknown('scenario/unknown-locale', item, 'locale', item.locale, allLocales);
      }
      if (item.kind === 'hear' && item.hear.language !== undefined) checkLanguage(item, item.hear.language);
    }
    if (scenario.expect.step) checkStep(scenario.expect.step, scenario.expect.step.step, scenario.expect.step.flow);
    if (scenario.expect.locale && !allLocales.includes(scenario.expect.locale.value)) {
      unknown('scenario/unknown-locale', scenario.expect.locale, 'locale', scenario.expect.locale.value, allLocales);
    }
    for (const h of scenario.expect.heard ?? []) if (h.language !== undefined) checkLanguage(h, h.language);
    for (const [name, spec] of Object.entries(scenario.lookups)) {
      const declaration = Object.hasOwn(names.project.lookups, name) ? names.project.lookups[name] : undefined;
      if (!declaration) {
        unknown('scenario/unknown-lookup', spec, 'lookup', name, Object.keys(names.project.lookups), 'key');
        continue;
      }
      for (const answer of spec.answers) {
        if (answer.kind !== 'found') continue;
        for (const field of Object.keys(answer.output)) {
          if (!Object.hasOwn(declaration.output, field)) {
            unknown(
              'scenario/unknown-lookup-field',
              { file: file.path, pointer: `${answer.pointer}/found/${field}` },
              `output field of lookup "${name}"`,
              field,
              Object.keys(declaration.output),
              'key',
            );
          }
        }
      }
    }
  }
  return out;

  function checkLanguage(at: Place, language: string): void {
    // A language is a locale's language (flowc.yaml); the locales' own names are the usual ones.
    if (!allLocales.includes(language) && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
      unknown('scenario/unknown-locale', at, 'language', language, allLocales);
    }
  }
}

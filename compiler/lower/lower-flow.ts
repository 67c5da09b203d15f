/**
 * Lower stage: each (flow, locale, step) becomes one NCCO. Talk/input/pay get the locale's
 * language and voice; `on:` becomes an eventUrl pointing at the router (design: "lower"). A value
 * that needs call data stays open (a DataForm) in the step's form; the NCCO the validator sees has a
 * sample in its place. Lookups and decisions become program steps of their own.
 */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import { eventRoutePath, type Ncco, type RouteTarget } from './lowered-transitions.js';
import type {
  ConnectStatus,
  DecideStep,
  LookupStep,
  StepTransitions as ProgramTransitions,
  TextPart,
  Transition,
} from '../router/runtime/program.mjs';
import { foldWords } from '../router/runtime/words.mjs';
import { sampleValue } from '../resolve/call-data/data-types.js';
import type { CapturePlan, LookupPlan } from '../resolve/call-data/steps-with-data.js';
import { DataForm } from '../resolve/call-data/text-form.js';
import { speechWordsFor } from '../resolve/speech-words.js';
import type { CheckedDecision } from '../resolve/decide/decisions.js';
import type { ProjectSettings, TransitionTarget } from '../resolve/project-model.js';
import type { ResolvedAction, ResolvedFlow } from '../resolve/resolve-flow.js';
import { type Edge, routedAction, targetOf } from './flow-graph.js';

export interface NccoMapping {
  /** Absolute pointer into the NCCO, e.g. /2/dtmf */
  nccoPointer: string;
  file: SourceFile;
  filePointer: string;
  related: RelatedLocation[];
}

export interface LoweredStep {
  flow: string;
  locale: string;
  step: string;
  /** The NCCO; where a value needs call data, a sample of its type (what the validator checks). */
  ncco: Ncco;
  /** The NCCO with the values that need call data still open (DataForm); only for a step that reads data. */
  form?: Ncco;
  /** The data the step's NCCO reads (empty: a static step, served from the CDN too). */
  reads: string[];
  /** More samples to validate: the other branch of each {{#if data}}. */
  variants: Ncco[];
  mappings: NccoMapping[];
  /** The flow file and the step's pointer in it, for findings about the NCCO as a whole. */
  file: SourceFile;
  pointer: string;
  /** Pointers of values filled in from the locale settings (not written by the author). */
  filled: Set<string>;
}

export interface LoweredFlow {
  steps: LoweredStep[];
  /** `${locale}/${step}` → where the webhook of the step's last action leads (program form). */
  routes: Record<string, ProgramTransitions>;
  /** `${locale}/${step}` of steps whose webhook carries what the caller entered. */
  reportsInput: Set<string>;
  /** Lookup and decision steps, `${locale}/${step}` → program step. */
  controlSteps: Record<string, LookupStep | DecideStep>;
  numbers: Record<string, RouteTarget>;
}

/** Per step, what the resolve stage worked out about its data (locale-independent). */
export interface StepPlans {
  captures: ReadonlyMap<string, CapturePlan>;
  lookups: ReadonlyMap<string, LookupPlan>;
  decisions: ReadonlyMap<string, CheckedDecision>;
}

/** The program step that runs a lookup after the step's talk (`<step>.lookup`; step names never contain "."). */
export const lookupStepName = (step: string): string => `${step}.lookup`;

const connectStatuses: readonly ConnectStatus[] = ['timeout', 'failed', 'rejected', 'unanswered', 'busy'];

export function lowerFlow(
  flow: ResolvedFlow,
  settings: ProjectSettings,
  routerUrl: string,
  diagnostics: Diagnostic[],
  edges: readonly Edge[] = [],
  plans: StepPlans = { captures: new Map(), lookups: new Map(), decisions: new Map() },
): LoweredFlow {
  const { doc } = flow;
  const steps: LoweredStep[] = [];
  const routes: Record<string, ProgramTransitions> = {};
  const reportsInput = new Set<string>();
  const controlSteps: Record<string, LookupStep | DecideStep> = {};
  const edgesByStep = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = edgesByStep.get(e.from);
    if (list) list.push(e);
    else edgesByStep.set(e.from, [e]);
  }

  for (const [locale, stepMap] of flow.locales) {
    const ls = settings.locales[locale] ?? {};
    for (const [step, actions] of stepMap) {
      const self: RouteTarget = { flow: doc.flow, locale, step };
      const control = flow.controls.get(step);
      const key = `${locale}/${step}`;
      const transition = (target: TransitionTarget, counter: string): Transition => programTransition(target, doc.flow, locale, counter);
      if (control?.kind === 'decide') {
        const checked = plans.decisions.get(step);
        if (checked) {
          const branches: DecideStep['branches'] = [];
          let otherwise: Transition | undefined;
          control.decision.branches.forEach((b, i) => {
            const when = checked.branches[i]?.when;
            if (b.otherwise) otherwise = transition(b.target, `${doc.flow}/${step}/otherwise`);
            else if (when) branches.push({ when, to: transition(b.target, `${doc.flow}/${step}/if-${i + 1}`) });
          });
          if (otherwise) controlSteps[key] = { kind: 'decide', branches, otherwise };
        }
        continue;
      }
      if (control?.kind === 'lookup') {
        const plan = plans.lookups.get(step);
        const on = control.on ?? {};
        if (!plan || on.found === undefined || on['not-found'] === undefined || on.failed === undefined) {
          if (actions.length === 0) continue;
        } else {
          const lookup: LookupStep = {
            kind: 'lookup',
            lookup: plan.lookup,
            input: plan.input,
            store: plan.store,
            timeoutMs: plan.timeoutMs,
            found: transition(on.found, `${doc.flow}/${step}/found`),
            notFound: transition(on['not-found'], `${doc.flow}/${step}/not-found`),
            failed: transition(on.failed, `${doc.flow}/${step}/failed`),
          };
          if (actions.length === 0) {
            controlSteps[key] = lookup;
            continue;
          }
          controlSteps[`${locale}/${lookupStepName(step)}`] = lookup;
          routes[key] = { kind: 'notify', default: { to: { flow: doc.flow, locale, step: lookupStepName(step) } } };
        }
      }
      const ncco: Ncco = [];
      actions.forEach((action, i) => {
        const item = withLocaleDefaults(action, locale, ls);
        const last = i === actions.length - 1;
        if (last && action.source.on && control === undefined) {
          if (item.eventUrl !== undefined && locale === doc.locales[0]) {
            const p = joinPointer(action.source.pointer, action.source.name, 'eventUrl');
            diagnostics.push({
              code: 'flow/event-url-with-on',
              severity: 'error',
              message: 'This action has `on:`, so flowc points its eventUrl at the router; do not set eventUrl yourself.',
              file: action.source.file.path,
              pointer: p,
              range: rangeAtPointer(action.source.file.doc, action.source.file.lineCounter, p, 'key'),
              hint: 'Remove eventUrl, or remove on: and handle the webhook yourself.',
            });
          }
          item.eventUrl = [routerUrl + eventRoutePath(self)];
          if (action.source.name === 'connect' && item.eventType === undefined) item.eventType = 'synchronous';
        }
        ncco.push(item);
      });
      const items = ncco.slice();
      const lookupMapping: NccoMapping | undefined =
        control?.kind === 'lookup' && actions.length > 0
          ? { nccoPointer: `/${ncco.length}`, file: control.file, filePointer: joinPointer(control.pointer, 'lookup'), related: [] }
          : undefined;
      if (lookupMapping && control?.kind === 'lookup') {
        // The caller hears the talk; its end (a notify to the router) runs the lookup.
        ncco.push({ action: 'notify', payload: { lookup: control.lookup }, eventUrl: [routerUrl + eventRoutePath(self)] });
      }
      // Where each value came from, and which were filled in from the locale settings, are asked only about a
      // step with a finding: worked out then (most steps have none), from the actions and their NCCO items.
      let mappings: NccoMapping[] | undefined;
      let filled: Set<string> | undefined;
      const lazy = {
        get mappings(): NccoMapping[] {
          return (mappings ??= actionMappings(actions, lookupMapping));
        },
        get filled(): Set<string> {
          return (filled ??= filledPointers(actions, items));
        },
      };
      const forms = actions.some((a) => a.hasData) ? collectForms(ncco) : [];
      const lowered: LoweredStep = {
        flow: doc.flow,
        locale,
        step,
        ncco: forms.length > 0 ? sample(ncco, 'then') : ncco,
        reads: [...new Set(forms.flatMap((f) => f.reads))].sort(),
        variants: forms.some((f) => hasBranch(f)) ? [sample(ncco, 'else')] : [],
        get mappings() {
          return lazy.mappings;
        },
        file: flow.file,
        pointer: joinPointer('/steps', step),
        get filled() {
          return lazy.filled;
        },
        ...(forms.length > 0 ? { form: ncco } : {}),
      };
      steps.push(lowered);
      if (control === undefined) {
        const last = routedAction(flow.expanded.get(step));
        const table = transitionTable(
          last?.name,
          edgesByStep.get(step) ?? [],
          flow.expanded.get(step),
          doc.flow,
          step,
          locale,
          plans.captures.get(step),
          settings,
        );
        if (table) {
          routes[key] = table;
          if (table.kind === 'input') reportsInput.add(key);
        }
      }
    }
  }
  const numbers: Record<string, RouteTarget> = {};
  for (const [number, locale] of Object.entries(doc.numbers ?? {})) numbers[number] = { flow: doc.flow, locale, step: doc.start };
  return { steps, routes, reportsInput, controlSteps, numbers };
}

/** A transition target in program form; an attempt limit counts under `counter` (stable per flow, step and key). */
export function programTransition(target: TransitionTarget, flow: string, locale: string, counter: string): Transition {
  const t = targetOf(target);
  const to = { flow: t.flow ?? flow, locale: t.locale ?? locale, step: t.goto };
  if (t.max !== undefined && t.then !== undefined) {
    return { to, limit: { counter, max: t.max, then: programTransition(t.then, flow, locale, `${counter}/then`) } };
  }
  return { to };
}

/** Every DataForm in an NCCO. */
export function collectForms(value: unknown, out: DataForm[] = []): DataForm[] {
  if (value instanceof DataForm) out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectForms(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectForms(v, out);
  return out;
}

const hasBranch = (f: DataForm): boolean => 'text' in f.value && f.value.text.some((p) => typeof p === 'object' && 'if' in p);

/** Phone numbers are checked at run time; any valid one stands in for them here. */
const samplePhone = '14155550100';

/** The NCCO with a sample value of its type in place of each value that needs call data. */
export function sample(value: unknown, branch: 'then' | 'else'): Ncco {
  const fill = (v: unknown): unknown => {
    if (v instanceof DataForm) {
      const f = v.value;
      if ('data' in f) {
        const t = v.uses.find((u) => u.name === f.data)?.decl.type;
        if (v.place === 'phone') return samplePhone;
        return t === undefined ? 'x' : sampleValue(t);
      }
      const text = (parts: readonly TextPart[]): string =>
        parts.map((p) => (typeof p === 'string' ? p : 'if' in p ? text(branch === 'then' ? p.then : p.else) : 'x')).join('');
      return text(f.text);
    }
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(value) as Ncco;
}

/** Each value's source: the action's mappings, at the action's place in the NCCO, and the lookup's notify. */
function actionMappings(actions: readonly ResolvedAction[], lookup: NccoMapping | undefined): NccoMapping[] {
  const out: NccoMapping[] = [];
  actions.forEach((action, i) => {
    for (const m of action.mappings)
      out.push({ nccoPointer: `/${i}${m.nccoPath}`, file: m.file, filePointer: m.filePointer, related: m.related });
  });
  if (lookup) out.push(lookup);
  return out;
}

/** Pointers of the values withLocaleDefaults filled in (the author did not write them). */
function filledPointers(actions: readonly ResolvedAction[], items: readonly Record<string, unknown>[]): Set<string> {
  const filled = new Set<string>();
  actions.forEach((action, i) => {
    const item = items[i]!;
    for (const k of ['language', 'style', 'premium'])
      if (action.options[k] === undefined && item[k] !== undefined) filled.add(`/${i}/${k}`);
    if (action.options.voice === undefined && item.voice !== undefined)
      for (const k of ['', '/language', '/style']) filled.add(`/${i}/voice${k}`);
  });
  return filled;
}

/** The action's NCCO item: `action` and its options, with the locale's defaults where the author wrote none. */
function withLocaleDefaults(action: ResolvedAction, locale: string, ls: ProjectSettings['locales'][string]): Record<string, unknown> {
  const options: Record<string, unknown> = { action: action.source.name, ...action.options };
  const language = ls.language ?? locale;
  switch (action.source.name) {
    case 'talk':
      if (options.language === undefined) options.language = language;
      if (options.style === undefined && ls.style !== undefined) options.style = ls.style;
      if (options.premium === undefined && ls.premium !== undefined) options.premium = ls.premium;
      break;
    case 'input': {
      const types = Array.isArray(options.type) ? options.type : [];
      if (types.includes('speech') || options.speech !== undefined) {
        const speech = options.speech && typeof options.speech === 'object' ? { ...(options.speech as Record<string, unknown>) } : {};
        if (speech.language === undefined) speech.language = ls.speechLanguage ?? locale;
        options.speech = speech;
      }
      break;
    }
    case 'pay':
      if (options.voice === undefined) options.voice = { language, style: ls.style ?? 0 };
      break;
  }
  return options;
}

function transitionTable(
  action: string | undefined,
  edges: readonly Edge[],
  actions: readonly { on?: { targets: Record<string, TransitionTarget>; minConfidence?: number } }[] | undefined,
  flow: string,
  step: string,
  locale: string,
  capture: CapturePlan | undefined,
  settings: ProjectSettings,
): ProgramTransitions | undefined {
  const last = actions?.[actions.length - 1];
  if (!action || !last?.on || edges.length === 0) return undefined;
  const targets = last.on.targets;
  const to = (key: string): Transition => programTransition(targets[key]!, flow, locale, `${flow}/${step}/${key}`);
  const keys = Object.keys(targets);
  switch (action) {
    case 'input': {
      const digits: Record<string, Transition> = {};
      const speech: { phrases: string[][]; to: Transition }[] = [];
      for (const k of keys) {
        if (/^[0-9*#]{1,20}$/.test(k)) digits[k] = to(k);
        const words = speechWordsFor(targetOf(targets[k]!).speech, locale, settings);
        if (words.length > 0) speech.push({ phrases: words.map(foldWords).filter((p) => p.length > 0), to: to(k) });
      }
      const { minConfidence } = last.on;
      return {
        kind: 'input',
        digits,
        speech,
        ...(minConfidence !== undefined ? { minConfidence } : {}),
        ...(targets.timeout !== undefined ? { timeout: to('timeout') } : {}),
        ...(targets.default !== undefined ? { default: to('default') } : {}),
        ...(capture ? { store: { data: capture.data, from: capture.from } } : {}),
        ...(capture && targets.stored !== undefined ? { stored: to('stored') } : {}),
        ...(capture && targets.invalid !== undefined ? { invalid: to('invalid') } : {}),
      };
    }
    case 'pay':
      return {
        kind: 'pay',
        ...(targets.success !== undefined ? { success: to('success') } : {}),
        ...(targets.failure !== undefined ? { failure: to('failure') } : {}),
      };
    case 'connect': {
      const statuses: Partial<Record<ConnectStatus, Transition>> = {};
      for (const s of connectStatuses) if (targets[s] !== undefined) statuses[s] = to(s);
      return { kind: 'connect', statuses, ...(targets.default !== undefined ? { default: to('default') } : {}) };
    }
    case 'notify':
      return targets.default !== undefined ? { kind: 'notify', default: to('default') } : undefined;
    default:
      return undefined;
  }
}

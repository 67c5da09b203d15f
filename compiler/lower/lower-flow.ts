/**
 * Lower stage: each (flow, locale, step) becomes one NCCO. Talk/input/pay get the locale's
 * language and voice; `on:` becomes an eventUrl pointing at the router (design: "lower").
 */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import { eventRoutePath, type ConnectStatus, type Ncco, type RouteTarget, type StepTransitions } from './lowered-transitions.js';
import type { ProjectSettings } from '../resolve/project-model.js';
import type { ResolvedAction, ResolvedFlow } from '../resolve/resolve-flow.js';
import { speechWordsFor } from '../resolve/speech-words.js';
import { flowEdges, targetOf } from './flow-graph.js';

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
  ncco: Ncco;
  mappings: NccoMapping[];
  /** The flow file and the step's pointer in it, for findings about the NCCO as a whole. */
  file: SourceFile;
  pointer: string;
  /** Pointers of values filled in from the locale settings (not written by the author). */
  filled: Set<string>;
}

export interface LoweredFlow {
  steps: LoweredStep[];
  transitions: Record<string, StepTransitions>;
  numbers: Record<string, RouteTarget>;
}

const connectStatuses: readonly ConnectStatus[] = ['timeout', 'failed', 'rejected', 'unanswered', 'busy'];

export function lowerFlow(flow: ResolvedFlow, settings: ProjectSettings, routerUrl: string, diagnostics: Diagnostic[]): LoweredFlow {
  const { doc } = flow;
  const steps: LoweredStep[] = [];
  const transitions: Record<string, StepTransitions> = {};
  const edgesByStep = new Map<string, ReturnType<typeof flowEdges>>();
  for (const e of flowEdges(flow.expanded)) edgesByStep.set(e.from, [...(edgesByStep.get(e.from) ?? []), e]);

  for (const [locale, stepMap] of flow.locales) {
    const ls = settings.locales[locale] ?? {};
    for (const [step, actions] of stepMap) {
      const self: RouteTarget = { flow: doc.flow, locale, step };
      const ncco: Ncco = [];
      const mappings: NccoMapping[] = [];
      const filled = new Set<string>();
      actions.forEach((action, i) => {
        const options = withLocaleDefaults(action, locale, ls);
        for (const key of ['language', 'style', 'premium'])
          if (action.options[key] === undefined && options[key] !== undefined) filled.add(`/${i}/${key}`);
        if (action.options.voice === undefined && options.voice !== undefined)
          for (const k of ['', '/language', '/style']) filled.add(`/${i}/voice${k}`);
        const last = i === actions.length - 1;
        if (last && action.source.on) {
          if (options.eventUrl !== undefined && locale === doc.locales[0]) {
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
          options.eventUrl = [routerUrl + eventRoutePath(self)];
          if (action.source.name === 'connect' && options.eventType === undefined) options.eventType = 'synchronous';
        }
        ncco.push({ action: action.source.name, ...options });
        for (const m of action.mappings) {
          mappings.push({ nccoPointer: `/${i}${m.nccoPath}`, file: m.file, filePointer: m.filePointer, related: m.related });
        }
      });
      steps.push({ flow: doc.flow, locale, step, ncco, mappings, filled, file: flow.file, pointer: joinPointer('/steps', step) });
      const table = transitionTable(actions[actions.length - 1], edgesByStep.get(step) ?? [], doc.flow, locale, settings);
      if (table) transitions[`${doc.flow}/${locale}/${step}`] = table;
    }
  }
  const numbers: Record<string, RouteTarget> = {};
  for (const [number, locale] of Object.entries(doc.numbers ?? {})) numbers[number] = { flow: doc.flow, locale, step: doc.start };
  return { steps, transitions, numbers };
}

function withLocaleDefaults(action: ResolvedAction, locale: string, ls: ProjectSettings['locales'][string]): Record<string, unknown> {
  const options = { ...action.options };
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
  last: ResolvedAction | undefined,
  edges: ReturnType<typeof flowEdges>,
  flow: string,
  locale: string,
  settings: ProjectSettings,
): StepTransitions | undefined {
  if (!last?.source.on || edges.length === 0) return undefined;
  const to = (e: (typeof edges)[number]): RouteTarget => ({ flow, locale: e.locale ?? locale, step: e.to });
  switch (last.source.name) {
    case 'input': {
      const digits: Record<string, RouteTarget> = {};
      const speech: { words: string[]; target: RouteTarget }[] = [];
      let timeout: RouteTarget | undefined;
      let fallback: RouteTarget | undefined;
      for (const e of edges) {
        if (e.key === 'timeout') timeout = to(e);
        else if (e.key === 'default') fallback = to(e);
        else digits[e.key] = to(e);
        const words = speechWordsFor(targetOf(last.source.on.targets[e.key]!).speech, locale, settings);
        if (words.length > 0) speech.push({ words, target: to(e) });
      }
      const { minConfidence } = last.source.on;
      return {
        kind: 'input',
        digits,
        speech,
        ...(minConfidence !== undefined ? { minConfidence } : {}),
        ...(timeout ? { timeout } : {}),
        ...(fallback ? { default: fallback } : {}),
      };
    }
    case 'pay': {
      const t: StepTransitions = { kind: 'pay' };
      for (const e of edges) if (e.key === 'success' || e.key === 'failure') t[e.key] = to(e);
      return t;
    }
    case 'connect': {
      const statuses: Partial<Record<ConnectStatus, RouteTarget>> = {};
      let fallback: RouteTarget | undefined;
      for (const e of edges) {
        if (e.key === 'default') fallback = to(e);
        else if ((connectStatuses as readonly string[]).includes(e.key)) statuses[e.key as ConnectStatus] = to(e);
      }
      return { kind: 'connect', statuses, ...(fallback ? { default: fallback } : {}) };
    }
    case 'notify': {
      const e = edges.find((x) => x.key === 'default');
      return e ? { kind: 'notify', default: to(e) } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Resolve stage for one flow: templates expanded once, then every action rendered per locale —
 * message keys looked up (with fallbacks), inline per-locale texts picked, pay prompt sets
 * attached, {{vars}} rendered. Every value keeps the file position it came from.
 */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { didYouMean, Suggestions } from '../diagnostics/did-you-mean.js';
import { joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import { expandItems, rootScope, type ExpandedAction, type Scope } from './expand-templates.js';
import { isEnglish, localeChain } from './locale-chain.js';
import { checkPartialSetLanguage, checkPaySetComplete, paySetToPrompts } from './pay-prompts.js';
import { type FlowDoc, modelViews, type ProjectModel } from './project-model.js';
import { allVarsSetAside, renderString, type RenderEnv, SetAsideVar } from './render-text.js';
import type { Place } from './call-data/check-uses.js';
import { builtinNames, declarationOf, type FlowData } from './call-data/flow-data.js';
import type { JumpsUnset, JumpUses } from './call-data/jump-arrivals.js';
import { DataForm, DataName } from './call-data/text-form.js';
import { checkBeforeLookup, splitControl, type StepControl } from './step-controls.js';

/** Where part of a resolved action came from: `nccoPath` (relative to the action) ↔ a file pointer. */
export interface SourceMapping {
  nccoPath: string;
  file: SourceFile;
  filePointer: string;
  related: RelatedLocation[];
}

export interface ResolvedAction {
  source: ExpandedAction;
  options: Record<string, unknown>;
  mappings: SourceMapping[];
  /** Some option needs call data (holds a DataForm). */
  hasData: boolean;
}

/** How each message or pay text of a locale was found, for `flowc i18n status`. */
export interface I18nRecord {
  flow: string;
  locale: string;
  key: string;
  kind: 'message' | 'pay-prompt';
  status: 'ok' | 'fallback' | 'missing';
  servedBy?: string;
}

export interface FlowExpansion {
  /** step → actions (locale-independent expansion) */
  expanded: ReadonlyMap<string, ExpandedAction[]>;
  /** step → the lookup or decision it ends with */
  controls: ReadonlyMap<string, StepControl>;
}

/** What rendering needs to know about call data: the flow's declarations and what is set where. */
export interface FlowDataContext {
  data: FlowData;
  /** step → data set on every path to it (undefined: no call reaches it). */
  setAtEntry: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  /** Data missing at steps only because a jump from another flow arrives without it; its uses, once found. */
  jumps?: JumpsUnset;
  jumpUses?: JumpUses;
}

export interface ResolvedFlow extends FlowExpansion {
  file: SourceFile;
  doc: FlowDoc;
  /** locale → step → resolved actions */
  locales: Map<string, Map<string, ResolvedAction[]>>;
  data?: FlowData;
}

export interface ResolveState {
  model: ProjectModel;
  diagnostics: Diagnostic[];
  i18n: I18nRecord[];
  /** locale → message keys used (after fallback: the locale that served them) */
  usedKeys: Map<string, Set<string>>;
  checkedPaySets: Set<string>;
  reported: Set<string>;
  /** See RenderEnv.failedSites. */
  failedSites: Set<string>;
  /** The language of a locale (flowc.yaml, else the locale itself). */
  languageOf(locale: string): string;
}

const localeKeyPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const isLocaleMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => localeKeyPattern.test(k));

/** Templates expanded once per flow; a step's lookup or decision split off. */
export function expandFlow(state: ResolveState, file: SourceFile, doc: FlowDoc): FlowExpansion {
  const expanded = new Map<string, ExpandedAction[]>();
  const controls = new Map<string, StepControl>();
  const expansion = { model: state.model, diagnostics: state.diagnostics, expandedActions: 0 };
  for (const [step, items] of Object.entries(doc.steps)) {
    const pointer = joinPointer('/steps', step);
    const split = splitControl(items, file, pointer, state.diagnostics);
    const actions = expandItems(expansion, split.items, file, pointer, rootScope, [], []);
    if (split.control) {
      controls.set(step, split.control);
      if (split.control.kind === 'lookup') checkBeforeLookup(actions, state.diagnostics);
    }
    expanded.set(step, actions);
  }
  return { expanded, controls };
}

export function resolveFlow(
  state: ResolveState,
  file: SourceFile,
  doc: FlowDoc,
  expansion: FlowExpansion = expandFlow(state, file, doc),
  dataContext?: FlowDataContext,
): ResolvedFlow {
  const { expanded } = expansion;
  const vars = flowValues(state, doc, dataContext);
  const locales = new Map<string, Map<string, ResolvedAction[]>>();
  for (const locale of doc.locales) {
    const base: RenderEnv = { locale, vars, diagnostics: state.diagnostics, failedSites: state.failedSites };
    const steps = new Map<string, ResolvedAction[]>();
    for (const [step, actions] of expanded) {
      // Written out rather than spread from `base`: one per step and locale, and a spread copies generically.
      const env: RenderEnv = dataContext
        ? {
            locale,
            vars,
            diagnostics: state.diagnostics,
            failedSites: state.failedSites,
            data: dataEnv(doc, dataContext, step),
            forms: { count: 0 },
          }
        : base;
      steps.set(
        step,
        actions.map((a) => resolveAction(state, env, doc, step, a)),
      );
    }
    locales.set(locale, steps);
  }
  return { file, doc, ...expansion, locales, ...(dataContext ? { data: dataContext.data } : {}) };
}

/** The values a flow's texts can use: project vars, flow vars, and a DataName for each piece of call data. */
function flowValues(state: ResolveState, doc: FlowDoc, dataContext: FlowDataContext | undefined): Record<string | symbol, unknown> {
  const vars: Record<string | symbol, unknown> = { ...state.model.settings.vars };
  // A project var set aside for an error of its own (reported in flowc.yaml): its uses are not checked again.
  for (const name of state.model.settings.setAsideVars ?? []) vars[name] = new SetAsideVar(name);
  if (state.model.settings.allVarsSetAside) vars[allVarsSetAside] = true;
  Object.assign(vars, doc.vars ?? {});
  if (dataContext) {
    const { data } = dataContext;
    for (const name of [...builtinNames, ...data.declared.keys(), ...data.broken])
      vars[name] = new DataName(name, declarationOf(data, name));
  }
  return vars;
}

/** The render environment of one step (for values outside actions, e.g. a lookup's with:). */
export function stepEnv(
  state: ResolveState,
  doc: FlowDoc,
  dataContext: FlowDataContext,
  locale: string,
  step: string,
): RenderEnv & { data: NonNullable<RenderEnv['data']> } {
  return {
    locale,
    vars: flowValues(state, doc, dataContext),
    diagnostics: state.diagnostics,
    failedSites: state.failedSites,
    data: dataEnv(doc, dataContext, step),
  };
}

function dataEnv(doc: FlowDoc, dataContext: FlowDataContext, step: string): NonNullable<RenderEnv['data']> {
  return {
    flow: doc.flow,
    step,
    data: dataContext.data,
    setAtEntry: dataContext.setAtEntry.get(step),
    ...(dataContext.jumps ? { jumps: dataContext.jumps } : {}),
    ...(dataContext.jumpUses ? { jumpUses: dataContext.jumpUses } : {}),
  };
}

/** Where an option of an action goes, for what call data it may hold (docs/format.md, "Where call data can go"). */
export function placeOf(action: string, path: readonly (string | number)[]): Place {
  const [first, second, third] = path;
  switch (action) {
    case 'talk':
      return first === 'text' ? 'spoken' : 'other';
    case 'pay':
      return first === 'amount' && path.length === 1 ? 'pay-amount' : 'other';
    case 'connect':
      if (first === 'from' && path.length === 1) return 'phone';
      if (first === 'endpoint' && typeof second === 'number' && third === 'number' && path.length === 3) return 'phone';
      if (first === 'endpoint' && typeof second === 'number' && third === 'headers') return 'value';
      return 'other';
    case 'notify':
      return first === 'payload' ? 'value' : 'other';
    default:
      return 'other';
  }
}

function resolveAction(state: ResolveState, env: RenderEnv, doc: FlowDoc, step: string, action: ExpandedAction): ResolvedAction {
  const formsBefore = env.forms?.count ?? 0;
  const optionsPointer = joinPointer(action.pointer, action.name);
  const mappings: SourceMapping[] = [{ nccoPath: '', file: action.file, filePointer: optionsPointer, related: action.related }];
  const options: Record<string, unknown> = {};
  const diag: Diag = (d) => {
    const p = d.at ?? d.pointer ?? optionsPointer;
    const { at: _at, part, everyLocale, ...rest } = d;
    // A finding that is the same in every locale (a misspelt message key) is said once, not once per locale.
    const key = `${action.file.path}#${p}#${d.code}#${everyLocale ? '' : env.locale}`;
    if (state.reported.has(key)) return;
    state.reported.add(key);
    state.diagnostics.push({
      ...rest,
      file: action.file.path,
      pointer: p,
      range: rangeAtPointer(action.file.doc, action.file.lineCounter, p, part ?? 'value'),
      ...(action.related.length ? { related: action.related } : {}),
    });
  };

  for (const [key, value] of Object.entries(action.body)) {
    const p = joinPointer(optionsPointer, key);
    if (action.name === 'talk' && key === 'say') continue;
    if (action.name === 'talk' && key === 'text' && isLocaleMap(value)) {
      const chain = localeChain(state.model.settings, env.locale);
      const served = chain.find((l) => typeof value[l] === 'string');
      if (served === undefined) {
        diag({
          code: 'i18n/missing-text',
          severity: 'error',
          message: `This text has no ${env.locale} version (flow "${doc.flow}", step "${step}").`,
          at: p,
          part: 'key',
          hint: `Add "${env.locale}: ..." to the text, or declare a fallback for ${env.locale} in flowc.yaml.`,
        });
        continue;
      }
      if (served !== env.locale) {
        diag({
          code: 'i18n/fallback-used',
          severity: 'warning',
          message: `This text has no ${env.locale} version; the ${served} text is used.`,
          at: p,
          part: 'key',
          hint: `Add "${env.locale}: ..." to translate it.`,
        });
      }
      const site = { file: action.file, pointer: joinPointer(p, served), related: action.related };
      options.text = renderString(env, value[served] as string, site, action.scope, state.reported, 'spoken');
      mappings.push({ nccoPath: '/text', file: action.file, filePointer: site.pointer, related: action.related });
      continue;
    }
    if (action.name === 'pay' && key === 'prompts' && typeof value === 'string') {
      attachPaySet(state, env, doc.flow, action, value, p, options, mappings, diag);
      continue;
    }
    options[key] = renderDeep(state, env, value, action.file, p, action.scope, action.related, (at) =>
      placeOf(
        action.name,
        parsePointer(at.slice(optionsPointer.length)).map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
      ),
    );
  }

  if (action.name === 'talk') resolveSay(state, env, doc, step, action, optionsPointer, options, mappings, diag);
  if (action.name === 'pay') {
    if (typeof options.amount === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(options.amount)) options.amount = Number(options.amount);
    // Money data is US dollars (docs/format.md, "Call data"), and {{money}} says dollars: charged in another
    // currency, the caller would pay a number of euros they were told was dollars.
    const currency = options.currency;
    if (options.amount instanceof DataForm && typeof currency === 'string' && currency.toLowerCase() !== 'usd') {
      diag({
        code: 'pay/currency',
        severity: 'error',
        message: `The amount is money data, which is in US dollars: pay cannot charge it in "${currency}".`,
        hint: 'Remove currency: (US dollars is the default), or take a fixed amount in that currency instead of money data.',
        at: joinPointer(optionsPointer, 'currency'),
      });
    }
    const language = state.languageOf(env.locale);
    if (action.body.prompts === undefined && !isEnglish(language)) {
      diag({
        code: 'pay/missing-prompts',
        severity: 'error',
        message: `This pay step has no ${env.locale} prompts, and Vonage's built-in card prompts are English only.`,
        hint: `Add prompts: <set> and create flows/pay/<set>.${env.locale}.yaml.`,
        part: 'key',
      });
    }
  }
  return { source: action, options, mappings, hasData: (env.forms?.count ?? 0) > formsBefore };
}

/** `place` gets the pointer of a value below the action's options, and is asked only for texts with {{…}}. */
function renderDeep(
  state: ResolveState,
  env: RenderEnv,
  value: unknown,
  file: SourceFile,
  pointer: string,
  scope: Scope,
  related: RelatedLocation[],
  place: (pointer: string) => Place,
): unknown {
  if (typeof value === 'string') {
    // The place is worked out (a pointer parsed) only for a text with a brace: a {{…}} to fill or a {name} to warn of.
    return renderString(env, value, { file, pointer, related }, scope, state.reported, value.includes('{') ? place(pointer) : 'other');
  }
  if (Array.isArray(value)) return value.map((v, i) => renderDeep(state, env, v, file, joinPointer(pointer, i), scope, related, place));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderDeep(state, env, v, file, joinPointer(pointer, k), scope, related, place);
    return out;
  }
  return value;
}

type Diag = (d: Omit<Diagnostic, 'file' | 'range'> & { at?: string; part?: 'key' | 'value'; everyLocale?: boolean }) => void;

function resolveSay(
  state: ResolveState,
  env: RenderEnv,
  doc: FlowDoc,
  step: string,
  action: ExpandedAction,
  optionsPointer: string,
  options: Record<string, unknown>,
  mappings: SourceMapping[],
  diag: Diag,
): void {
  const key = action.body.say;
  if (key === undefined) return;
  const p = joinPointer(optionsPointer, 'say');
  if (typeof key !== 'string') {
    diag({ code: 'i18n/bad-key', severity: 'error', message: '`say:` takes the name of a message, e.g. say: greeting.', at: p });
    return;
  }
  if (action.body.text !== undefined) {
    diag({
      code: 'i18n/say-and-text',
      severity: 'error',
      message: 'This talk has both `say:` and `text:`; it can only speak one.',
      at: p,
      part: 'key',
      hint: 'Keep `say:` (a message from the catalogs) or `text:`, not both.',
    });
    return;
  }
  const chain = localeChain(state.model.settings, env.locale);
  let servedBy: string | undefined;
  for (const l of chain) {
    if (state.model.catalogs.get(l)?.has(key)) {
      servedBy = l;
      break;
    }
  }
  const record = (status: I18nRecord['status']) =>
    state.i18n.push({ flow: doc.flow, locale: env.locale, key, kind: 'message', status, ...(servedBy ? { servedBy } : {}) });
  if (servedBy === undefined) {
    record('missing');
    // The catalog exists but has errors of its own, reported there.
    if (chain.some((l) => state.model.brokenCatalogs.has(l))) {
      state.failedSites.add(`${action.file.path}#${optionsPointer}`);
      return;
    }
    // A text not translated yet is not a typo: another catalog has it, and a did-you-mean would name another text.
    const elsewhere: string[] = [];
    for (const [locale, catalog] of state.model.catalogs) if (locale !== env.locale && catalog.has(key)) elsewhere.push(locale);
    const suggestion = elsewhere.length > 0 ? undefined : messageKeySuggestions(state).suggest(key, key);
    // A no-break space or a non-ASCII dash looks like the key meant; say which character it is.
    const odd = /[^\x21-\x7e]/.exec(key);
    const oddNote =
      elsewhere.length === 0 && odd
        ? ` Its name holds U+${odd[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${odd.index + 1}, which looks like an ordinary character.`
        : '';
    const inOthers =
      elsewhere.length > 0
        ? ` ${elsewhere.sort().join(', ')} ${elsewhere.length === 1 ? 'has' : 'have'} it: it is not translated yet.`
        : '';
    // A key no catalog has is a typo (one finding for every locale); the message it names is meant, so it is not
    // also reported as unused (README: one mistake, one error).
    if (elsewhere.length === 0 && suggestion !== undefined) {
      for (const [locale, catalog] of state.model.catalogs) {
        if (!catalog.has(suggestion)) continue;
        const used = state.usedKeys.get(locale) ?? new Set<string>();
        used.add(suggestion);
        state.usedKeys.set(locale, used);
      }
    }
    diag({
      code: 'i18n/missing-message',
      severity: 'error',
      ...(elsewhere.length === 0 ? { everyLocale: true } : {}),
      message:
        elsewhere.length === 0
          ? `The message "${key}" is in no catalog (flow "${doc.flow}", step "${step}").${suggestion ? ` Did you mean "${suggestion}"?` : ''}${oddNote}`
          : `The message "${key}" is missing for ${env.locale} (flow "${doc.flow}", step "${step}").${inOthers}`,
      at: p,
      hint:
        suggestion !== undefined
          ? `Write say: ${suggestion}, or add "${key}: ..." to the catalogs.`
          : state.model.catalogs.has(env.locale)
            ? `Add "${key}: ..." to flows/messages/${env.locale}.yaml${chain.length === 1 ? `, or declare a fallback locale for ${env.locale} in flowc.yaml` : ''}.`
            : `Create flows/messages/${env.locale}.yaml with "${key}: ...".`,
    });
    return;
  }
  record(servedBy === env.locale ? 'ok' : 'fallback');
  const used = state.usedKeys.get(servedBy) ?? new Set<string>();
  used.add(key);
  state.usedKeys.set(servedBy, used);
  if (servedBy !== env.locale) {
    diag({
      code: 'i18n/fallback-used',
      severity: 'warning',
      message: `The message "${key}" is missing for ${env.locale}; the ${servedBy} text is used.`,
      at: p,
      hint: `Add "${key}: ..." to flows/messages/${env.locale}.yaml to translate it.`,
    });
  }
  const entry = state.model.catalogs.get(servedBy)!.get(key)!;
  const related: RelatedLocation[] = [usedHereAt(`message "${key}" is used here`, action.file, p), ...action.related];
  options.text = renderString(
    env,
    entry.text,
    { file: entry.file, pointer: entry.pointer, related },
    action.scope,
    state.reported,
    'spoken',
  );
  mappings.push({ nccoPath: '/text', file: entry.file, filePointer: entry.pointer, related });
}

function attachPaySet(
  state: ResolveState,
  env: RenderEnv,
  flow: string,
  action: ExpandedAction,
  set: string,
  p: string,
  options: Record<string, unknown>,
  mappings: SourceMapping[],
  diag: Diag,
): void {
  const chain = localeChain(state.model.settings, env.locale);
  const servedBy = chain.find((l) => state.model.paySets.has(`${set}.${l}`));
  if (servedBy === undefined) {
    if (chain.some((l) => state.model.brokenPaySets.has(`${set}.${l}`))) {
      state.failedSites.add(`${action.file.path}#${p}`);
      return;
    }
    const sets = new Set([...state.model.paySets.keys()].map((k) => k.slice(0, k.lastIndexOf('.'))));
    const suggestion = sets.has(set) ? undefined : didYouMean(set, sets);
    state.i18n.push({ flow, locale: env.locale, key: `pay:${set}`, kind: 'pay-prompt', status: 'missing' });
    diag({
      code: 'pay/missing-prompt-set',
      severity: 'error',
      message: `There is no pay prompt set "${set}" for ${env.locale}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      at: p,
      hint: `Create flows/pay/${set}.${env.locale}.yaml with CardNumber, ExpirationDate and SecurityCode prompts.`,
    });
    return;
  }
  const file = state.model.paySets.get(`${set}.${servedBy}`)!;
  if (servedBy !== env.locale) {
    diag({
      code: 'i18n/fallback-used',
      severity: 'warning',
      message: `There is no pay prompt set "${set}" for ${env.locale}; the ${servedBy} set is used.`,
      at: p,
      hint: `Create flows/pay/${set}.${env.locale}.yaml to translate it.`,
    });
  }
  const related: RelatedLocation[] = [usedHereAt(`prompt set "${set}" is used here`, action.file, p), ...action.related];
  if (!state.checkedPaySets.has(file.path)) {
    state.checkedPaySets.add(file.path);
    state.diagnostics.push(...checkPaySetComplete(file));
  }
  const language = state.languageOf(env.locale);
  if (!isEnglish(language) && !state.reported.has(`${file.path}#partial#${env.locale}`)) {
    state.reported.add(`${file.path}#partial#${env.locale}`);
    state.diagnostics.push(...checkPartialSetLanguage(file, env.locale, language, related));
  }
  const { prompts, texts } = paySetToPrompts(file);
  for (const t of texts) {
    const rendered = renderString(env, t.text, { file, pointer: t.filePointer, related }, action.scope, state.reported, 'spoken');
    setAt(prompts, t.nccoPath, rendered);
    mappings.push({ nccoPath: `/prompts${t.nccoPath}`, file, filePointer: t.filePointer, related });
    state.i18n.push({
      flow,
      locale: env.locale,
      key: `pay:${set}${t.filePointer}`,
      kind: 'pay-prompt',
      status: servedBy === env.locale ? 'ok' : 'fallback',
      servedBy,
    });
  }
  options.prompts = prompts;
  mappings.push({ nccoPath: '/prompts', file, filePointer: '', related });
}

function setAt(root: unknown, path: string, value: unknown): void {
  const segs = path.split('/').slice(1);
  let node = root as Record<string, unknown>;
  for (const s of segs.slice(0, -1)) node = node[s] as Record<string, unknown>;
  node[segs[segs.length - 1]!] = value;
}

const messageKeysCache = new WeakMap<ProjectModel, Suggestions>();

/** Every key of every catalog, gathered once per project (for did-you-mean on missing messages). */
/** Every catalog's keys, indexed once per build for did-you-mean (thousands of lookups stay cheap). */
function messageKeySuggestions(state: ResolveState): Suggestions {
  // A traced view (incremental builds) says that this reads every catalog, and shares the index of its model.
  const view = modelViews.get(state.model);
  view?.wholeRead();
  const model = view?.base ?? state.model;
  let index = messageKeysCache.get(model);
  if (!index) {
    const keys = new Set<string>();
    for (const c of model.catalogs.values()) for (const k of c.keys()) keys.add(k);
    index = new Suggestions(keys);
    messageKeysCache.set(model, index);
  }
  return index;
}

/**
 * A related location whose range is worked out when first read (only a finding's is): the flow's YAML
 * document is then parsed again only for a flow with a finding (compiler/load/release-document.ts).
 */
function usedHereAt(message: string, file: SourceFile, pointer: string): RelatedLocation {
  const out = { message, file: file.path } as RelatedLocation;
  let range: RelatedLocation['range'];
  Object.defineProperty(out, 'range', {
    get: () => (range ??= rangeAtPointer(file.doc, file.lineCounter, pointer)),
    enumerable: true,
    configurable: true,
  });
  return out;
}

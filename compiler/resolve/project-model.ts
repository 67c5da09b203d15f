/** Gathers the checked documents into one project model: settings, flows, catalogs, pay sets, templates. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import { classifyPath, messagesLocaleOf, paySetOf, templateNameOf, type SourceFile } from '../load/source-file.js';

export interface LocaleSettings {
  language?: string;
  style?: number;
  premium?: boolean;
  speechLanguage?: string;
  fallback?: string;
}

export interface ProjectSettings {
  routerUrl?: string;
  cdnUrl?: string;
  currencies: string[];
  locales: Record<string, LocaleSettings>;
  vars: Record<string, unknown>;
  /** Vars whose value has an error of its own, reported in flowc.yaml (their value in `vars` is empty text). */
  setAsideVars?: readonly string[];
  /** flowc.yaml's whole `vars:` was set aside (not a map): every name no flow, parameter or data holds may be one. */
  allVarsSetAside?: boolean;
  /** flowc.yaml's `rules:` (code → off | warning | error). */
  rules?: Record<string, string>;
  /** flowc.yaml `lookups:` and `hours:` as written (read by resolve/call-data/project-data.ts). */
  lookups?: unknown;
  hours?: unknown;
  file?: SourceFile;
}

/** Speech words of a transition: one list for every locale, or a list per locale. */
export type SpeechWords = string[] | Record<string, string[]>;

export type TransitionTarget =
  | string
  | {
      goto: string;
      locale?: string;
      speech?: SpeechWords;
      /** Another flow (a jump between flows). */
      flow?: string;
      /** Attempt limit: taken at most `max` times per call, then `then`. */
      max?: number;
      then?: TransitionTarget;
    };

export interface StepItem {
  use?: string;
  with?: Record<string, unknown>;
  on?: Record<string, TransitionTarget>;
  /** With `on:` on a speech input: results less confident than this are ignored. */
  minConfidence?: number;
  /** input: the data the caller's answer goes into; lookup: output field → data (or a list of names). */
  store?: unknown;
  /** A lookup (flowc.yaml `lookups:`) called by this step. */
  lookup?: string;
  /** A decision: branches `{ if, goto }` and `{ otherwise }`. */
  decide?: unknown[];
  [action: string]: unknown;
}

export interface FlowDoc {
  flow: string;
  description?: string;
  direction?: 'inbound' | 'outbound';
  numbers?: Record<string, string>;
  locales: string[];
  vars?: Record<string, unknown>;
  /** Call data: name → type (docs/format.md, "Call data"). */
  data?: Record<string, unknown>;
  /** The step a call goes to when a value fails its check at run time. */
  onError?: string;
  start: string;
  steps: Record<string, StepItem[]>;
}

export interface TemplateDoc {
  template?: string;
  description?: string;
  params?: Record<string, { type?: 'string' | 'number' | 'boolean'; required?: boolean; default?: unknown; description?: string }>;
  actions: StepItem[];
}

export interface MessageEntry {
  text: string;
  file: SourceFile;
  pointer: string;
}

export interface ProjectModel {
  settings: ProjectSettings;
  flows: { file: SourceFile; doc: FlowDoc }[];
  /** locale → key → entry */
  catalogs: Map<string, Map<string, MessageEntry>>;
  /** `${set}.${locale}` → pay set file */
  paySets: Map<string, SourceFile>;
  templates: Map<string, { file: SourceFile; doc: TemplateDoc }>;
  /** Catalogs (by locale) and pay sets (`set.locale`) that exist but have errors of their own. */
  brokenCatalogs: Set<string>;
  brokenPaySets: Set<string>;
  /** Templates (by name) that exist but have errors of their own. */
  brokenTemplates: Set<string>;
}

/**
 * Traced views of a model (incremental builds, compiler/pipeline/flow-deps.ts): the model they show, and
 * what to call when code reads all of it at once (e.g. every catalog key for a did-you-mean).
 */
export const modelViews = new WeakMap<ProjectModel, { base: ProjectModel; wholeRead(): void }>();

function flattenCatalog(
  file: SourceFile,
  value: unknown,
  prefix: string,
  pointer: string,
  out: Map<string, MessageEntry>,
  diagnostics: Diagnostic[],
): void {
  if (typeof value === 'string') {
    const earlier = out.get(prefix);
    // `bill-pay: { greeting: … }` and `bill-pay.greeting: …` name one message: the last one silently won.
    if (earlier !== undefined) {
      diagnostics.push({
        code: 'i18n/duplicate-message',
        severity: 'error',
        message: `The message "${prefix}" is written twice in this catalog; only one of them could be spoken.`,
        file: file.path,
        pointer,
        range: rangeAtPointer(file.doc, file.lineCounter, pointer, 'key'),
        hint: 'Keep one of the two: a dotted key such as "a.b" and a key b inside a: name the same message.',
        related: [
          {
            message: 'also written here',
            file: file.path,
            range: rangeAtPointer(file.doc, file.lineCounter, earlier.pointer, 'key'),
          },
        ],
      });
    }
    out.set(prefix, { text: value, file, pointer });
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      flattenCatalog(file, v, prefix ? `${prefix}.${k}` : k, joinPointer(pointer, k), out, diagnostics);
    }
  }
}

/** Only files without errors reach here (the caller filters). */
export function buildProjectModel(
  files: readonly SourceFile[],
  brokenPaths: readonly string[] = [],
): { model: ProjectModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const model: ProjectModel = {
    settings: { currencies: ['usd'], locales: {}, vars: {}, rules: {} },
    flows: [],
    catalogs: new Map(),
    paySets: new Map(),
    templates: new Map(),
    brokenCatalogs: new Set(brokenPaths.filter((p) => classifyPath(p) === 'messages').map(messagesLocaleOf)),
    brokenTemplates: new Set(brokenPaths.filter((p) => classifyPath(p) === 'template').map(templateNameOf)),
    brokenPaySets: new Set(
      brokenPaths
        .filter((p) => classifyPath(p) === 'pay-set')
        .map((p) => {
          const { set, locale } = paySetOf(p);
          return `${set}.${locale}`;
        }),
    ),
  };
  const flowNames = new Map<string, SourceFile>();
  for (const file of files) {
    switch (file.kind) {
      case 'project': {
        const v = file.value as {
          routerUrl?: string;
          cdnUrl?: string;
          pay?: { currencies?: string[] };
          locales?: Record<string, LocaleSettings>;
          vars?: Record<string, unknown>;
          rules?: Record<string, string>;
          lookups?: unknown;
          hours?: unknown;
        };
        model.settings = {
          ...(v.routerUrl !== undefined ? { routerUrl: v.routerUrl.replace(/(?<!\/)\/+$/, '') } : {}),
          ...(v.cdnUrl !== undefined ? { cdnUrl: v.cdnUrl.replace(/(?<!\/)\/+$/, '') } : {}),
          currencies: v.pay?.currencies ?? ['usd'],
          locales: v.locales ?? {},
          vars: v.vars ?? {},
          rules: v.rules ?? {},
          ...(v.lookups !== undefined ? { lookups: v.lookups } : {}),
          ...(v.hours !== undefined ? { hours: v.hours } : {}),
          file,
        };
        break;
      }
      case 'flow': {
        const doc = file.value as FlowDoc;
        const previous = flowNames.get(doc.flow);
        if (previous) {
          diagnostics.push({
            code: 'flow/duplicate-name',
            severity: 'error',
            message: `Two flows are named "${doc.flow}".`,
            file: file.path,
            pointer: '/flow',
            range: rangeAtPointer(file.doc, file.lineCounter, '/flow'),
            hint: 'Give each flow its own name.',
            related: [
              { message: 'the other flow', file: previous.path, range: rangeAtPointer(previous.doc, previous.lineCounter, '/flow') },
            ],
          });
          break;
        }
        flowNames.set(doc.flow, file);
        model.flows.push({ file, doc });
        break;
      }
      case 'messages': {
        const entries = new Map<string, MessageEntry>();
        flattenCatalog(file, file.value, '', '', entries, diagnostics);
        model.catalogs.set(messagesLocaleOf(file.path), entries);
        break;
      }
      case 'pay-set': {
        const { set, locale } = paySetOf(file.path);
        model.paySets.set(`${set}.${locale}`, file);
        break;
      }
      case 'template': {
        const doc = file.value as TemplateDoc;
        const name = templateNameOf(file.path);
        if (doc.template !== undefined && doc.template !== name) {
          diagnostics.push({
            code: 'template/name-mismatch',
            severity: 'error',
            message: `This template is named "${doc.template}" but its file is templates/${name}.yaml.`,
            file: file.path,
            pointer: '/template',
            range: rangeAtPointer(file.doc, file.lineCounter, '/template'),
            hint: `Use "template: ${name}", or rename the file.`,
          });
        }
        model.templates.set(name, { file, doc });
        break;
      }
    }
  }
  return { model, diagnostics };
}

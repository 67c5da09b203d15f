/**
 * Every text of a project that a translator translates — messages, inline per-locale texts of flows and
 * templates, pay prompts and each of their error prompts — with what the translator needs: where it is spoken,
 * the placeholders to keep and their types, the authors' comments, and where each translation is written.
 * Pure: it reads the project model (load + check stages), never the file system.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import type { SourceFile } from '../load/source-file.js';
import { rangeAtPointer } from '../load/source-position.js';
import { payErrorTypes, payPromptTypes, type PayPromptType } from '../check/schemas/catalog-schemas.js';
import { expandItems, rootScope, type ExpandedAction, type Scope } from '../resolve/expand-templates.js';
import type { FlowDoc, ProjectModel } from '../resolve/project-model.js';
import { builtinData, type PlaceholderScope } from './placeholders.js';

/** Where a text is spoken. */
export interface Usage {
  flow: string;
  step: string;
  /** 1-based position of the action in its step, after templates are expanded. */
  position: number;
  action: 'talk' | 'pay';
  /** The file and line of the `say:`, the inline text or the `prompts:`. */
  file: string;
  line?: number;
  /** The templates the action comes from, innermost first. */
  templates: string[];
}

/** Where the translation of a unit is written, in each locale. */
export type UnitTarget =
  /** flows/messages/<locale>.yaml, at this path of keys (as in the source catalog). */
  | { kind: 'catalog'; path: string[] }
  /**
   * The per-locale map of an inline text: add or replace the locale's key. `plain` when the text is one text for
   * every locale (`text: Hello`): it becomes a per-locale map on import, and the locales it is spoken in that get no
   * translation keep the text they had, so the build says what it said before.
   */
  | { kind: 'inline'; file: string; pointer: string; plain?: { spokenIn: string[] } }
  /** flows/pay/<set>.<locale>.yaml, at [type, 'text'] or [type, 'errors', errorType]. */
  | { kind: 'pay'; set: string; type: PayPromptType; errorType?: string };

export interface TextUnit {
  /** Stable id: `msg:<key>`, `flow:<flow>:<pointer>`, `template:<name>:<pointer>`, `pay:<set>:<Type>[:<ErrorType>]`. */
  id: string;
  kind: 'message' | 'inline' | 'pay-prompt' | 'pay-error';
  /** What an author calls it: the message key, "inline text", "CardNumber prompt". */
  label: string;
  sourceLocale: string;
  source: string;
  /** Where the source text is written. */
  sourceFile: string;
  sourceLine?: number;
  /** Existing translations, by locale (empty texts count as missing). */
  translations: Map<string, string>;
  usages: Usage[];
  /** The authors' YAML comments next to the source text. */
  notes: string[];
  /** Names the text can use: those of its first usage. */
  scope: PlaceholderScope;
  target: UnitTarget;
}

/** What each prompt and error type is, in a translator's words (NCCO reference › Pay, Error Prompts). */
export const payContext: Readonly<Record<string, string>> = {
  CardNumber: 'asks the caller to key in their card number',
  ExpirationDate: 'asks for the card expiry date (four digits: month and year)',
  SecurityCode: 'asks for the card security code (CVV)',
  InvalidCardType: 'said when the card is of a type we do not take (only Visa and Mastercard are accepted)',
  InvalidCardNumber: 'said when the card number is not valid',
  InvalidExpirationDate: 'said when the expiry date is not valid or has passed',
  InvalidSecurityCode: 'said when the security code is not valid',
  Timeout: 'said when the caller keys in nothing for 10 seconds; they get one more try',
};

const isLocaleMap = (v: unknown): v is Record<string, unknown> =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length > 0 &&
  Object.keys(v).every((k) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(k));

/** The authors' comments around the value at `pointer`: before its key, before and after its value. */
export function commentsAt(doc: Document, pointer: string): string[] {
  let node: Node | null = doc.contents as Node | null;
  let pair: Pair | undefined;
  let parent: Node | undefined;
  let firstOfList: Node | undefined;
  for (const segment of parsePointer(pointer)) {
    // Through a list (a step's actions): the item, whose own comment is the one above its `- `.
    if (isSeq(node) && /^\d+$/.test(segment)) {
      // yaml puts the comment above a list's first item on the list.
      firstOfList = segment === '0' ? node : undefined;
      parent = undefined;
      pair = undefined;
      node = (node.items[Number(segment)] as Node | undefined) ?? null;
      continue;
    }
    firstOfList = undefined;
    if (!isMap(node)) return [];
    const found: Pair | undefined = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment) as
      | Pair
      | undefined;
    if (!found) return [];
    parent = node;
    pair = found;
    node = found.value as Node | null;
  }
  const out: string[] = [];
  const add = (c: string | null | undefined) => {
    const text = c
      ?.split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    if (text) out.push(text);
  };
  // yaml puts the comment above the first key of a nested map on the map itself.
  if (parent && isMap(parent) && parent.items[0] === pair) add(parent.commentBefore);
  add(firstOfList?.commentBefore);
  add((pair?.key as Node | undefined)?.commentBefore);
  add(node?.commentBefore);
  add(node?.comment);
  return out;
}

function scopeOf(settingsVars: Record<string, unknown>, doc: FlowDoc, scope: Scope): PlaceholderScope {
  const params: Record<string, { type?: 'string' | 'number' | 'boolean' }> = {};
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    for (const [name, b] of s.params) if (!Object.hasOwn(params, name)) params[name] = b.declaredType ? { type: b.declaredType } : {};
  }
  return { vars: { ...settingsVars, ...(doc.vars ?? {}) }, params, data: { ...builtinData, ...(doc.data ?? {}) } };
}

const lineOf = (file: SourceFile, pointer: string): number | undefined => rangeAtPointer(file.doc, file.lineCounter, pointer)?.start.line;

const optionalLine = (line: number | undefined): { sourceLine?: number } => (line === undefined ? {} : { sourceLine: line });

const templatesOf = (action: ExpandedAction): string[] =>
  action.related.map((r) => templateOf(r.message)).filter((t): t is string => t !== undefined);

/** What /use: (.+)$/ finds in "expanded from use: name", by index (that pattern is polynomial on long lines). */
function templateOf(message: string): string | undefined {
  for (let at = message.indexOf('use: '); at !== -1; at = message.indexOf('use: ', at + 1)) {
    const rest = message.slice(at + 5);
    if (rest !== '' && !/[\n\r\u2028\u2029]/.test(rest)) return rest;
  }
  return undefined;
}

/** The id of an inline text: by template file or by flow, and the pointer of the text. */
function inlineId(action: ExpandedAction, doc: FlowDoc, pointer: string): string {
  return action.file.kind === 'template'
    ? `template:${action.file.path.replace(/^templates\//, '').replace(/\.yaml$/, '')}:${pointer}`
    : `flow:${doc.flow}:${pointer}`;
}

/** True when a text says something besides its {{…}} placeholders (`{{message}}` alone is not for a translator). */
function hasWords(text: string): boolean {
  let rest = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) {
      rest += text.slice(i);
      break;
    }
    rest += text.slice(i, open);
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      rest += text.slice(open);
      break;
    }
    i = close + 2;
  }
  return /\p{L}/u.test(rest.replace(/<[^<>]*>/g, ''));
}

/** Every text to translate, in a stable order: messages (source catalog order), inline texts, pay prompts. */
export function collectTextUnits(model: ProjectModel, sourceLocale: string): TextUnit[] {
  const messages = new Map<string, TextUnit>();
  const inline = new Map<string, TextUnit>();
  const paySets = new Map<string, { usages: Usage[]; scope: PlaceholderScope }>();
  const expansion = { model, diagnostics: [], expandedActions: 0 };

  for (const { file, doc } of model.flows) {
    for (const [step, items] of Object.entries(doc.steps)) {
      const actions = expandItems(expansion, items, file, joinPointer('/steps', step), rootScope, [], []);
      actions.forEach((action, i) => {
        const optionsPointer = joinPointer(action.pointer, action.name);
        const usage = (kind: 'talk' | 'pay', pointer: string): Usage => {
          const line = lineOf(action.file, pointer);
          return {
            flow: doc.flow,
            step,
            position: i + 1,
            action: kind,
            file: action.file.path,
            ...(line !== undefined ? { line } : {}),
            templates: templatesOf(action),
          };
        };
        const scope = scopeOf(model.settings.vars, doc, action.scope);
        if (action.name === 'talk' && typeof action.body.say === 'string') {
          const key = action.body.say;
          const entry = model.catalogs.get(sourceLocale)?.get(key);
          if (!entry) return;
          let unit = messages.get(key);
          if (!unit) {
            unit = {
              id: `msg:${key}`,
              kind: 'message',
              label: key,
              sourceLocale,
              source: entry.text,
              sourceFile: entry.file.path,
              ...optionalLine(lineOf(entry.file, entry.pointer)),
              translations: new Map(),
              usages: [],
              notes: commentsAt(entry.file.doc, entry.pointer),
              scope,
              target: { kind: 'catalog', path: parsePointer(entry.pointer) },
            };
            messages.set(key, unit);
          }
          unit.usages.push(usage('talk', joinPointer(optionsPointer, 'say')));
        }
        const text = action.body.text;
        if (action.name === 'talk' && isLocaleMap(text) && typeof text[sourceLocale] === 'string') {
          const pointer = joinPointer(optionsPointer, 'text');
          const id = inlineId(action, doc, pointer);
          let unit = inline.get(id);
          if (!unit) {
            const sourceLine = lineOf(action.file, joinPointer(pointer, sourceLocale));
            unit = {
              id,
              kind: 'inline',
              label: 'inline text',
              sourceLocale,
              source: text[sourceLocale] as string,
              sourceFile: action.file.path,
              ...(sourceLine !== undefined ? { sourceLine } : {}),
              translations: new Map(
                Object.entries(text).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && e[0] !== sourceLocale),
              ),
              usages: [],
              // One comment can be reached from the action, its text map and the map's first key: said once.
              notes: [
                ...new Set([
                  ...commentsAt(action.file.doc, action.pointer),
                  ...commentsAt(action.file.doc, pointer),
                  ...commentsAt(action.file.doc, joinPointer(pointer, sourceLocale)),
                ]),
              ],
              scope,
              target: { kind: 'inline', file: action.file.path, pointer },
            };
            inline.set(id, unit);
          }
          unit.usages.push(usage('talk', pointer));
        }
        if (action.name === 'talk' && typeof text === 'string' && doc.locales.length > 1 && hasWords(text)) {
          // One text for every locale: a Spanish caller hears it too, so a translator gets it.
          const pointer = joinPointer(optionsPointer, 'text');
          const id = inlineId(action, doc, pointer);
          let unit = inline.get(id);
          if (!unit) {
            const sourceLine = lineOf(action.file, pointer);
            unit = {
              id,
              kind: 'inline',
              label: 'inline text',
              sourceLocale,
              source: text,
              sourceFile: action.file.path,
              ...(sourceLine !== undefined ? { sourceLine } : {}),
              translations: new Map(),
              usages: [],
              notes: [...new Set([...commentsAt(action.file.doc, action.pointer), ...commentsAt(action.file.doc, pointer)])],
              scope,
              target: { kind: 'inline', file: action.file.path, pointer, plain: { spokenIn: [] } },
            };
            inline.set(id, unit);
          }
          const spokenIn = (unit.target as { plain?: { spokenIn: string[] } }).plain?.spokenIn;
          for (const l of doc.locales) if (spokenIn && !spokenIn.includes(l)) spokenIn.push(l);
          unit.usages.push(usage('talk', pointer));
        }
        if (action.name === 'pay' && typeof action.body.prompts === 'string') {
          const set = action.body.prompts;
          const entry = paySets.get(set) ?? { usages: [], scope };
          entry.usages.push(usage('pay', joinPointer(optionsPointer, 'prompts')));
          paySets.set(set, entry);
        }
      });
    }
  }

  // Translations already in the catalogs.
  for (const [locale, catalog] of model.catalogs) {
    if (locale === sourceLocale) continue;
    for (const [key, unit] of messages) {
      const t = catalog.get(key)?.text;
      if (t !== undefined && t !== '') unit.translations.set(locale, t);
    }
  }

  const pay: TextUnit[] = [];
  for (const set of [...paySets.keys()].sort()) {
    const file = model.paySets.get(`${set}.${sourceLocale}`);
    if (!file) continue;
    const { usages, scope } = paySets.get(set)!;
    const value = file.value as Record<string, { text?: string; errors?: Record<string, unknown> } | undefined>;
    for (const type of payPromptTypes) {
      const prompt = value[type];
      if (!prompt || typeof prompt.text !== 'string') continue;
      const units: [string | undefined, string, string][] = [[undefined, prompt.text, `/${type}/text`]];
      for (const errorType of payErrorTypes[type]) {
        const e = prompt.errors?.[errorType];
        const t = typeof e === 'string' ? e : (e as { text?: unknown } | undefined)?.text;
        if (typeof t === 'string') units.push([errorType, t, `/${type}/errors/${errorType}${typeof e === 'string' ? '' : '/text'}`]);
      }
      for (const [errorType, text, pointer] of units) {
        const sourceLine = lineOf(file, pointer);
        const unit: TextUnit = {
          id: `pay:${set}:${type}${errorType ? `:${errorType}` : ''}`,
          kind: errorType ? 'pay-error' : 'pay-prompt',
          label: errorType ? `${type} ${errorType} error prompt` : `${type} prompt`,
          sourceLocale,
          source: text,
          sourceFile: file.path,
          ...(sourceLine !== undefined ? { sourceLine } : {}),
          translations: new Map(),
          usages,
          notes: commentsAt(file.doc, errorType ? `/${type}/errors/${errorType}` : `/${type}`),
          scope,
          target: { kind: 'pay', set, type, ...(errorType ? { errorType } : {}) },
        };
        for (const [key, other] of model.paySets) {
          const dot = key.lastIndexOf('.');
          const locale = key.slice(dot + 1);
          if (key.slice(0, dot) !== set || locale === sourceLocale) continue;
          const t = payText(other.value, type, errorType);
          if (t !== undefined && t !== '') unit.translations.set(locale, t);
        }
        pay.push(unit);
      }
    }
  }
  const catalogOrder = [...(model.catalogs.get(sourceLocale)?.keys() ?? [])];
  const byCatalog = [...messages.values()].sort((a, b) => catalogOrder.indexOf(a.label) - catalogOrder.indexOf(b.label));
  return [...byCatalog, ...inline.values(), ...pay];
}

/** The text of a prompt (or of one of its errors) in a pay set's value. */
export function payText(value: unknown, type: string, errorType?: string): string | undefined {
  const prompt = (value as Record<string, { text?: unknown; errors?: Record<string, unknown> } | undefined> | undefined)?.[type];
  if (!prompt) return undefined;
  if (errorType === undefined) return typeof prompt.text === 'string' ? prompt.text : undefined;
  const e = prompt.errors?.[errorType];
  const t = typeof e === 'string' ? e : (e as { text?: unknown } | undefined)?.text;
  return typeof t === 'string' ? t : undefined;
}

/** Expands `use:` items into the actions of templates, keeping where every action came from. */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { nccoActionNames, type NccoActionName } from '../check/schemas/common.js';
import { type NodePart, rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';
import type { ProjectModel, StepItem, TemplateDoc, TransitionTarget } from './project-model.js';
import { errorReporter } from './report-error.js';

/** A template parameter's value, rendered later in the scope of the use site. */
export interface ParamBinding {
  value: unknown;
  declaredType?: 'string' | 'number' | 'boolean';
  file: SourceFile;
  pointer: string;
  /** The scope the value's own {{...}} are rendered in. */
  scope: Scope;
  /** Missing or mistyped at the use site (already reported): texts that use it are not rendered. */
  failed?: boolean;
}

export interface Scope {
  params: Map<string, ParamBinding>;
  parent?: Scope;
}

export interface ExpandedAction {
  name: NccoActionName;
  body: Record<string, unknown>;
  file: SourceFile;
  /** Pointer of the item in its file; the options are at `${pointer}/${name}`. */
  pointer: string;
  scope: Scope;
  /** The `use:` sites that expanded this action, innermost first. */
  related: RelatedLocation[];
  on?: { targets: Record<string, TransitionTarget>; file: SourceFile; pointer: string; minConfidence?: number };
  /** `store:` written next to this input (or next to the `use:` of a template ending with it). */
  store?: { value: unknown; file: SourceFile; pointer: string };
}

export const transitionActions: ReadonlySet<string> = new Set(['input', 'pay', 'connect', 'notify']);

const at = (file: SourceFile, pointer: string, part: 'key' | 'value' = 'value') =>
  rangeAtPointer(file.doc, file.lineCounter, pointer, part);

export const rootScope: Scope = { params: new Map() };

interface Ctx {
  model: ProjectModel;
  diagnostics: Diagnostic[];
  /** Actions templates produced so far in this flow. Actions written in the flow itself do not count. */
  expandedActions: number;
  /** Actions produced so far by the `use:` of the flow being expanded (with the templates it uses). */
  useActions?: number;
  /**
   * Set when a limit was passed in the current `use:` of the flow: its expansion is dropped and reported
   * once, at that use. Past the flow-wide limit the rest of the flow is not expanded either.
   */
  stopped?: { limit: 'use' | 'flow' } | { limit: 'depth'; chain: string[] };
}

/**
 * Templates that use each other twice, several levels deep, multiply their actions without bound.
 * One `use:` in a flow may expand into at most this many actions (issue 10 #7: only what templates
 * produce counts, not the actions written in the flow) …
 */
export const maxExpandedActions = 10_000;
/** … and all the `use:`s of one flow together into at most this many: no more than a flow file could hold when written out. */
export const maxFlowTemplateActions = 100_000;
/** Templates using templates this deep is a mistake, and deeper chains would exhaust the stack (issue 10 #6). */
export const maxTemplateDepth = 50;

export function expandItems(
  ctx: Ctx,
  items: readonly StepItem[],
  file: SourceFile,
  basePointer: string,
  scope: Scope,
  related: RelatedLocation[],
  stack: readonly string[],
): ExpandedAction[] {
  const out: ExpandedAction[] = [];
  const inTemplate = stack.length > 0;
  items.forEach((item, index) => {
    const pointer = joinPointer(basePointer, index);
    const report = errorReporter(file, ctx.diagnostics, { related });
    const diag = (code: string, message: string, hint: string, p = pointer, part?: NodePart) => report(code, p, message, hint, part);
    const actionKeys = Object.keys(item).filter((k) => (nccoActionNames as readonly string[]).includes(k));
    const isLast = index === items.length - 1;
    if (item.on !== undefined && inTemplate) {
      diag(
        'template/on-inside',
        'A template cannot say where the call goes next (`on:`).',
        'Remove `on:` here and write it next to `use:` in the flow.',
        joinPointer(pointer, 'on'),
        'key',
      );
    } else if (item.on !== undefined && !isLast) {
      diag(
        'flow/on-not-last',
        'An action with `on:` must be the last of its step: the actions after it would never run.',
        'Move the following actions into the step that `on:` leads to.',
        joinPointer(pointer, 'on'),
        'key',
      );
    }
    if (item.minConfidence !== undefined && (item.on === undefined || inTemplate)) {
      ctx.diagnostics.push({
        code: 'flow/min-confidence-unused',
        severity: 'warning',
        message: 'minConfidence filters the speech results that `on:` follows, but this item has no `on:`.',
        file: file.path,
        pointer: joinPointer(pointer, 'minConfidence'),
        range: at(file, joinPointer(pointer, 'minConfidence'), 'key'),
        hint: inTemplate ? 'Write minConfidence next to `on:` at the use site, in the flow.' : 'Write it next to the `on:` of the input.',
        ...(related.length ? { related } : {}),
      });
    }
    if (item.with !== undefined && item.use === undefined) {
      diag(
        'flow/with-without-use',
        '`with:` gives parameters to a template, but this item has no `use:`.',
        'Add `use: <template>` or remove `with:`.',
        joinPointer(pointer, 'with'),
        'key',
      );
    }
    if (actionKeys.length + (item.use !== undefined ? 1 : 0) > 1) {
      diag(
        'flow/multiple-actions',
        `This item holds more than one action (${[...actionKeys, ...(item.use !== undefined ? ['use'] : [])].join(', ')}).`,
        'Write each action as its own list item, starting with "- ".',
      );
      return;
    }
    if (actionKeys.length === 0 && item.use === undefined) {
      diag('flow/no-action', 'This item has no action.', `Start it with one of: ${nccoActionNames.join(', ')}, or use: <template>.`);
      return;
    }
    const on =
      item.on !== undefined && !inTemplate
        ? {
            targets: item.on,
            file,
            pointer: joinPointer(pointer, 'on'),
            ...(typeof item.minConfidence === 'number' ? { minConfidence: item.minConfidence } : {}),
          }
        : undefined;
    const store = item.store !== undefined && !inTemplate ? { value: item.store, file, pointer: joinPointer(pointer, 'store') } : undefined;
    const storeNotInput = (what: string) =>
      diag(
        'data/cannot-capture',
        `\`store:\` keeps what the caller enters, so it goes on an input; ${what}.`,
        'Put store: next to the input (and its on:), or remove it.',
        joinPointer(pointer, 'store'),
        'key',
      );
    if (item.use !== undefined) {
      if (ctx.stopped !== undefined) return;
      if (!inTemplate) ctx.useActions = 0;
      const expanded = expandUse(ctx, item, file, pointer, scope, related, stack);
      // expandUse() may have set it (TypeScript cannot see that through the call).
      const stopped = ctx.stopped as Ctx['stopped'];
      if (!inTemplate && stopped !== undefined) {
        reportLimit(ctx, stopped, item.use, file, pointer, related);
        // The use is dropped and the flow goes on; past the flow-wide limit nothing more is expanded.
        if (stopped.limit !== 'flow') ctx.stopped = undefined;
        return;
      }
      if (store && expanded.length > 0) {
        const last = expanded[expanded.length - 1]!;
        if (last.name !== 'input') storeNotInput(`"${item.use}" ends with \`${last.name}\``);
        else last.store = store;
      }
      if (on && expanded.length > 0) {
        const last = expanded[expanded.length - 1]!;
        if (!transitionActions.has(last.name)) {
          diag(
            'flow/on-not-allowed',
            `\`on:\` follows the result of the template's last action, but "${item.use}" ends with \`${last.name}\`, which has no result to follow.`,
            'Only input, pay, connect and notify have results; end the template with one of them or move `on:`.',
            joinPointer(pointer, 'on'),
            'key',
          );
        } else if (last.on === undefined) {
          last.on = on;
        }
      }
      for (const a of expanded) out.push(a);
      return;
    }
    const name = actionKeys[0] as NccoActionName;
    const body = item[name];
    if (on && !transitionActions.has(name)) {
      diag(
        'flow/on-not-allowed',
        `\`${name}\` has no result to follow, so it cannot have \`on:\`.`,
        'Only input, pay, connect and notify can have `on:`.',
        joinPointer(pointer, 'on'),
        'key',
      );
    }
    if (ctx.stopped !== undefined) return;
    if (inTemplate) {
      ctx.useActions = (ctx.useActions ?? 0) + 1;
      if (ctx.useActions > maxExpandedActions) {
        ctx.stopped = { limit: 'use' };
        return;
      }
      if (++ctx.expandedActions > maxFlowTemplateActions) {
        ctx.stopped = { limit: 'flow' };
        return;
      }
    }
    if (store && name !== 'input') storeNotInput(`this is a ${name}`);
    out.push({
      name,
      body: (body ?? {}) as Record<string, unknown>,
      file,
      pointer,
      scope,
      related,
      ...(on && transitionActions.has(name) ? { on } : {}),
      ...(store && name === 'input' ? { store } : {}),
    });
  });
  return out;
}

function expandUse(
  ctx: Ctx,
  item: StepItem,
  file: SourceFile,
  pointer: string,
  scope: Scope,
  related: RelatedLocation[],
  stack: readonly string[],
): ExpandedAction[] {
  const name = item.use!;
  const usePointer = joinPointer(pointer, 'use');
  const report = errorReporter(file, ctx.diagnostics, { related });
  const diag = (code: string, message: string, hint: string, p = usePointer, part?: NodePart) => report(code, p, message, hint, part);
  if (ctx.stopped !== undefined) return [];
  const template = ctx.model.templates.get(name);
  if (!template) {
    const suggestion = didYouMean(name, ctx.model.templates.keys());
    diag(
      'template/unknown',
      `There is no template "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      suggestion ? `Write use: ${suggestion}` : `Create templates/${name}.yaml, or fix the name.`,
    );
    return [];
  }
  if (stack.length >= maxTemplateDepth) {
    ctx.stopped = { limit: 'depth', chain: [...stack, name] };
    return [];
  }
  if (stack.includes(name)) {
    diag(
      'template/cycle',
      `Template "${name}" uses itself: ${[...stack, name].join(' → ')}.`,
      'Break the cycle: a template must not use itself, directly or through others.',
    );
    return [];
  }
  const params = bindParams(ctx, template.doc, item.with ?? {}, file, pointer, scope, related, name);
  // Its range is worked out when first read (a finding's related location): a file served from the parse
  // cache then parses its YAML document only when it has a finding (compiler/load/parse-cache.ts).
  const useSite = { message: `expanded from use: ${name}`, file: file.path } as RelatedLocation;
  let range: RelatedLocation['range'];
  Object.defineProperty(useSite, 'range', {
    get: () => (range ??= at(file, usePointer)),
    enumerable: true,
    configurable: true,
  });
  return expandItems(
    ctx,
    template.doc.actions,
    template.file,
    '/actions',
    { params, parent: scope },
    [useSite, ...related],
    [...stack, name],
  );
}

/** A limit passed while expanding the `use:` at `pointer` of a flow: one error there, which also explains the flow's gaps. */
function reportLimit(
  ctx: Ctx,
  stopped: NonNullable<Ctx['stopped']>,
  name: string,
  file: SourceFile,
  pointer: string,
  related: RelatedLocation[],
): void {
  const usePointer = joinPointer(pointer, 'use');
  const multiply = 'A template that uses others more than once, several levels deep, multiplies its actions; use each one once.';
  let code = 'template/too-large';
  let message: string;
  let hint = multiply;
  let p = usePointer;
  let part: 'key' | 'value' = 'value';
  const more: RelatedLocation[] = [];
  if (stopped.limit === 'depth') {
    const shown = stopped.chain.length > 7 ? [...stopped.chain.slice(0, 3), '…', ...stopped.chain.slice(-3)] : stopped.chain;
    code = 'template/too-deep';
    message = `The templates used here use each other more than ${maxTemplateDepth} levels deep: ${shown.join(' → ')}.`;
    hint = 'Let a template use the ones it needs directly, instead of a long chain of templates that each use the next.';
  } else if (stopped.limit === 'use') {
    message = `This use of "${name}" expands into more than ${maxExpandedActions.toLocaleString('en-US')} actions.`;
  } else {
    // At steps: (the whole rest of the flow is missing), with the use where the limit was passed.
    message = `The templates of this flow expand into more than ${maxFlowTemplateActions.toLocaleString('en-US')} actions, so the rest of the flow is not checked.`;
    p = '/steps';
    part = 'key';
    more.push({ message: `the limit was passed in this use of "${name}"`, file: file.path, ...rangeProp(at(file, usePointer)) });
  }
  ctx.diagnostics.push({
    code,
    severity: 'error',
    message,
    file: file.path,
    pointer: p,
    range: at(file, p, part),
    hint,
    ...(related.length + more.length > 0 ? { related: [...more, ...related] } : {}),
  });
}

const rangeProp = <T>(range: T | undefined): { range: T } | Record<string, never> => (range === undefined ? {} : { range });

const typeOf = (v: unknown): string => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v);

function bindParams(
  ctx: Ctx,
  doc: TemplateDoc,
  given: Record<string, unknown>,
  file: SourceFile,
  pointer: string,
  scope: Scope,
  related: RelatedLocation[],
  templateName: string,
): Map<string, ParamBinding> {
  const declared = doc.params ?? {};
  const bound = new Map<string, ParamBinding>();
  const withPointer = joinPointer(pointer, 'with');
  const report = errorReporter(file, ctx.diagnostics, { related });
  const diag = (code: string, message: string, hint: string, p: string, part?: NodePart) => report(code, p, message, hint, part);
  /** Parameters a misspelt one stands for (`amout` for `amount`): that one mistake is not also "missing". */
  const meant = new Set<string>();
  for (const [key, value] of Object.entries(given)) {
    const p = joinPointer(withPointer, key);
    const decl = Object.hasOwn(declared, key) ? declared[key] : undefined;
    if (!decl) {
      const suggestion = didYouMean(key, Object.keys(declared));
      if (suggestion !== undefined) meant.add(suggestion);
      diag(
        'template/unknown-param',
        `Template "${templateName}" has no parameter "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        Object.keys(declared).length ? `Its parameters: ${Object.keys(declared).join(', ')}.` : 'It takes no parameters; remove `with:`.',
        p,
        'key',
      );
      continue;
    }
    const isTemplated = typeof value === 'string' && value.includes('{{');
    if (decl.type && !isTemplated && typeOf(value) !== decl.type) {
      diag(
        'template/param-type',
        `Parameter "${key}" of template "${templateName}" must be a ${decl.type}, but it is a ${typeOf(value)}.`,
        decl.type === 'number' ? 'Write a number without quotes, e.g. 42.50.' : `Write a ${decl.type}.`,
        p,
      );
      bound.set(key, { value: '', file, pointer: p, scope, failed: true });
      continue;
    }
    bound.set(key, { value, ...(decl.type ? { declaredType: decl.type } : {}), file, pointer: p, scope });
  }
  for (const [key, decl] of Object.entries(declared)) {
    if (bound.has(key) || Object.hasOwn(given, key)) continue;
    if (decl.default !== undefined) {
      bound.set(key, {
        value: decl.default,
        ...(decl.type ? { declaredType: decl.type } : {}),
        file: ctx.model.templates.get(templateName)!.file,
        pointer: `/params/${key}/default`,
        scope: rootScope,
      });
    } else if (decl.required) {
      if (!meant.has(key))
        diag(
          'template/missing-param',
          `Template "${templateName}" needs the parameter "${key}".`,
          `Add it under with:, e.g. with: { ${key}: ... }.`,
          joinPointer(pointer, 'use'),
        );
      bound.set(key, { value: '', file, pointer: joinPointer(pointer, 'use'), scope, failed: true });
    }
  }
  return bound;
}

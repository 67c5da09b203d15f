/**
 * Steps that put values into call data: an input with `store:` (a capture) and a `lookup:` (with its
 * `with:` input and its `store:` of output fields). Checked against the declarations; the result is what
 * the program needs (compiler/router/runtime/program.ts: InputTransitions.store, LookupStep).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../../load/source-position.js';
import type { DataType, ValueForm } from '../../router/runtime/program.mjs';
import type { ExpandedAction } from '../expand-templates.js';
import type { RenderEnv } from '../render-text.js';
import { renderString } from '../render-text.js';
import { rootScope } from '../expand-templates.js';
import { lookupStoreMap, type LookupControl } from '../step-controls.js';
import { cannotFit, describeType, sameType, valueOfType } from './data-types.js';
import { alwaysSet, dataNames, declarationOf, type FlowData, isBuiltin } from './flow-data.js';
import type { ProjectData } from './project-data.js';
import { explainedByJumps } from './jump-arrivals.js';
import { DataForm } from './text-form.js';

/** An input's `store:`, as the program needs it. */
export interface CapturePlan {
  data: string;
  from: 'digits' | 'speech';
}

/** A lookup step, as the program needs it. */
export interface LookupPlan {
  lookup: string;
  input: Record<string, ValueForm>;
  store: Record<string, string>;
  timeoutMs: number;
}

/** The NCCO reference default of input.dtmf.maxDigits. */
export const defaultMaxDigits = 4;

type Report = (
  code: string,
  pointer: string,
  message: string,
  hint: string,
  part?: 'key' | 'value',
  severity?: 'error' | 'warning',
) => void;

function reporter(diagnostics: Diagnostic[], file: LookupControl['file'], related: Diagnostic['related'] = []): Report {
  return (code, pointer, message, hint, part = 'value', severity = 'error') =>
    diagnostics.push({
      code,
      severity,
      message,
      file: file.path,
      pointer,
      range: rangeAtPointer(file.doc, file.lineCounter, pointer, part),
      hint,
      ...(related.length ? { related } : {}),
    });
}

function unknownData(report: Report, data: FlowData, name: string, pointer: string): void {
  const suggestion = didYouMean(name, dataNames(data));
  report(
    'data/unknown-name',
    pointer,
    `"${name}" is not call data of flow "${data.flow}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    `Declare it under data: (e.g. ${name}: { type: digits, length: 8 }), or use one of: ${[...data.declared.keys()].join(', ') || '(no data yet)'}.`,
  );
}

/** What a capture needs of the input and the data it stores into. */
export function checkCapture(action: ExpandedAction, data: FlowData, diagnostics: Diagnostic[]): CapturePlan | undefined {
  const store = action.store;
  if (!store) return undefined;
  const report = reporter(diagnostics, store.file);
  const name = store.value;
  if (typeof name !== 'string') {
    report('data/cannot-capture', store.pointer, 'An input stores into one piece of call data: write its name.', 'Write store: account.');
    return undefined;
  }
  if (isBuiltin(name)) {
    report(
      'data/read-only',
      store.pointer,
      `"${name}" is built in: the call sets it, nothing can store into it.`,
      'Declare your own data under data: and store into that.',
    );
    return undefined;
  }
  const decl = declarationOf(data, name);
  if (decl === undefined) {
    if (!data.broken.has(name)) unknownData(report, data, name, store.pointer);
    return undefined;
  }
  const t = decl.type;
  const types = Array.isArray(action.body.type) ? (action.body.type as unknown[]) : [];
  const listens = (what: 'dtmf' | 'speech') => types.includes(what) || action.body[what] !== undefined;
  const from: CapturePlan['from'] | undefined =
    t.type === 'digits' || t.type === 'number' ? 'digits' : t.type === 'text' || t.type === 'one-of' ? 'speech' : undefined;
  if (from === undefined) {
    report(
      'data/cannot-capture',
      store.pointer,
      `"${name}" is ${describeType(t)}: a caller cannot enter that on the keypad or say it reliably.`,
      'Capture digits or a number (keys), or text or one-of (words); turn them into other data with a lookup.',
    );
    return undefined;
  }
  if (from === 'digits' && !listens('dtmf')) {
    report(
      'data/cannot-capture',
      store.pointer,
      `"${name}" is ${describeType(t)}, entered on the keypad, but this input does not listen for keys.`,
      'Add dtmf to the input: type: [dtmf].',
    );
    return undefined;
  }
  if (from === 'speech' && !listens('speech')) {
    report(
      'data/cannot-capture',
      store.pointer,
      `"${name}" is ${describeType(t)}, taken from what the caller says, but this input does not listen for speech.`,
      'Add speech to the input: type: [speech] (or [dtmf, speech]).',
    );
    return undefined;
  }
  if (t.type === 'digits') {
    const dtmf = action.body.dtmf as Record<string, unknown> | undefined;
    const maxDigits = typeof dtmf?.maxDigits === 'number' ? dtmf.maxDigits : defaultMaxDigits;
    if (maxDigits < t.maxLength) {
      report(
        'data/cannot-capture',
        typeof dtmf?.maxDigits === 'number' ? joinPointer(action.pointer, action.name, 'dtmf', 'maxDigits') : store.pointer,
        `The input stops after ${maxDigits} keys${typeof dtmf?.maxDigits === 'number' ? '' : ' (the default)'}, but "${name}" has up to ${t.maxLength} digits.`,
        `Set dtmf: { maxDigits: ${t.maxLength} } (and submitOnHash: true if callers may end with #).`,
      );
      return undefined;
    }
  }
  return { data: name, from };
}

export function checkLookupStep(
  control: LookupControl,
  project: ProjectData,
  env: RenderEnv & { data: NonNullable<RenderEnv['data']> },
  reported: Set<string>,
  diagnostics: Diagnostic[],
): LookupPlan | undefined {
  const report = reporter(diagnostics, control.file);
  const data = env.data.data;
  /** Call data of the type an input wants, named in a hint (a built-in such as caller first; a placeholder when none fits). */
  const dataOfType = (t: DataType): string => {
    const names = dataNames(data);
    return (
      [...names.filter(isBuiltin), ...names.filter((n) => !isBuiltin(n))].find((n) => declarationOf(data, n)?.type.type === t.type) ?? '…'
    );
  };
  const info = project.lookups.get(control.lookup);
  const p = joinPointer(control.pointer, 'lookup');
  if (!info) {
    // Its declaration (or the whole lookups:) has errors of its own, reported in flowc.yaml.
    if (project.brokenLookups.has(control.lookup) || project.lookupsUnknown) return undefined;
    const names = [...project.lookups.keys()];
    const suggestion = didYouMean(control.lookup, names);
    report(
      'lookup/unknown',
      p,
      `There is no lookup "${control.lookup}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      names.length > 0
        ? `The lookups in flowc.yaml: ${names.join(', ')}.`
        : 'Declare it in flowc.yaml under lookups:, with its input and output.',
    );
    return undefined;
  }
  // A side the declaration lacks altogether (findAccount: {}) is reported there, once, naming these fields.
  const undeclared = project.undeclaredFields.get(control.lookup);
  let ok = true;
  const fail: Report = (...args) => {
    if ((args[5] ?? 'error') === 'error') ok = false;
    report(...args);
  };
  const input: Record<string, ValueForm> = {};
  for (const [field, raw] of Object.entries(control.with)) {
    const wp = joinPointer(control.pointer, 'with', field);
    const want = info.decl.input[field];
    if (want === undefined) {
      if (undeclared?.input) {
        ok = false;
        continue;
      }
      const fields = Object.keys(info.decl.input);
      const suggestion = didYouMean(field, fields);
      fail(
        'lookup/unknown-field',
        wp,
        `Lookup "${control.lookup}" has no input "${field}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        fields.length > 0 ? `Its input: ${fields.join(', ')}.` : 'It takes no input; remove with:.',
        'key',
      );
      continue;
    }
    const site = { file: control.file, pointer: wp, related: [] };
    const value = typeof raw === 'string' ? renderString(env, raw, site, rootScope, reported, 'param') : raw;
    if (env.failedSites.has(`${control.file.path}#${wp}`)) {
      ok = false;
      continue;
    }
    if (value instanceof DataForm) {
      const v = value.value;
      const use = value.uses.find((u) => !u.test);
      if ('data' in v && use) {
        const why = cannotFit(use.decl.type, want.type);
        if (why)
          fail(
            'lookup/input-type',
            wp,
            `Input "${field}" of "${control.lookup}" is ${describeType(want.type)}, but "${use.name}" is ${describeType(use.decl.type)}: ${why}.`,
            `Pass data that is ${describeType(want.type)}.`,
          );
        else if (!want.optional && !alwaysSet(data, use.name) && env.data.setAtEntry !== undefined && !env.data.setAtEntry.has(use.name)) {
          const range = rangeAtPointer(control.file.doc, control.file.lineCounter, wp);
          // Missing only because a jump skips what sets it: said once, at the jump.
          if (
            explainedByJumps(env.data.jumps, env.data.jumpUses, env.data.step, use.name, {
              message: '',
              file: control.file.path,
              ...(range ? { range } : {}),
            })
          )
            ok = false;
          else
            fail(
              'data/maybe-missing',
              wp,
              use.decl.optional
                ? `"${use.name}" is optional: it may be missing here, and input "${field}" is required.`
                : `"${use.name}" is not set on every path to step "${env.data.step}", and input "${field}" is required.`,
              `Make every path to this step store "${use.name}" first, or declare the input optional in flowc.yaml.`,
            );
        } else input[field] = v;
      } else if (want.type.type === 'text') {
        input[field] = v;
      } else {
        fail(
          'lookup/input-type',
          wp,
          `Input "${field}" of "${control.lookup}" is ${describeType(want.type)}, not a text made of parts.`,
          `Pass one piece of data, e.g. ${field}: "{{${dataOfType(want.type)}}}".`,
        );
      }
      continue;
    }
    if (typeof value !== 'string') {
      fail(
        'lookup/input-type',
        wp,
        `A fixed input must be a text; "${field}" is ${describeType(want.type)}.`,
        typeof value === 'number' || typeof value === 'boolean'
          ? `Write it in quotes, ${field}: "${String(value)}", or pass call data, e.g. ${field}: "{{${dataOfType(want.type)}}}".`
          : `Pass call data, e.g. ${field}: "{{${dataOfType(want.type)}}}".`,
      );
      continue;
    }
    const fits = valueOfType(want.type, value);
    if (!fits.ok)
      fail(
        'lookup/input-type',
        wp,
        `"${value}" does not fit input "${field}" (${describeType(want.type)}): ${fits.why}.`,
        `Pass call data, or a value that is ${describeType(want.type)}.`,
      );
    else input[field] = { text: [value], ssml: false };
  }
  const missing = Object.entries(info.decl.input)
    .filter(([f, d]) => !d.optional && control.with[f] === undefined)
    .map(([f]) => f);
  if (missing.length > 0) {
    fail(
      'lookup/missing-input',
      p,
      `Lookup "${control.lookup}" needs ${missing.map((m) => `"${m}"`).join(' and ')} in with:.`,
      `Add with: { ${missing.map((m) => `${m}: "{{…}}"`).join(', ')} }.`,
    );
  }
  const map = lookupStoreMap(control.store) ?? {};
  const listed = Array.isArray(control.store);
  const store: Record<string, string> = {};
  Object.entries(map).forEach(([out, to], i) => {
    const sp = joinPointer(control.pointer, 'store', ...(listed ? [i] : typeof control.store === 'string' ? [] : [out]));
    const field = info.decl.output[out];
    if (field === undefined) {
      if (undeclared?.output) {
        ok = false;
        return;
      }
      const fields = Object.keys(info.decl.output);
      const suggestion = didYouMean(out, fields);
      fail(
        'lookup/unknown-field',
        sp,
        `Lookup "${control.lookup}" has no output "${out}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        `Its output: ${fields.join(', ') || '(none)'}.`,
        listed || typeof control.store === 'string' ? 'value' : 'key',
      );
      return;
    }
    const vp = sp;
    if (isBuiltin(to)) {
      fail(
        'data/read-only',
        vp,
        `"${to}" is built in: the call sets it, nothing can store into it.`,
        'Store into data of your own (declare it under data:).',
      );
      return;
    }
    const decl = declarationOf(data, to);
    if (decl === undefined) {
      if (data.broken.has(to)) ok = false;
      else {
        ok = false;
        unknownData(report, data, to, vp);
      }
      return;
    }
    const why = cannotFit(field.type, decl.type);
    if (why) {
      fail(
        'lookup/store-type',
        vp,
        `Output "${out}" is ${describeType(field.type)}, but "${to}" is ${describeType(decl.type)}: ${why}.`,
        `Declare "${to}" so that it can hold ${describeType(field.type)}.`,
      );
      return;
    }
    if (field.optional && !decl.optional && decl.default === undefined) {
      fail(
        'lookup/store-type',
        vp,
        `Output "${out}" may be missing, but "${to}" is not optional.`,
        `Declare "${to}" with optional: true (and give its uses a fallback), or give it a default.`,
      );
      return;
    }
    store[out] = to;
  });
  return ok ? { lookup: control.lookup, input, store, timeoutMs: info.decl.timeoutMs } : undefined;
}

/** Data with the same name in two flows a jump connects must mean the same (it carries over). */
export function sameTypeProblem(a: DataType, b: DataType): string | undefined {
  return sameType(a, b) ? undefined : `${describeType(a)} here, ${describeType(b)} there`;
}

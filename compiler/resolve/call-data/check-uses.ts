/**
 * Checks of every use of call data in a value, once the place the value goes is known: the helper fits the
 * type, the type fits the option (a pay amount is money, a connect number is digits), and the data is there
 * on every path to the step — or the use has a fallback ({{#if}}, a default).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DataType, TextPart } from '../../router/runtime/program.mjs';
import { rangeInScalar } from '../scalar-offset.js';
import { describeType, spokenMaxLength } from './data-types.js';
import { alwaysSet, type FlowData } from './flow-data.js';
import { explainedByJumps, type JumpsUnset, type JumpUses } from './jump-arrivals.js';
import { DataForm, type DataUse } from './text-form.js';

/** Where a value goes, which decides what it may be. */
export type Place =
  /** A text the caller hears: talk text, pay prompt texts. */
  | 'spoken'
  /** pay.amount */
  | 'pay-amount'
  /** A connect phone number (endpoint number, from). */
  | 'phone'
  /** notify payload, websocket headers: any value. */
  | 'value'
  /** A template parameter: checked where the template uses it. */
  | 'param'
  /** Any other option: call data is not allowed. */
  | 'other';

export interface DataEnv {
  flow: string;
  step: string;
  data: FlowData;
  /** Data set on every path to the step (undefined: no call reaches it). */
  setAtEntry: ReadonlySet<string> | undefined;
  /** Data missing at steps only because a jump from another flow arrives without it, and its uses found. */
  jumps?: JumpsUnset;
  jumpUses?: JumpUses;
}

/** The Vonage limit of a talk text (NCCO reference: talk), SSML tags not counted. */
export const talkTextLimit = 1500;

const helperFits: Record<string, (t: DataType) => boolean> = {
  money: (t) => t.type === 'money' || t.type === 'number',
  digits: (t) => t.type === 'digits' || (t.type === 'number' && t.integer === true && (t.min ?? -1) >= 0),
  date: (t) => t.type === 'date',
  time: (t) => t.type === 'time',
  pause: (t) => t.type === 'number' && t.integer === true && (t.min ?? 0) >= 100 && (t.max ?? Infinity) <= 10_000,
};

/** The way to speak a value of this type. */
function howToSay(name: string, t: DataType): string {
  switch (t.type) {
    case 'money':
      return `{{money ${name}}}`;
    case 'date':
      return `{{date ${name}}}`;
    case 'time':
      return `{{time ${name}}}`;
    case 'digits':
      return `{{digits ${name}}} (digit by digit) or {{${name}}}`;
    case 'boolean':
      return `{{#if ${name}}}…{{else}}…{{/if}}`;
    default:
      return `{{${name}}}`;
  }
}

const label = (u: DataUse): string => (u.via ? `"${u.via}" (call data "${u.name}")` : `"${u.name}"`);

export function checkForm(
  form: DataForm,
  place: Place,
  env: DataEnv,
  report: (d: Diagnostic, dedupeKey: string) => void,
): DataForm | undefined {
  let ok = true;
  const problem = (
    u: DataUse | undefined,
    code: string,
    message: string,
    hint: string,
    severity: 'error' | 'warning' = 'error',
    perStep = false,
  ) => {
    if (severity === 'error') ok = false;
    const site = u?.site ?? form.site;
    const offset = u?.offset ?? 0;
    const length = u?.length ?? site.file.text.length;
    const range = u ? rangeInScalar(site.file, site.pointer, offset, length) : rangeInScalar(site.file, site.pointer, 0, 1);
    report(
      {
        code,
        severity,
        message,
        file: site.file.path,
        pointer: site.pointer,
        ...(range ? { range } : {}),
        hint,
        ...(site.related.length ? { related: site.related } : {}),
      },
      `${site.file.path}#${site.pointer}#${code}#${offset}#${env.flow}${perStep ? `#${env.step}` : ''}`,
    );
  };
  if (place === 'param') return form;
  if (place === 'other') {
    const u = form.uses[0];
    problem(
      u,
      'data/not-allowed-here',
      `Call data cannot be used in this option${u ? ` (${label(u)})` : ''}: its value must be known when flowc builds.`,
      'Call data can go in talk texts, pay amounts and prompts, connect numbers (endpoint number, from), websocket headers and notify payloads.',
    );
    return undefined;
  }
  const spoken = place === 'spoken';
  for (const u of form.uses) {
    if (u.test) continue;
    const t = u.decl.type;
    if (u.helper !== undefined) {
      const fits = helperFits[u.helper];
      if (fits && !fits(t)) {
        problem(
          u,
          'data/helper-mismatch',
          `${label(u)} is ${describeType(t)}, which {{${u.helper}}} cannot read.`,
          `Write ${howToSay(u.via ?? u.name, t)}.`,
        );
      }
    } else if (spoken && (t.type === 'money' || t.type === 'date' || t.type === 'time' || t.type === 'boolean')) {
      problem(
        u,
        'data/helper-mismatch',
        t.type === 'boolean'
          ? `${label(u)} is a yes/no value: it can decide what is said, but cannot be said itself.`
          : `${label(u)} is ${describeType(t)}: said as it is, it would be read out as "${t.type === 'money' ? '42.5' : t.type === 'date' ? '2026-12-15' : '18:30'}".`,
        `Write ${howToSay(u.via ?? u.name, t)}.`,
      );
    }
    // Optional data needs a fallback wherever it is used; other data only where a path into the step does not set it.
    const sure = env.setAtEntry === undefined ? !u.decl.optional : env.setAtEntry.has(u.name);
    if (!u.guarded && !alwaysSet(env.data, u.name) && !sure) {
      const range = rangeInScalar(u.site.file, u.site.pointer, u.offset, u.length);
      // Missing only because a jump skips what sets it: said once, at the jump.
      if (
        explainedByJumps(env.jumps, env.jumpUses, env.step, u.name, { message: '', file: u.site.file.path, ...(range ? { range } : {}) })
      ) {
        ok = false;
        continue;
      }
      problem(
        u,
        'data/maybe-missing',
        u.decl.optional
          ? `${label(u)} is optional: it may be missing in step "${env.step}".`
          : `${label(u)} is not set on every path to step "${env.step}".`,
        // A pay amount or a number to call is one value: no {{#if}} can stand around it there.
        place === 'pay-amount' || place === 'phone'
          ? `Make every path to "${env.step}" store it first (an input's stored, a lookup's found), decide before it (- if: ${u.name} is set, goto: ${env.step}), or give it a default in data:.`
          : u.decl.optional
            ? `Say something else when it is missing: {{#if ${u.via ?? u.name}}}…{{else}}…{{/if}}, or give it a default in data:.`
            : `Make every path to "${env.step}" store it first (an input's stored, a lookup's found), put the use inside {{#if ${u.via ?? u.name}}}…{{/if}}, or give it a default in data:.`,
        'error',
        true,
      );
    }
  }
  const v = form.value;
  const first = form.uses.find((u) => !u.test);
  switch (place) {
    case 'pay-amount': {
      const u = first;
      if (!('data' in v) || u === undefined) {
        problem(
          u,
          'data/option-type',
          'A pay amount is one piece of money data, not a text made of parts.',
          'Write amount: "{{balance}}" with balance declared as money.',
        );
        break;
      }
      const t = u.decl.type;
      if (t.type !== 'money') {
        problem(
          u,
          'data/option-type',
          `A pay amount must be money, but ${label(u)} is ${describeType(t)}.`,
          'Declare it as money, e.g. balance: { type: money, min: 0.01, max: 10000 }.',
        );
      } else if (t.max !== undefined && t.max < 0.01) {
        problem(
          u,
          'data/option-type',
          `${label(u)} is at most $${t.max}, which pay cannot charge (an amount is more than 0).`,
          'Raise its max, or do not take a payment with it.',
        );
      }
      break;
    }
    case 'phone': {
      const u = first;
      if (!('data' in v) || u === undefined) {
        problem(
          u,
          'data/option-type',
          'A phone number is one piece of digits data, not a text made of parts.',
          'Write number: "{{callbackNumber}}" with the data declared as digits.',
        );
        break;
      }
      const t = u.decl.type;
      if (t.type !== 'digits' || t.maxLength < 7 || t.minLength > 15) {
        problem(
          u,
          'data/option-type',
          `A phone number has 7 to 15 digits (E.164 without +), but ${label(u)} is ${describeType(t)}.`,
          'Declare it as digits, e.g. callbackNumber: { type: digits, min: 7, max: 15 }.',
        );
      }
      break;
    }
    case 'spoken': {
      const length = worstLength(v, form);
      const unbounded = form.uses.find((u) => !u.test && spokenMaxLength(u.decl.type, u.helper) === undefined);
      if (unbounded) {
        problem(
          unbounded,
          'data/text-length',
          `${label(unbounded)} is text with no maximum length: a long value could make this text longer than the ${talkTextLimit.toLocaleString('en-US')} characters Vonage speaks.`,
          `Give it a max in data:, e.g. ${unbounded.name}: { type: text, max: 40 }.`,
          'warning',
        );
      } else if (length !== undefined && length > talkTextLimit) {
        problem(
          undefined,
          'data/text-length',
          `With the longest values its data can have, this text has ${length.toLocaleString('en-US')} characters, more than the ${talkTextLimit.toLocaleString('en-US')} Vonage speaks.`,
          'Shorten the text, or lower the max of the text data it uses.',
          'warning',
        );
      }
      break;
    }
  }
  if (!ok) return undefined;
  return new DataForm(spoken && 'data' in v ? { text: [{ data: v.data }], ssml: false } : v, form.uses, form.site, place);
}

/** The most characters a spoken form can have (SSML tags not counted), or undefined when unbounded. */
function worstLength(v: DataForm['value'], form: DataForm): number | undefined {
  const ssml = 'text' in v && v.ssml;
  const literal = (s: string) => (ssml ? s.replace(/<[^<>]*>/g, '') : s).length;
  const declOf = (name: string) => form.uses.find((u) => u.name === name)?.decl.type;
  const measure = (parts: readonly TextPart[]): number | undefined => {
    let total = 0;
    for (const p of parts) {
      if (typeof p === 'string') total += literal(p);
      else if ('if' in p) {
        const a = measure(p.then);
        const b = measure(p.else);
        if (a === undefined || b === undefined) return undefined;
        total += Math.max(a, b);
      } else {
        const t = declOf(p.data);
        const n = t === undefined ? undefined : spokenMaxLength(t, p.helper);
        if (n === undefined) return undefined;
        total += n;
      }
    }
    return total;
  };
  return 'data' in v ? (declOf(v.data) ? spokenMaxLength(declOf(v.data)!, undefined) : undefined) : measure(v.text);
}

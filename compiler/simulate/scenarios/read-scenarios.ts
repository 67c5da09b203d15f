/**
 * A scenario file's data → scenarios, with a positioned diagnostic (did-you-mean included) for every
 * shape problem. Pure: the YAML is parsed by the load stage (parseSource), names are checked against
 * the project in check-scenarios.ts.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import type { SourceFile } from '../../load/source-file.js';
import { errorReporter } from '../../resolve/report-error.js';
import { agentOutcomes, type AgentOutcome, type CallerAct, type EndReason } from '../call-types.js';
import {
  callbackNames,
  type CallbackExpectation,
  type CallbackName,
  type CallSpec,
  type FinalExpectations,
  type HearExpectation,
  type LookupAnswer,
  type Place,
  type Scenario,
  type ScriptItem,
  type TextMatch,
} from './scenario-types.js';
import { parseDuration, parseLocalTime } from './scenario-time.js';

/** The caller number a scenario uses when it names none. */
export const DEFAULT_CALLER = '15555550100';

const SCENARIO_KEYS = ['call', 'from', 'at', 'time-zone', 'lookups', 'script', 'expect', 'description'] as const;
const DEFAULT_KEYS = ['from', 'at', 'time-zone', 'lookups'] as const;
const FILE_KEYS = ['scenarios', 'defaults', 'description'] as const;
const EXPECT_KEYS = ['end', 'step', 'locale', 'transferred', 'recorded', 'charged', 'heard', 'not-heard', 'callbacks'] as const;
const SCRIPT_ACTS = ['press', 'say', 'silence', 'hang-up', 'pay', 'agent', 'clock', 'wait', 'hear', 'step'] as const;
const END_VALUES: readonly EndReason[] = ['hang-up', 'caller-hung-up', 'transferred', 'conversation', 'stopped'];
const KEYPAD = /^[0-9*#]+$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readScenarioFile(file: SourceFile): { scenarios: Scenario[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = errorReporter(file, diagnostics);
  const place = (pointer: string): Place => ({ file: file.path, pointer });

  const unknownKeys = (value: Obj, pointer: string, known: readonly string[], what: string): void => {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const s = didYouMean(key, known);
      report(
        'scenario/unknown-field',
        joinPointer(pointer, key),
        `${what} has no field "${key}".${s ? ` Did you mean "${s}"?` : ''}`,
        s ? `Write ${s}:` : `Use one of: ${known.join(', ')}.`,
        'key',
      );
    }
  };
  const bad = (pointer: string, message: string, hint: string): undefined => {
    report('scenario/bad-value', pointer, message, hint);
    return undefined;
  };
  const text = (value: unknown, pointer: string, what: string): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return bad(pointer, `${what} must be a text.`, `Write ${what} as text, in quotes when unsure.`);
  };
  const digitsText = (value: unknown, pointer: string, what: string): string | undefined => {
    const t = text(value, pointer, what);
    if (t === undefined) return undefined;
    const digits = t.replace(/^\+/, '');
    if (!/^\d{1,20}$/.test(digits))
      return bad(pointer, `${what} "${t}" is not a phone number.`, 'Write digits only, country code first, e.g. "14155550100".');
    return digits;
  };

  const value = file.value;
  if (!isObj(value)) {
    report(
      'scenario/bad-value',
      '',
      'A scenario file is a map with `scenarios:`.',
      'Start the file with `scenarios:` and one scenario per name under it.',
    );
    return { scenarios: [], diagnostics };
  }
  unknownKeys(value, '', FILE_KEYS, 'A scenario file');
  const defaults = isObj(value.defaults) ? value.defaults : {};
  if (value.defaults !== undefined && !isObj(value.defaults))
    bad('/defaults', '`defaults:` must be a map.', 'Give from:, at:, time-zone: or lookups: under it.');
  unknownKeys(defaults, '/defaults', DEFAULT_KEYS, '`defaults:`');
  const list = value.scenarios;
  if (!isObj(list) || Object.keys(list).length === 0) {
    report(
      'scenario/no-scenarios',
      '/scenarios',
      'This file has no scenarios.',
      'Under `scenarios:`, give each scenario a name and its call, script and expectations.',
    );
    return { scenarios: [], diagnostics };
  }

  function readMatch(raw: unknown, pointer: string): TextMatch | undefined {
    if (typeof raw === 'string') return { kind: 'whole', value: raw };
    if (!isObj(raw))
      return bad(
        pointer,
        'A text to hear is a text, or a map with text:, part: or pattern:.',
        'Write hear: "the whole text", or hear: { part: "a piece of it" }.',
      );
    const kinds = (['text', 'part', 'pattern'] as const).filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1)
      return bad(
        pointer,
        'Give exactly one of text:, part: or pattern:.',
        'text: the whole text; part: a piece of it; pattern: a regular expression.',
      );
    const kind = kinds[0]!;
    const v = text(raw[kind], joinPointer(pointer, kind), kind);
    if (v === undefined) return undefined;
    if (kind === 'pattern') {
      try {
        new RegExp(v, 'u');
      } catch (error) {
        return bad(
          joinPointer(pointer, kind),
          `This pattern is not a valid regular expression: ${(error as Error).message}.`,
          'Escape special characters with a backslash, e.g. \\. or \\$.',
        );
      }
    }
    return { kind: kind === 'text' ? 'whole' : kind, value: v };
  }

  function readHear(raw: unknown, pointer: string): HearExpectation | undefined {
    const match = readMatch(raw, pointer);
    if (!match) return undefined;
    const out: HearExpectation = { match };
    if (isObj(raw)) {
      unknownKeys(raw, pointer, ['text', 'part', 'pattern', 'language', 'style'], 'A text to hear');
      if (raw.language !== undefined) {
        const l = text(raw.language, joinPointer(pointer, 'language'), 'language');
        if (l !== undefined) out.language = l;
      }
      if (raw.style !== undefined) {
        if (typeof raw.style !== 'number' || !Number.isInteger(raw.style))
          bad(joinPointer(pointer, 'style'), 'style is a whole number (the voice style).', 'Write style: 2.');
        else out.style = raw.style;
      }
    }
    return out;
  }

  function readLookupAnswer(raw: unknown, pointer: string): LookupAnswer | undefined {
    const p = place(pointer);
    if (raw === 'not-found' || raw === 'fails' || raw === 'slow')
      return raw === 'not-found' ? { ...p, kind: 'not-found', afterMs: 0 } : { ...p, kind: raw };
    if (typeof raw === 'string') {
      const s = didYouMean(raw, ['not-found', 'fails', 'slow']);
      return bad(
        pointer,
        `"${raw}" is not something a lookup does.${s ? ` Did you mean "${s}"?` : ''}`,
        'A lookup is not-found, fails, slow, or { found: { field: value } }.',
      );
    }
    if (!isObj(raw))
      return bad(pointer, 'A lookup answer is not-found, fails, slow, or { found: { … } }.', 'Write found: with the fields it returns.');
    unknownKeys(raw, pointer, ['found', 'not-found', 'returns', 'after'], 'A lookup answer');
    let afterMs = 0;
    if (raw.after !== undefined) {
      const ms = parseDuration(raw.after);
      if (ms === undefined) bad(joinPointer(pointer, 'after'), 'after: is a duration such as 2s or 500ms.', 'Write after: 2s.');
      else afterMs = ms;
    }
    if (raw.found !== undefined) {
      if (!isObj(raw.found))
        return bad(joinPointer(pointer, 'found'), 'found: lists the fields the lookup returns.', 'Write found: { balance: 42.50 }.');
      return { ...p, kind: 'found', output: raw.found, afterMs };
    }
    if (raw['not-found'] !== undefined) return { ...p, kind: 'not-found', afterMs };
    if (Object.hasOwn(raw, 'returns')) return { ...p, kind: 'returns', value: raw.returns };
    return bad(
      pointer,
      'Say what the lookup does: found:, not-found, fails, slow or returns:.',
      'Write found: { … } with the fields it returns.',
    );
  }

  function readLookups(raw: unknown, pointer: string, into: Scenario['lookups']): void {
    if (raw === undefined) return;
    if (!isObj(raw)) {
      bad(pointer, '`lookups:` maps each lookup to what it answers.', 'Write lookups: { findAccount: not-found }.');
      return;
    }
    for (const [name, spec] of Object.entries(raw)) {
      const p = joinPointer(pointer, name);
      const items = Array.isArray(spec) ? spec : [spec];
      const answers = items
        .map((item, i) => readLookupAnswer(item, Array.isArray(spec) ? joinPointer(p, i) : p))
        .filter((a): a is LookupAnswer => a !== undefined);
      if (items.length === 0) bad(p, 'Give at least one answer.', 'Write a list of answers, one per call of the lookup.');
      into[name] = { ...place(p), answers };
    }
  }

  function readCall(raw: unknown, pointer: string): CallSpec | undefined {
    if (typeof raw === 'string' || typeof raw === 'number') {
      const number = digitsText(raw, pointer, 'The number called');
      return number === undefined ? undefined : { ...place(pointer), kind: 'number', number };
    }
    if (!isObj(raw))
      return bad(
        pointer,
        '`call:` is the number dialled, or { flow:, locale: }.',
        'Write call: "14155550100", or call: { flow: bill-pay, locale: en-US }.',
      );
    unknownKeys(raw, pointer, ['number', 'flow', 'locale', 'to'], '`call:`');
    if (raw.number !== undefined) {
      const number = digitsText(raw.number, joinPointer(pointer, 'number'), 'The number called');
      return number === undefined ? undefined : { ...place(joinPointer(pointer, 'number')), kind: 'number', number };
    }
    const flow = text(raw.flow, joinPointer(pointer, 'flow'), 'flow');
    if (flow === undefined) return undefined;
    const l = raw.locale;
    let locales: string[] | 'all' | undefined;
    if (l === 'all') locales = 'all';
    else if (typeof l === 'string') locales = [l];
    else if (Array.isArray(l) && l.length > 0 && l.every((x) => typeof x === 'string')) locales = l as string[];
    else
      return bad(
        joinPointer(pointer, 'locale'),
        '`locale:` is a locale, a list of locales, or all.',
        'Write locale: en-US, or locale: all to play the call in every locale of the flow.',
      );
    const spec: CallSpec = { ...place(pointer), kind: 'flow', flow, locales };
    if (raw.to !== undefined) {
      const to = digitsText(raw.to, joinPointer(pointer, 'to'), 'The number called');
      if (to !== undefined) spec.to = to;
    }
    return spec;
  }

  function readAct(item: unknown, pointer: string): ScriptItem | undefined {
    const p = place(pointer);
    if (item === 'silence' || item === 'hang-up') return { ...p, kind: 'act', act: { kind: item } };
    if (typeof item === 'string') {
      const s = didYouMean(item, SCRIPT_ACTS);
      return bad(
        pointer,
        `"${item}" is not something in a script.${s ? ` Did you mean "${s}"?` : ''}`,
        `Use one of: ${SCRIPT_ACTS.join(', ')}.`,
      );
    }
    if (!isObj(item) || Object.keys(item).length !== 1) {
      return bad(pointer, 'Each line of a script does one thing, e.g. press: 1 or hear: "…".', `Use one of: ${SCRIPT_ACTS.join(', ')}.`);
    }
    const [key, v] = Object.entries(item)[0]!;
    const vp = joinPointer(pointer, key);
    switch (key) {
      case 'press': {
        const keys = text(v, vp, 'press');
        if (keys === undefined) return undefined;
        if (!KEYPAD.test(keys)) {
          report('scenario/unknown-key', vp, `"${keys}" is not on a phone keypad.`, 'Press the keys 0–9, * and #, e.g. press: "12#".');
          return undefined;
        }
        return { ...p, kind: 'act', act: { kind: 'press', keys } };
      }
      case 'say': {
        if (typeof v === 'string') return { ...p, kind: 'act', act: { kind: 'say', words: v, confidence: 0.9 } };
        if (!isObj(v) || typeof v.words !== 'string')
          return bad(vp, 'say: is the words, or { words:, confidence: }.', 'Write say: "pay my bill".');
        unknownKeys(v, vp, ['words', 'confidence'], 'say:');
        const c = v.confidence ?? 0.9;
        if (typeof c !== 'number' || c < 0 || c > 1)
          return bad(joinPointer(vp, 'confidence'), 'confidence is a number from 0 to 1.', 'Write confidence: 0.6.');
        return { ...p, kind: 'act', act: { kind: 'say', words: v.words, confidence: c } };
      }
      case 'silence':
      case 'hang-up':
        return { ...p, kind: 'act', act: { kind: key } };
      case 'pay': {
        if (v === 'success' || v === 'failure') return { ...p, kind: 'act', act: { kind: 'pay', outcome: v } };
        const s = didYouMean(String(v), ['success', 'failure']);
        return bad(vp, `A payment ends in success or failure${s ? `. Did you mean "${s}"?` : '.'}`, 'Write pay: success, or pay: failure.');
      }
      case 'agent': {
        if (typeof v === 'string' && (agentOutcomes as readonly string[]).includes(v))
          return { ...p, kind: 'act', act: { kind: 'agent', outcome: v as AgentOutcome } };
        const s = didYouMean(String(v), agentOutcomes);
        return bad(
          vp,
          `"${String(v)}" is not something an agent's line does.${s ? ` Did you mean "${s}"?` : ''}`,
          `Use one of: ${agentOutcomes.join(', ')}.`,
        );
      }
      case 'clock': {
        const t = text(v, vp, 'clock');
        if (t === undefined) return undefined;
        if (parseLocalTime(t, 'UTC') === undefined)
          return bad(
            vp,
            `"${t}" is not a date and time.`,
            'Write clock: 2026-03-02T19:00 (local time of the opening hours), or with Z or an offset.',
          );
        return { ...p, kind: 'clock', atMs: 0, text: t };
      }
      case 'wait': {
        const ms = parseDuration(v);
        if (ms === undefined) return bad(vp, 'wait: is a duration such as 90s, 5m or 2h.', 'Write wait: 2h.');
        return { ...p, kind: 'wait', ms, text: String(v) };
      }
      case 'hear': {
        const hear = readHear(v, vp);
        return hear ? { ...p, kind: 'hear', hear } : undefined;
      }
      case 'step': {
        const s = readStep(v, vp);
        return s ? { ...p, kind: 'step', ...s } : undefined;
      }
      default: {
        const s = didYouMean(key, SCRIPT_ACTS);
        report(
          'scenario/unknown-act',
          vp,
          `"${key}" is not something in a script.${s ? ` Did you mean "${s}"?` : ''}`,
          `Use one of: ${SCRIPT_ACTS.join(', ')}.`,
          'key',
        );
        return undefined;
      }
    }
  }

  function readStep(v: unknown, pointer: string): { step: string; flow?: string; locale?: string } | undefined {
    if (typeof v === 'string') {
      const slash = v.indexOf('/');
      return slash > 0 ? { flow: v.slice(0, slash), step: v.slice(slash + 1) } : { step: v };
    }
    if (!isObj(v) || typeof v.step !== 'string')
      return bad(pointer, 'step: is a step name, flow/step, or { flow:, step:, locale: }.', 'Write step: pay-now.');
    unknownKeys(v, pointer, ['flow', 'step', 'locale'], 'step:');
    return {
      step: v.step,
      ...(typeof v.flow === 'string' ? { flow: v.flow } : {}),
      ...(typeof v.locale === 'string' ? { locale: v.locale } : {}),
    };
  }

  function readExpect(raw: unknown, pointer: string): FinalExpectations {
    const out: FinalExpectations = {};
    if (raw === undefined) return out;
    if (!isObj(raw)) {
      bad(pointer, '`expect:` is a map of what must be true when the call is over.', `Use: ${EXPECT_KEYS.join(', ')}.`);
      return out;
    }
    unknownKeys(raw, pointer, EXPECT_KEYS, '`expect:`');
    const p = (k: string) => place(joinPointer(pointer, k));
    if (raw.end !== undefined) {
      const v = raw.end;
      if (typeof v === 'string' && (END_VALUES as readonly string[]).includes(v)) out.end = { ...p('end'), value: v as EndReason };
      else {
        const s = didYouMean(String(v), END_VALUES);
        bad(
          joinPointer(pointer, 'end'),
          `"${String(v)}" is not how a call ends.${s ? ` Did you mean "${s}"?` : ''}`,
          `Use one of: ${END_VALUES.join(', ')}.`,
        );
      }
    }
    if (raw.step !== undefined) {
      const s = readStep(raw.step, joinPointer(pointer, 'step'));
      if (s) out.step = { ...p('step'), step: s.step, ...(s.flow ? { flow: s.flow } : {}) };
    }
    if (raw.locale !== undefined) {
      const l = text(raw.locale, joinPointer(pointer, 'locale'), 'locale');
      if (l !== undefined) out.locale = { ...p('locale'), value: l };
    }
    if (raw.transferred !== undefined) {
      const v = raw.transferred;
      if (typeof v === 'boolean') out.transferred = { ...p('transferred'), value: v };
      else {
        const n = digitsText(v, joinPointer(pointer, 'transferred'), 'transferred');
        if (n !== undefined) out.transferred = { ...p('transferred'), value: n };
      }
    }
    if (raw.recorded !== undefined) {
      if (typeof raw.recorded !== 'boolean') bad(joinPointer(pointer, 'recorded'), 'recorded: is true or false.', 'Write recorded: true.');
      else out.recorded = { ...p('recorded'), value: raw.recorded };
    }
    if (raw.charged !== undefined) {
      const v = raw.charged === 'nothing' ? 0 : raw.charged;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        bad(joinPointer(pointer, 'charged'), 'charged: is the amount paid, e.g. 42.50, or nothing.', 'Write charged: 42.50.');
      else out.charged = { ...p('charged'), value: v };
    }
    if (raw.heard !== undefined) {
      const items = Array.isArray(raw.heard) ? raw.heard : [raw.heard];
      out.heard = items
        .map((item, i) => {
          const ip = Array.isArray(raw.heard) ? joinPointer(pointer, 'heard', i) : joinPointer(pointer, 'heard');
          const h = readHear(item, ip);
          return h ? { ...place(ip), ...h } : undefined;
        })
        .filter((h): h is Place & HearExpectation => h !== undefined);
    }
    if (raw['not-heard'] !== undefined) {
      const items = Array.isArray(raw['not-heard']) ? raw['not-heard'] : [raw['not-heard']];
      out.notHeard = items
        .map((item, i) => {
          const ip = Array.isArray(raw['not-heard']) ? joinPointer(pointer, 'not-heard', i) : joinPointer(pointer, 'not-heard');
          const m = readMatch(item, ip);
          return m ? { ...place(ip), ...m } : undefined;
        })
        .filter((h): h is Place & TextMatch => h !== undefined);
    }
    if (raw.callbacks !== undefined) {
      const cp = joinPointer(pointer, 'callbacks');
      if (!Array.isArray(raw.callbacks))
        bad(cp, '`callbacks:` is a list, e.g. - onInput: { step: ask-account }.', 'Write one callback per line.');
      else {
        out.callbacks = [];
        raw.callbacks.forEach((item, i) => {
          const ip = joinPointer(cp, i);
          if (!isObj(item) || Object.keys(item).length !== 1) {
            bad(ip, 'Each callback is one name with the fields it must carry.', `Use one of: ${callbackNames.join(', ')}.`);
            return;
          }
          const [name, fields] = Object.entries(item)[0]!;
          if (!(callbackNames as readonly string[]).includes(name)) {
            const s = didYouMean(name, callbackNames);
            report(
              'scenario/unknown-callback',
              joinPointer(ip, name),
              `The router has no callback "${name}".${s ? ` Did you mean "${s}"?` : ''}`,
              `Use one of: ${callbackNames.join(', ')}.`,
              'key',
            );
            return;
          }
          const f = name === 'webhook' && typeof fields === 'string' ? { url: fields } : fields === null ? {} : fields;
          if (!isObj(f)) {
            bad(joinPointer(ip, name), 'Give the fields the callback must carry, as a map.', 'Write onInput: { step: ask-account }.');
            return;
          }
          (out.callbacks as CallbackExpectation[]).push({ ...place(joinPointer(ip, name)), name: name as CallbackName, fields: f });
        });
      }
    }
    return out;
  }

  const scenarios: Scenario[] = [];
  for (const [name, raw] of Object.entries(list)) {
    const sp = joinPointer('/scenarios', name);
    if (!isObj(raw)) {
      bad(sp, 'A scenario is a map with call:, script: and expect:.', 'Give it call: (the number dialled) and a script:.');
      continue;
    }
    unknownKeys(raw, sp, SCENARIO_KEYS, 'A scenario');
    if (raw.call === undefined) {
      report(
        'scenario/bad-value',
        sp,
        `Scenario "${name}" does not say what it calls.`,
        'Add call: "<the number dialled>", or call: { flow: …, locale: … }.',
        'key',
      );
      continue;
    }
    const call = readCall(raw.call, joinPointer(sp, 'call'));
    const fromRaw = raw.from ?? defaults.from;
    const from =
      fromRaw === undefined
        ? DEFAULT_CALLER
        : digitsText(fromRaw, raw.from !== undefined ? joinPointer(sp, 'from') : '/defaults/from', 'The caller number');
    const lookups: Scenario['lookups'] = {};
    readLookups(defaults.lookups, '/defaults/lookups', lookups);
    readLookups(raw.lookups, joinPointer(sp, 'lookups'), lookups);
    const script: ScriptItem[] = [];
    const rawScript = raw.script ?? [];
    if (!Array.isArray(rawScript))
      bad(
        joinPointer(sp, 'script'),
        '`script:` is a list: what the caller hears and does, in order.',
        'Write - press: 1, - hear: "…", one per line.',
      );
    else
      rawScript.forEach((item, i) => {
        const parsed = readAct(item, joinPointer(sp, 'script', i));
        if (parsed) script.push(parsed);
      });
    const atKey = raw.at !== undefined ? 'at' : undefined;
    const atRaw = raw.at ?? defaults.at;
    const atPointer = atKey ? joinPointer(sp, 'at') : '/defaults/at';
    let atSpec: Scenario['at'];
    if (atRaw !== undefined) {
      const t = text(atRaw, atPointer, 'at');
      if (t !== undefined && parseLocalTime(t, 'UTC') === undefined)
        bad(
          atPointer,
          `"${t}" is not a date and time.`,
          'Write at: 2026-03-02T10:00 (local time of the opening hours), or with Z or an offset.',
        );
      else if (t !== undefined) atSpec = { ...place(atPointer), text: t };
    }
    const tzRaw = raw['time-zone'] ?? defaults['time-zone'];
    let timeZone: Scenario['timeZone'];
    if (tzRaw !== undefined) {
      const tzp = raw['time-zone'] !== undefined ? joinPointer(sp, 'time-zone') : '/defaults/time-zone';
      const t = text(tzRaw, tzp, 'time-zone');
      if (t !== undefined) {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: t });
          timeZone = { ...place(tzp), value: t };
        } catch {
          bad(tzp, `"${t}" is not a time zone.`, 'Write an IANA time zone such as America/New_York.');
        }
      }
    }
    if (!call || from === undefined) continue;
    scenarios.push({
      ...place(sp),
      name,
      call,
      from,
      ...(atSpec ? { at: atSpec } : {}),
      ...(timeZone ? { timeZone } : {}),
      lookups,
      script,
      expect: readExpect(raw.expect, joinPointer(sp, 'expect')),
    });
  }
  return { scenarios, diagnostics };
}

export type { CallerAct };

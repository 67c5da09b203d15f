/**
 * A played call against its scenario: the script's `hear:` and `step:` lines between the caller's acts,
 * the acts the call never got to, and the final `expect:`. Pure: events in, failures out.
 */
import type { CallEvent, CallRecord } from '../call-types.js';
import { endWords } from '../format-transcript.js';
import { describeAct } from '../play-call.js';
import type { Unscripted } from './scripted-world.js';
import type { HearExpectation, Place, Scenario, TextMatch } from './scenario-types.js';

export interface Failure extends Place {
  message: string;
  /** What was expected, in words or text. */
  expected?: string;
  /** What happened instead (e.g. the texts heard there). */
  actual?: string[];
}

type Hear = Extract<CallEvent, { kind: 'hear' }>;

export function matches(match: TextMatch, text: string): boolean {
  switch (match.kind) {
    case 'whole':
      return normalize(text) === normalize(match.value);
    case 'part':
      return normalize(text).toLowerCase().includes(normalize(match.value).toLowerCase());
    case 'pattern':
      return new RegExp(match.value, 'u').test(text);
  }
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

const hearFits = (h: HearExpectation, e: Hear): boolean =>
  matches(h.match, e.text) && (h.language === undefined || e.language === h.language) && (h.style === undefined || e.style === h.style);

export const describeMatch = (m: TextMatch): string =>
  m.kind === 'whole' ? `"${m.value}"` : m.kind === 'part' ? `a text containing "${m.value}"` : `a text matching /${m.value}/`;

const describeHear = (h: HearExpectation): string =>
  `${describeMatch(h.match)}${h.language !== undefined ? ` in ${h.language}` : ''}${h.style !== undefined ? ` (style ${h.style})` : ''}`;

const voiceOf = (e: Hear): string =>
  e.language !== undefined ? ` [${e.language}${e.style !== undefined ? `, style ${e.style}` : ''}]` : '';

/** Deep subset: every field of `want` is in `have` with an equal value (numbers and their text count as equal). */
export function subset(want: unknown, have: unknown): boolean {
  if (typeof want === 'object' && want !== null && !Array.isArray(want)) {
    if (typeof have !== 'object' || have === null) return false;
    return Object.entries(want).every(([k, v]) => subset(v, (have as Record<string, unknown>)[k]));
  }
  if (Array.isArray(want)) return Array.isArray(have) && want.length === have.length && want.every((w, i) => subset(w, have[i]));
  if (typeof want === 'number' && typeof have === 'string') return String(want) === have;
  if (typeof want === 'string' && typeof have === 'number') return want === String(have);
  return want === have;
}

export function checkCall(
  scenario: Scenario,
  record: CallRecord,
  consumed: readonly number[],
  unscripted: readonly Unscripted[],
): Failure[] {
  const failures: Failure[] = [];
  const { events } = record;
  // Where each consumed act sits among the events (the k-th act event is the k-th act handed over).
  const actAt = new Map<number, number>();
  let k = 0;
  events.forEach((e, i) => {
    if (e.kind === 'act') {
      const index = consumed[k++];
      if (index !== undefined) actAt.set(index, i);
    }
  });
  const segmentOf = (itemIndex: number): [number, number] => {
    let from = 0;
    let to = events.length;
    for (const [index, at] of actAt) {
      if (index < itemIndex) from = Math.max(from, at + 1);
      else if (index > itemIndex) to = Math.min(to, at);
    }
    return [from, to];
  };

  const cursors = new Map<string, number>();
  scenario.script.forEach((item, index) => {
    if (item.kind === 'act' && !consumed.includes(index)) {
      failures.push({
        ...item,
        message: `The call ended (${endWords[record.end.reason]}) before the caller could ${describeAct(item.act)}.`,
      });
    }
    if (item.kind === 'hear') {
      const [from, to] = segmentOf(index);
      const key = `${from}:${to}`;
      const start = cursors.get(key) ?? from;
      let found = -1;
      for (let i = start; i < to; i++) {
        const e = events[i]!;
        if (e.kind === 'hear' && hearFits(item.hear, e)) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        const heard = events.slice(from, to).filter((e): e is Hear => e.kind === 'hear');
        failures.push({
          ...item,
          message: `The caller did not hear ${describeHear(item.hear)} here.`,
          expected: describeHear(item.hear),
          actual: heard.length > 0 ? heard.map((e) => `${e.text}${voiceOf(e)}`) : ['(nothing)'],
        });
      } else cursors.set(key, found + 1);
    }
    if (item.kind === 'step') {
      const [from, to] = segmentOf(index);
      const seen = events.slice(from, to).filter((e) => e.kind === 'step' || e.kind === 'pass') as Extract<
        CallEvent,
        { kind: 'step' | 'pass' }
      >[];
      const ok = seen.some(
        (e) =>
          e.at.step === item.step &&
          (item.flow === undefined || e.at.flow === item.flow) &&
          (item.locale === undefined || e.at.locale === item.locale),
      );
      if (!ok) {
        failures.push({
          ...item,
          message: `The call was not at step ${item.flow ? `${item.flow}/` : ''}${item.step}${item.locale ? ` (${item.locale})` : ''} here.`,
          expected: item.step,
          actual: seen.length > 0 ? seen.map((e) => `${e.at.flow}/${e.at.locale}/${e.at.step}`) : ['(no new step)'],
        });
      }
    }
  });

  for (const u of unscripted) {
    failures.push({
      file: scenario.file,
      pointer: scenario.pointer,
      message: `The call reached lookup ${u.name} (at ${u.flow}/${u.step}), but the scenario does not say what it answers.`,
      expected: `lookups: { ${u.name}: … } (found:, not-found, fails or slow)`,
    });
  }

  const x = scenario.expect;
  const steps = events.filter((e): e is Extract<CallEvent, { kind: 'step' }> => e.kind === 'step');
  const last = steps[steps.length - 1]?.at;
  if (record.end.reason === 'stopped' && x.end?.value !== 'stopped') {
    failures.push({
      file: scenario.file,
      pointer: scenario.pointer,
      message: `flowc stopped the call: ${record.end.detail ?? 'no reason given'}.`,
    });
  }
  if (x.end && x.end.value !== record.end.reason) {
    failures.push({
      ...x.end,
      message: `The call did not end as expected.`,
      expected: endWords[x.end.value],
      actual: [endWords[record.end.reason]],
    });
  }
  if (x.step && (last === undefined || last.step !== x.step.step || (x.step.flow !== undefined && last.flow !== x.step.flow))) {
    failures.push({
      ...x.step,
      message: 'The call did not end at the expected step.',
      expected: x.step.step,
      actual: [last ? `${last.flow}/${last.locale}/${last.step}` : '(none)'],
    });
  }
  if (x.locale && last?.locale !== x.locale.value) {
    failures.push({
      ...x.locale,
      message: 'The call did not end in the expected locale.',
      expected: x.locale.value,
      actual: [last?.locale ?? '(none)'],
    });
  }
  if (x.transferred) {
    const transfers = events.filter((e): e is Extract<CallEvent, { kind: 'connect' }> => e.kind === 'connect' && e.outcome === 'answers');
    const want = x.transferred.value;
    const ok =
      want === false ? transfers.length === 0 : want === true ? transfers.length > 0 : transfers.some((t) => t.endpoint.includes(want));
    if (!ok) {
      failures.push({
        ...x.transferred,
        message:
          want === false ? 'The call was transferred.' : `The call was not transferred${typeof want === 'string' ? ` to ${want}` : ''}.`,
        actual: transfers.length > 0 ? transfers.map((t) => t.endpoint) : ['(no transfer)'],
      });
    }
  }
  if (x.recorded) {
    const recorded = events.some((e) => e.kind === 'record');
    if (recorded !== x.recorded.value)
      failures.push({ ...x.recorded, message: recorded ? 'The call was recorded.' : 'The call was not recorded.' });
  }
  if (x.charged) {
    const paid = events.filter((e): e is Extract<CallEvent, { kind: 'pay' }> => e.kind === 'pay' && e.outcome === 'success');
    const total = Math.round(paid.reduce((sum, p) => sum + p.amount, 0) * 100) / 100;
    if (Math.abs(total - x.charged.value) > 0.001) {
      failures.push({
        ...x.charged,
        message: 'The amount charged is not the one expected.',
        expected: x.charged.value.toFixed(2),
        actual: [total.toFixed(2)],
      });
    }
  }
  const heard = events.filter((e): e is Hear => e.kind === 'hear');
  let cursor = 0;
  for (const h of x.heard ?? []) {
    const at = heard.findIndex((e, i) => i >= cursor && hearFits(h, e));
    if (at < 0)
      failures.push({
        ...h,
        message: `The caller never heard ${describeHear(h)}${cursor > 0 ? ' after the texts before it' : ''}.`,
        expected: describeHear(h),
        actual: heard.slice(cursor).map((e) => e.text),
      });
    else cursor = at + 1;
  }
  for (const m of x.notHeard ?? []) {
    const hit = heard.find((e) => matches(m, e.text));
    if (hit) failures.push({ ...m, message: `The caller heard ${describeMatch(m)}.`, actual: [hit.text] });
  }
  const callbacks = events.filter(
    (e): e is Extract<CallEvent, { kind: 'callback' | 'webhook' }> => e.kind === 'callback' || e.kind === 'webhook',
  );
  for (const c of x.callbacks ?? []) {
    const candidates = callbacks.filter((e) => (c.name === 'webhook' ? e.kind === 'webhook' : e.kind === 'callback' && e.name === c.name));
    const ok = candidates.some((e) => {
      if (e.kind === 'webhook') {
        const { url, ...body } = c.fields;
        return (url === undefined || e.url.startsWith(String(url))) && subset(body, e.body);
      }
      const flat = { ...e.event, ...((e.event.input ?? {}) as Record<string, unknown>) };
      return subset(c.fields, flat);
    });
    if (!ok) {
      failures.push({
        ...c,
        message: `Nothing reached ${c.name} with ${JSON.stringify(c.fields)}.`,
        actual:
          candidates.length > 0
            ? candidates.map((e) => JSON.stringify(e.kind === 'webhook' ? { url: e.url, ...e.body } : e.event))
            : [`(${c.name} was not called)`],
      });
    }
  }
  return failures;
}

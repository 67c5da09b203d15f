/**
 * flowc.yaml `lookups:` and `hours:` (docs/format.md, "Lookups" and "Opening hours"): read, checked and
 * turned into their program form. Problems are placed on the key or value they concern.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { joinPointer, parsePointer } from '../../diagnostics/json-pointer.js';
import type { SourceFile } from '../../load/source-file.js';
import { errorReporter } from '../report-error.js';
import type { DataDeclaration, LookupDeclaration, OpeningHours } from '../../router/runtime/program.mjs';
import { dataNamePattern, isIsoDate, readDeclaration } from './data-types.js';

export interface LookupInfo {
  name: string;
  decl: LookupDeclaration;
  description?: string;
  pointer: string;
}

export interface ProjectData {
  lookups: Map<string, LookupInfo>;
  hours: Map<string, OpeningHours>;
  /** Names declared in flowc.yaml whose declaration has errors: uses of them are not reported again. */
  brokenLookups: Set<string>;
  brokenHours: Set<string>;
  /** The whole section was set aside for an error of its shape (`lookups: [a]`): no name used can be checked. */
  lookupsUnknown: boolean;
  hoursUnknown: boolean;
  /**
   * Lookups declared with no input or no output while flows give or store some: reported once at the
   * declaration (lookup-uses.ts), so the uses' fields on that side are not reported again.
   */
  undeclaredFields: Map<string, { input: boolean; output: boolean }>;
  file?: SourceFile;
}

/**
 * What the settings check set aside of `lookups:`, `hours:` or `vars:` (its pointers, e.g. /lookups/findAccount,
 * /hours/office/open or /vars/company), reported there: the whole section, or the names whose entry is gone or incomplete.
 */
export function setAsideIn(dropped: readonly string[], section: 'lookups' | 'hours' | 'vars'): { all: boolean; names: Set<string> } {
  const names = new Set<string>();
  let all = false;
  for (const pointer of dropped) {
    const [first, name] = parsePointer(pointer);
    if (first !== section) continue;
    if (name === undefined) all = true;
    else names.add(name);
  }
  return { all, names };
}

export const defaultLookupTimeoutMs = 3000;
export const maxLookupTimeoutMs = 10_000;
export const minLookupTimeoutMs = 100;

export const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof days)[number];

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "3s", "2.5s", "500ms" → milliseconds. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  return Number.isInteger(ms) ? ms : undefined;
}

let zones: string[] | undefined;
const timeZones = (): string[] => (zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** Whether Intl knows the IANA time zone name (and it is written as IANA names are: Area/City or UTC). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const TIME_RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** "mon-fri" → [mon…fri]; "sat" → [sat]; a range may wrap (fri-mon). */
export function parseDays(key: string): Day[] | undefined {
  const parts = key.split('-').map((p) => p.trim().toLowerCase());
  if (parts.length > 2 || parts.some((p) => !(days as readonly string[]).includes(p))) return undefined;
  const from = days.indexOf(parts[0] as Day);
  const to = days.indexOf((parts[1] ?? parts[0]) as Day);
  const out: Day[] = [];
  for (let i = from; ; i = (i + 1) % 7) {
    out.push(days[i]!);
    if (i === to) break;
  }
  return out;
}

/**
 * `dropped`: the pointers the settings check set aside (checkSettingsDocument), already reported: a lookup
 * or opening hours named there is broken, so its uses are not reported again as unknown or incomplete.
 */
export function readProjectData(
  file: SourceFile | undefined,
  lookups: unknown,
  hours: unknown,
  dropped: readonly string[] = [],
): { data: ProjectData; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lookupsAside = setAsideIn(dropped, 'lookups');
  const hoursAside = setAsideIn(dropped, 'hours');
  const data: ProjectData = {
    lookups: new Map(),
    hours: new Map(),
    brokenLookups: lookupsAside.names,
    brokenHours: hoursAside.names,
    lookupsUnknown: lookupsAside.all,
    hoursUnknown: hoursAside.all,
    undeclaredFields: new Map(),
    ...(file ? { file } : {}),
  };
  if (!file) return { data, diagnostics };
  const report = errorReporter(file, diagnostics);

  for (const [name, raw] of Object.entries(isMap(lookups) ? lookups : {})) {
    const base = joinPointer('/lookups', name);
    const before = diagnostics.length;
    const spec = isMap(raw) ? raw : {};
    const fields = (which: 'input' | 'output'): Record<string, DataDeclaration> => {
      const out: Record<string, DataDeclaration> = {};
      const given = spec[which];
      for (const [field, d] of Object.entries(isMap(given) ? given : {})) {
        const p = joinPointer(base, which, field);
        if (!dataNamePattern.test(field)) {
          report(
            'data/bad-declaration',
            p,
            `"${field}" is not a valid field name.`,
            'Field names use letters, digits and _, and start with a letter.',
            'key',
          );
          continue;
        }
        const { decl, problems } = readDeclaration(field, d, { allowDefault: false });
        for (const pr of problems) report(pr.code, p + pr.at, pr.message, pr.hint, pr.part);
        if (decl) out[field] = decl;
      }
      return out;
    };
    const input = fields('input');
    const output = fields('output');
    let timeoutMs = defaultLookupTimeoutMs;
    if (spec.timeout !== undefined) {
      const ms = parseDuration(spec.timeout);
      const p = joinPointer(base, 'timeout');
      if (ms === undefined) {
        report(
          'lookup/bad-timeout',
          p,
          `"${String(spec.timeout)}" is not a length of time.`,
          'Write seconds or milliseconds with the unit, e.g. 3s, 2.5s or 500ms.',
        );
      } else if (ms < minLookupTimeoutMs || ms > maxLookupTimeoutMs) {
        report(
          'lookup/bad-timeout',
          p,
          `A lookup may take from ${minLookupTimeoutMs} ms to ${maxLookupTimeoutMs / 1000} s; ${String(spec.timeout)} is ${ms < minLookupTimeoutMs ? 'too short' : 'too long: the caller would wait in silence'}.`,
          `Write a time from ${minLookupTimeoutMs}ms to ${maxLookupTimeoutMs / 1000}s (the default is ${defaultLookupTimeoutMs / 1000}s).`,
        );
      } else timeoutMs = ms;
    }
    // A part set aside by the settings check (an output given as a list) leaves it incomplete: broken too.
    if (diagnostics.length > before || data.brokenLookups.has(name)) data.brokenLookups.add(name);
    else
      data.lookups.set(name, {
        name,
        decl: { input, output, timeoutMs },
        ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
        pointer: base,
      });
  }

  for (const [name, raw] of Object.entries(isMap(hours) ? hours : {})) {
    const base = joinPointer('/hours', name);
    const before = diagnostics.length;
    const spec = isMap(raw) ? raw : {};
    const zone = spec.timeZone;
    if (typeof zone === 'string' && !isTimeZone(zone)) {
      const suggestion = didYouMean(zone, timeZones());
      report(
        'hours/bad-time-zone',
        joinPointer(base, 'timeZone'),
        `"${zone}" is not a time zone.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        'Write an IANA time zone name, e.g. America/New_York, America/Los_Angeles or Europe/Paris.',
      );
    }
    const weekly: OpeningHours['weekly'] = {};
    const open = spec.open;
    for (const [key, value] of Object.entries(isMap(open) ? open : {})) {
      const p = joinPointer(base, 'open', key);
      const list = parseDays(key);
      if (!list) {
        const wrong =
          key
            .split('-')
            .map((d) => d.trim().toLowerCase())
            .find((d) => !(days as readonly string[]).includes(d)) ?? key;
        const suggestion = didYouMean(wrong, days);
        report(
          'hours/bad-day',
          p,
          `"${key}" is not a day or a range of days.${suggestion ? ` Did you mean "${suggestion}" for "${wrong}"?` : ''}`,
          'Write a day (mon, tue, wed, thu, fri, sat, sun) or a range such as mon-fri.',
          'key',
        );
        continue;
      }
      const ranges = (Array.isArray(value) ? value : [value]).map((v, i) => ({ v, p: Array.isArray(value) ? joinPointer(p, i) : p }));
      const parsed: { from: string; to: string }[] = [];
      for (const { v, p: vp } of ranges) {
        const m = typeof v === 'string' ? TIME_RANGE.exec(v.trim()) : null;
        if (!m) {
          report(
            'hours/bad-time',
            vp,
            `"${String(v)}" is not a time range.`,
            'Write the opening time and the closing time on the 24-hour clock, e.g. "08:00-18:00" (in quotes).',
          );
          continue;
        }
        const from = `${m[1]}:${m[2]}`;
        const to = m[3]!;
        if (to <= from) {
          report(
            'hours/bad-time',
            vp,
            `${from}-${to} closes before it opens.`,
            'A range cannot go past midnight: write "22:00-24:00" on one day and "00:00-02:00" on the next.',
          );
          continue;
        }
        parsed.push({ from, to });
      }
      // One finding per overlapping pair, naming every day of the key it falls on (mon-fri: five days, one mistake).
      const clashes = new Map<string, string[]>();
      for (const day of list) {
        const existing = weekly[day] ?? [];
        for (const r of parsed) {
          const clash = existing.find((e) => r.from < e.to && e.from < r.to);
          if (clash) {
            const pair = `${clash.from}-${clash.to} and ${r.from}-${r.to}`;
            clashes.set(pair, [...(clashes.get(pair) ?? []), day]);
          } else existing.push(r);
        }
        existing.sort((a, b) => (a.from < b.from ? -1 : 1));
        weekly[day] = existing;
      }
      for (const [pair, on] of clashes)
        report(
          'hours/bad-time',
          p,
          `${on.join(', ')} ${on.length === 1 ? 'is' : 'are'} given hours twice: ${pair} overlap.`,
          'Give each day its hours once: merge the ranges (e.g. one from the first opening to the last closing), or make one end where the next begins.',
          'key',
        );
    }
    const closed: string[] = [];
    const closedList = spec.closed;
    (Array.isArray(closedList) ? closedList : []).forEach((d, i) => {
      const p = joinPointer(base, 'closed', i);
      if (typeof d !== 'string' || !isIsoDate(d)) {
        report('hours/bad-date', p, `"${String(d)}" is not a date.`, 'Write closed days as YYYY-MM-DD, e.g. 2026-12-25.');
      } else if (!closed.includes(d)) closed.push(d);
    });
    if (diagnostics.length > before || typeof zone !== 'string' || data.brokenHours.has(name)) data.brokenHours.add(name);
    else data.hours.set(name, { timeZone: zone, weekly: orderedWeek(weekly), closed: closed.sort() });
  }
  return { data, diagnostics };
}

const orderedWeek = (w: OpeningHours['weekly']): OpeningHours['weekly'] => {
  const out: OpeningHours['weekly'] = {};
  for (const d of days) if (w[d]) out[d] = w[d];
  return out;
};

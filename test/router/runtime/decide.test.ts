/** Conditions and opening hours at fixed clock times, in two time zones, across daylight-saving changes. */
import { describe, expect, it } from 'vitest';
import { holds } from '../../../compiler/router/runtime/conditions.mjs';
import { isOpen, wallClock } from '../../../compiler/router/runtime/hours.mjs';
import type { Condition, DataValue, OpeningHours } from '../../../compiler/router/runtime/program.mjs';

const ny: OpeningHours = {
  timeZone: 'America/New_York',
  weekly: { mon: [{ from: '09:00', to: '17:00' }], sun: [{ from: '01:30', to: '03:30' }], fri: [{ from: '22:00', to: '02:00' }] },
  closed: ['2026-12-25'],
};
const paris: OpeningHours = {
  timeZone: 'Europe/Paris',
  weekly: {
    sun: [{ from: '02:00', to: '04:00' }],
    mon: [
      { from: '08:00', to: '12:00' },
      { from: '14:00', to: '24:00' },
    ],
  },
  closed: [],
};

describe('wallClock', () => {
  it.each([
    ['2026-03-08T06:59:00Z', 'America/New_York', { date: '2026-03-08', day: 'sun', minutes: 1 * 60 + 59 }],
    ['2026-03-08T07:00:00Z', 'America/New_York', { date: '2026-03-08', day: 'sun', minutes: 3 * 60 }],
    ['2026-11-01T05:30:00Z', 'America/New_York', { date: '2026-11-01', day: 'sun', minutes: 1 * 60 + 30 }],
    ['2026-11-01T06:30:00Z', 'America/New_York', { date: '2026-11-01', day: 'sun', minutes: 1 * 60 + 30 }],
    ['2026-03-29T00:59:00Z', 'Europe/Paris', { date: '2026-03-29', day: 'sun', minutes: 1 * 60 + 59 }],
    ['2026-03-29T01:00:00Z', 'Europe/Paris', { date: '2026-03-29', day: 'sun', minutes: 3 * 60 }],
    ['2026-12-31T23:30:00Z', 'Europe/Paris', { date: '2027-01-01', day: 'fri', minutes: 30 }],
  ])('%s in %s', (iso, zone, expected) => expect(wallClock(Date.parse(iso), zone)).toEqual(expected));
});

describe('isOpen', () => {
  it.each([
    // New York, a Monday in winter (UTC−5) and in summer (UTC−4): 09:00 local is 14:00 and 13:00 UTC.
    ['NY Mon 08:59 EST', ny, '2026-01-05T13:59:00Z', false],
    ['NY Mon 09:00 EST', ny, '2026-01-05T14:00:00Z', true],
    ['NY Mon 16:59 EST', ny, '2026-01-05T21:59:00Z', true],
    ['NY Mon 17:00 EST', ny, '2026-01-05T22:00:00Z', false],
    ['NY Mon 09:00 EDT', ny, '2026-07-06T13:00:00Z', true],
    ['NY Mon 08:30 EDT (09:30 if DST were ignored)', ny, '2026-07-06T12:30:00Z', false],
    // The spring-forward Sunday: 02:00–03:00 does not exist; 01:30–03:30 is open on both sides of it.
    ['NY spring-forward 01:45', ny, '2026-03-08T06:45:00Z', true],
    ['NY spring-forward 03:15', ny, '2026-03-08T07:15:00Z', true],
    ['NY spring-forward 03:30', ny, '2026-03-08T07:30:00Z', false],
    // The fall-back Sunday: 01:30 happens twice; both are open.
    ['NY fall-back first 01:45', ny, '2026-11-01T05:45:00Z', true],
    ['NY fall-back second 01:45', ny, '2026-11-01T06:45:00Z', true],
    ['NY fall-back 03:30', ny, '2026-11-01T08:30:00Z', false],
    // Friday 22:00 until Saturday 02:00.
    ['NY Fri 23:00', ny, '2026-01-10T04:00:00Z', true],
    ['NY Sat 01:59 (Friday’s range)', ny, '2026-01-10T06:59:00Z', true],
    ['NY Sat 02:00', ny, '2026-01-10T07:00:00Z', false],
    ['NY Christmas, a Friday evening', ny, '2026-12-26T03:30:00Z', false],
    ['NY the morning after Christmas evening (closed day’s range)', ny, '2026-12-26T06:00:00Z', false],
    // Paris: 02:00–04:00 on the spring-forward Sunday is only 03:00–04:00 (UTC 01:00–02:00).
    ['Paris spring-forward 01:59 CET', paris, '2026-03-29T00:59:00Z', false],
    ['Paris spring-forward 03:00 CEST', paris, '2026-03-29T01:00:00Z', true],
    ['Paris spring-forward 03:59 CEST', paris, '2026-03-29T01:59:00Z', true],
    ['Paris spring-forward 04:00 CEST', paris, '2026-03-29T02:00:00Z', false],
    ['Paris Mon 12:00 (second range starts 14:00)', paris, '2026-03-30T10:00:00Z', false],
    ['Paris Mon 23:59 (to 24:00)', paris, '2026-03-30T21:59:00Z', true],
    ['Paris Mon 07:59 CEST = 05:59 UTC', paris, '2026-03-30T05:59:00Z', false],
    ['Paris Mon 08:00 CEST = 06:00 UTC', paris, '2026-03-30T06:00:00Z', true],
  ] as const)('%s → %s', (_label, hours, iso, open) => expect(isOpen(hours, Date.parse(iso))).toBe(open));
});

describe('holds', () => {
  const data: Record<string, DataValue> = { balance: 0, choice: 'gas', due: '2026-12-15', autopay: false, count: 3 };
  const ctx = {
    get: (n: string) => data[n],
    hours: (n: string) => (n === 'office' ? ny : undefined),
    nowMs: Date.parse('2026-01-05T14:00:00Z'),
  };
  it.each([
    [{ data: 'balance', op: '=', value: 0 }, true],
    [{ data: 'balance', op: '>', value: 0 }, false],
    [{ data: 'balance', op: '=', value: '0' }, false],
    [{ data: 'choice', op: 'in', values: ['gas', 'power'] }, true],
    [{ data: 'choice', op: '!=', value: 'gas' }, false],
    [{ data: 'due', op: '<', value: '2027-01-01' }, true],
    [{ data: 'autopay', op: '=', value: false }, true],
    [{ data: 'autopay', op: '<', value: true }, false],
    [{ data: 'missing', op: '!=', value: 1 }, false],
    [{ set: 'missing' }, false],
    [{ not: { set: 'missing' } }, true],
    [{ all: [{ set: 'balance' }, { data: 'count', op: '>=', value: 3 }] }, true],
    [{ any: [{ set: 'missing' }, { data: 'count', op: '<', value: 3 }] }, false],
    [{ hours: 'office', open: true }, true],
    [{ hours: 'office', open: false }, false],
  ] as [Condition, boolean][])('%j → %s', (condition, expected) => expect(holds(condition, ctx)).toBe(expected));

  it('throws on opening hours the program does not have (a build bug)', () => {
    expect(() => holds({ hours: 'nope', open: true }, ctx)).toThrow(/no opening hours named "nope"/);
  });
});

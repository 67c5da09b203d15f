/**
 * Every range bound of the schema, just inside and just outside (NCCO reference ranges; see
 * compiler/validate/schemas/*). Inside: no error at all. Outside: exactly one error, ncco/range at the value.
 */
import { describe, expect, it } from 'vitest';
import { validateNcco } from '../../compiler/validate/validate-ncco.js';
import { errors, withValue } from './helpers.js';

const base: Record<string, unknown[]> = {
  record: [{ action: 'record', endOnKey: '#', split: 'conversation' }],
  talk: [{ action: 'talk', text: 'Hello' }],
  stream: [{ action: 'stream', streamUrl: ['https://example.com/a.mp3'] }],
  input: [{ action: 'input', type: ['dtmf', 'speech'], dtmf: {}, speech: {} }],
  connect: [{ action: 'connect', endpoint: [{ type: 'phone', number: '447700900001' }], advancedMachineDetection: {} }],
  pay: [{ action: 'pay', amount: 1, voice: { language: 'en-US' } }],
  wait: [{ action: 'wait' }],
};

// [action, path inside the action, just-inside values, just-outside values]
const bounds: [string, (string | number)[], unknown[], unknown[]][] = [
  ['record', ['endOnSilence'], [3, 10], [2, 11]],
  ['record', ['timeOut'], [3, 7200], [2, 7201]],
  ['record', ['channels'], [1, 32], [0, 33]],
  ['input', ['dtmf', 'maxDigits'], [1, 20], [0, 21]],
  ['input', ['dtmf', 'timeOut'], [0, 10], [-1, 11]],
  ['input', ['speech', 'endOnSilence'], [0.4, 10], [0.39, 10.01]],
  ['input', ['speech', 'startTimeout'], [1, 60], [0, 61]],
  ['input', ['speech', 'maxDuration'], [1, 60], [0, 61]],
  ['input', ['speech', 'sensitivity'], [0, 100], [-1, 101]],
  ['talk', ['level'], [-1, 1], [-1.01, 1.01]],
  ['stream', ['level'], [-1, 1], [-1.01, 1.01]],
  ['talk', ['loop'], [0], [-1]],
  ['stream', ['loop'], [0], [-1]],
  ['talk', ['style'], [0], [-1]],
  ['connect', ['timeout'], [0, 7200], [-1, 7201]],
  ['connect', ['limit'], [1, 7200], [0, 7201]],
  ['connect', ['advancedMachineDetection', 'beep_timeout'], [45, 120], [44, 121]],
  ['pay', ['amount'], [0.01], [0, -1]],
  ['pay', ['voice', 'style'], [0], [-1]],
];

describe('range bounds', () => {
  for (const [action, path, inside, outside] of bounds) {
    const pointer = `/0/${path.join('/')}`;
    for (const v of inside) {
      it(`${action} ${path.join('.')} = ${String(v)} is accepted`, () => {
        expect(errors(validateNcco(withValue(base[action], [0, ...path], v)))).toEqual([]);
      });
    }
    for (const v of outside) {
      it(`${action} ${path.join('.')} = ${String(v)} is ncco/range at ${pointer}`, () => {
        expect(errors(validateNcco(withValue(base[action], [0, ...path], v)))).toEqual([{ code: 'ncco/range', pointer }]);
      });
    }
  }

  it('checks a number written as a string against the same bounds (leniency)', () => {
    const inside = validateNcco(withValue(base.record, [0, 'endOnSilence'], '3'));
    expect(inside.map((d) => [d.code, d.severity, d.pointer])).toEqual([['ncco/string-number', 'warning', '/0/endOnSilence']]);
    const outside = validateNcco(withValue(base.record, [0, 'endOnSilence'], '2'));
    expect(outside.map((d) => [d.code, d.severity, d.pointer])).toEqual([
      ['ncco/string-number', 'warning', '/0/endOnSilence'],
      ['ncco/range', 'error', '/0/endOnSilence'],
    ]);
  });

  it('clamps wait timeout outside 0.1–7200 with a warning, not an error', () => {
    for (const [v, warned] of [
      [0.1, false],
      [7200, false],
      [0.09, true],
      [7200.5, true],
    ] as const) {
      const d = validateNcco(withValue(base.wait, [0, 'timeout'], v));
      expect(d.map((x) => [x.code, x.pointer])).toEqual(warned ? [['ncco/wait-clamped', '/0/timeout']] : []);
    }
  });
});

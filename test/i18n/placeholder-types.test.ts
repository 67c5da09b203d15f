/**
 * What a translator is told a placeholder's value is (compiler/i18n/placeholders.ts): a template parameter's type,
 * the flow's call data as declared (with the built-ins), or a value in vars — never "unknown" for declared data.
 */
import { describe, expect, it } from 'vitest';
import { builtinData, describePlaceholder, placeholdersOf, placeholderType } from '../../compiler/i18n/placeholders.js';

const scope = {
  vars: { company: 'Acme Energy', mainNumber: '18005550142', opens: '08:00', founded: 1901, since: '1901-05-04' },
  params: { amount: { type: 'number' as const } },
  data: {
    ...builtinData,
    balance: { type: 'money', min: 0 },
    dueDate: 'date',
    account: { type: 'digits', length: 8 },
    service: { type: 'one-of', values: ['gas', 'electricity'] },
    name: { type: 'text', optional: true },
    paid: 'boolean',
    at: 'time',
    tries: 'number',
  },
};

describe('placeholderType', () => {
  it.each([
    ['balance', { type: 'amount of money', example: '42.5' }],
    ['dueDate', { type: 'date', example: '2026-12-15' }],
    ['account', { type: 'digits', example: '12345678' }],
    ['service', { type: 'one of some words', example: 'gas, electricity' }],
    ['name', { type: 'text' }],
    ['paid', { type: 'yes/no' }],
    ['at', { type: 'time', example: '14:30' }],
    ['tries', { type: 'number', example: '3' }],
    ['caller', { type: 'digits', example: '12345678' }],
    ['callId', { type: 'text' }],
    ['amount', { type: 'number' }],
    ['company', { type: 'text', example: 'Acme Energy' }],
    ['mainNumber', { type: 'digits', example: '18005550142' }],
    ['founded', { type: 'number', example: '1901' }],
    ['nothing', { type: 'unknown' }],
  ])('%s', (name, expected) => {
    expect(placeholderType(name, scope)).toEqual(expected);
  });

  it('describes {{money balance}} with its declared type', () => {
    const [p] = placeholdersOf('Your balance is {{money balance}}.');
    expect(describePlaceholder(p!, scope)).toBe(
      '{{money balance}}: an amount of US dollars, said in words ("42 dollars and 50 cents") (balance: amount of money, e.g. "42.5")',
    );
  });
});

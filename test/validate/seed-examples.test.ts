/**
 * Every example NCCO of the two seed documents (NCCO reference = seed 004, Payments over the Phone guide = seed
 * 000), extracted verbatim into fixtures/seed-examples/. Each is accepted (no error), except:
 * - the ones that are not valid JSON as published (comments, trailing comma, a ' for a "): ncco/invalid-json;
 * - three that the project's conformance corpus rejects on purpose, so the seed's own option tables win over
 *   its examples (reported to the lead): the two bargeIn examples use the pre-2020 input form (no `type`,
 *   which the reference's Input table marks Required, and a top-level submitOnHash), and the Pay example
 *   charges in eur, which the Payments guide does not accept ("US dollars are the only supported currency")
 *   unless the project widens the currency list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintNccoFiles } from '../../compiler/validate/lint-ncco.js';
import { validateNcco } from '../../compiler/validate/validate-ncco.js';
import { errors, type Found } from './helpers.js';

const fixtures = fileURLToPath(new URL('./fixtures/seed-examples/', import.meta.url));

const notJson = new Set([
  'seed004-03-conversation-selective-audio-customer.json',
  'seed004-04-conversation-selective-audio-agent.json',
  'seed004-05-conversation-selective-audio-supervisor.json',
  'seed000-03-pay-voice.json',
]);

const rejectedByPolicy: Record<string, Found[]> = {
  'seed004-16-talk-bargein-input.json': [
    { code: 'ncco/required', pointer: '/2' },
    { code: 'ncco/legacy-input-option', pointer: '/2/submitOnHash' },
  ],
  'seed004-19-stream-bargein-input.json': [
    { code: 'ncco/required', pointer: '/1' },
    { code: 'ncco/legacy-input-option', pointer: '/1/submitOnHash' },
  ],
  'seed004-23-pay-eur.json': [{ code: 'pay/currency', pointer: '/1/currency' }],
};

/** Not an NCCO but one prompt object of a pay action (NCCO reference › "Error prompts example"). */
const promptFragment = 'seed004-24-pay-error-prompts-fragment.json';

const names = readdirSync(fixtures)
  .filter((f) => f.endsWith('.json') && f !== promptFragment)
  .sort();

describe('seed examples', () => {
  it('covers all 27 example NCCOs of the two seeds', () => {
    expect(names).toHaveLength(27);
  });

  it.each(names)('%s', async (name) => {
    const { diagnostics } = await lintNccoFiles([name], { cwd: fixtures });
    if (notJson.has(name)) {
      expect(errors(diagnostics)).toEqual([{ code: 'ncco/invalid-json', pointer: '' }]);
    } else {
      expect(errors(diagnostics)).toEqual(rejectedByPolicy[name] ?? []);
    }
  });

  it('accepts the eur example when the project allows eur', async () => {
    const { diagnostics } = await lintNccoFiles(['seed004-23-pay-eur.json'], { cwd: fixtures, currencies: ['usd', 'eur'] });
    expect(errors(diagnostics)).toEqual([]);
  });

  it('accepts the error prompts example inside a pay action', () => {
    const prompt: unknown = JSON.parse(readFileSync(path.join(fixtures, promptFragment), 'utf8'));
    expect(errors(validateNcco([{ action: 'pay', amount: 9.99, prompts: [prompt] }]))).toEqual([]);
  });
});

/**
 * The example project compiled in memory and checked field by field: locale voices, pay prompt
 * sets per locale, router eventUrls, transitions and the manifest.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject, type BuildResult } from '../../compiler/pipeline/build-project.js';
import { planOutput } from '../../compiler/emit/plan-output.js';
import { validateNcco } from '../../compiler/validate/validate-ncco.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const routerUrl = 'https://ivr.acme-energy.example/flowc';
let result: BuildResult;
const ncco = (flow: string, locale: string, step: string) => {
  const n = result.steps.find((s) => s.flow === flow && s.locale === locale && s.step === step)?.ncco;
  if (!n) throw new Error(`no NCCO ${flow}/${locale}/${step}`);
  return n;
};
/** The transitions of a step, as the router reads them (the route program). */
const transitions = (key: string) => {
  const [flow, locale, step] = key.split('/');
  const s = result.program.flows.find((f) => f.flow === flow)?.steps[`${locale}/${step}`];
  return s?.kind === 'ncco' ? s.on : undefined;
};
const allTransitions = () =>
  result.program.flows.flatMap((f) =>
    Object.entries(f.steps).flatMap(([id, s]) => (s.kind === 'ncco' && s.on ? [[`${f.flow}/${id}`, s.on] as const] : [])),
  );

beforeAll(async () => {
  result = await buildProject(repo);
});

describe('example project, compiled', () => {
  it('has no diagnostics at all', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('every NCCO passes the validator with no finding', () => {
    for (const s of result.steps)
      expect(
        validateNcco(s.ncco, { context: { direction: 'inbound' } }).filter((d) => d.severity === 'error'),
        `${s.flow}/${s.locale}/${s.step}`,
      ).toEqual([]);
  });

  it.each([
    ['en-US', 'en-US', 2],
    ['es-US', 'es-US', 2],
    ['fr-CA', 'fr-CA', 0],
  ])('talk in %s speaks language %s style %i', (locale, language, style) => {
    for (const action of ncco('bill-pay', locale, 'welcome').filter((a) => a.action === 'talk')) {
      expect(action).toMatchObject({ language, style });
    }
  });

  it.each([
    ['en-US', 'Visa', 'InvalidCardType'],
    ['es-US', 'tarjeta', 'InvalidCardType'],
    ['fr-CA', 'carte', 'InvalidCardType'],
  ])("pay in %s uses that locale's prompt set, complete, with its voice", (locale, word) => {
    const pay = ncco('bill-pay', locale, 'pay-now').find((a) => a.action === 'pay')!;
    expect(pay.amount).toBe(42.5);
    expect(pay.currency ?? 'usd').toBe('usd');
    expect(pay.voice).toEqual({ language: locale, style: locale === 'fr-CA' ? 0 : 2 });
    const prompts = pay.prompts as { type: string; text: string; errors: Record<string, { text: string }> }[];
    expect(prompts.map((p) => p.type)).toEqual(['CardNumber', 'ExpirationDate', 'SecurityCode']);
    expect(Object.keys(prompts[0]!.errors)).toEqual(['InvalidCardType', 'InvalidCardNumber', 'Timeout']);
    expect(Object.keys(prompts[1]!.errors)).toEqual(['InvalidExpirationDate', 'Timeout']);
    expect(Object.keys(prompts[2]!.errors)).toEqual(['InvalidSecurityCode', 'Timeout']);
    expect(prompts[0]!.text).toContain(word);
    expect(prompts[0]!.errors.InvalidCardType!.text).toMatch(/Visa.*Mastercard/);
    expect(pay.eventUrl).toEqual([`${routerUrl}/on/bill-pay/${locale}/pay-now`]);
  });

  it('money is read in words per locale in the amount notice', () => {
    expect(ncco('bill-pay', 'en-US', 'pay-now')[0]!.text).toContain('42 dollars and 50 cents');
    expect(ncco('bill-pay', 'es-US', 'pay-now')[0]!.text).toContain('42 dólares con 50 centavos');
    expect(ncco('bill-pay', 'fr-CA', 'pay-now')[0]!.text).toContain('42 dollars et 50 cents');
  });

  it("a speech menu listens in the locale's language and posts to its own route", () => {
    const input = ncco('support', 'es-US', 'welcome').find((a) => a.action === 'input')!;
    expect(input.type).toEqual(['dtmf', 'speech']);
    expect((input.speech as { language: string }).language).toBe('es-US');
    expect(input.eventUrl).toEqual([`${routerUrl}/on/support/es-US/welcome`]);
  });

  it('transitions: digits, speech words, a locale switch, pay results, connect fallbacks', () => {
    const welcome = transitions('bill-pay/en-US/welcome');
    expect(welcome?.kind).toBe('input');
    if (welcome?.kind !== 'input') return;
    expect(Object.values(welcome.digits)).toContainEqual({ to: { flow: 'bill-pay', locale: 'es-US', step: 'welcome' } });
    const pay = transitions('bill-pay/fr-CA/pay-now');
    expect(pay).toMatchObject({ kind: 'pay', success: { to: { locale: 'fr-CA' } }, failure: { to: { locale: 'fr-CA' } } });
    const support = transitions('support/en-US/welcome');
    expect(support?.kind === 'input' && support.speech.length).toBeGreaterThan(0);
    const agent = allTransitions().find(([k, t]) => k.startsWith('agent-fallback/') && t.kind === 'connect')?.[1];
    expect(agent?.kind === 'connect' && Object.keys(agent.statuses).sort()).toEqual([
      'busy',
      'failed',
      'rejected',
      'timeout',
      'unanswered',
    ]);
  });

  it('connect with on: is synchronous', () => {
    for (const s of result.steps) {
      const t = transitions(`${s.flow}/${s.locale}/${s.step}`);
      if (t?.kind !== 'connect') continue;
      expect(s.ncco[s.ncco.length - 1]).toMatchObject({ action: 'connect', eventType: 'synchronous' });
    }
  });

  it('numbers map to the start step in their locale; outbound flows have none', () => {
    expect(result.program.project.numbers['14155550100']).toMatchObject({ start: { flow: 'bill-pay', locale: 'en-US' } });
    expect(Object.values(result.program.project.numbers).some((t) => t.start.flow === 'payment-reminder')).toBe(false);
  });

  it('the manifest lists every NCCO with its sha256 and maps numbers to CDN answer URLs', () => {
    const files = planOutput(result.steps, result.program, result.cdnUrl);
    const manifest = JSON.parse(files.find((f) => f.path === 'manifest.json')!.content) as {
      files: { file: string; sha256: string }[];
      numbers: Record<string, { answerUrl: string; file: string }>;
    };
    expect(manifest.files).toHaveLength(result.steps.length);
    for (const f of manifest.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.numbers['14155550100']!.answerUrl).toBe('https://cdn.acme-energy.example/ncco/bill-pay/en-US/welcome.json');
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
  });
});

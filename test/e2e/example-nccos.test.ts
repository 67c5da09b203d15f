/**
 * The example project compiled in memory and checked field by field: locale voices, pay prompt
 * sets per locale, router eventUrls, the call data each step reads, transitions and the manifest.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject, type BuildResult } from '../../compiler/pipeline/build-project.js';
import { planOutput } from '../../compiler/emit/plan-output.js';
import type { FlowProgram, Hole, NccoStep, StepProgram } from '../../compiler/router/runtime/program.mjs';
import { validateNcco } from '../../compiler/validate/validate-ncco.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const routerUrl = 'https://ivr.acme-energy.example/flowc';
let result: BuildResult;
/** The NCCO of a step; where it needs call data, a sample value stands in. */
const ncco = (flow: string, locale: string, step: string) => {
  const s = result.steps.find((x) => x.flow === flow && x.locale === locale && x.step === step);
  if (!s) throw new Error(`no NCCO ${flow}/${locale}/${step}`);
  return s.ncco;
};
const program = (flow: string): FlowProgram => result.program.flows.find((f) => f.flow === flow)!;
const step = (flow: string, id: string): StepProgram => {
  const s = program(flow).steps[id];
  if (!s) throw new Error(`no step ${flow}/${id}`);
  return s;
};
const nccoStep = (flow: string, id: string): NccoStep => {
  const s = step(flow, id);
  if (s.kind !== 'ncco') throw new Error(`${flow}/${id} is a ${s.kind} step`);
  return s;
};
const holes = (s: NccoStep): Hole[] => s.ncco.filter((p): p is Hole => typeof p === 'object' && 'value' in p);

beforeAll(async () => {
  result = await buildProject(repo);
});

describe('example project, compiled', () => {
  it('has no diagnostics at all', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('every NCCO (with sample values where it needs call data) passes the validator with no finding', () => {
    for (const s of result.steps) {
      const key = `${s.flow}/${s.locale}/${s.step}`;
      expect(
        validateNcco(s.ncco, { context: { direction: 'inbound' } }).filter((d) => d.severity === 'error'),
        key,
      ).toEqual([]);
    }
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
    ['en-US', 'Visa'],
    ['es-US', 'tarjeta'],
    ['fr-CA', 'carte'],
  ])("pay in %s takes the caller's own balance, with that locale's prompt set and voice", (locale, word) => {
    const pay = ncco('bill-pay', locale, 'pay-now').find((a) => a.action === 'pay')!;
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
    const amount = holes(nccoStep('bill-pay', `${locale}/pay-now`)).find((h) => h.pointer === '/1/amount');
    expect(amount).toEqual({ value: { data: 'balance' }, check: { kind: 'pay-amount', min: 0, max: 10000 }, pointer: '/1/amount' });
  });

  it('the amount notice reads the balance in words per locale when the call runs', () => {
    for (const locale of ['en-US', 'es-US', 'fr-CA']) {
      const [notice] = holes(nccoStep('bill-pay', `${locale}/pay-now`));
      expect(notice?.pointer).toBe('/0/text');
      expect(notice?.value).toMatchObject({ ssml: true, text: expect.arrayContaining([{ data: 'balance', helper: 'money' }]) });
    }
  });

  it('the menu reads the caller’s name (when known), balance and due date', () => {
    const menu = nccoStep('bill-pay', 'en-US/menu');
    expect(menu.reads).toEqual(['balance', 'dueDate', 'name']);
    const [text] = holes(menu);
    expect(text?.value).toEqual({
      text: [
        { if: 'name', then: ['Hello ', { data: 'name' }, '. '], else: [] },
        'Your balance is ',
        { data: 'balance', helper: 'money' },
        ', due on ',
        { data: 'dueDate', helper: 'date' },
        '. To pay it now, press 1. To speak with a billing representative, press 0. For Spanish, press 9. For French, press 7.',
      ],
      ssml: false,
    });
  });

  it('the caller is found by the number they call from, or by the account number they enter and confirm', () => {
    expect(step('bill-pay', 'en-US/welcome.lookup')).toMatchObject({
      kind: 'lookup',
      lookup: 'findAccount',
      input: { phone: { data: 'caller' } },
      store: { account: 'account', balance: 'balance', dueDate: 'dueDate', name: 'name' },
      timeoutMs: 3000,
    });
    const ask = nccoStep('bill-pay', 'en-US/ask-account');
    expect(ask.on).toMatchObject({ kind: 'input', store: { data: 'account', from: 'digits' }, digits: { '0': { to: { step: 'agent' } } } });
    expect(holes(nccoStep('bill-pay', 'en-US/confirm-account'))[0]?.value).toMatchObject({
      text: expect.arrayContaining([{ data: 'account', helper: 'digits' }]),
      ssml: true,
    });
    expect(step('bill-pay', 'en-US/find-account.lookup')).toMatchObject({ kind: 'lookup', input: { account: { data: 'account' } } });
  });

  it('a failed payment can be retried twice; menus retry a bounded number of times', () => {
    const pay = nccoStep('bill-pay', 'fr-CA/pay-now').on;
    expect(pay).toEqual({
      kind: 'pay',
      success: { to: { flow: 'bill-pay', locale: 'fr-CA', step: 'paid' } },
      failure: {
        to: { flow: 'bill-pay', locale: 'fr-CA', step: 'pay-failed' },
        limit: { counter: 'bill-pay/pay-now/failure', max: 2, then: { to: { flow: 'bill-pay', locale: 'fr-CA', step: 'agent' } } },
      },
    });
    const menu = nccoStep('bill-pay', 'en-US/menu').on;
    expect(menu?.kind === 'input' && menu.timeout?.limit).toEqual({
      counter: 'bill-pay/menu/timeout',
      max: 2,
      then: { to: { flow: 'bill-pay', locale: 'en-US', step: 'goodbye' } },
    });
    expect(menu?.kind === 'input' && Object.values(menu.digits)).toContainEqual({
      to: { flow: 'bill-pay', locale: 'es-US', step: 'menu' },
    });
  });

  it('support hands billing calls to the billing line and routes to a person only during opening hours', () => {
    const billing = nccoStep('support', 'en-US/billing').on;
    expect(billing?.kind === 'input' && billing.digits['2']).toEqual({ to: { flow: 'bill-pay', locale: 'en-US', step: 'welcome' } });
    expect(step('support', 'es-US/agent')).toEqual({
      kind: 'decide',
      branches: [{ when: { hours: 'office', open: true }, to: { to: { flow: 'support', locale: 'es-US', step: 'connect-agent' } } }],
      otherwise: { to: { flow: 'support', locale: 'es-US', step: 'voicemail' } },
    });
    expect(result.program.project.hours.office?.timeZone).toBe('America/New_York');
  });

  it("a speech menu listens in the locale's language and posts to its own route", () => {
    const input = ncco('support', 'es-US', 'welcome').find((a) => a.action === 'input')!;
    expect(input.type).toEqual(['dtmf', 'speech']);
    expect((input.speech as { language: string }).language).toBe('es-US');
    expect(input.eventUrl).toEqual([`${routerUrl}/on/support/es-US/welcome`]);
    const on = nccoStep('support', 'en-US/welcome').on;
    expect(on?.kind === 'input' && on.speech.length).toBeGreaterThan(0);
  });

  it('connect fallbacks, and connect with on: is synchronous', () => {
    const agent = nccoStep('agent-fallback', 'en-US/connect').on;
    expect(agent?.kind === 'connect' && Object.keys(agent.statuses).sort()).toEqual([
      'busy',
      'failed',
      'rejected',
      'timeout',
      'unanswered',
    ]);
    for (const s of result.steps) {
      const on = program(s.flow).steps[`${s.locale}/${s.step}`];
      if (on?.kind !== 'ncco' || on.on?.kind !== 'connect') continue;
      expect(s.ncco[s.ncco.length - 1]).toMatchObject({ action: 'connect', eventType: 'synchronous' });
    }
  });

  it('numbers map to the start step in their locale; outbound flows have none', () => {
    // The billing line looks the caller up by {{caller}}, which only the answer webhook is sure to tell.
    expect(result.program.project.numbers['14155550100']).toEqual({
      start: { flow: 'bill-pay', locale: 'en-US', step: 'welcome' },
      answeredBy: 'router',
    });
    expect(result.program.project.numbers['14155550110']).toEqual({
      start: { flow: 'support', locale: 'en-US', step: 'welcome' },
      answeredBy: 'cdn',
    });
    expect(Object.values(result.program.project.numbers).some((n) => n.start.flow === 'payment-reminder')).toBe(false);
  });

  it('the manifest lists every static NCCO with its sha256 and maps numbers to CDN answer URLs', () => {
    const files = planOutput(result.steps, result.program, result.cdnUrl);
    const manifest = JSON.parse(files.find((f) => f.path === 'manifest.json')!.content) as {
      files: { file: string; sha256: string }[];
      numbers: Record<string, { answerUrl: string; file: string; answeredBy: string }>;
    };
    expect(manifest.files).toHaveLength(result.steps.filter((s) => s.reads.length === 0).length);
    expect(manifest.files.some((f) => f.file.endsWith('/pay-now.json'))).toBe(false);
    for (const f of manifest.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.numbers['14155550110']).toMatchObject({
      answerUrl: 'https://cdn.acme-energy.example/ncco/support/en-US/welcome.json',
      answeredBy: 'cdn',
    });
    expect(manifest.numbers['14155550100']).toMatchObject({
      answerUrl: 'https://ivr.acme-energy.example/flowc/answer',
      answeredBy: 'router',
    });
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
  });

  it('the manifest gives each outbound flow its answer URL per locale: the router for the reminder, which looks up {{called}}', () => {
    expect(result.program.project.outbound).toEqual({
      'payment-reminder': { start: 'find', locales: ['en-US', 'es-US', 'fr-CA'], answeredBy: 'router' },
    });
    const outboundOf = (program: typeof result.program) =>
      (
        JSON.parse(planOutput(result.steps, program, result.cdnUrl).find((f) => f.path === 'manifest.json')!.content) as {
          outbound?: unknown;
        }
      ).outbound;
    const router = 'https://ivr.acme-energy.example/flowc/answer';
    expect(outboundOf(result.program)).toEqual({
      'payment-reminder': {
        'en-US': { step: 'find', answeredBy: 'router', answerUrl: `${router}?flow=payment-reminder&locale=en-US` },
        'es-US': { step: 'find', answeredBy: 'router', answerUrl: `${router}?flow=payment-reminder&locale=es-US` },
        'fr-CA': { step: 'find', answeredBy: 'router', answerUrl: `${router}?flow=payment-reminder&locale=fr-CA` },
      },
    });
    // An outbound flow that needs nothing from the answer request starts from its CDN file.
    const cdnOnly = structuredClone(result.program);
    cdnOnly.project.outbound = { support: { start: 'welcome', locales: ['en-US'], answeredBy: 'cdn' } };
    expect(outboundOf(cdnOnly)).toEqual({
      support: {
        'en-US': {
          step: 'welcome',
          answeredBy: 'cdn',
          file: 'ncco/support/en-US/welcome.json',
          answerUrl: 'https://cdn.acme-energy.example/ncco/support/en-US/welcome.json',
        },
      },
    });
  });
});

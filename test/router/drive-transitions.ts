/**
 * Drives every transition of a route program through a generated router with realistic webhooks
 * (built from shared/reference/webhook-samples) and checks each answer against the NCCO the program
 * says it must be. For programs whose steps are static (no call data): reusable on any such program,
 * e.g. the example project's real one:
 *
 *   const results = await driveAllTransitions(program, router, { fallbackNcco, authorize });
 *   expect(results.filter((r) => !r.ok)).toEqual([]);
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import { eventRoutePath, type ConnectStatus, type Target, type Transition } from '../../compiler/router/runtime/program.mjs';
import type { Ncco } from '../../compiler/router/runtime/router.mjs';
import { foldWords } from '../../compiler/router/runtime/words.mjs';
import { joinRendered } from '../../compiler/router/runtime/render.mjs';

/** A static step's NCCO as the router answers it when the call carries no state (the CDN's NCCO). */
export function staticNcco(program: RouterProgram, t: Target): Ncco | undefined {
  const step = program.flows.find((f) => f.flow === t.flow)?.steps[`${t.locale}/${t.step}`];
  if (step?.kind !== 'ncco') return undefined;
  const rendered = step.ncco.map((part) => (typeof part === 'string' ? part : 'state' in part ? null : '<hole>'));
  if (rendered.includes('<hole>')) return undefined;
  return JSON.parse(joinRendered(rendered, '')) as Ncco;
}

export interface FetchRouter {
  fetch(request: Request): Promise<Response>;
}

export interface DriveOptions {
  /** The NCCO the router answers when no transition applies (its fallbackNcco for reason 'no-transition'). */
  fallbackNcco: Ncco;
  /** Authorization header value for a payload (the text payload_hash covers); omit for an unsigned router. */
  authorize?: (hashedPayload: string) => string;
  /** Default: ../shared/reference/webhook-samples next to the repository. */
  samplesDir?: string;
}

export interface DriveResult {
  name: string;
  ok: boolean;
  detail?: string;
}

type Json = Record<string, unknown>;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultSamplesDir = path.resolve(repoRoot, '../shared/reference/webhook-samples');

/** Every sample by file name without .json, e.g. samples['input_dtmf__seed004']. */
export function loadWebhookSamples(dir: string = defaultSamplesDir): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    out[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json;
  }
  return out;
}

function sample(samples: Record<string, Json>, name: string): Json {
  const found = samples[name];
  if (!found) throw new Error(`webhook sample ${name} is missing`);
  return structuredClone(found);
}

/** Query parameters as Vonage sends a GET webhook: nested objects JSON-encoded (constraints §4.3). */
export function toQuery(payload: Json): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(payload)) {
    params.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  return params;
}

/** What payload_hash covers for a GET: the query parameters in URL order, as compact JSON (not through an object, which reorders "5"). */
export const queryHashText = (params: URLSearchParams): string =>
  `{${[...params].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;

export async function send(
  router: FetchRouter,
  url: string,
  method: 'GET' | 'POST',
  payload: Json,
  authorize?: (hashedPayload: string) => string,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (method === 'GET') {
    const params = toQuery(payload);
    if (authorize) headers.authorization = authorize(queryHashText(params));
    return router.fetch(new Request(`${url}?${params.toString()}`, { method, headers }));
  }
  const body = JSON.stringify(payload);
  headers['content-type'] = 'application/json';
  if (authorize) headers.authorization = authorize(body);
  return router.fetch(new Request(url, { method, headers, body }));
}

const key = (t: Target): string => `${t.flow}/${t.locale}/${t.step}`;

/**
 * Oracle: the alternative a speech text chooses. Phrases match as whole words after folding; within the
 * text a phrase contained in a longer matching phrase gives way to it; then the author's order.
 */
function expectedSpeechTarget(cases: { phrases: string[][]; to: Transition }[], text: string): Transition | undefined {
  const said = ` ${foldWords(text).join(' ')} `;
  const has = (p: string[]): boolean => p.length > 0 && said.includes(` ${p.join(' ')} `);
  const matches = cases.flatMap((c, i) => c.phrases.filter(has).map((p) => ({ i, p: ` ${p.join(' ')} ` })));
  const best = matches.filter((m) => !matches.some((o) => o.p.length > m.p.length && o.p.includes(m.p))).sort((a, b) => a.i - b.i)[0];
  return best === undefined ? undefined : cases[best.i]!.to;
}

/** The action of a step's NCCO that calls the step's event route. */
function eventAction(ncco: Ncco, url: string): Json | undefined {
  return ncco.find((action) => Array.isArray(action.eventUrl) && action.eventUrl[0] === url);
}

export async function driveAllTransitions(program: RouterProgram, router: FetchRouter, options: DriveOptions): Promise<DriveResult[]> {
  const samples = loadWebhookSamples(options.samplesDir);
  const results: DriveResult[] = [];
  const { routerUrl } = program.project;
  const nccoOf = (t: Target): Ncco | undefined => staticNcco(program, t);
  /** Static programs only: a transition's first target (attempt limits are driven by the engine's own tests). */
  const to = (t: Transition): Target => t.to;

  const check = async (
    name: string,
    url: string,
    method: 'GET' | 'POST',
    payload: Json,
    expected: Ncco | 'no-content' | undefined,
  ): Promise<void> => {
    const response = await send(router, url, method, payload, options.authorize);
    const text = await response.text();
    if (expected === undefined) {
      results.push({ name, ok: false, detail: 'the program has no static NCCO for the expected step' });
    } else if (expected === 'no-content') {
      const ok = response.status === 204 && text === '';
      results.push(ok ? { name, ok } : { name, ok, detail: `expected 204, got ${response.status} ${text.slice(0, 200)}` });
    } else {
      let answered: unknown;
      try {
        answered = JSON.parse(text);
      } catch {
        answered = text;
      }
      const ok =
        response.status === 200 &&
        (response.headers.get('content-type') ?? '').startsWith('application/json') &&
        isDeepStrictEqual(answered, expected);
      results.push(ok ? { name, ok } : { name, ok, detail: `status ${response.status}, answered ${text.slice(0, 300)}` });
    }
  };

  // Answer webhook: GET with query (the default answer_method) and POST JSON.
  for (const number of Object.keys(program.project.numbers).sort()) {
    const start = program.project.numbers[number]!.start;
    for (const method of ['GET', 'POST'] as const) {
      const payload = { ...sample(samples, 'Answer__Vonage_vonage-dotnet-sdk'), to: number };
      await check(`answer ${method} ${number} → ${key(start)}`, `${routerUrl}/answer`, method, payload, nccoOf(start));
    }
  }

  for (const flow of [...program.flows].sort((a, b) => (a.flow < b.flow ? -1 : 1))) {
    for (const id of Object.keys(flow.steps).sort()) {
      const step = flow.steps[id]!;
      if (step.kind !== 'ncco' || !step.on) continue;
      const [locale, name] = id.split('/') as [string, string];
      const here: Target = { flow: flow.flow, locale, step: name };
      const t = step.on;
      const url = routerUrl + eventRoutePath(here);
      const ncco = nccoOf(here) ?? [];
      const action = eventAction(ncco, url);
      results.push(
        action
          ? { name: `${key(here)} NCCO calls ${url}`, ok: true }
          : { name: `${key(here)} NCCO calls ${url}`, ok: false, detail: 'no action of the step has this eventUrl' },
      );
      const nccoMethod = action?.eventMethod === 'GET' ? 'GET' : 'POST';
      const repeat = ncco;
      const fallback = options.fallbackNcco;

      if (t.kind === 'input') {
        const dtmfPayload = (digits: string | null, timedOut: boolean): Json => {
          const p = sample(samples, 'input_dtmf__seed004');
          p.dtmf = { digits, timed_out: timedOut };
          p.speech = { results: [] };
          return p;
        };
        const speechPayload = (text: string): Json => {
          const p = sample(samples, 'input_speech__seed004');
          const speech = p.speech as { results: { text: string; confidence: string }[] };
          const [top, ...rest] = speech.results;
          speech.results = [{ text, confidence: top?.confidence ?? '0.94' }, ...rest.map((r) => ({ ...r, text: 'zzyzx' }))];
          return p;
        };
        const unmatchedDigits = ['0', '00', '*', '#', '000', '0000'].find((d) => !(d in t.digits)) ?? '0123456789';
        const cases: [string, Json, Target | undefined, Ncco | undefined][] = [];
        for (const d of Object.keys(t.digits).sort()) cases.push([`digits "${d}"`, dtmfPayload(d, false), to(t.digits[d]!), undefined]);
        for (const c of t.speech) {
          for (const phrase of c.phrases) {
            const said = phrase.join(' ');
            const expected = expectedSpeechTarget(t.speech, said);
            cases.push([`speech "${said}"`, speechPayload(said), expected ? to(expected) : undefined, undefined]);
          }
        }
        const timeoutPayload = dtmfPayload('', true);
        timeoutPayload.speech = { results: [], timeout_reason: 'start_timeout' };
        const timeoutTarget = t.timeout ?? t.default;
        cases.push(['timeout', timeoutPayload, timeoutTarget && to(timeoutTarget), timeoutTarget ? undefined : repeat]);
        cases.push([
          `default (digits "${unmatchedDigits}")`,
          dtmfPayload(unmatchedDigits, true),
          t.default && to(t.default),
          t.default ? undefined : repeat,
        ]);
        cases.push(['default (unlisted speech)', speechPayload('zzyzx qwxv'), t.default && to(t.default), t.default ? undefined : repeat]);
        for (const [label, payload, target, direct] of cases) {
          const expected = direct ?? (target ? nccoOf(target) : undefined);
          const where = target ? key(target) : 'the same step again';
          for (const method of ['POST', 'GET'] as const) {
            await check(`${key(here)} ${method} ${label} → ${where}`, url, method, payload, expected);
          }
        }
      } else if (t.kind === 'pay') {
        for (const status of ['success', 'failure'] as const) {
          const next = t[status];
          const payload = sample(samples, `pay_${status}__seed000`);
          await check(
            `${key(here)} pay ${status} → ${next ? key(to(next)) : 'fallback'}`,
            url,
            nccoMethod,
            payload,
            next ? nccoOf(to(next)) : fallback,
          );
        }
      } else if (t.kind === 'connect') {
        const statuses: ConnectStatus[] = ['busy', 'failed', 'rejected', 'timeout', 'unanswered'];
        for (const status of statuses) {
          const next = t.statuses[status] ?? t.default;
          const payload = { ...sample(samples, 'CallStatusEvent__Vonage_vonage-dotnet-sdk'), status };
          await check(
            `${key(here)} connect ${status} → ${next ? key(to(next)) : 'fallback'}`,
            url,
            nccoMethod,
            payload,
            next ? nccoOf(to(next)) : fallback,
          );
        }
        await check(
          `${key(here)} connect answered → 204`,
          url,
          nccoMethod,
          sample(samples, 'Answered__Vonage_vonage-dotnet-sdk'),
          'no-content',
        );
      } else {
        const payload = sample(samples, 'Notification__Vonage_vonage-dotnet-sdk');
        await check(`${key(here)} notify → ${key(to(t.default))}`, url, nccoMethod, payload, nccoOf(to(t.default)));
      }
    }
  }

  // Call-status events go to /event and get 204.
  await check('event completed → 204', `${routerUrl}/event`, 'POST', sample(samples, 'Completed__Vonage_vonage-dotnet-sdk'), 'no-content');
  return results;
}

/**
 * Drives every transition of a RouterModel through a generated router with realistic webhooks
 * (built from shared/reference/webhook-samples) and checks each answer against the NCCO the
 * model says it must be. Reusable on any model, e.g. the example project's real one:
 *
 *   const results = await driveAllTransitions(model, router, { fallbackNcco, authorize });
 *   expect(results.filter((r) => !r.ok)).toEqual([]);
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { eventRoutePath, stepKey } from '../../compiler/router/router-model.js';
import type { ConnectStatus, Ncco, RouteTarget, RouterModel, SpeechCase } from '../../compiler/router/router-model.js';

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

/** What payload_hash covers for a GET: the query parameters in order, as compact JSON. */
export const queryHashText = (params: URLSearchParams): string => JSON.stringify(Object.fromEntries(params));

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

const words = (text: string): string[] =>
  text
    .normalize('NFC')
    .toLowerCase()
    .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** Oracle: the first case (author order) one of whose phrases occurs as whole words in `text`. */
function expectedSpeechTarget(cases: SpeechCase[], text: string): RouteTarget | undefined {
  const said = ` ${words(text).join(' ')} `;
  return cases.find((c) => c.words.some((w) => words(w).length > 0 && said.includes(` ${words(w).join(' ')} `)))?.target;
}

/** The action of a step's NCCO that calls the step's event route. */
function eventAction(ncco: Ncco, url: string): Json | undefined {
  return ncco.find((action) => Array.isArray(action.eventUrl) && action.eventUrl[0] === url);
}

export async function driveAllTransitions(model: RouterModel, router: FetchRouter, options: DriveOptions): Promise<DriveResult[]> {
  const samples = loadWebhookSamples(options.samplesDir);
  const results: DriveResult[] = [];
  const nccoOf = (t: RouteTarget): Ncco | undefined => model.nccos[stepKey(t)];

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
      results.push({ name, ok: false, detail: 'the model has no NCCO for the expected step' });
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
  for (const number of Object.keys(model.numbers).sort()) {
    const start = model.numbers[number];
    if (!start) continue;
    for (const method of ['GET', 'POST'] as const) {
      const payload = { ...sample(samples, 'Answer__Vonage_vonage-dotnet-sdk'), to: number };
      await check(`answer ${method} ${number} → ${stepKey(start)}`, `${model.routerUrl}/answer`, method, payload, nccoOf(start));
    }
  }

  for (const key of Object.keys(model.transitions).sort()) {
    const t = model.transitions[key];
    const [flow, locale, step] = key.split('/');
    if (!t || !flow || !locale || !step) continue;
    const here: RouteTarget = { flow, locale, step };
    const url = model.routerUrl + eventRoutePath(here);
    const ncco = model.nccos[key] ?? [];
    const action = eventAction(ncco, url);
    results.push(
      action
        ? { name: `${key} NCCO calls ${url}`, ok: true }
        : { name: `${key} NCCO calls ${url}`, ok: false, detail: 'no action of the step has this eventUrl' },
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
      const cases: [string, Json, RouteTarget | undefined, Ncco | undefined][] = [];
      for (const d of Object.keys(t.digits).sort()) {
        const to = t.digits[d];
        if (to) cases.push([`digits "${d}"`, dtmfPayload(d, false), to, undefined]);
      }
      t.speech.forEach((c) => {
        for (const w of c.words) cases.push([`speech "${w}"`, speechPayload(w), expectedSpeechTarget(t.speech, w), undefined]);
      });
      const timeoutPayload = dtmfPayload('', true);
      timeoutPayload.speech = { results: [], timeout_reason: 'start_timeout' };
      const timeoutTarget = t.timeout ?? t.default;
      cases.push(['timeout', timeoutPayload, timeoutTarget, timeoutTarget ? undefined : repeat]);
      cases.push([`default (digits "${unmatchedDigits}")`, dtmfPayload(unmatchedDigits, true), t.default, t.default ? undefined : repeat]);
      cases.push(['default (unlisted speech)', speechPayload('zzyzx qwxv'), t.default, t.default ? undefined : repeat]);
      for (const [label, payload, to, direct] of cases) {
        const expected = direct ?? (to ? nccoOf(to) : undefined);
        const where = to ? stepKey(to) : 'the same step again';
        for (const method of ['POST', 'GET'] as const) {
          await check(`${key} ${method} ${label} → ${where}`, url, method, payload, expected);
        }
      }
    } else if (t.kind === 'pay') {
      for (const status of ['success', 'failure'] as const) {
        const to = t[status];
        const payload = sample(samples, `pay_${status}__seed000`);
        await check(`${key} pay ${status} → ${to ? stepKey(to) : 'fallback'}`, url, nccoMethod, payload, to ? nccoOf(to) : fallback);
      }
    } else if (t.kind === 'connect') {
      const statuses: ConnectStatus[] = ['busy', 'failed', 'rejected', 'timeout', 'unanswered'];
      for (const status of statuses) {
        const to = t.statuses[status] ?? t.default;
        const payload = { ...sample(samples, 'CallStatusEvent__Vonage_vonage-dotnet-sdk'), status };
        await check(`${key} connect ${status} → ${to ? stepKey(to) : 'fallback'}`, url, nccoMethod, payload, to ? nccoOf(to) : fallback);
      }
      await check(`${key} connect answered → 204`, url, nccoMethod, sample(samples, 'Answered__Vonage_vonage-dotnet-sdk'), 'no-content');
    } else {
      const payload = sample(samples, 'Notification__Vonage_vonage-dotnet-sdk');
      await check(`${key} notify → ${stepKey(t.default)}`, url, nccoMethod, payload, nccoOf(t.default));
    }
  }

  // Call-status events go to /event and get 204.
  await check(
    'event completed → 204',
    `${model.routerUrl}/event`,
    'POST',
    sample(samples, 'Completed__Vonage_vonage-dotnet-sdk'),
    'no-content',
  );
  return results;
}

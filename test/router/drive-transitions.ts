/**
 * Drives every transition of a route program through a generated router with realistic webhooks
 * (built from shared/reference/webhook-samples) and checks each answer against the NCCO the program
 * says it must be, on any program, e.g. the example project's real one. Decisions on opening hours are
 * followed at the time of the request; a transition counted by an attempt limit must carry the call's state
 * (`?s=` in its eventUrls, compared without it), as must every answer of a flow that has call data. What
 * depends on call data (a step that reads it, a lookup, a decision on data) cannot be known from a webhook
 * without the call's state: such transitions are listed with `needsData` and driven through whole calls by
 * test/router/calls.test.ts and test/e2e/payment-line.test.ts.
 *
 *   const results = await driveAllTransitions(program, router, { fallbackNcco, authorize });
 *   expect(results.filter((r) => !r.ok)).toEqual([]);
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import { holds } from '../../compiler/router/runtime/conditions.mjs';
import {
  eventRoutePath,
  type Condition,
  type ConnectStatus,
  type FlowProgram,
  type Target,
  type Transition,
} from '../../compiler/router/runtime/program.mjs';
import type { Ncco } from '../../compiler/router/runtime/router.mjs';
import { foldWords } from '../../compiler/router/runtime/words.mjs';
import { captureValue } from '../../compiler/router/runtime/values.mjs';
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
  /** The router's clock, for decisions on opening hours (default: Date.now). */
  now?: () => number;
}

export interface DriveResult {
  name: string;
  ok: boolean;
  detail?: string;
  /** The transition depends on call data: not driven here (see above). */
  needsData?: true;
}

const readsData = (c: Condition): boolean =>
  'all' in c ? c.all.some(readsData) : 'any' in c ? c.any.some(readsData) : 'not' in c ? readsData(c.not) : !('hours' in c);

/** Whether every answer of a flow carries the call's state: it has call data, captures, lookups or decisions on data. */
export function flowCarriesState(flow: FlowProgram): boolean {
  return (
    Object.keys(flow.data).length > 0 ||
    Object.values(flow.steps).some((s) =>
      s.kind === 'lookup'
        ? true
        : s.kind === 'decide'
          ? s.branches.some((b) => readsData(b.when))
          : s.reads.length > 0 ||
            s.ncco.some((p) => typeof p !== 'string' && !('state' in p)) ||
            (s.on?.kind === 'input' && s.on.store !== undefined),
    )
  );
}

/**
 * Where a transition lands for a call that has no data: through decisions on opening hours (at nowMs), to a
 * static step; 'needs-data' when a step on the way reads call data. `counted` when a limit counted on the way.
 */
export function landing(program: RouterProgram, t: Transition, nowMs: number): { at: Target; counted: boolean } | 'needs-data' {
  let transition = t;
  let counted = false;
  for (let hops = 0; hops < 50; hops++) {
    counted ||= transition.limit !== undefined;
    const at = transition.to;
    const step = program.flows.find((f) => f.flow === at.flow)?.steps[`${at.locale}/${at.step}`];
    if (step === undefined || step.kind === 'lookup') return 'needs-data';
    if (step.kind === 'ncco') return staticNcco(program, at) === undefined ? 'needs-data' : { at, counted };
    if (step.branches.some((b) => readsData(b.when))) return 'needs-data';
    const ctx = { get: () => undefined, hours: (name: string) => program.project.hours[name], nowMs };
    transition = step.branches.find((b) => holds(b.when, ctx))?.to ?? step.otherwise;
  }
  throw new Error(`decisions loop from ${key(t.to)}`);
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
  const now = options.now ?? Date.now;
  const results: DriveResult[] = [];
  const { routerUrl } = program.project;
  const nccoOf = (t: Target): Ncco | undefined => staticNcco(program, t);
  const flowOf = (t: Target): FlowProgram | undefined => program.flows.find((f) => f.flow === t.flow);
  /** Whether the answer at `t` must carry the call's state. */
  const carries = (t: Target, counted: boolean): boolean => {
    const flow = flowOf(t);
    return counted || (flow !== undefined && flowCarriesState(flow));
  };

  const check = async (
    name: string,
    url: string,
    method: 'GET' | 'POST',
    payload: Json,
    expected: Ncco | 'no-content' | undefined,
    withState = false,
  ): Promise<void> => {
    const response = await send(router, url, method, payload, options.authorize);
    const sent = await response.text();
    // The sealed state differs per call and per moment: compared by its presence.
    const text = sent.replace(/\?s=[A-Za-z0-9_-]+"/g, '"');
    // A step without an event route (e.g. a voicemail's record) has nowhere to carry the state.
    const routed = expected !== 'no-content' && expected !== undefined && JSON.stringify(expected).includes(`${routerUrl}/on/`);
    if (routed && (text !== sent) !== withState) {
      results.push({
        name,
        ok: false,
        detail: `expected ${withState ? 'the call state' : 'no call state'} in the eventUrls: ${sent.slice(0, 300)}`,
      });
      return;
    }
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
      const name = `answer ${method} ${number} → ${key(start)}`;
      const landed = landing(program, { to: start }, now());
      if (landed === 'needs-data') results.push({ name, ok: true, needsData: true });
      else await check(name, `${routerUrl}/answer`, method, payload, nccoOf(landed.at), carries(landed.at, false));
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
      if (nccoOf(here) === undefined) {
        results.push({ name: `${key(here)} (reads call data)`, ok: true, needsData: true });
        continue;
      }
      const ncco = nccoOf(here)!;
      /** Checks the answer to a webhook at this step that takes transition `next` (or none: `direct`). */
      const expect = async (
        label: string,
        method: 'GET' | 'POST',
        payload: Json,
        next: Transition | undefined,
        direct?: Ncco | 'no-content',
      ) => {
        // Asked again: the step itself, with the call's state if its flow carries one; the fallback never has it.
        if (next === undefined) return check(label, url, method, payload, direct, direct === ncco && carries(here, false));
        const landed = landing(program, next, now());
        if (landed === 'needs-data') {
          results.push({ name: label, ok: true, needsData: true });
          return;
        }
        return check(label, url, method, payload, nccoOf(landed.at), carries(landed.at, landed.counted));
      };
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
        const cases: [string, Json, Transition | undefined][] = [];
        for (const d of Object.keys(t.digits).sort()) cases.push([`digits "${d}"`, dtmfPayload(d, false), t.digits[d]!]);
        for (const c of t.speech) {
          for (const phrase of c.phrases) {
            const said = phrase.join(' ');
            cases.push([`speech "${said}"`, speechPayload(said), expectedSpeechTarget(t.speech, said)]);
          }
        }
        const timeoutPayload = dtmfPayload('', true);
        timeoutPayload.speech = { results: [], timeout_reason: 'start_timeout' };
        cases.push(['timeout', timeoutPayload, t.timeout ?? t.default]);
        // Unlisted digits are captured when the step stores digits: stored if they fit the data's type, else invalid.
        const storeType = t.store?.from === 'digits' ? flow.data[t.store.data]?.type : undefined;
        const fits = storeType !== undefined && captureValue(unmatchedDigits, 'digits', storeType, foldWords) !== undefined;
        const unlisted = storeType === undefined ? t.default : fits ? (t.stored ?? t.default) : (t.invalid ?? t.default);
        cases.push([`default (digits "${unmatchedDigits}")`, dtmfPayload(unmatchedDigits, true), unlisted]);
        cases.push(['default (unlisted speech)', speechPayload('zzyzx qwxv'), t.store?.from === 'speech' ? undefined : t.default]);
        for (const [label, payload, next] of cases) {
          if (label === 'default (unlisted speech)' && t.store?.from === 'speech') continue; // captured: a data value
          const where = next ? key(next.to) : 'the same step again';
          for (const method of ['POST', 'GET'] as const) {
            await expect(`${key(here)} ${method} ${label} → ${where}`, method, payload, next, next ? undefined : repeat);
          }
        }
      } else if (t.kind === 'pay') {
        for (const status of ['success', 'failure'] as const) {
          const next = t[status];
          const payload = sample(samples, `pay_${status}__seed000`);
          await expect(`${key(here)} pay ${status} → ${next ? key(next.to) : 'fallback'}`, nccoMethod, payload, next, fallback);
        }
      } else if (t.kind === 'connect') {
        const statuses: ConnectStatus[] = ['busy', 'failed', 'rejected', 'timeout', 'unanswered'];
        for (const status of statuses) {
          const next = t.statuses[status] ?? t.default;
          const payload = { ...sample(samples, 'CallStatusEvent__Vonage_vonage-dotnet-sdk'), status };
          await expect(`${key(here)} connect ${status} → ${next ? key(next.to) : 'fallback'}`, nccoMethod, payload, next, fallback);
        }
        await expect(
          `${key(here)} connect answered → 204`,
          nccoMethod,
          sample(samples, 'Answered__Vonage_vonage-dotnet-sdk'),
          undefined,
          'no-content',
        );
      } else {
        const payload = sample(samples, 'Notification__Vonage_vonage-dotnet-sdk');
        await expect(`${key(here)} notify → ${key(t.default.to)}`, nccoMethod, payload, t.default);
      }
    }
  }

  // Call-status events go to /event and get 204.
  await check('event completed → 204', `${routerUrl}/event`, 'POST', sample(samples, 'Completed__Vonage_vonage-dotnet-sdk'), 'no-content');
  return results;
}

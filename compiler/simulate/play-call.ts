/**
 * The call driver: plays one call against the router under test the way Vonage would. It runs the
 * NCCO's actions in order (talk, stream, input, pay with its prompts, connect, record, notify,
 * conversation, wait), sends the webhook of an action that has an eventUrl — signed, with the body
 * Vonage sends (shared/reference/webhook-samples) — and follows the answer; the call ends when the NCCO
 * runs out or the caller hangs up. Web APIs only: the same code runs in the studio's browser page.
 */
import type { LookupFunction } from '../router/runtime/lookups.mjs';
import type { Router, RouterOptions } from '../router/runtime/router.mjs';
import type { Target } from '../router/runtime/program.mjs';
import type { TraceEvent } from '../router/runtime/engine.mjs';
import type { AgentOutcome, CallerAct, CallEvent, CallRecord, EndReason, Need, Taken } from './call-types.js';
import type { SimClock } from './clock.js';
import type { WebSigner } from './sign-web.js';
import { speakableText } from './spoken-text.js';
import {
  callStatusBody,
  connectStatusesFor,
  inputBody,
  notifyBody,
  payBody,
  recordBody,
  type CallIds,
  type InputOutcome,
} from './webhook-bodies.js';

type Action = Record<string, unknown>;

/** Where the caller's (and the world's) next act comes from: a scenario, a terminal, a browser page. */
export interface ActSource {
  /**
   * The next act for what the call waits for; undefined when there is none (the caller hangs up).
   * `call` lets the world act first: move the clock, note what it did in the call's events.
   */
  next(need: Need, call: CallContext): Promise<CallerAct | undefined>;
}

export interface CallContext {
  clock: SimClock;
  note(event: CallEvent): void;
}

export interface CallStart {
  /** The number the caller dialled (inbound), or the customer's number (outbound). */
  to: string;
  from: string;
  /**
   * How the call's first NCCO is had: from the router's /answer (for a number, or with `query` the answer
   * route of an outbound flow, `?flow=…&locale=…`), or the start step's NCCO given directly (an outbound
   * call placed with the NCCO, as the application would).
   */
  first: { kind: 'answer'; query?: string } | { kind: 'ncco'; ncco: string; at: Target };
  /** For the transcript: how the scenario named the start. */
  by: 'number' | 'flow';
  flow?: string;
  locale?: string;
}

export interface PlayOptions {
  /** Makes the router under test, with the simulator's options (clock, secret, callbacks, lookups). */
  createRouter(options: RouterOptions): Router;
  /** Project's routerUrl: eventUrls under it go to the router, others are recorded as webhooks. */
  routerUrl: string;
  signatureSecret: string;
  signer: WebSigner;
  clock: SimClock;
  acts: ActSource;
  /** The lookups of the call, given the call's own event recorder. */
  lookups(emit: (event: CallEvent) => void): Record<string, LookupFunction<object, object>>;
  /** Webhooks one call may send before it counts as looping (default 200). */
  maxWebhooks?: number;
  /** Every event as it happens (the terminal prints them live). */
  onEvent?(event: CallEvent): void;
  /** The call's id (deterministic in tests). */
  callId: string;
}

export const DEFAULT_MAX_WEBHOOKS = 200;

/** Seconds a voice takes to say a text: about 15 characters a second, at least one. */
const speakingMs = (text: string): number => Math.max(1000, Math.round((text.length / 15) * 1000));

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The URL of an action's eventUrl (NCCO reference: an array of one URL). */
const eventUrlOf = (action: Action): string | undefined => str(asArray(action.eventUrl)[0]) ?? str(action.eventUrl);

function describeEndpoint(action: Action): string {
  const endpoint = asArray(action.endpoint)[0];
  if (typeof endpoint !== 'object' || endpoint === null) return 'an endpoint';
  const e = endpoint as Record<string, unknown>;
  switch (e.type) {
    case 'phone':
      return `phone ${String(e.number ?? '?')}`;
    case 'app':
      return `app user ${String(e.user ?? '?')}`;
    case 'sip':
      return `SIP ${String(e.uri ?? '?')}`;
    case 'websocket':
      return `websocket ${String(e.uri ?? '?')}`;
    case 'vbc':
      return `VBC extension ${String(e.extension ?? '?')}`;
    default:
      return String(e.type ?? 'an endpoint');
  }
}

class Stop extends Error {
  constructor(
    readonly reason: EndReason,
    readonly detail?: string,
  ) {
    super(detail ?? reason);
  }
}

/** Plays one call to its end. Never throws for anything a flow or a script does: it ends the call with a reason. */
export async function playCall(start: CallStart, options: PlayOptions): Promise<CallRecord> {
  const events: CallEvent[] = [];
  const taken: Taken[] = [];
  const emit = (event: CallEvent): void => {
    events.push(event);
    options.onEvent?.(event);
  };
  const ids: CallIds = { uuid: options.callId, conversation_uuid: `CON-${options.callId}`, from: start.from, to: start.to };
  const maxWebhooks = options.maxWebhooks ?? DEFAULT_MAX_WEBHOOKS;
  const { clock } = options;
  const context: CallContext = { clock, note: (event) => emit(event) };
  let current: Target | undefined = start.first.kind === 'ncco' ? start.first.at : undefined;
  /** The ncco steps entered during one webhook: the last one is what the caller hears. */
  let entered: Target[] = [];
  const recent: string[] = [];

  const router = options.createRouter({
    signatureSecret: options.signatureSecret,
    now: () => clock.now(),
    sleep: clock.sleep,
    lookups: options.lookups(emit),
    logger: {
      warn: (message, data) => emit({ kind: 'router', level: 'warn', message: describeLog(message, data) }),
      error: (message, data) => emit({ kind: 'router', level: 'error', message: describeLog(message, data) }),
    },
    onInput: (event) => emit({ kind: 'callback', name: 'onInput', event: { ...event } }),
    onProblem: (problem) => emit({ kind: 'callback', name: 'onProblem', event: { ...problem } }),
    onCallStatus: (event, context) =>
      emit({
        kind: 'callback',
        name: 'onCallStatus',
        event: { status: event.status, ...(context.route ? { route: context.route } : {}) },
        ...(context.route ? {} : { routine: true }),
      }),
    onTrace: (event: TraceEvent) => {
      if (event.kind === 'take') taken.push({ from: event.from, transition: event.transition, to: event.to });
      else if (event.step === 'ncco') entered.push(event.at);
      else emit({ kind: 'pass', at: event.at, step: event.step });
    },
  });

  let webhooks = 0;
  /**
   * Sends a webhook; the NCCO the answer holds, if any. The call-status webhooks Vonage sends around the call
   * (started, ringing, answered, completed) are not counted against maxWebhooks: only what the flow makes happen.
   */
  async function send(url: string, method: string, body: Record<string, unknown>, counted = true): Promise<Action[] | undefined> {
    if (!url.startsWith(options.routerUrl)) {
      emit({ kind: 'webhook', url, body });
      return undefined;
    }
    if (counted) webhooks++;
    if (webhooks > maxWebhooks) {
      throw new Stop(
        'stopped',
        `stopped after ${maxWebhooks} webhooks without the call ending: the flow may go round in a loop (last steps: ${recent.slice(-6).join(' → ')})`,
      );
    }
    entered = [];
    let request: Request;
    if (method.toUpperCase() === 'GET') {
      const target = new URL(url);
      const pairs: [string, string][] = Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
      for (const [k, v] of pairs) target.searchParams.append(k, v);
      // Vonage hashes its own parameters in URL order (docs/router.md, "Signed webhooks").
      const own = `{${[...target.searchParams].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
      request = new Request(target, { method: 'GET', headers: { authorization: await options.signer.authorization(own, clock.now()) } });
    } else {
      const text = JSON.stringify(body);
      request = new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await options.signer.authorization(text, clock.now()) },
        body: text,
      });
    }
    const response = await router.fetch(request);
    const text = await response.text();
    const last = entered[entered.length - 1];
    if (last) {
      current = last;
      recent.push(last.step);
      emit({ kind: 'step', at: last });
    }
    if (response.status === 204) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Stop('stopped', `the router answered ${response.status} with something that is not JSON`);
    }
    if (!Array.isArray(parsed)) {
      throw new Stop('stopped', `the router answered ${response.status} ${text.slice(0, 200)}`);
    }
    if (response.status !== 200)
      emit({ kind: 'router', level: 'warn', message: `answered ${response.status} with its safe NCCO`, status: response.status });
    else if (!last) emit({ kind: 'router', level: 'warn', message: 'answered with its safe NCCO: the flow could not go on' });
    return parsed as Action[];
  }

  async function need(n: Need): Promise<CallerAct> {
    const act = await options.acts.next(n, context);
    if (act === undefined || act.kind === 'hang-up') {
      if (act) emit({ kind: 'act', act });
      throw new Stop('caller-hung-up');
    }
    return act;
  }

  /** Runs one NCCO; the next NCCO when a webhook answered one, undefined when this one ran out. */
  async function runNcco(ncco: Action[]): Promise<Action[] | undefined> {
    for (const action of ncco) {
      const kind = str(action.action);
      switch (kind) {
        case 'talk': {
          const raw = str(action.text) ?? '';
          const { text, ssml } = speakableText(raw);
          const loop = num(action.loop, 1);
          emit({
            kind: 'hear',
            text,
            raw,
            ssml,
            ...(str(action.language) ? { language: str(action.language)! } : {}),
            ...(typeof action.style === 'number' ? { style: action.style } : {}),
            ...(action.premium === true ? { premium: true } : {}),
            ...(loop !== 1 ? { loop } : {}),
          });
          clock.advance(speakingMs(text) * Math.max(1, loop));
          break;
        }
        case 'stream':
          emit({ kind: 'audio', urls: asArray(action.streamUrl).map(String) });
          clock.advance(5000);
          break;
        case 'wait': {
          const seconds = num(action.timeout, 10);
          emit({ kind: 'wait', seconds });
          clock.advance(seconds * 1000);
          break;
        }
        case 'input': {
          const types = asArray(action.type).map(String);
          const dtmf = (action.dtmf ?? {}) as Record<string, unknown>;
          const speech = (action.speech ?? {}) as Record<string, unknown>;
          const listens = { dtmf: types.includes('dtmf'), speech: types.includes('speech') };
          const maxDigits = num(dtmf.maxDigits, 4);
          const act = await need({
            kind: 'input',
            at: current,
            ...listens,
            maxDigits,
            submitOnHash: dtmf.submitOnHash === true,
          });
          let outcome: InputOutcome;
          let note: string | undefined;
          if (act.kind === 'press') {
            if (!listens.dtmf) {
              outcome = { kind: 'silence', speech: listens.speech };
              note = 'this input does not listen for keys: it times out';
            } else {
              let keys = act.keys;
              if (dtmf.submitOnHash === true && keys.includes('#')) keys = keys.slice(0, keys.indexOf('#'));
              if (keys.length > maxDigits) {
                note = `only the first ${maxDigits} key(s) count`;
                keys = keys.slice(0, maxDigits);
              }
              outcome = { kind: 'keys', keys, timedOut: keys.length < maxDigits && dtmf.submitOnHash !== true };
            }
          } else if (act.kind === 'say') {
            if (!listens.speech) {
              outcome = { kind: 'silence', speech: false };
              note = 'this input does not listen for speech: it times out';
            } else outcome = { kind: 'speech', words: act.words, confidence: act.confidence };
          } else if (act.kind === 'silence') {
            outcome = { kind: 'silence', speech: listens.speech && !listens.dtmf };
          } else {
            throw new Stop('stopped', mismatch(act, 'the caller’s keys or words'));
          }
          emit({ kind: 'act', act, ...(note ? { note } : {}) });
          clock.advance(outcome.kind === 'silence' ? num(dtmf.timeOut, 3) * 1000 || num(speech.startTimeout, 10) * 1000 : 2000);
          const url = eventUrlOf(action);
          const body = inputBody(ids, outcome, clock.now());
          if (url === undefined) break;
          const next = await send(url, str(action.eventMethod) ?? 'POST', body);
          if (next) return next;
          break;
        }
        case 'pay': {
          const amount = num(action.amount, Number.NaN);
          const currency = str(action.currency) ?? 'usd';
          const prompts = payPromptTexts(action);
          const act = await need({ kind: 'pay', at: current, amount, currency });
          if (act.kind !== 'pay') throw new Stop('stopped', mismatch(act, 'a card payment'));
          emit({ kind: 'act', act });
          emit({ kind: 'pay', amount, currency, outcome: act.outcome, prompts });
          clock.advance(60_000);
          const url = eventUrlOf(action);
          if (url === undefined) break;
          const next = await send(url, str(action.eventMethod) ?? 'POST', payBody(ids, act.outcome, clock.now()));
          if (next) return next;
          break;
        }
        case 'connect': {
          const endpoint = describeEndpoint(action);
          const act = await need({ kind: 'agent', at: current, endpoint });
          if (act.kind !== 'agent') throw new Stop('stopped', mismatch(act, `what the agent at ${endpoint} does`));
          emit({ kind: 'act', act });
          emit({ kind: 'connect', endpoint, outcome: act.outcome });
          const url = eventUrlOf(action) ?? `${options.routerUrl}/event`;
          const synchronous = action.eventType === 'synchronous';
          let replaced: Action[] | undefined;
          for (const status of connectStatusesFor(act.outcome)) {
            clock.advance(status === 'ringing' ? 5000 : 1000);
            const answer = await send(url, str(action.eventMethod) ?? 'POST', callStatusBody(ids, status, clock.now(), endpoint));
            if (answer && synchronous) replaced = answer;
          }
          if (replaced) return replaced;
          if (act.outcome === 'answers') {
            // Connected: the caller now talks with the agent until one of them hangs up.
            const next = await options.acts.next({ kind: 'talking', at: current, with: endpoint }, context);
            if (next !== undefined && next.kind !== 'hang-up')
              throw new Stop('stopped', mismatch(next, 'nothing (the caller is talking with the agent)'));
            throw new Stop('transferred', endpoint);
          }
          break;
        }
        case 'record': {
          const url = eventUrlOf(action);
          emit({ kind: 'record', ...(url ? { url } : {}) });
          clock.advance(num(action.endOnSilence, 3) * 1000 + 10_000);
          if (url !== undefined) {
            const next = await send(url, str(action.eventMethod) ?? 'POST', recordBody(ids, clock.now()));
            if (next) return next;
          }
          break;
        }
        case 'notify': {
          const url = eventUrlOf(action) ?? '';
          emit({ kind: 'notify', payload: action.payload, url });
          const next = await send(url, str(action.eventMethod) ?? 'POST', notifyBody(ids, action.payload, clock.now()));
          if (next) return next;
          break;
        }
        case 'conversation': {
          const name = str(action.name) ?? '?';
          emit({ kind: 'conversation', name });
          const next = await options.acts.next({ kind: 'talking', at: current, with: `conversation ${name}` }, context);
          if (next !== undefined && next.kind !== 'hang-up')
            throw new Stop('stopped', mismatch(next, 'nothing (the caller is in a conversation)'));
          throw new Stop('conversation', name);
        }
        default:
          emit({ kind: 'router', level: 'warn', message: `Vonage does not know the action ${JSON.stringify(kind)}: it is skipped` });
      }
    }
    return undefined;
  }

  function mismatch(act: CallerAct, waiting: string): string {
    const where = current ? ` at ${current.flow}/${current.step}` : '';
    return `the call waits for ${waiting}${where}, but the next act is ${describeAct(act)}`;
  }

  emit({
    kind: 'start',
    to: start.to,
    from: start.from,
    by: start.by,
    ...(start.flow ? { flow: start.flow } : {}),
    ...(start.locale ? { locale: start.locale } : {}),
  });
  let end: { reason: EndReason; detail?: string };
  try {
    for (const status of ['started', 'ringing', 'answered'] as const) {
      await send(`${options.routerUrl}/event`, 'POST', callStatusBody(ids, status, clock.now()), false);
    }
    let ncco: Action[] | undefined;
    if (start.first.kind === 'answer') {
      ncco = await send(`${options.routerUrl}/answer${start.first.query ?? ''}`, 'POST', {
        ...ids,
        timestamp: new Date(clock.now()).toISOString(),
      });
    } else {
      emit({ kind: 'step', at: start.first.at });
      ncco = JSON.parse(start.first.ncco) as Action[];
    }
    while (ncco) ncco = await runNcco(ncco);
    end = { reason: 'hang-up' };
  } catch (error) {
    if (error instanceof Stop) end = { reason: error.reason, ...(error.detail !== undefined ? { detail: error.detail } : {}) };
    else end = { reason: 'stopped', detail: `flowc could not play the call: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (end.reason !== 'stopped') {
    try {
      await send(`${options.routerUrl}/event`, 'POST', callStatusBody(ids, 'completed', clock.now()), false);
    } catch {
      // the call is over either way
    }
  }
  emit({ kind: 'end', ...end });
  return { events, taken, end };
}

function describeLog(message: string, data: Record<string, unknown> | undefined): string {
  const text = message.replace(/^flowc router: /, '');
  if (!data || Object.keys(data).length === 0) return text;
  return `${text} (${Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')})`;
}

/** The texts a pay action's prompts say, in order (Vonage's own English prompts where none are given). */
function payPromptTexts(action: Action): string[] {
  const prompts = asArray(action.prompts);
  const byType = new Map<string, string>();
  for (const p of prompts) {
    if (typeof p === 'object' && p !== null) {
      const { type, text } = p as Record<string, unknown>;
      if (typeof type === 'string' && typeof text === 'string') byType.set(type, text);
    }
  }
  return ['CardNumber', 'ExpirationDate', 'SecurityCode'].map((t) => byType.get(t) ?? `(Vonage's ${t} prompt)`);
}

export function describeAct(act: CallerAct): string {
  switch (act.kind) {
    case 'press':
      return `press ${act.keys}`;
    case 'say':
      return `say "${act.words}"`;
    case 'silence':
      return 'silence';
    case 'hang-up':
      return 'hang up';
    case 'pay':
      return `payment ${act.outcome}`;
    case 'agent':
      return `agent ${act.outcome}`;
  }
}

export type { AgentOutcome };

/**
 * Webhook payloads as Vonage sends them (constraints §4; samples in shared/reference/webhook-samples and
 * the Vonage SDKs). Each has an index signature: Vonage adds fields over time. The router reads them
 * defensively: a field of an unexpected type counts as absent.
 */

/** Fields most call webhooks carry. */
export interface CallIdentity {
  from?: string;
  to?: string;
  uuid?: string;
  conversation_uuid?: string;
  timestamp?: string;
}

/** answer_url: GET query or POST JSON (constraints §4.1). */
export interface AnswerPayload extends CallIdentity {
  to: string;
  from_user?: string;
  endpoint_type?: string;
  region_url?: string;
  custom_data?: unknown;
  /** SipHeader_X-… and any field Vonage adds later. */
  [field: string]: unknown;
}

export interface DtmfResult {
  /** The keys pressed, e.g. "1234"; null or "" when none. */
  digits?: string | null;
  timed_out?: boolean;
}

export interface SpeechResult {
  text: string;
  /** 0.0–1.0, sent as a string ("0.9405097"). */
  confidence?: string | number;
}

export interface SpeechOutcome {
  results?: SpeechResult[];
  timeout_reason?: 'end_on_silence_timeout' | 'max_duration' | 'start_timeout' | (string & {});
  error?: string;
  recording_url?: string;
}

/** input eventUrl (constraints §4.3). With eventMethod GET, dtmf and speech arrive JSON-encoded in the query. */
export interface InputPayload extends CallIdentity {
  dtmf?: DtmfResult;
  speech?: SpeechOutcome;
  [field: string]: unknown;
}

/** pay eventUrl (Payments over the Phone guide; constraints §3.4). */
export interface PayPayload extends CallIdentity {
  type?: 'payment';
  status: 'success' | 'failure' | (string & {});
  [field: string]: unknown;
}

/** Call statuses (constraints §4.2). */
export type CallStatus =
  | 'started'
  | 'ringing'
  | 'answered'
  | 'machine'
  | 'human'
  | 'completed'
  | 'busy'
  | 'cancelled'
  | 'failed'
  | 'rejected'
  | 'timeout'
  | 'unanswered'
  | 'disconnected';

/** event_url call-status events and NCCO errors (constraints §4.2, §4.8). */
export interface CallStatusPayload extends CallIdentity {
  status?: CallStatus | (string & {});
  /** human/machine events carry call_uuid instead of uuid. */
  call_uuid?: string;
  direction?: 'inbound' | 'outbound';
  start_time?: string;
  end_time?: string;
  duration?: string;
  rate?: string;
  price?: string;
  network?: string;
  detail?: string;
  sub_state?: string;
  disconnected_by?: string;
  sip_code?: number;
  /** NCCO error reports: "Syntax error in NCCO. Invalid value type or action." */
  reason?: string;
  [field: string]: unknown;
}

/** A connect (eventType: synchronous) eventUrl receives the call statuses of the leg it dials. */
export type ConnectEventPayload = CallStatusPayload;

/** notify eventUrl: the action's payload object (constraints §4.7). */
export interface NotifyPayload {
  conversation_uuid?: string;
  payload?: unknown;
  timestamp?: string;
  [field: string]: unknown;
}

export type WebhookPayload = AnswerPayload | InputPayload | PayPayload | ConnectEventPayload | NotifyPayload | CallStatusPayload;

/** A parsed webhook: a plain object (never one with a null prototype or a polluted one). */
export type Payload = Record<string, unknown>;

export const isObject = (value: unknown): value is Payload => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Digits pressed: dtmf.digits, or the pre-2020 form where dtmf itself is the digit string. */
export function digitsOf(payload: Payload): string {
  const dtmf = payload['dtmf'];
  if (typeof dtmf === 'string') return dtmf.trim();
  if (!isObject(dtmf)) return '';
  const d = dtmf['digits'];
  if (typeof d === 'string') return d.trim();
  if (typeof d === 'number') return String(d);
  return '';
}

/** Speech results that hold some text, as sent. */
export function speechResultsOf(payload: Payload): { text: string; confidence: number; index: number }[] {
  const speech = payload['speech'];
  if (!isObject(speech) || !Array.isArray(speech['results'])) return [];
  const out: { text: string; confidence: number; index: number }[] = [];
  speech['results'].forEach((r: unknown, index: number) => {
    if (!isObject(r)) return;
    const text = r['text'];
    if (typeof text !== 'string' || text.trim() === '') return;
    out.push({ text, confidence: confidenceOf(r['confidence']), index });
  });
  return out;
}

function confidenceOf(c: unknown): number {
  const n = typeof c === 'number' ? c : typeof c === 'string' ? Number.parseFloat(c) : Number.NaN;
  return Number.isFinite(n) ? n : 0;
}

/** A text field of the payload, or '' (numbers are accepted as text: some gateways send `to` as a number). */
export function textField(payload: Payload, name: string): string {
  const value = payload[name];
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

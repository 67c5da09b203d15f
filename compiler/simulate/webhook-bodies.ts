/**
 * The bodies Vonage sends, field for field as in shared/reference/webhook-samples (input_dtmf,
 * input_speech, pay_success/pay_failure, the call-status events, Notification, Record) and the
 * webhook reference (constraints §4). Only the values of the simulated call differ.
 */
import type { AgentOutcome } from './call-types.js';

export interface CallIds {
  uuid: string;
  conversation_uuid: string;
  from: string;
  to: string;
}

export type InputOutcome =
  | { kind: 'keys'; keys: string; timedOut: boolean }
  | { kind: 'speech'; words: string; confidence: number }
  /** Nothing: `speech` tells whether only speech was listened for (then the speech timeout is reported). */
  | { kind: 'silence'; speech: boolean };

const stamp = (ms: number): string => new Date(ms).toISOString();

export function inputBody(ids: CallIds, outcome: InputOutcome, nowMs: number): Record<string, unknown> {
  const base = { from: ids.from, to: ids.to, uuid: ids.uuid, conversation_uuid: ids.conversation_uuid, timestamp: stamp(nowMs) };
  switch (outcome.kind) {
    case 'keys':
      return { speech: { results: [] }, dtmf: { digits: outcome.keys, timed_out: outcome.timedOut }, ...base };
    case 'speech':
      return {
        speech: {
          timeout_reason: 'end_on_silence_timeout',
          results: [{ confidence: String(outcome.confidence), text: outcome.words }],
        },
        dtmf: { digits: null, timed_out: false },
        ...base,
      };
    case 'silence':
      return outcome.speech
        ? { speech: { timeout_reason: 'start_timeout', results: [] }, dtmf: { digits: null, timed_out: false }, ...base }
        : { speech: { results: [] }, dtmf: { digits: '', timed_out: true }, ...base };
  }
}

export function payBody(ids: CallIds, status: 'success' | 'failure', nowMs: number): Record<string, unknown> {
  return {
    from: ids.from,
    to: ids.to,
    type: 'payment',
    uuid: ids.uuid,
    conversation_uuid: ids.conversation_uuid,
    status,
    timestamp: stamp(nowMs),
  };
}

/** A call-status event of the call (event_url) or of a connected leg (the connect's eventUrl). */
export function callStatusBody(ids: CallIds, status: string, nowMs: number, endpoint?: string): Record<string, unknown> {
  const leg = endpoint !== undefined;
  return {
    from: leg ? ids.to : ids.from,
    to: leg ? endpoint.replace(/^phone /, '') : ids.to,
    uuid: leg ? `${ids.uuid}-leg` : ids.uuid,
    conversation_uuid: ids.conversation_uuid,
    status,
    direction: leg ? 'outbound' : 'inbound',
    timestamp: stamp(nowMs),
    ...(status === 'completed' ? { end_time: stamp(nowMs), duration: '0', disconnected_by: 'user' } : {}),
  };
}

/** The statuses a connected leg reports for each outcome, in order (constraints §4.2). */
export function connectStatusesFor(outcome: AgentOutcome): string[] {
  switch (outcome) {
    case 'answers':
      return ['started', 'ringing', 'answered'];
    case 'busy':
      return ['started', 'busy'];
    case 'no-answer':
      return ['started', 'ringing', 'unanswered'];
    case 'failed':
      return ['started', 'failed'];
    case 'rejected':
      return ['started', 'rejected'];
    case 'timeout':
      return ['started', 'ringing', 'timeout'];
  }
}

export function notifyBody(ids: CallIds, payload: unknown, nowMs: number): Record<string, unknown> {
  return { conversation_uuid: ids.conversation_uuid, payload: payload ?? {}, timestamp: stamp(nowMs) };
}

export function recordBody(ids: CallIds, nowMs: number): Record<string, unknown> {
  return {
    start_time: stamp(nowMs - 10_000),
    end_time: stamp(nowMs),
    recording_url: `https://api.nexmo.com/v1/files/${ids.uuid}-recording`,
    size: 12222,
    recording_uuid: `${ids.uuid}-recording`,
    conversation_uuid: ids.conversation_uuid,
    timestamp: stamp(nowMs),
  };
}

/**
 * What a person types for the caller's next act (flowc call, and the studio's input box): keys, `say`
 * and words, silence, hang-up, a payment outcome, what the agent does; and what they type for a lookup.
 * Pure: a line in, an act or a reason out.
 */
import { agentOutcomes, type AgentOutcome, type CallerAct, type LookupResult, type Need } from './call-types.js';
import type { SimClock } from './clock.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const HANG_UP = new Set(['hang-up', 'hangup', 'hang up', 'bye', 'quit', 'exit']);

/** The question for what the call waits for. */
export function promptFor(need: Need): string {
  switch (need.kind) {
    case 'input': {
      const ways = [
        need.dtmf ? 'keys (e.g. 1 or 1234#)' : undefined,
        need.speech ? 'say <words>' : undefined,
        'silence (or Enter)',
        'hang-up',
      ].filter(Boolean);
      return `Your turn: ${ways.join(', ')}`;
    }
    case 'pay':
      return `Card payment of ${need.amount} ${need.currency}: success or failure (or hang-up)`;
    case 'agent':
      return `The call rings ${need.endpoint}: ${agentOutcomes.join(', ')}`;
    case 'talking':
      return `You are talking with ${need.with}: hang-up (or Enter) ends the call`;
  }
}

export function parseAct(line: string, need: Need): Parsed<CallerAct> {
  const text = line.trim();
  const lower = text.toLowerCase();
  if (HANG_UP.has(lower)) return { ok: true, value: { kind: 'hang-up' } };
  switch (need.kind) {
    case 'input': {
      if (lower === '' || lower === 'silence') return { ok: true, value: { kind: 'silence' } };
      if (/^(press\s+)?[0-9*#]+$/i.test(text)) return { ok: true, value: { kind: 'press', keys: text.replace(/^press\s+/i, '') } };
      // "say words" or "say@0.4 words": the head is anchored and bounded, the words are the rest.
      const say = /^say(?:@([01](?:\.\d{1,6})?))?(?=\s)/i.exec(text);
      const words = say ? text.slice(say[0].length).trim() : '';
      if (say && words !== '') return { ok: true, value: { kind: 'say', words, confidence: say[1] !== undefined ? Number(say[1]) : 0.9 } };
      return { ok: false, message: 'Type keys (0-9, *, #), say <words> (say@0.4 <words> for a low confidence), silence, or hang-up.' };
    }
    case 'pay':
      if (lower === 'success' || lower === 's') return { ok: true, value: { kind: 'pay', outcome: 'success' } };
      if (lower === 'failure' || lower === 'f') return { ok: true, value: { kind: 'pay', outcome: 'failure' } };
      return { ok: false, message: 'Type success or failure.' };
    case 'agent': {
      const outcome = lower === 'unanswered' ? 'no-answer' : lower;
      if ((agentOutcomes as readonly string[]).includes(outcome))
        return { ok: true, value: { kind: 'agent', outcome: outcome as AgentOutcome } };
      return { ok: false, message: `Type one of: ${agentOutcomes.join(', ')}.` };
    }
    case 'talking':
      return { ok: true, value: { kind: 'hang-up' } };
  }
}

export type TypedLookupAnswer =
  | { kind: 'found'; output: Record<string, unknown> }
  | { kind: 'not-found' }
  | { kind: 'fails' }
  | { kind: 'slow' };

/**
 * A person's answer to a lookup, played (flowc call, the studio's call panel): `fails` throws, `slow` waits
 * past the lookup's time limit (so the router takes the failure path), else the fields found or null.
 * `note` records the result for the transcript.
 */
export async function playLookupAnswer(
  a: TypedLookupAnswer,
  lookup: { name: string; timeoutMs: number; clock: SimClock; signal: AbortSignal },
  note: (result: LookupResult, output?: unknown) => void,
): Promise<Record<string, unknown> | null> {
  if (a.kind === 'fails') {
    note('failed');
    throw new Error(`${lookup.name} fails`);
  }
  if (a.kind === 'slow') {
    note('slow');
    await lookup.clock.after(2 * lookup.timeoutMs + 1000, lookup.signal);
    return null;
  }
  note(a.kind, a.kind === 'found' ? a.output : undefined);
  return a.kind === 'found' ? a.output : null;
}

/** `found {…}` or `found: {…}` → `{…}`; anything else as it is. */
function withoutFoundWord(text: string): string {
  if (!text.startsWith('found')) return text;
  let rest = text.slice('found'.length).trimStart();
  if (rest.startsWith(':')) rest = rest.slice(1).trimStart();
  return rest.startsWith('{') ? rest : text;
}

/** A lookup's answer typed by a person: not-found, fails, slow, or the JSON of the fields it finds (`found` before it may be written). */
export function parseLookupAnswer(line: string): Parsed<TypedLookupAnswer> {
  const text = withoutFoundWord(line.trim());
  if (text === 'not-found' || text === 'fails' || text === 'slow') return { ok: true, value: { kind: text } };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ok: true, value: { kind: 'found', output: value as Record<string, unknown> } };
  } catch {
    // not JSON
  }
  return {
    ok: false,
    message: 'Type not-found, fails, slow, or the fields found as JSON, e.g. {"balance": 42.5} (or found {"balance": 42.5}).',
  };
}

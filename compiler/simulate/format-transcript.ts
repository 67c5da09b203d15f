/**
 * A call as text people read: the steps it went through, what the caller heard (and in which voice),
 * what they did, what the world answered, and how it ended. Deterministic: the same call gives the same
 * text, so a stored transcript shows exactly what a change to a flow changed.
 */
import type { CallEvent, EndReason } from './call-types.js';
import { describeAct } from './play-call.js';

const target = (t: { flow: string; locale: string; step: string }): string => `${t.flow}/${t.locale}/${t.step}`;

const json = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

export const endWords: Record<EndReason, string> = {
  'hang-up': 'the flow hung up',
  'caller-hung-up': 'the caller hung up',
  transferred: 'transferred',
  conversation: 'the caller joined a conversation',
  stopped: 'stopped by flowc',
};

const money = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : String(n));

/** One line per event that a reader needs (routine call statuses are left out). */
export function transcriptLines(events: readonly CallEvent[]): string[] {
  const lines: string[] = [];
  let voice = '';
  for (const e of events) {
    switch (e.kind) {
      case 'start':
        lines.push(`call ${e.to} from ${e.from}${e.by === 'flow' ? ` (flow ${e.flow}, ${e.locale})` : ''}`);
        break;
      case 'step':
        lines.push(`> ${target(e.at)}`);
        break;
      case 'pass':
        lines.push(`> ${target(e.at)} (${e.step === 'decide' ? 'decision' : 'lookup'})`);
        break;
      case 'lookup':
        lines.push(`  lookup ${e.name} ${json(e.input)}: ${e.result}${e.output !== undefined ? ` ${json(e.output)}` : ''}`);
        break;
      case 'hear': {
        const v = [e.language, e.style !== undefined ? `style ${e.style}` : undefined, e.premium ? 'premium' : undefined]
          .filter(Boolean)
          .join(', ');
        const showVoice = v !== voice;
        voice = v;
        const loop = e.loop === undefined ? '' : e.loop === 0 ? ' (repeated until the caller acts)' : ` (${e.loop} times)`;
        lines.push(`  hears${showVoice && v ? ` [${v}]` : ''}: ${e.text}${loop}`);
        break;
      }
      case 'audio':
        lines.push(`  hears audio: ${e.urls.join(', ')}`);
        break;
      case 'act':
        if (e.act.kind === 'pay' || e.act.kind === 'agent') break; // said by the pay / connect line
        lines.push(`  caller: ${describeAct(e.act)}${e.note ? ` (${e.note})` : ''}`);
        break;
      case 'world':
        lines.push(`  world: ${e.what}`);
        break;
      case 'pay':
        lines.push(`  pays ${money(e.amount)} ${e.currency}: ${e.outcome}`);
        break;
      case 'connect':
        lines.push(`  connects to ${e.endpoint}: ${e.outcome}`);
        break;
      case 'record':
        lines.push(`  recording${e.url ? ` (sent to ${e.url})` : ''}`);
        break;
      case 'notify':
        lines.push(`  notify ${json(e.payload)}`);
        break;
      case 'conversation':
        lines.push(`  joins conversation ${e.name}`);
        break;
      case 'wait':
        lines.push(`  waits ${e.seconds} s`);
        break;
      case 'callback': {
        if (e.routine) break;
        if (e.name === 'onCallStatus' && ['started', 'ringing', 'answered', 'completed'].includes(String(e.event.status))) break;
        lines.push(`  ${e.name}: ${describeCallback(e.name, e.event)}`);
        break;
      }
      case 'webhook':
        lines.push(`  webhook to ${e.url}`);
        break;
      case 'router':
        lines.push(`  router ${e.level === 'error' ? 'error' : 'warns'}: ${e.message}`);
        break;
      case 'end':
        lines.push(`ends: ${endWords[e.reason]}${e.detail ? ` (${e.detail})` : ''}`);
        break;
    }
  }
  return lines;
}

function describeCallback(name: string, event: Record<string, unknown>): string {
  if (name === 'onInput') {
    const input = (event.input ?? {}) as Record<string, unknown>;
    const what = input.digits !== undefined ? `digits ${String(input.digits)}` : `words "${String(input.speech ?? '')}"`;
    const stored = event.stored as Record<string, unknown> | undefined;
    const kept = stored && Object.keys(stored).length > 0 ? `, stored ${json(stored)}` : '';
    return `${String(event.flow)}/${String(event.step)} ${what}${kept}`;
  }
  if (name === 'onProblem') {
    const { kind, flow, locale, step, ...rest } = event;
    const detail = Object.keys(rest).length > 0 ? ` ${json(rest)}` : '';
    return `${String(kind)} at ${String(flow)}/${String(locale)}/${String(step)}${detail}`;
  }
  const route = event.route as { flow: string; locale: string; step: string } | undefined;
  return `${String(event.status)}${route ? ` (${target(route)})` : ''}`;
}

export const formatTranscript = (events: readonly CallEvent[]): string => transcriptLines(events).join('\n');

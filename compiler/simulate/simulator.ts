/**
 * The simulator of a built project: the route program (as the deployed router reads it: JSON, one copy
 * per simulator), the router runtime built over it for each call, a Web Crypto signer, and the way a
 * scenario's or a terminal's start becomes a call. Web APIs only (the studio runs it in a browser).
 */
import type { NumberEntry } from '../router/runtime/layout.mjs';
import type { LookupFunction } from '../router/runtime/lookups.mjs';
import type { FlowProgram, ProjectProgram, Target } from '../router/runtime/program.mjs';
import { stepId } from '../router/runtime/program.mjs';
import type { Helpers } from '../router/runtime/render.mjs';
import { createRouterWith, type RouterOptions } from '../router/runtime/router.mjs';
import { memorySource, type ProgramSource } from '../router/runtime/source.mjs';
import type { CallEvent, CallRecord } from './call-types.js';
import { createClock, type SimClock } from './clock.js';
import { playCall, type ActSource, type CallStart } from './play-call.js';
import { createWebSigner } from './sign-web.js';

export interface SimulatedProject {
  program: { project: ProjectProgram; flows: readonly FlowProgram[] };
  /** Each flow's start step and direction (the program knows numbers, not outbound starts). */
  flows: readonly { name: string; start: string; locales: readonly string[]; direction: string }[];
  /** The router runtime's helpers the project's texts use. */
  helpers: Helpers;
}

/** How a call begins: a number dialled, or a flow in a locale (outbound, or inbound without naming its number). */
export type StartSpec = { number: string; from: string } | { flow: string; locale: string; from: string; to: string };

export interface CallOptions {
  acts: ActSource;
  /** Milliseconds since the epoch when the call starts. */
  atMs: number;
  /** The lookups the call meets (scripted ones, the project's own, or ones that ask). */
  lookups: (clock: SimClock, emit: (event: CallEvent) => void) => Record<string, LookupFunction<object, object>>;
  onEvent?(event: CallEvent): void;
  maxWebhooks?: number;
  callId?: string;
  /** Called with the clock before the call starts (a scenario's world acts move it). */
  withClock?(clock: SimClock): void;
}

export interface Simulator {
  readonly project: SimulatedProject;
  /** The program the router runs (its objects are what coverage and traces refer to). */
  readonly program: { project: ProjectProgram; flows: readonly FlowProgram[] };
  /** Where a start leads, or why it cannot start. */
  resolveStart(spec: StartSpec): { ok: true; start: CallStart; target: Target } | { ok: false; message: string };
  play(spec: StartSpec, options: CallOptions): Promise<CallRecord>;
}

const SECRET = 'flowc-simulator-signature-secret';

/** A source that also answers extra numbers (an inbound flow started in a locale no number leads to). */
function withNumbers(base: ProgramSource, extra: Readonly<Record<string, NumberEntry>>): ProgramSource {
  return {
    core: base.core,
    flow: (name) => base.flow(name),
    number: async (n) => (Object.hasOwn(extra, n) ? extra[n] : base.number(n)),
  };
}

export function createSimulator(project: SimulatedProject): Simulator {
  // What the deployed router reads is JSON: no object of the compiler's is shared with it.
  const program = JSON.parse(JSON.stringify(project.program)) as { project: ProjectProgram; flows: FlowProgram[] };
  const source = memorySource(program);
  const flows = new Map(program.flows.map((f) => [f.flow, f]));
  const info = new Map(project.flows.map((f) => [f.name, f]));
  const signer = createWebSigner(SECRET);
  let calls = 0;

  function resolveStart(spec: StartSpec): ReturnType<Simulator['resolveStart']> {
    if ('number' in spec) {
      const entry = Object.hasOwn(program.project.numbers, spec.number) ? program.project.numbers[spec.number] : undefined;
      if (!entry) return { ok: false, message: `no flow answers the number ${spec.number}` };
      return { ok: true, target: entry.start, start: { to: spec.number, from: spec.from, first: { kind: 'answer' }, by: 'number' } };
    }
    const flow = flows.get(spec.flow);
    const about = info.get(spec.flow);
    if (!flow || !about) return { ok: false, message: `there is no flow ${spec.flow}` };
    if (!flow.locales.includes(spec.locale)) return { ok: false, message: `flow ${spec.flow} has no locale ${spec.locale}` };
    const target: Target = { flow: spec.flow, locale: spec.locale, step: about.start };
    const by = { by: 'flow' as const, flow: spec.flow, locale: spec.locale };
    // An inbound flow is called on its number for that locale.
    const number = Object.entries(program.project.numbers).find(
      ([, e]) => e.start.flow === spec.flow && e.start.locale === spec.locale && e.start.step === about.start,
    )?.[0];
    if (number !== undefined) return { ok: true, target, start: { to: number, from: spec.from, first: { kind: 'answer' }, ...by } };
    // Outbound: as dist/manifest.json says to place it — with the router's answer route of the flow when the router
    // answers it (its start needs call data, or the flow reads a built-in only the answer webhook tells, such as
    // {{called}}; docs/router.md, "Outbound calls") …
    const outbound = program.project.outbound;
    const placed = outbound !== undefined && Object.hasOwn(outbound, spec.flow) ? outbound[spec.flow] : undefined;
    const query = `?flow=${encodeURIComponent(spec.flow)}&locale=${encodeURIComponent(spec.locale)}`;
    const answerRoute = {
      ok: true as const,
      target,
      start: { to: spec.to, from: spec.from, first: { kind: 'answer' as const, query }, ...by },
    };
    if (placed?.answeredBy === 'router') return answerRoute;
    // … and with the start step's NCCO when it is a static file.
    const step = flow.steps[stepId(target)];
    if (step?.kind === 'ncco' && step.ncco.every((p) => typeof p === 'string' || 'state' in p)) {
      const ncco = step.ncco.filter((p): p is string => typeof p === 'string').join('');
      return { ok: true, target, start: { to: spec.to, from: spec.from, first: { kind: 'ncco', ncco, at: target }, ...by } };
    }
    if (placed !== undefined) return answerRoute;
    // An inbound flow with no number for this locale (reached by jumps): answered as if a number led to it.
    return { ok: true, target, start: { to: spec.to, from: spec.from, first: { kind: 'answer' }, ...by } };
  }

  async function play(spec: StartSpec, options: CallOptions): Promise<CallRecord> {
    const resolved = resolveStart(spec);
    calls += 1;
    const callId = options.callId ?? `sim-call-${String(calls).padStart(4, '0')}`;
    const clock = createClock(options.atMs);
    options.withClock?.(clock);
    if (!resolved.ok) {
      const end = { reason: 'stopped' as const, detail: resolved.message };
      const events: CallEvent[] = [{ kind: 'end', ...end }];
      options.onEvent?.(events[0]!);
      return { events, taken: [], end };
    }
    const { start, target } = resolved;
    const extra: Record<string, NumberEntry> =
      start.first.kind === 'answer' &&
      start.first.query === undefined &&
      start.by === 'flow' &&
      !Object.hasOwn(program.project.numbers, start.to)
        ? { [start.to]: { start: target, answeredBy: 'router' } }
        : {};
    const callSource = Object.keys(extra).length > 0 ? withNumbers(source, extra) : source;
    return playCall(start, {
      createRouter: (routerOptions: RouterOptions) => createRouterWith({ source: callSource, helpers: project.helpers }, routerOptions),
      routerUrl: program.project.routerUrl,
      signatureSecret: SECRET,
      signer,
      clock,
      acts: options.acts,
      lookups: (emit) => options.lookups(clock, emit),
      callId,
      ...(options.maxWebhooks !== undefined ? { maxWebhooks: options.maxWebhooks } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
  }

  return { project, program, resolveStart, play };
}

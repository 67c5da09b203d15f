/**
 * The flowc router runtime: what dist/router.ts re-exports and binds to a project's program.
 * Dependency-free; Web-standard APIs only (node:crypto and node:fs are used where the runtime has them,
 * found without an import).
 */
import type { ProjectCore } from './layout.mjs';
import type { FlowProgram, ProjectProgram } from './program.mjs';
import type { Helpers } from './render.mjs';
import {
  createRouterWith,
  type FlowDataTypes,
  type LookupImplementations,
  type LookupTypes,
  type Router,
  type RouterOptions,
} from './router.mjs';
import { dataSource, memorySource, nodeDataLoader, type LoadData } from './source.mjs';

export type { ProjectCore, NumberEntry } from './layout.mjs';
export type {
  AnswerPayload,
  CallIdentity,
  CallStatus,
  CallStatusPayload,
  ConnectEventPayload,
  DtmfResult,
  InputPayload,
  NotifyPayload,
  PayPayload,
  SpeechOutcome,
  SpeechResult,
  WebhookPayload,
} from './payloads.mjs';
export type { RawRequest, RawResponse } from './http.mjs';
export type { LookupContext, LookupFunction, LookupFailure, Sleep } from './lookups.mjs';
export type { InputEvent, RunProblem, TraceEvent } from './engine.mjs';
export type { CallerInput } from './transitions.mjs';
export type { RenderProblem, Helpers, RuntimeHelper, HelperOutput } from './render.mjs';
export type { StateRefusal } from './state.mjs';
export type { SignatureFailure } from './signature.mjs';
export type { RouterLogger } from './log.mjs';
export type { LoadData, FetcherLike } from './source.mjs';
export type * from './program.mjs';
export { fetcherDataLoader } from './source.mjs';
export { createWorker, type WorkerBase, type WorkerEnv, type WorkerHandler } from './workers.mjs';
export { toNodeHandler, type NodeHandler, type NodeRequestLike, type NodeResponseLike } from './node.mjs';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_INTERNAL_STEPS,
  DEFAULT_MAX_STATE_CHARS,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  DEFAULT_STATE_MAX_AGE_SECONDS,
  SAFE_NCCO,
  UNKNOWN_NUMBER_NCCO,
  type CallStatusContext,
  type FallbackContext,
  type FallbackReason,
  type FlowDataTypes,
  type LookupImplementations,
  type LookupTypes,
  type Ncco,
  type Router,
  type RouterOptions,
  type RouterOptionsBase,
  type TypedInputEvent,
} from './router.mjs';

/** Where the router reads the flows and numbers of the build (dist/router/data/). */
export interface DataOptions {
  /**
   * Reads a data file by its path under dist/router/data/. Default on Node: the folder next to this
   * module. On Workers: `fetcherDataLoader(env.FLOWC_DATA)` (docs/hosting.md).
   */
  loadData?: LoadData;
  /** Flows kept in memory at most, least recently used dropped first (default 1000). */
  maxCachedFlows?: number;
}

/** The options of a project's router: its lookups are required as soon as the project has any. */
export type ProjectRouterOptions<L extends LookupTypes, D extends FlowDataTypes> = Omit<RouterOptions<L, D>, 'lookups'> &
  DataOptions &
  ([keyof L] extends [never] ? { lookups?: Partial<LookupImplementations<L>> } : { lookups: LookupImplementations<L> });

export const DEFAULT_MAX_CACHED_FLOWS = 1000;

/** The router of a built project: its core tables, the helpers it uses, its data read on demand. */
export function createProjectRouter<L extends LookupTypes, D extends FlowDataTypes>(
  core: ProjectCore,
  helpers: Helpers,
  options: ProjectRouterOptions<L, D>,
): Router {
  const load = options.loadData ?? nodeDataLoader();
  if (load === undefined) {
    throw new Error(
      'flowc router: this runtime has no file system to read dist/router/data/ from. Pass loadData, e.g. ' +
        'fetcherDataLoader(env.FLOWC_DATA) on Cloudflare Workers (docs/hosting.md).',
    );
  }
  const maxCachedFlows = options.maxCachedFlows ?? DEFAULT_MAX_CACHED_FLOWS;
  if (!Number.isInteger(maxCachedFlows) || maxCachedFlows < 1) throw new Error('flowc router: maxCachedFlows must be a positive integer.');
  return createRouterWith({ source: dataSource(core, load, { maxCachedFlows }), helpers }, options as RouterOptions);
}

/** A router over a program held in memory (`buildProject(…).program`, or one written by hand). */
export function createProgramRouter(
  program: { project: ProjectProgram; flows: readonly FlowProgram[] },
  helpers: Helpers,
  options: RouterOptions = {},
): Router {
  return createRouterWith({ source: memorySource(program), helpers }, options);
}

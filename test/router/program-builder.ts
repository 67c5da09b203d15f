/**
 * Hand-written route programs for the router's tests: NCCO forms written as NCCOs with holes in place,
 * the way the compiler's lowering writes them (ASCII JSON text; a hole is a whole JSON value; the state
 * goes at the end of the router's own eventUrl).
 */
import type {
  Hole,
  NccoForm,
  NccoStep,
  StepProgram,
  Target,
  TextPart,
  Transition,
  ValueCheck,
  ValueForm,
} from '../../compiler/router/runtime/program.mjs';
import { eventRoutePath } from '../../compiler/router/runtime/program.mjs';
import { asciiJson } from '../../compiler/router/runtime/render.mjs';

const HOLE = Symbol('hole');
const STATE = '\u0000state\u0000';

export interface HoleMark {
  [HOLE]: { value: ValueForm; check?: ValueCheck };
}

/** A value filled in per request. */
export const hole = (value: ValueForm, check?: ValueCheck): HoleMark => ({ [HOLE]: check ? { value, check } : { value } });
export const data = (name: string, check?: ValueCheck): HoleMark => hole({ data: name }, check);
export const text = (parts: TextPart[], options: { ssml?: boolean; maxLength?: number } = {}): HoleMark =>
  hole({ text: parts, ssml: options.ssml ?? false }, { kind: 'text', maxLength: options.maxLength ?? 1500, ssml: options.ssml ?? false });

function isHole(value: unknown): value is HoleMark {
  return typeof value === 'object' && value !== null && HOLE in value;
}

/** An NCCO with holes → its form. The router's own eventUrls (given) get the state hole. */
export function form(ncco: unknown[], ownEventUrl?: string): NccoForm {
  const parts: NccoForm = [];
  const emit = (piece: string | Hole | { state: true }): void => {
    const last = parts[parts.length - 1];
    if (typeof piece === 'string' && typeof last === 'string') parts[parts.length - 1] = last + piece;
    else parts.push(piece);
  };
  const write = (value: unknown, pointer: string): void => {
    if (isHole(value)) {
      emit({ ...value[HOLE], pointer });
    } else if (Array.isArray(value)) {
      emit('[');
      value.forEach((v, i) => {
        if (i > 0) emit(',');
        write(v, `${pointer}/${i}`);
      });
      emit(']');
    } else if (typeof value === 'object' && value !== null) {
      emit('{');
      Object.entries(value).forEach(([k, v], i) => {
        emit(`${i > 0 ? ',' : ''}${asciiJson(k)}:`);
        write(v, `${pointer}/${k}`);
      });
      emit('}');
    } else if (typeof value === 'string' && value.includes(STATE)) {
      const [before, after] = value.split(STATE) as [string, string];
      const json = asciiJson(before);
      emit(json.slice(0, -1));
      emit({ state: true });
      emit(asciiJson(after).slice(1));
    } else {
      emit(asciiJson(value));
    }
  };
  const withState = ownEventUrl
    ? ncco.map((a) =>
        typeof a === 'object' &&
        a !== null &&
        Array.isArray((a as { eventUrl?: unknown }).eventUrl) &&
        (a as { eventUrl: string[] }).eventUrl[0] === ownEventUrl
          ? { ...a, eventUrl: [ownEventUrl + STATE] }
          : a,
      )
    : ncco;
  write(withState, '');
  return parts;
}

export const goTo = (flow: string, locale: string, step: string): Transition => ({ to: { flow, locale, step } });

/** An NCCO step whose last action posts to the router (when `on` is given). */
export function nccoStep(
  routerUrl: string,
  at: Target,
  actions: unknown[],
  on?: NccoStep['on'],
  reads: string[] = [],
  reportsInput = false,
): StepProgram {
  const own = routerUrl + eventRoutePath(at);
  const ncco = on ? actions.map((a, i) => (i === actions.length - 1 ? { ...(a as object), eventUrl: [own] } : a)) : actions;
  const step: StepProgram = { kind: 'ncco', ncco: form(ncco, on ? own : undefined), reads };
  if (on) step.on = on;
  if (reportsInput) step.reportsInput = true;
  return step;
}

/**
 * The route program: what the compiler hands to the router. The lower stage builds it from the flows,
 * the generator writes it next to the router (one chunk per flow, loaded when a call first needs it),
 * and the router runtime interprets it for every webhook. Nothing else passes between the two halves,
 * so these types are the contract: the compiler fills them, the runtime trusts their shape but never
 * the values that arrive with a call.
 *
 * Plain JSON only (no functions, no undefined, no Map): a program is written as JSON and read back.
 * Names of flows, locales and steps never contain '/'.
 */
/** Call data every flow has without declaring it (reserved names). */
export const BUILTIN_DATA = {
    /** The number that called (E.164 digits, no '+'); for outbound calls, the number called from. */
    caller: { type: { type: 'digits', minLength: 1, maxLength: 20 } },
    /** The number that was called. */
    called: { type: { type: 'digits', minLength: 1, maxLength: 20 } },
    /** Vonage's call uuid. */
    callId: { type: { type: 'text', maxLength: 64 } },
    /** The locale the call is in now (changes on a `goto` with `locale:`). */
    locale: { type: { type: 'text', maxLength: 35 } },
};
/** Key of a step inside its flow's program. */
export const stepId = (t) => `${t.locale}/${t.step}`;
/** The event route of a step, relative to routerUrl (the URL its eventUrl points at). */
export const eventRoutePath = (t) => `/on/${encodeURIComponent(t.flow)}/${encodeURIComponent(t.locale)}/${encodeURIComponent(t.step)}`;

/**
 * The interpreter of route programs: from a step (a call's start, or a transition a webhook took) it
 * runs decisions and lookups inside the router until it reaches a step the caller hears, renders that
 * step's NCCO with the call's data, and seals the call state into it. Whatever the build could not
 * check and fails at run time sends the call to its flow's error step, or to the safe NCCO; the
 * application hears of it through a report that names the flow and the step, never a value.
 */
import { holds } from './conditions.mjs';
import { runLookup } from './lookups.mjs';
import { BUILTIN_DATA, stepId, } from './program.mjs';
import { createHoleCache, isStaticForm, isAsciiForm, joinOwnRendered, joinRendered, renderForm, formValue, } from './render.mjs';
import { emptyState, isDataOnce, writableCounters, writableData } from './state.mjs';
import { choose, resolveTransition } from './transitions.mjs';
import { builtinsFrom, misfit } from './values.mjs';
export { builtinsFrom };
/** The counters a transition may change: a copy of frozen ones (a remembered state's) only when it counts. */
const countersFor = (transition, call) => transition.limit ? writableCounters(call.state) : call.state.counters;
/** The built-ins of a call that came without a state, taken from its webhook once they are needed. */
function tellBuiltins(call) {
    if (call.untold === undefined)
        return;
    const data = call.state.data;
    // Most often every built-in is there already (a state that left none to the webhook, or the webhook told them).
    if (Object.hasOwn(data, 'caller') && Object.hasOwn(data, 'called') && Object.hasOwn(data, 'callId')) {
        call.untold = undefined;
        return;
    }
    for (const [name, value] of Object.entries(builtinsFrom(call.untold))) {
        if (!Object.hasOwn(call.state.data, name))
            writableData(call.state)[name] = value;
    }
    call.untold = undefined;
}
/** What a flow needs carried between webhooks: anything but static steps and plain transitions. */
const stateful = new WeakMap();
function flowNeedsState(flow) {
    let needs = stateful.get(flow);
    if (needs === undefined) {
        needs = Object.keys(flow.data).length > 0 || Object.values(flow.steps).some(stepNeedsState);
        stateful.set(flow, needs);
    }
    return needs;
}
/** Whether a condition reads call data (opening hours need none). */
function readsData(condition) {
    if ('all' in condition)
        return condition.all.some(readsData);
    if ('any' in condition)
        return condition.any.some(readsData);
    if ('not' in condition)
        return readsData(condition.not);
    return !('hours' in condition);
}
/**
 * Counters alone do not make a flow carry state: they are sealed once one has counted (stateQuery), so a
 * static step answered by the router is the CDN's file until then.
 */
function stepNeedsState(step) {
    if (step.kind === 'lookup')
        return true;
    if (step.kind === 'decide')
        return step.branches.some((b) => readsData(b.when));
    if (step.reads.length > 0 || !isStaticForm(step.ncco))
        return true;
    return step.on?.kind === 'input' && step.on.store !== undefined;
}
/** A form that needs no call data, as its rendered parts (made once); undefined for one with holes. */
const staticForms = new WeakMap();
function staticParts(form) {
    let parts = staticForms.get(form);
    if (parts === undefined) {
        parts = isStaticForm(form) ? form.map((part) => (typeof part === 'string' ? part : null)) : null;
        staticForms.set(form, parts);
    }
    return parts ?? undefined;
}
/** The text of a static form with no state, joined once: one flat string, sent as it is on every webhook. */
const staticTexts = new WeakMap();
function staticText(form, parts) {
    let text = staticTexts.get(form);
    if (text === undefined) {
        // Joined once: the rope is flattened by the first answer that sends it, and stays flat for the next ones.
        text = joinRendered(parts, '');
        staticTexts.set(form, text);
    }
    return text;
}
/** Frozen call data, and the flow whose types it was last found to fit (a frozen object never changes). */
const fitted = new WeakMap();
export function createEngine(options) {
    const { source, trace } = options;
    const fillHole = createHoleCache();
    /**
     * Data that does not fit the flow it enters is dropped: a flow only ever sees values of its own types. Frozen
     * data (a state the sealer remembers, shared by the webhooks that bring it back) cannot change: once it has
     * fitted a flow it is not checked against that flow again (data decrypted for this webhook alone: not kept).
     */
    function enterFlow(flow, call) {
        if (call.untold !== undefined && flowNeedsState(flow))
            tellBuiltins(call);
        const data = call.state.data;
        if (fitted.get(data) === flow)
            return;
        for (const name in flow.data) {
            const value = call.state.data[name];
            if (value !== undefined && misfit(value, flow.data[name].type) !== undefined)
                delete writableData(call.state)[name];
        }
        if (call.state.data === data && Object.isFrozen(data) && !isDataOnce(call.state))
            fitted.set(data, flow);
    }
    const declarationOf = (flow, name) => Object.hasOwn(flow.data, name) ? flow.data[name] : Object.hasOwn(BUILTIN_DATA, name) ? BUILTIN_DATA[name] : undefined;
    // One type function per flow (made once), not a closure per webhook.
    const typeOfs = new WeakMap();
    const typeOf = (flow) => {
        let known = typeOfs.get(flow);
        if (known === undefined) {
            known = (name) => declarationOf(flow, name)?.type;
            typeOfs.set(flow, known);
        }
        return known;
    };
    const getter = (call, at) => (name) => name === 'locale' ? at.locale : Object.hasOwn(call.state.data, name) ? call.state.data[name] : undefined;
    /**
     * The context an ncco step renders with: one object for every webhook, pointed at the call and step being
     * rendered (rendering is synchronous and helpers are pure: nothing renders in between), so that a render
     * makes no closure and no context object.
     */
    let renderCall;
    let renderLocale = '';
    const renderContext = {
        get: (name) => {
            if (name === 'locale')
                return renderLocale;
            const data = renderCall?.state.data;
            return data !== undefined && Object.hasOwn(data, name) ? data[name] : undefined;
        },
        locale: '',
        helpers: options.helpers,
    };
    function renderStep(form, call, at) {
        renderCall = call;
        renderLocale = at.locale;
        renderContext.locale = at.locale;
        try {
            return renderForm(form, renderContext, fillHole);
        }
        finally {
            renderCall = undefined;
        }
    }
    /** The query the state is carried in, '' when the call has nothing to carry (without a promise where the sealer needs none). */
    function stateQuery(flow, at, call, tellsBuiltins) {
        const carry = flowNeedsState(flow) || hasCounters(call) || hasOwnData(call);
        if (!carry)
            return '';
        tellBuiltins(call);
        if (call.binding === undefined)
            return { kind: 'no-call-id', flow: at.flow, locale: at.locale, step: at.step };
        // An input step's webhook comes from the call's own leg and tells caller, called and callId again.
        const sealed = options.sealer.seal(call.state, call.binding, options.now(), tellsBuiltins ? call.webhook : undefined);
        return sealed instanceof Promise ? sealed.then((text) => queryOf(text, at)) : queryOf(sealed, at);
    }
    function queryOf(sealed, at) {
        return sealed === undefined ? { kind: 'state-too-large', flow: at.flow, locale: at.locale, step: at.step } : `?s=${sealed}`;
    }
    function hasCounters(call) {
        for (const _ in call.state.counters)
            return true;
        return false;
    }
    /** Data beyond the built-ins (which every webhook can tell again). */
    function hasOwnData(call) {
        for (const name in call.state.data)
            if (!Object.hasOwn(BUILTIN_DATA, name))
                return true;
        return false;
    }
    // The flows webhooks asked for last, by name: most webhooks need the flow the previous one had, and the
    // source answers with a promise (a microtask each time). Bounded; flows never change while a router runs.
    const recentFlows = new Map();
    function flowOf(name) {
        const known = recentFlows.get(name);
        if (known !== undefined)
            return known;
        return source.flow(name).then((flow) => {
            if (flow !== undefined) {
                if (recentFlows.size >= 64)
                    recentFlows.clear();
                recentFlows.set(name, flow);
            }
            return flow;
        });
    }
    function loadFlow(name) {
        const check = (flow) => {
            if (!flow)
                throw new Error(`flowc router: the program has no flow ${JSON.stringify(name)}`);
            return flow;
        };
        const flow = flowOf(name);
        return flow instanceof Promise ? flow.then(check) : check(flow);
    }
    /**
     * Runs from `start` until a step the caller hears is answered. Without a promise while nothing asynchronous
     * happens (a flow already loaded, no lookup, a sealer that answers at once): a promise per webhook is a
     * microtask and an allocation the static path does not need. A throw surfaces to the caller either way.
     */
    function run(start, call, current, errorPath = false) {
        if (current && current.flow === start.flow)
            return walk({ at: start, flow: current, taken: 0, call, errorPath });
        const loaded = loadFlow(start.flow);
        const begin = (flow) => {
            if (flow !== current)
                enterFlow(flow, call);
            return walk({ at: start, flow, taken: 0, call, errorPath });
        };
        return loaded instanceof Promise ? loaded.then(begin) : begin(loaded);
    }
    function fail(cursor, problem) {
        options.problem(problem);
        const { flow, at } = cursor;
        if (cursor.errorPath || flow.onError === undefined)
            return { kind: 'fallback', reason: 'internal-error', at };
        const onError = { flow: flow.flow, locale: at.locale, step: flow.onError };
        const settle = (outcome) => {
            if (outcome.kind === 'fallback')
                options.problem({ kind: 'error-step-failed', ...onError });
            return outcome;
        };
        const outcome = run(onError, cursor.call, flow, true);
        return outcome instanceof Promise ? outcome.then(settle) : settle(outcome);
    }
    /** The answer of an ncco step once its state query is known. */
    function nccoAnswer(step, parts, fixed, query) {
        if (typeof query !== 'string') {
            // The caller still hears the step; the data it would have carried on is lost, which later steps report.
            options.problem(query);
            return { kind: 'answer', body: joinRendered(parts, '') };
        }
        // A static step with nothing to carry: the same text every time, joined once.
        if (query === '' && fixed !== undefined)
            return { kind: 'answer', body: staticText(step.ncco, fixed) };
        if (parts === fixed)
            return { kind: 'answer', body: joinRendered(parts, query) };
        // A fresh render is this webhook's own: a rope of it, its length known where every piece is ASCII (the
        // form's texts, checked once; holes made by asciiJson; the query base64url).
        const body = joinOwnRendered(parts, query);
        return isAsciiForm(step.ncco) ? { kind: 'answer', body, bytes: body.length } : { kind: 'answer', body };
    }
    /** Takes `next` from the cursor's step, then walks on (`taken` counts the step just left). */
    function take(cursor, next) {
        const { call } = cursor;
        const from = cursor.at;
        cursor.at = resolveTransition(next, cursor.flow.flow, countersFor(next, call));
        trace?.({ kind: 'take', from, transition: next, to: cursor.at });
        cursor.taken++;
        if (cursor.at.flow === cursor.flow.flow)
            return walk(cursor);
        const loaded = loadFlow(cursor.at.flow);
        const enter = (flow) => {
            cursor.flow = flow;
            enterFlow(flow, call);
            return walk(cursor);
        };
        return loaded instanceof Promise ? loaded.then(enter) : enter(loaded);
    }
    /** The cursor's step: answered, or a transition taken to the next one (the walk goes on from there). */
    function walk(cursor) {
        const { at, flow, call } = cursor;
        if (cursor.taken > options.maxInternalSteps) {
            return fail(cursor, { kind: 'step-limit', flow: at.flow, locale: at.locale, step: at.step, limit: options.maxInternalSteps });
        }
        const key = stepId(at);
        const step = Object.hasOwn(flow.steps, key) ? flow.steps[key] : undefined;
        if (step === undefined)
            return fail(cursor, { kind: 'missing-step', flow: at.flow, locale: at.locale, step: at.step });
        trace?.({ kind: 'enter', at, step: step.kind });
        if (step.kind === 'decide') {
            const ctx = { get: getter(call, at), hours: (name) => source.core.hours[name], nowMs: options.now() };
            return take(cursor, step.branches.find((b) => holds(b.when, ctx))?.to ?? step.otherwise);
        }
        if (step.kind === 'lookup')
            return lookupStep(cursor, step).then((next) => take(cursor, next));
        const fixed = staticParts(step.ncco);
        let parts;
        if (fixed !== undefined)
            parts = fixed;
        else {
            const rendered = renderStep(step.ncco, call, at);
            if (!rendered.ok)
                return fail(cursor, { kind: 'render-failed', flow: at.flow, locale: at.locale, step: at.step, ...rendered.failure });
            parts = rendered.rendered;
        }
        const query = stateQuery(flow, at, call, step.on?.kind === 'input');
        return query instanceof Promise ? query.then((q) => nccoAnswer(step, parts, fixed, q)) : nccoAnswer(step, parts, fixed, query);
    }
    /** A lookup step: runs the application's lookup and says which transition it leads to. */
    async function lookupStep(cursor, step) {
        const { at, flow, call } = cursor;
        const get = getter(call, at);
        const input = {};
        for (const [field, form] of Object.entries(step.input)) {
            const made = formValue(form, { get, locale: at.locale, helpers: options.helpers });
            input[field] = made.ok ? made.value : undefined;
        }
        const context = {
            flow: at.flow,
            step: at.step,
            locale: at.locale,
            callId: typeof call.state.data['callId'] === 'string' ? call.state.data['callId'] : undefined,
        };
        const outcome = await runLookup({
            step,
            declaration: source.core.lookups[step.lookup],
            implementation: Object.hasOwn(options.lookups, step.lookup) ? options.lookups[step.lookup] : undefined,
            input,
            dataType: (name) => declarationOf(flow, name),
            context,
            ...(options.sleep ? { sleep: options.sleep } : {}),
        });
        if (outcome.kind === 'found') {
            Object.assign(writableData(call.state), outcome.store);
            return step.found;
        }
        if (outcome.kind === 'notFound')
            return step.notFound;
        const problem = { kind: 'lookup-failed', ...at, lookup: step.lookup, reason: outcome.reason };
        if (outcome.field !== undefined)
            problem.field = outcome.field;
        options.problem(problem);
        return step.failed;
    }
    /** The step an event route names, if it exists and has transitions (without a promise once its flow is known). */
    function eventStep(at) {
        const flow = flowOf(at.flow);
        return flow instanceof Promise ? flow.then((loaded) => stepOf(loaded, at)) : stepOf(flow, at);
    }
    // What a route's target found in its flow, kept per target object (the router keeps one per route path) and
    // flow: the same step answers every webhook of that route, and flows never change while a router runs.
    const eventSteps = new WeakMap();
    function stepOf(flow, at) {
        if (!flow)
            return undefined;
        const known = eventSteps.get(at);
        if (known !== undefined && known.flow === flow)
            return known.found;
        const key = stepId(at);
        const step = Object.hasOwn(flow.steps, key) ? flow.steps[key] : undefined;
        const found = step?.kind !== 'ncco' || !step.on ? undefined : { flow, step: step };
        eventSteps.set(at, { flow, found });
        return found;
    }
    /** A webhook on a step's event route: choose the transition, then run to the next answer. */
    function onEvent(found, at, payload, openState, sealed) {
        const { flow, step } = found;
        const choice = choose(step.on, payload, typeOf(flow));
        if (choice.kind === 'no-content')
            return { kind: 'no-content' };
        if (choice.kind === 'no-transition')
            return { kind: 'fallback', reason: 'no-transition', at };
        const opened = openState(payload, sealed);
        return opened instanceof Promise ? opened.then((o) => afterOpen(found, at, choice, o)) : afterOpen(found, at, choice, opened);
    }
    function afterOpen(found, at, choice, opened) {
        const { flow, step } = found;
        if (!opened.ok) {
            options.problem({ kind: 'state-refused', ...at, reason: opened.reason });
            return { kind: 'refused', reason: opened.reason, at };
        }
        const { call } = opened;
        enterFlow(flow, call);
        // Made only when the application hears of the input (most webhooks: never).
        let stored;
        if (choice.kind === 'go' && choice.stored) {
            writableData(call.state)[choice.stored.data] = choice.stored.value;
            stored = { [choice.stored.data]: choice.stored.value };
        }
        if (step.reportsInput &&
            step.on.kind === 'input' &&
            choice.input &&
            (choice.input.digits !== undefined || choice.input.speech !== undefined)) {
            tellBuiltins(call);
            const callId = call.state.data['callId'];
            options.input({
                flow: at.flow,
                step: at.step,
                locale: at.locale,
                callId: typeof callId === 'string' ? callId : undefined,
                input: choice.input,
                stored: stored ?? {},
            });
        }
        if (choice.kind === 'repeat') {
            options.repeated(at);
            return run(at, call, flow);
        }
        const to = resolveTransition(choice.transition, flow.flow, countersFor(choice.transition, call));
        trace?.({ kind: 'take', from: at, transition: choice.transition, to });
        return run(to, call, flow);
    }
    /** /answer: the call starts at the number's start step with its built-ins. */
    async function onAnswer(start, payload, binding) {
        const call = { state: emptyState(), binding, webhook: payload };
        Object.assign(call.state.data, builtinsFrom(payload));
        return run(start, call);
    }
    return { run, onAnswer, onEvent, eventStep };
}

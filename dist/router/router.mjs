/**
 * The webhook router: routes (/answer, /on/<flow>/<locale>/<step>, /event), signature checks, call
 * state in and out, and the answers when something is wrong (docs/router.md). It never answers 500:
 * a caller is on the line for every route but /event.
 */
import { cryptoBackend } from './crypto.mjs';
import { createEngine, } from './engine.mjs';
import { concat, errorAnswer, jsonAnswer, noContent, parseQuery, payloadFromBody, payloadFromQuery, queryJson, splitUrl, utf8, } from './http.mjs';
import { consoleLogger, limitedWarnings, loggableStatus } from './log.mjs';
import { textField } from './payloads.mjs';
import { createVerifier } from './signature.mjs';
import { createStateSealer, sharedEmptyState } from './state.mjs';
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 300;
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_MAX_BODY_BYTES = 65536;
export const DEFAULT_STATE_MAX_AGE_SECONDS = 3600;
export const DEFAULT_MAX_STATE_CHARS = 2048;
export const DEFAULT_MAX_INTERNAL_STEPS = 32;
export const DEFAULT_REMEMBER_SEALED_STATES = 1000;
/** Answered (200) when no flow owns the called number. */
export const UNKNOWN_NUMBER_NCCO = [
    { action: 'talk', text: 'Sorry, this number is not in service. Please check the number and call again. Goodbye.', language: 'en-US' },
];
/** Answered when a caller is on the line and the flow cannot continue. */
export const SAFE_NCCO = [
    { action: 'talk', text: 'Sorry, we cannot continue this call right now. Please call again later. Goodbye.', language: 'en-US' },
];
/** The router's own query parameter: the sealed call state. */
const STATE_PARAM = 's';
/** The answer route of an outbound flow: `/answer?flow=<flow>&locale=<locale>` (docs/router.md). */
const FLOW_PARAM = 'flow';
const LOCALE_PARAM = 'locale';
const isRouterParam = (key) => key === STATE_PARAM || key === FLOW_PARAM || key === LOCALE_PARAM;
/** The sealed state of a query, if it has one. */
function stateOf(pairs) {
    for (let i = 0; i < pairs.length; i++)
        if (pairs[i][0] === STATE_PARAM)
            return pairs[i][1];
    return undefined;
}
/** The pairs of no request (what a candidates function reads between two requests). */
const NO_PAIRS = [];
const isPositive = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0;
function positiveInteger(value, name) {
    if (!isPositive(value) || !Number.isInteger(value))
        throw new Error(`flowc router: ${name} must be a positive integer.`);
    return value;
}
function randomSecret() {
    return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}
/** Several sealers (key rotation): the first seals, each is tried in turn to open. */
function rotatingSealer(sealers) {
    const [first] = sealers;
    if (first === undefined)
        throw new Error('flowc router: stateSecret must not be an empty list.');
    if (sealers.length === 1)
        return first;
    return {
        seal: (state, binding, now, webhook) => first.seal(state, binding, now, webhook),
        async open(sealed, binding, now, webhook, tell) {
            let last = { ok: false, reason: 'tampered' };
            for (const sealer of sealers) {
                last = await sealer.open(sealed, binding, now, webhook, tell);
                if (last.ok || last.reason !== 'tampered')
                    return last;
            }
            return last;
        },
    };
}
/**
 * Creates the router. Throws at start (never per request) when no signature secret is given and
 * allowUnsigned is not true, or when an option is out of range.
 */
export function createRouterWith(setup, options = {}) {
    const secret = options.signatureSecret;
    if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
        throw new Error('flowc router: signatureSecret must be a non-empty string.');
    }
    if (secret === undefined && options.allowUnsigned !== true) {
        throw new Error('flowc router: refusing to start without a signature secret. Pass signatureSecret (your Vonage ' +
            'signature secret) so webhooks are verified, or allowUnsigned: true to accept unsigned webhooks (local testing only).');
    }
    const maxTokenAge = options.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
    const maxSkew = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    if (!isPositive(maxTokenAge))
        throw new Error('flowc router: maxTokenAgeSeconds must be a positive number.');
    if (typeof maxSkew !== 'number' || !Number.isFinite(maxSkew) || maxSkew < 0) {
        throw new Error('flowc router: maxClockSkewSeconds must be zero or a positive number.');
    }
    const maxBodyBytes = positiveInteger(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
    const stateMaxAge = positiveInteger(options.stateMaxAgeSeconds ?? DEFAULT_STATE_MAX_AGE_SECONDS, 'stateMaxAgeSeconds');
    const maxStateChars = positiveInteger(options.maxStateChars ?? DEFAULT_MAX_STATE_CHARS, 'maxStateChars');
    const maxInternalSteps = positiveInteger(options.maxInternalSteps ?? DEFAULT_MAX_INTERNAL_STEPS, 'maxInternalSteps');
    const rememberSealed = options.rememberSealedStates ?? DEFAULT_REMEMBER_SEALED_STATES;
    if (!Number.isInteger(rememberSealed) || rememberSealed < 0)
        throw new Error('flowc router: rememberSealedStates must be zero or a positive integer.');
    const stateSecrets = options.stateSecret === undefined ? [secret ?? randomSecret()] : [].concat(options.stateSecret);
    if (stateSecrets.some((s) => typeof s !== 'string' || s === ''))
        throw new Error('flowc router: stateSecret must be non-empty strings.');
    const now = options.now ?? Date.now;
    const logger = options.logger ?? consoleLogger;
    const warn = limitedWarnings(logger, now);
    const logError = (message, data) => {
        if (logger.error)
            logger.error(message, data);
        else
            logger.warn(message, data);
    };
    const describe = (error) => (error instanceof Error ? error.message : String(error));
    const backend = cryptoBackend(options.crypto ?? 'auto');
    const verify = secret === undefined ? undefined : createVerifier({ secret, backend, maxTokenAgeSeconds: maxTokenAge, maxClockSkewSeconds: maxSkew });
    // With node:crypto a signature is checked without a promise (signature.mts): see routeRequest.
    const verifiesAtOnce = backend.sync !== undefined;
    let checkedMethod = 'POST';
    let checkedPairs = NO_PAIRS;
    let checkedBody = null;
    const candidatesOfChecked = (i) => candidate(i, checkedMethod, checkedPairs, checkedBody);
    const { core } = setup.source;
    const sealer = rotatingSealer(stateSecrets.map((s, i) => createStateSealer({
        secret: s,
        projectId: core.projectId,
        backend,
        maxAgeSeconds: stateMaxAge,
        maxChars: maxStateChars,
        // Only the first key seals.
        rememberSealed: i === 0 ? rememberSealed : 0,
    })));
    /** Calls an application callback without waiting on it; a throw or a rejection is logged. */
    const notify = (name, callback, value) => {
        if (!callback)
            return;
        try {
            const result = callback(value);
            if (result instanceof Promise)
                result.catch((error) => logError(`flowc router: ${name} failed`, { error: describe(error) }));
        }
        catch (error) {
            logError(`flowc router: ${name} failed`, { error: describe(error) });
        }
    };
    const engine = createEngine({
        source: setup.source,
        helpers: setup.helpers,
        lookups: (options.lookups ?? {}),
        sealer,
        now,
        maxInternalSteps,
        problem(problem) {
            // Flow, step and what failed: never a value.
            warn(`flowc router: ${problem.kind}`, { ...problem });
            notify('onProblem', options.onProblem?.bind(options), problem);
        },
        repeated(at) {
            warn('flowc router: no transition matched; repeating the step', { route: `${at.flow}/${at.locale}/${at.step}` });
        },
        input(event) {
            notify('onInput', options.onInput?.bind(options), event);
        },
        ...(options.onTrace
            ? {
                trace(event) {
                    try {
                        options.onTrace?.(event);
                    }
                    catch {
                        // a tool's tracer must not change a call
                    }
                },
            }
            : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    let basePath = '';
    try {
        basePath = new URL(core.routerUrl).pathname.replace(/(?<!\/)\/+$/, ''); // linear (test/adversarial/redos.test.ts)
    }
    catch {
        basePath = '';
    }
    /** /flowc/answer and /answer both work: the router may sit behind a path-stripping proxy. */
    function parseRoute(rawPath) {
        let path = rawPath;
        if (basePath !== '' && path.startsWith(basePath) && (path.length === basePath.length || path.charCodeAt(basePath.length) === 47)) {
            path = path.slice(basePath.length);
        }
        if (path.length > 1 && path.endsWith('/'))
            path = path.slice(0, -1);
        if (path === '/answer')
            return { kind: 'answer' };
        if (path === '/event')
            return { kind: 'event' };
        if (!path.startsWith('/on/'))
            return undefined;
        const segments = path.slice(4).split('/');
        if (segments.length !== 3)
            return undefined;
        try {
            const [flow, locale, step] = segments.map((s) => decodeURIComponent(s));
            if (!flow || !locale || !step)
                return undefined;
            return { kind: 'step', target: { flow, locale, step } };
        }
        catch {
            return undefined;
        }
    }
    // A route's path comes back with every webhook of its step: parse each one once (a bounded cache).
    const routes = new Map();
    function findRoute(rawPath) {
        if (routes.has(rawPath))
            return routes.get(rawPath);
        const found = parseRoute(rawPath);
        if (routes.size >= 1024)
            routes.clear();
        if (rawPath.length <= 512)
            routes.set(rawPath, found);
        return found;
    }
    function fallback(context, status) {
        let body = JSON.stringify(context.reason === 'unknown-number' ? UNKNOWN_NUMBER_NCCO : SAFE_NCCO);
        if (options.fallbackNcco) {
            try {
                const custom = options.fallbackNcco(context);
                if (Array.isArray(custom) && custom.length > 0)
                    body = JSON.stringify(custom);
                else
                    logError('flowc router: fallbackNcco did not return a non-empty NCCO array; using the default', { reason: context.reason });
            }
            catch (error) {
                logError('flowc router: fallbackNcco failed; using the default', { reason: context.reason, error: describe(error) });
            }
        }
        return jsonAnswer(status, body);
    }
    /** A 4xx where a caller may be on the line still carries a safe NCCO (design: router contract). */
    function reject(found, status, reason) {
        if (found.kind === 'event')
            return errorAnswer(status, reason);
        return fallback(found.kind === 'step' ? { reason, route: found.target } : { reason }, status);
    }
    function reportStatus(payload, route) {
        const callback = options.onCallStatus;
        if (!callback)
            return;
        notify('onCallStatus', (event) => callback.call(options, event, route ? { route } : {}), payload);
    }
    function answer(outcome) {
        switch (outcome.kind) {
            case 'answer': {
                const answered = jsonAnswer(200, outcome.body);
                if (outcome.bytes !== undefined)
                    answered.bodyBytes = outcome.bytes;
                return answered;
            }
            case 'no-content':
                return noContent();
            case 'not-found':
                return errorAnswer(404, 'not-found');
            case 'refused':
                return fallback({ reason: 'bad-state', route: outcome.at }, outcome.reason === 'oversized' ? 414 : 400);
            case 'fallback':
                return fallback({ reason: outcome.reason === 'no-transition' ? 'no-transition' : 'run-problem', route: outcome.at }, 200);
        }
    }
    /** The id every webhook of a call carries (notify and connect-leg webhooks have no uuid of the call). */
    const bindingOf = (payload) => {
        const id = textField(payload, 'conversation_uuid') || textField(payload, 'uuid');
        return id === '' ? undefined : id;
    };
    /** An outbound call the application placed with the router's answer URL for a flow and locale (the manifest's `outbound`). */
    async function answerOutbound(flow, locale, payload) {
        const outbound = setup.source.core.outbound;
        const entry = outbound !== undefined && Object.hasOwn(outbound, flow) ? outbound[flow] : undefined;
        if (entry === undefined || locale === undefined || !entry.locales.includes(locale)) {
            warn('flowc router: no outbound flow answers this route', { flow: flow.slice(0, 64), locale: (locale ?? '').slice(0, 64) });
            return fallback({ reason: 'unknown-flow', flow, ...(locale !== undefined ? { locale } : {}) }, 404);
        }
        return answer(await engine.onAnswer({ flow, locale, step: entry.start }, payload, bindingOf(payload)));
    }
    async function answerCall(payload, pairs) {
        const flow = pairs.find(([key]) => key === FLOW_PARAM)?.[1];
        if (flow !== undefined)
            return answerOutbound(flow, pairs.find(([key]) => key === LOCALE_PARAM)?.[1], payload);
        const to = textField(payload, 'to');
        // Vonage sends E.164 digits without '+'; tolerate '+', spaces and dashes typed by people testing.
        const number = /^[+\d\s().-]+$/.test(to) ? to.replace(/\D/g, '') : to;
        const entry = number === '' ? undefined : await setup.source.number(number);
        if (!entry) {
            warn('flowc router: no flow answers this number', { to: to.slice(0, 64) });
            return fallback({ reason: 'unknown-number', to }, 200);
        }
        return answer(await engine.onAnswer(entry.start, payload, bindingOf(payload)));
    }
    /** A webhook's call: its state opened (or why not), bound to the id every webhook of the call carries. */
    function openCall(payload, sealed) {
        const binding = bindingOf(payload);
        if (sealed === undefined) {
            // A call answered by the CDN, or one that had nothing to carry: what the webhook tells, when a flow needs it.
            return { ok: true, call: { state: sharedEmptyState(), binding, untold: payload, webhook: payload } };
        }
        if (binding === undefined)
            return { ok: false, reason: 'malformed' };
        // The engine tells the built-ins a state left to this webhook (withCall: untold) before it reads or seals data.
        const opened = sealer.open(sealed, binding, now(), payload, true);
        return opened instanceof Promise ? opened.then((o) => withCall(o, binding, payload)) : withCall(opened, binding, payload);
    }
    /** A format-3 state left the built-ins this webhook tells to it: they are taken from it when a flow needs them. */
    function withCall(opened, binding, payload) {
        if (!opened.ok)
            return opened;
        return {
            ok: true,
            call: opened.fromWebhook
                ? { state: opened.state, binding, untold: payload, webhook: payload }
                : { state: opened.state, binding, webhook: payload },
        };
    }
    function routeStep(target, found, payload, sealed) {
        if (found.step.on.kind === 'connect')
            reportStatus(payload, target);
        // openCall is one function for every webhook (the engine hands it the payload and the sealed text): no closure each.
        const called = engine.onEvent(found, target, payload, openCall, sealed);
        return called instanceof Promise
            ? called.then((outcome) => stepAnswer(target, found, payload, outcome))
            : stepAnswer(target, found, payload, called);
    }
    function stepAnswer(target, found, payload, outcome) {
        if (outcome.kind === 'fallback' && outcome.reason === 'no-transition') {
            const kind = found.step.on.kind;
            const status = typeof payload['status'] === 'string' ? payload['status'] : '';
            // Never log a pay webhook beyond a status word.
            warn(`flowc router: no transition for this ${kind === 'pay' ? 'payment' : 'connect'} status`, {
                route: `${target.flow}/${target.locale}/${target.step}`,
                status: loggableStatus(status),
            });
        }
        return answer(outcome);
    }
    /**
     * handle() without a promise where nothing asynchronous happens (node:crypto, a flow and a state in memory):
     * what the node:http adapter calls. Never throws: an internal error is answered as in handle().
     */
    function respond(request) {
        let found;
        try {
            const { path, search } = splitUrl(request.url);
            found = findRoute(path);
            if (!found)
                return errorAnswer(404, 'not-found');
            const answered = routeRequest(request, found, path, search);
            if (answered instanceof Promise) {
                const at = found;
                return answered.catch((error) => internalError(error, at));
            }
            return answered;
        }
        catch (error) {
            return internalError(error, found);
        }
    }
    /** Never a 500 to a caller: log, then answer the safe NCCO. */
    function internalError(error, found) {
        try {
            logError('flowc router: internal error', { error: describe(error) });
        }
        catch {
            // a failing logger must not turn into a failed call
        }
        if (!found || found.kind === 'event')
            return noContent();
        return fallback(found.kind === 'step' ? { reason: 'internal-error', route: found.target } : { reason: 'internal-error' }, 200);
    }
    function routeRequest(request, found, path, search) {
        const method = request.method === 'POST' || request.method === 'GET' ? request.method : request.method.toUpperCase();
        if (method !== 'GET' && method !== 'POST') {
            const refused = errorAnswer(405, 'method-not-allowed');
            refused.headers['allow'] = 'GET, POST';
            return refused;
        }
        if (request.oversized) {
            warn('flowc router: request body too large', { path, limit: maxBodyBytes });
            return reject(found, 413, 'payload-too-large');
        }
        const pairs = parseQuery(search);
        if (!pairs)
            return badRequest(found, path, 'malformed-query');
        const body = method === 'POST' ? (request.body ?? null) : null;
        if (!verify)
            return afterVerify(found, path, method, pairs, body);
        if (verifiesAtOnce) {
            // node:crypto: verify answers before it returns, so one candidates function reads this request from three
            // variables (no closure per webhook), cleared as soon as it has answered.
            checkedMethod = method;
            checkedPairs = pairs;
            checkedBody = body;
            let verdict;
            try {
                verdict = verify(request.authorization, candidatesOfChecked, now());
            }
            finally {
                checkedPairs = NO_PAIRS;
                checkedBody = null;
            }
            if (!(verdict instanceof Promise))
                return verified(verdict, found, path, method, pairs, body);
            return verdict.then((failure) => verified(failure, found, path, method, pairs, body));
        }
        const verdict = verify(request.authorization, (i) => candidate(i, method, pairs, body), now());
        return verdict instanceof Promise
            ? verdict.then((failure) => verified(failure, found, path, method, pairs, body))
            : verified(verdict, found, path, method, pairs, body);
    }
    /** The i-th text whose SHA-256 may be the token's payload_hash (PayloadCandidates), for this request. */
    function candidate(i, method, pairs, body) {
        if (method === 'GET') {
            if (i === 0)
                return utf8.encode(queryJson(pairs));
            // Vonage may hash only its own parameters: the state is authenticated on its own, and an
            // outbound answer's flow and locale are the application's (docs/router.md, "Outbound calls").
            if (i === 1 && pairs.some(([key]) => isRouterParam(key)))
                return utf8.encode(queryJson(pairs.filter(([key]) => !isRouterParam(key))));
            return undefined;
        }
        if (i === 0)
            return body ?? new Uint8Array(0);
        // Vonage hashes its compact JSON; a body re-serialized with other whitespace still matches.
        const parsed = payloadFromBody(body);
        if (!parsed)
            return undefined;
        if (i === 1)
            return utf8.encode(JSON.stringify(parsed));
        // The old Node snippet hashed Object.assign(query, body): the eventUrl's query first.
        if (i === 2 && pairs.length > 0)
            return utf8.encode(JSON.stringify(Object.assign(JSON.parse(queryJson(pairs)), parsed)));
        return undefined;
    }
    function verified(failure, found, path, method, pairs, body) {
        if (failure === undefined)
            return afterVerify(found, path, method, pairs, body);
        warn('flowc router: webhook signature rejected', { reason: failure });
        return errorAnswer(401, 'unauthorized');
    }
    /** A request whose signature is good (or not required): its payload, then its route. */
    function afterVerify(found, path, method, pairs, body) {
        const payload = method === 'GET' ? payloadFromQuery(pairs, STATE_PARAM) : payloadFromBody(body);
        if (!payload)
            return badRequest(found, path, method === 'GET' ? 'malformed-query' : 'malformed-json');
        if (found.kind === 'answer')
            return answerCall(payload, pairs);
        if (found.kind === 'event') {
            reportStatus(payload, undefined);
            return noContent();
        }
        const { target } = found;
        const sealed = stateOf(pairs);
        const known = engine.eventStep(target);
        const stepFound = (step) => step ? routeStep(target, step, payload, sealed) : errorAnswer(404, 'not-found');
        return known instanceof Promise ? known.then(stepFound) : stepFound(known);
    }
    async function handle(request) {
        return respond(request);
    }
    function badRequest(found, path, reason) {
        warn('flowc router: malformed webhook', { path, reason });
        return reject(found, 400, 'bad-request');
    }
    async function readBody(request) {
        const declared = Number(request.headers.get('content-length') ?? '0');
        if (declared > maxBodyBytes)
            return undefined;
        if (!request.body)
            return new Uint8Array(0);
        const reader = request.body.getReader();
        const chunks = [];
        let size = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            size += value.length;
            if (size > maxBodyBytes) {
                await reader.cancel();
                return undefined;
            }
            chunks.push(value);
        }
        return concat(chunks, size);
    }
    async function fetchHandler(request) {
        let body = null;
        let oversized = false;
        if (request.method.toUpperCase() === 'POST') {
            try {
                const read = await readBody(request);
                if (read === undefined)
                    oversized = true;
                else
                    body = read;
            }
            catch {
                body = null; // an aborted upload is a malformed request
            }
        }
        const answered = await handle({
            method: request.method,
            url: request.url,
            authorization: request.headers.get('authorization'),
            body,
            oversized,
        });
        return new Response(answered.body, { status: answered.status, headers: answered.headers });
    }
    const router = { fetch: fetchHandler, handle, maxBodyBytes };
    responders.set(router, respond);
    return router;
}
/** Each router's handle() without a promise where it can do without one (not part of the Router API). */
const responders = new WeakMap();
/**
 * What toNodeHandler calls: the router's handle(), answering without a promise where nothing asynchronous
 * happens (a promise per webhook is a microtask and allocations). A Router made elsewhere: its handle().
 */
export function responderOf(router) {
    return responders.get(router) ?? ((request) => router.handle(request));
}

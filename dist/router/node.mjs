/**
 * node:http adapter: `http.createServer(toNodeHandler(router))`. The request and response are typed
 * structurally, so the router imports nothing from Node and stays edge-safe.
 */
import { concat, jsonAnswer, utf8 } from './http.mjs';
import { responderOf, SAFE_NCCO } from './router.mjs';
function headerValue(value) {
    if (Array.isArray(value))
        return value[0] ?? null;
    return value ?? null;
}
/** The first value of a header (`name` in lower case), as node:http's `headers` keeps it for these two. */
function header(req, name) {
    const raw = req.rawHeaders;
    if (!Array.isArray(raw))
        return headerValue(req.headers[name]);
    for (let i = 0; i + 1 < raw.length; i += 2) {
        const key = raw[i];
        if (key.length === name.length && key.toLowerCase() === name)
            return raw[i + 1];
    }
    return null;
}
/** Node's Buffer (this adapter runs on Node only): its byteLength counts UTF-8 without encoding. */
const NodeBuffer = globalThis.Buffer;
const byteLength = (text) => (NodeBuffer ? NodeBuffer.byteLength(text, 'utf8') : utf8.encode(text).length);
/** Answered when handle() fails in a way it did not answer itself. */
const safeAnswer = () => jsonAnswer(200, JSON.stringify(SAFE_NCCO));
/**
 * Writes an answer. With its length, node:http sends head and body in one write; without it (writeHead first),
 * chunked: a size line, the body, a CRLF and a last chunk, each a write, and a client that must parse them.
 * A throw (a response another handler already answered) is not the caller's to see: there is no one to answer.
 */
function send(res, answer, oversized) {
    try {
        if (answer.body !== null)
            answer.headers['content-length'] = String(answer.bodyBytes ?? byteLength(answer.body));
        // The rest of an oversized upload is not read: close the connection after answering.
        if (oversized)
            answer.headers['connection'] = 'close';
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? undefined);
    }
    catch {
        // nothing left to do for this request
    }
}
/** Hands the request to the router and writes its answer: at once when the router answers without a promise. */
function dispatch(respond, req, res, body, oversized) {
    let answered;
    try {
        answered = respond({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: header(req, 'authorization'), body, oversized });
    }
    catch {
        answered = safeAnswer();
    }
    if (answered instanceof Promise) {
        answered.then((answer) => send(res, answer, oversized), () => send(res, safeAnswer(), oversized));
    }
    else {
        send(res, answered, oversized);
    }
}
export function toNodeHandler(router) {
    const limit = router.maxBodyBytes;
    const respond = responderOf(router);
    return (req, res) => {
        const method = req.method ?? 'GET';
        if ((method !== 'POST' && method.toUpperCase() !== 'POST') || req.readableEnded === true) {
            // GET carries no body; a body already consumed by other middleware cannot be verified.
            dispatch(respond, req, res, null, false);
            return;
        }
        if (Number(header(req, 'content-length') ?? '0') > limit) {
            dispatch(respond, req, res, null, true);
            return;
        }
        const chunks = [];
        let size = 0;
        let stopped = false;
        req.on('data', (chunk) => {
            if (stopped)
                return;
            const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
            size += bytes.length;
            if (size > limit) {
                stopped = true;
                dispatch(respond, req, res, null, true);
                return;
            }
            chunks.push(bytes);
        });
        req.on('end', () => {
            if (!stopped)
                dispatch(respond, req, res, concat(chunks, size), false);
        });
        req.on('error', () => {
            stopped = true; // the client went away; there is no one to answer
        });
    };
}

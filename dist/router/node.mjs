/**
 * node:http adapter: `http.createServer(toNodeHandler(router))`. The request and response are typed
 * structurally, so the router imports nothing from Node and stays edge-safe.
 */
import { concat, jsonAnswer, utf8 } from './http.mjs';
import { SAFE_NCCO } from './router.mjs';
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
export function toNodeHandler(router) {
    const limit = router.maxBodyBytes;
    return (req, res) => {
        let done = false;
        const send = (answer) => {
            if (done)
                return;
            done = true;
            // With its length, node:http sends head and body in one write; without it (writeHead first), chunked:
            // a size line, the body, a CRLF and a last chunk, each a write, and a client that must parse them.
            if (answer.body !== null)
                answer.headers['content-length'] = String(byteLength(answer.body));
            res.writeHead(answer.status, answer.headers);
            res.end(answer.body ?? undefined);
        };
        const dispatch = (body, oversized) => {
            router
                .handle({
                method: req.method ?? 'GET',
                url: req.url ?? '/',
                authorization: header(req, 'authorization'),
                body,
                oversized,
            })
                .then((answer) => {
                // The rest of an oversized upload is not read: close the connection after answering.
                if (oversized)
                    answer.headers['connection'] = 'close';
                send(answer);
            })
                .catch(() => send(jsonAnswer(200, JSON.stringify(SAFE_NCCO))));
        };
        if ((req.method ?? 'GET').toUpperCase() !== 'POST' || req.readableEnded === true) {
            // GET carries no body; a body already consumed by other middleware cannot be verified.
            dispatch(null, false);
            return;
        }
        if (Number(header(req, 'content-length') ?? '0') > limit) {
            dispatch(null, true);
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
                dispatch(null, true);
                return;
            }
            chunks.push(bytes);
        });
        req.on('end', () => {
            if (!stopped)
                dispatch(concat(chunks, size), false);
        });
        req.on('error', () => {
            stopped = true; // the client went away; there is no one to answer
        });
    };
}

/**
 * Webhook payloads as Vonage sends them (constraints §4; samples in shared/reference/webhook-samples and
 * the Vonage SDKs). Each has an index signature: Vonage adds fields over time. The router reads them
 * defensively: a field of an unexpected type counts as absent.
 */
export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Digits pressed: dtmf.digits, or the pre-2020 form where dtmf itself is the digit string. */
export function digitsOf(payload) {
    const dtmf = payload['dtmf'];
    if (typeof dtmf === 'string')
        return dtmf.trim();
    if (!isObject(dtmf))
        return '';
    const d = dtmf['digits'];
    if (typeof d === 'string')
        return d.trim();
    if (typeof d === 'number')
        return String(d);
    return '';
}
/** Speech results that hold some text, as sent. */
export function speechResultsOf(payload) {
    const speech = payload['speech'];
    if (!isObject(speech) || !Array.isArray(speech['results']))
        return [];
    const out = [];
    speech['results'].forEach((r, index) => {
        if (!isObject(r))
            return;
        const text = r['text'];
        if (typeof text !== 'string' || text.trim() === '')
            return;
        out.push({ text, confidence: confidenceOf(r['confidence']), index });
    });
    return out;
}
function confidenceOf(c) {
    const n = typeof c === 'number' ? c : typeof c === 'string' ? Number.parseFloat(c) : Number.NaN;
    return Number.isFinite(n) ? n : 0;
}
/** A text field of the payload, or '' (numbers are accepted as text: some gateways send `to` as a number). */
export function textField(payload, name) {
    const value = payload[name];
    return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/**
 * Running a lookup the application implements (program.ts, LookupStep): its input made from call data
 * and checked against the declaration, a time limit after which it counts as failed (a caller never
 * waits in silence), and its answer checked field by field before anything is stored. A throw, a hang,
 * a wrong shape or a wrong type all end in `failed`; only the field names are ever reported.
 */
import { isObject } from './payloads.mjs';
import { misfit, toCents } from './values.mjs';
const timerSleep = (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
});
const TIMEOUT = Symbol('timeout');
export async function runLookup(run) {
    const { step, declaration } = run;
    if (typeof run.implementation !== 'function' || declaration === undefined)
        return { kind: 'failed', reason: 'not-implemented' };
    const input = {};
    for (const [name, decl] of Object.entries(declaration.input)) {
        const value = run.input[name];
        if (value === undefined) {
            if (decl.optional)
                continue;
            return { kind: 'failed', reason: 'bad-input', field: name };
        }
        if (misfit(value, decl.type) !== undefined)
            return { kind: 'failed', reason: 'bad-input', field: name };
        input[name] = value;
    }
    const controller = new AbortController();
    const answered = new AbortController();
    const expired = (run.sleep ?? timerSleep)(step.timeoutMs, answered.signal).then(() => TIMEOUT);
    let answer;
    try {
        const call = run.implementation(input, {
            ...run.context,
            signal: controller.signal,
        });
        answer = await Promise.race([Promise.resolve(call), expired]);
    }
    catch {
        return { kind: 'failed', reason: 'threw' };
    }
    finally {
        answered.abort();
    }
    if (answer === TIMEOUT) {
        controller.abort();
        return { kind: 'failed', reason: 'timeout' };
    }
    if (answer === null || answer === undefined)
        return { kind: 'notFound' };
    if (!isObject(answer))
        return { kind: 'failed', reason: 'wrong-shape' };
    try {
        return checkAnswer(answer, run);
    }
    catch {
        // A getter that throws, a proxy: not an answer.
        return { kind: 'failed', reason: 'wrong-shape' };
    }
}
function checkAnswer(answer, run) {
    const { step } = run;
    const declaration = run.declaration;
    const store = {};
    for (const [field, decl] of Object.entries(declaration.output)) {
        const value = Object.hasOwn(answer, field) ? answer[field] : undefined;
        if (value === undefined || value === null) {
            if (decl.optional)
                continue;
            return { kind: 'failed', reason: 'missing-field', field };
        }
        if (misfit(value, decl.type) !== undefined)
            return { kind: 'failed', reason: 'wrong-type', field };
    }
    for (const [field, name] of Object.entries(step.store)) {
        const value = Object.hasOwn(answer, field) ? answer[field] : undefined;
        if (value === undefined || value === null)
            continue;
        const target = run.dataType(name);
        if (target === undefined || misfit(value, target.type) !== undefined)
            return { kind: 'failed', reason: 'does-not-fit', field };
        store[name] = target.type.type === 'money' ? toCents(value) : value;
    }
    return { kind: 'found', store };
}

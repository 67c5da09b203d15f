/**
 * The NCCO validator: `validateNcco(ncco, options)` returns every finding for an NCCO value — the schema of each
 * action (dispatched on `action`, one compiled ajv schema per action) and the rules beyond the schema.
 * Pure and fast: safe to call on every request of an application that builds NCCOs dynamically.
 *
 * NCCO reference: "A Call Control Object (NCCO) is represented by a JSON array"; Vonage's JSON schema sets
 * `minItems: 1` and requires `action` on every item (ncco-constraints.md §1).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { validatorFor } from './action-validators.js';
import { translateAjvErrors } from './ajv-errors.js';
import { finding } from './codes.js';
import { ruleContext, runRules } from './rules/index.js';
import { actionNames, isActionName } from './schemas/index.js';
import type { ValidateOptions } from './validate-options.js';
import { describeValue, isObject } from './values.js';

export type { ValidateOptions } from './validate-options.js';

/** Names people use for actions in other call-flow languages (TwiML, older docs) → the NCCO action. */
const actionSynonyms: Readonly<Record<string, string>> = {
  say: 'talk',
  speak: 'talk',
  text: 'talk',
  tts: 'talk',
  play: 'stream',
  audio: 'stream',
  gather: 'input',
  dial: 'connect',
  conference: 'conversation',
  pause: 'wait',
  sleep: 'wait',
};

function unknownAction(name: string, pointer: string): Diagnostic {
  const lower = name.toLowerCase();
  const suggestion = isActionName(lower)
    ? lower
    : Object.hasOwn(actionSynonyms, lower)
      ? actionSynonyms[lower]
      : didYouMean(name, actionNames);
  return finding(
    'ncco/unknown-action',
    pointer,
    `"${name}" is not an NCCO action.${suggestion !== undefined ? ` Did you mean "${suggestion}"?` : ''}`,
    `The actions are: ${actionNames.join(', ')}.`,
  );
}

function checkShape(ncco: unknown): Diagnostic | undefined {
  if (!Array.isArray(ncco)) {
    const single = isObject(ncco) && typeof ncco.action === 'string';
    return finding(
      'ncco/not-array',
      '',
      `An NCCO must be a list of actions in square brackets [ ], but this is ${ncco === null ? 'null' : single ? 'a single action' : `a${typeof ncco === 'object' ? 'n object' : ` ${typeof ncco}`}`}.`,
      single ? 'Wrap the action in a list: [ { "action": … } ].' : 'Write the NCCO as [ { "action": "talk", "text": "Hello" } ].',
    );
  }
  if (ncco.length === 0) {
    return finding(
      'ncco/empty',
      '',
      'The NCCO has no actions; Vonage would end the call at once.',
      'Add at least one action, e.g. { "action": "talk", "text": "Hello" }.',
    );
  }
  return undefined;
}

/** Findings from the schema of each action, in NCCO order. */
function schemaFindings(ncco: readonly unknown[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < ncco.length; i++) {
    const item = ncco[i];
    const pointer = `/${i}`;
    if (!isObject(item)) {
      out.push(
        finding(
          'ncco/not-object',
          pointer,
          `Item ${i + 1} of the NCCO must be an action object { "action": … }, but it is ${describeValue(item)}.`,
          'Write each action as an object with its name and options, e.g. { "action": "talk", "text": "Hello." }.',
        ),
      );
      continue;
    }
    const name = item.action;
    if (name === undefined) {
      out.push(
        finding(
          'ncco/missing-action',
          pointer,
          `Item ${i + 1} of the NCCO does not say which action it is.`,
          'Add "action", e.g. "action": "talk".',
        ),
      );
      continue;
    }
    if (typeof name !== 'string') {
      out.push(
        finding('ncco/type', `${pointer}/action`, `"action" must be the action's name in quotes, but it is ${describeValue(name)}.`),
      );
      continue;
    }
    if (!isActionName(name)) {
      out.push(unknownAction(name, `${pointer}/action`));
      continue;
    }
    const validate = validatorFor(name);
    if (!validate(item) && validate.errors) out.push(...translateAjvErrors(validate.errors, name, pointer));
  }
  return out;
}

/** Codes that say "wrong kind of value": other schema complaints about the same value add nothing. */
const typeCodes = new Set(['ncco/type', 'ncco/string-number', 'ncco/string-boolean']);
const valueCodes = new Set(['ncco/enum', 'ncco/format', 'ncco/empty-value', 'ncco/tts-language']);

/**
 * One finding per problem: a placeholder explains every other complaint about the same value, a wrong type
 * explains enum/format complaints, and identical findings are kept once.
 */
function dedupe(findings: Diagnostic[]): Diagnostic[] {
  if (findings.length < 2) return findings;
  const placeholders = new Set<string>();
  const typed = new Set<string>();
  for (const f of findings) {
    if (f.code === 'ncco/placeholder') placeholders.add(f.pointer ?? '');
    if (typeCodes.has(f.code)) typed.add(f.pointer ?? '');
  }
  const seen = new Set<string>();
  return findings.filter((f) => {
    const pointer = f.pointer ?? '';
    if (placeholders.has(pointer) && f.code !== 'ncco/placeholder') return false;
    if (typed.has(pointer) && valueCodes.has(f.code)) return false;
    const key = `${f.code}\u0000${pointer}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every finding for an NCCO value: errors where Vonage would reject the NCCO or the call would not do what the
 * author meant, warnings where Vonage accepts it but it is risky or deprecated. Never throws.
 * Pointers are RFC 6901 pointers into `ncco`; the caller adds `file` and `range`.
 */
export function validateNcco(ncco: unknown, options: ValidateOptions = {}): Diagnostic[] {
  const shape = checkShape(ncco);
  if (shape !== undefined) return [shape];
  const actions = ncco as readonly unknown[];
  const findings = schemaFindings(actions);
  const ruleFindings = runRules(actions, ruleContext(options));
  return dedupe(ruleFindings.length === 0 ? findings : findings.concat(ruleFindings));
}

/** Cross-field rules of `connect` (NCCO reference › Connect; ncco-constraints.md §2.3, §7). */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { finding } from '../codes.js';
import { isObject, lenientBoolean } from '../values.js';
import { actionRule } from './rule.js';

/** "randomFromNumber: true cannot be used together with from." */
export const fromAndRandomFrom = actionRule({
  name: 'from-and-random-from',
  codes: ['ncco/from-and-random-from'],
  actions: ['connect'],
  check(action, i, _context, out) {
    if (action.from === undefined || lenientBoolean(action.randomFromNumber) !== true) return;
    out.push(
      finding(
        'ncco/from-and-random-from',
        `/${i}/randomFromNumber`,
        'randomFromNumber is true and "from" is set as well; Vonage allows only one of them.',
        'Remove "from" to let Vonage pick one of your numbers, or remove randomFromNumber.',
      ),
    );
  },
});

/** endpoint: "Currently supports a maximum of one endpoint object" (and it is required). */
export const endpointCount = actionRule({
  name: 'endpoint-count',
  codes: ['ncco/endpoint-count'],
  actions: ['connect'],
  check(action, i, _context, out) {
    const endpoint = action.endpoint;
    if (!Array.isArray(endpoint) || endpoint.length === 1) return;
    out.push(
      finding(
        'ncco/endpoint-count',
        `/${i}/endpoint`,
        endpoint.length === 0
          ? 'The endpoint list is empty; connect needs exactly one endpoint.'
          : `The endpoint list has ${endpoint.length} endpoints; connect supports exactly one.`,
        'To ring several endpoints one after another, use one connect action per endpoint.',
      ),
    );
  },
});

/** SIP endpoint: a `uri`, or `user` and `domain` (Java/.NET/Ruby SDKs), never both. */
export const sipTarget = actionRule({
  name: 'sip-target',
  codes: ['ncco/sip-target'],
  actions: ['connect'],
  check(action, i, _context, out) {
    if (!Array.isArray(action.endpoint)) return;
    action.endpoint.forEach((ep: unknown, k: number) => {
      if (!isObject(ep) || ep.type !== 'sip') return;
      const hasUri = ep.uri !== undefined;
      const hasUser = ep.user !== undefined;
      const hasDomain = ep.domain !== undefined;
      let message: string | undefined;
      if (hasUri && (hasUser || hasDomain)) {
        message = `The SIP endpoint has "uri" and also "${hasUser ? 'user' : 'domain'}"; use either "uri", or "user" with "domain".`;
      } else if (!hasUri && !(hasUser && hasDomain)) {
        message =
          hasUser || hasDomain
            ? `The SIP endpoint has "${hasUser ? 'user' : 'domain'}" but not "${hasUser ? 'domain' : 'user'}"; they go together.`
            : 'The SIP endpoint says nowhere to call: it needs "uri", or "user" with "domain".';
      }
      if (message !== undefined) {
        out.push(
          finding(
            'ncco/sip-target',
            `/${i}/endpoint/${k}`,
            message,
            'For example "uri": "sip:rebekka@sip.example.com", or "user": "rebekka", "domain": "my-trunk".',
          ),
        );
      }
    });
  },
});

function spelling(out: Diagnostic[], pointer: string, used: string, documented: string): void {
  out.push(
    finding(
      'ncco/sdk-spelling',
      pointer,
      `"${used}" is how some SDKs spell "${documented}"; Vonage's documentation uses "${documented}".`,
      `Rename "${used}" to "${documented}".`,
    ),
  );
}

/**
 * Keys as some official SDKs spell them (ncco-constraints.md §6.7, §6.9): accepted, with a warning, because
 * the .NET and PHP SDKs send them and Vonage evidently takes them; the documented spelling is safer.
 */
export const sdkSpelling = actionRule({
  name: 'sdk-spelling',
  codes: ['ncco/sdk-spelling'],
  actions: ['connect'],
  check(action, i, _context, out) {
    if (Object.hasOwn(action, 'advanced_machine_detection')) {
      spelling(out, `/${i}/advanced_machine_detection`, 'advanced_machine_detection', 'advancedMachineDetection');
    }
    if (!Array.isArray(action.endpoint)) return;
    action.endpoint.forEach((ep: unknown, k: number) => {
      if (isObject(ep) && Object.hasOwn(ep, 'standard_headers')) {
        spelling(out, `/${i}/endpoint/${k}/standard_headers`, 'standard_headers', 'standardHeaders');
      }
    });
  },
});

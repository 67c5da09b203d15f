/**
 * Checks on every string of the NCCO:
 * - unrendered template placeholders ({{host}}, ${name}, $format$, $hostname) are errors: Vonage would dial,
 *   fetch or say them literally. In spoken text a bare $word is only a warning (it could be meant).
 *   (VONAGE_NUMBER-style placeholders are found where a number belongs, by the format check in ajv-errors.ts.)
 * - a webhook or audio URL whose host Vonage cannot reach from the internet (localhost, a private address,
 *   a name without a dot) is a warning.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { toPointer } from '../../diagnostics/json-pointer.js';
import { finding } from '../codes.js';
import { actionRule } from './rule.js';

const strongPlaceholder = /\{\{[^{}]*\}\}|\$\{[^{}]*\}|\$[A-Za-z_]\w*\$/;
const dollarWord = /\$[A-Za-z_]\w*/;

/** Strings that are spoken to the caller: talk text (/i/text) and pay prompt texts (/i/prompts/k/…/text). */
const isSpoken = (action: string, pointer: string): boolean =>
  (action === 'talk' && /^\/\d+\/text$/.test(pointer)) ||
  (action === 'pay' && /^\/\d+\/prompts\/\d+\/(?:errors\/[^/]+\/)?text$/.test(pointer));

/** The host of an http(s)/ws(s) URL, lower case; undefined when the string is not such a URL. */
const urlHost = (s: string): string | undefined =>
  /^(?:https?|wss?):\/\/(?:[^\s/?#@]*@)?(\[[^\]]*\]|[^\s/?#:]*)/i.exec(s)?.[1]?.toLowerCase();

function unreachableHost(host: string): string | undefined {
  if (host === '') return undefined; // a malformed URL is reported by the schema (ncco/format)
  if (host === 'localhost' || host.endsWith('.localhost')) return 'it points to this computer (localhost)';
  if (host.startsWith('[')) return host === '[::1]' ? 'it points to this computer (::1)' : undefined;
  if (!host.includes('.')) return `its host name "${host}" has no domain`;
  const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ip) {
    const [a, b] = [Number(ip[1]), Number(ip[2])];
    if (a === 127 || a === 0) return 'it points to this computer';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) {
      return 'it is a private network address';
    }
  }
  return undefined;
}

function checkString(s: string, action: string, pointer: string, out: Diagnostic[]): void {
  if (s.includes('{{') || s.includes('$')) {
    const strong = strongPlaceholder.exec(s);
    const weak = strong ?? dollarWord.exec(s);
    if (weak !== null) {
      if (strong !== null || !isSpoken(action, pointer)) {
        out.push(
          finding(
            'ncco/placeholder',
            pointer,
            `${weak[0]} looks like a template placeholder that was never filled in; Vonage would use it literally.`,
            'Fill in the real value before serving the NCCO (render the template).',
          ),
        );
        return;
      }
      out.push(
        finding(
          'ncco/possible-placeholder',
          pointer,
          `${weak[0]} in the spoken text looks like a placeholder that was never filled in; it would be read out as it is.`,
          'If it is a placeholder, fill it in before serving the NCCO; if the caller should hear it, spell it out.',
        ),
      );
    }
  }
  const host = urlHost(s);
  const why = host === undefined ? undefined : unreachableHost(host);
  if (why !== undefined) {
    out.push(
      finding(
        'ncco/unreachable-url',
        pointer,
        `Vonage cannot reach ${s}: ${why}.`,
        'Use a public address that Vonage can reach over the internet (for local development, a tunnel such as ngrok).',
      ),
    );
  }
}

/**
 * Deeper than this, or after this many values in one action, strings are not looked at: a pathological
 * payload (or a cyclic object handed to validateNcco) must not cost a long walk.
 */
const maxDepth = 64;
const maxValues = 10_000;

interface Budget {
  left: number;
}

/** Visits every string below `value`; the pointer is only built for a string that has a finding. */
function walk(value: unknown, action: string, path: (string | number)[], out: Diagnostic[], budget: Budget): void {
  if (--budget.left < 0) return;
  if (typeof value === 'string') {
    if (mayHaveFinding(value)) checkString(value, action, toPointer(path), out);
  } else if (typeof value === 'object' && value !== null && path.length < maxDepth) {
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) {
        path.push(k);
        walk(value[k], action, path, out, budget);
        path.pop();
      }
    } else {
      for (const key of Object.keys(value)) {
        path.push(key);
        walk((value as Record<string, unknown>)[key], action, path, out, budget);
        path.pop();
      }
    }
  }
}

/** Cheap pre-check: only strings with a placeholder marker or starting like a URL (h…, w…) can have a finding. */
function mayHaveFinding(s: string): boolean {
  const first = s.charCodeAt(0) | 0x20; // lower case
  return first === 0x68 || first === 0x77 || s.indexOf('$') !== -1 || s.indexOf('{{') !== -1;
}

export const stringValues = actionRule({
  name: 'string-values',
  codes: ['ncco/placeholder', 'ncco/possible-placeholder', 'ncco/unreachable-url'],
  actions: '*',
  check(action, i, _context, out) {
    const name = String(action.action);
    const path: (string | number)[] = [i];
    const budget = { left: maxValues };
    for (const key of Object.keys(action)) {
      if (key === 'action') continue;
      path.push(key);
      walk(action[key], name, path, out, budget);
      path.pop();
    }
  },
});

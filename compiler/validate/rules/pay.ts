/**
 * Rules of the `pay` action beyond its schema: NCCO reference › Pay, Error Prompts (seed 004) and the Payments
 * over the Phone guide (seed 000), which win for pay (design "The pay policy"):
 * - "US dollars are the only supported currency" → `usd` only unless the project widens the list;
 * - amount: "decimal value > 0", charged in dollars and cents → at most two decimals;
 * - each prompt type at most once; the error types allowed per prompt type exactly as in "Error Prompts";
 * - "default prompts are in English, to use any language except for English, you should provide custom prompts";
 * - "pay action is only applicable for inbound calls and the first leg of the conversation";
 * - nothing may record the call while pay runs (PCI-DSS: card digits must not end up in a recording).
 */
import { didYouMeanText } from '../../diagnostics/did-you-mean.js';
import { finding } from '../codes.js';
import { payErrorTypes, payPromptTypes, type PayPromptType } from '../schemas/pay.js';
import { decimalPlaces, isObject, lenientBoolean, lenientNumber } from '../values.js';
import { actionRule, sequenceRule } from './rule.js';

const isPromptType = (v: unknown): v is PayPromptType => typeof v === 'string' && (payPromptTypes as readonly string[]).includes(v);

export const payCurrency = actionRule({
  name: 'pay-currency',
  codes: ['pay/currency'],
  actions: ['pay'],
  check(action, i, context, out) {
    const { currencies } = context;
    const accepted = [...currencies].join(', ');
    const currency = action.currency;
    if (currency === undefined) {
      if (!currencies.has('usd')) {
        out.push(
          finding(
            'pay/currency',
            `/${i}`,
            `This pay action has no currency, so Vonage charges in usd, which is not among the accepted currencies (${accepted}).`,
            `Add "currency": "${[...currencies][0] ?? 'usd'}".`,
          ),
        );
      }
      return;
    }
    if (typeof currency !== 'string' || currencies.has(currency)) return;
    const lower = currency.toLowerCase();
    out.push(
      finding(
        'pay/currency',
        `/${i}/currency`,
        `pay cannot charge in "${currency}": the accepted ${currencies.size === 1 ? 'currency is' : 'currencies are'} ${accepted}.` +
          (currencies.has(lower) ? ` Write it in lower case: "${lower}".` : ''),
        currencies.has(lower)
          ? `Write "${lower}".`
          : 'Payments over the Phone takes US dollars ("usd"). If your Vonage account accepts more currencies, list them: `pay: { currencies: [usd, eur] }` in flowc.yaml, or `--currency usd,eur` with flowc lint-ncco.',
      ),
    );
  },
});

export const payAmountPrecision = actionRule({
  name: 'pay-amount-precision',
  codes: ['pay/amount-precision'],
  actions: ['pay'],
  check(action, i, _context, out) {
    const amount = lenientNumber(action.amount);
    if (amount === undefined || amount <= 0 || decimalPlaces(amount) <= 2) return;
    out.push(
      finding(
        'pay/amount-precision',
        `/${i}/amount`,
        `The amount ${amount} has more than two decimals; a card can only be charged in whole cents.`,
        `Round it to cents, e.g. ${Math.round(amount * 100) / 100}.`,
      ),
    );
  },
});

export const payPrompts = actionRule({
  name: 'pay-prompts',
  codes: ['pay/duplicate-prompt', 'pay/error-type'],
  actions: ['pay'],
  check(action, i, _context, out) {
    if (!Array.isArray(action.prompts)) return;
    const seen = new Map<string, number>();
    action.prompts.forEach((prompt: unknown, k: number) => {
      if (!isObject(prompt) || !isPromptType(prompt.type)) return;
      const first = seen.get(prompt.type);
      if (first !== undefined) {
        out.push(
          finding(
            'pay/duplicate-prompt',
            `/${i}/prompts/${k}/type`,
            `There is already a ${prompt.type} prompt (item ${first + 1} of "prompts"); each prompt type may appear once.`,
            'Merge the two prompts into one.',
          ),
        );
      } else {
        seen.set(prompt.type, k);
      }
      if (!isObject(prompt.errors)) return;
      const allowed = payErrorTypes[prompt.type];
      for (const errorType of Object.keys(prompt.errors)) {
        if (allowed.includes(errorType)) continue;
        out.push(
          finding(
            'pay/error-type',
            `/${i}/prompts/${k}/errors/${errorType.replace(/~/g, '~0').replace(/\//g, '~1')}`,
            `A ${prompt.type} prompt cannot have a "${errorType}" error message.${didYouMeanText(errorType, allowed)}`,
            `A ${prompt.type} prompt can have these error messages: ${allowed.join(', ')}.`,
          ),
        );
      }
    });
  },
});

/** Every prompt type and error type is customised, so nothing falls back to Vonage's English defaults. */
function missingCustomPrompts(prompts: unknown): string[] {
  const missing: string[] = [];
  const list = Array.isArray(prompts) ? prompts : [];
  for (const type of payPromptTypes) {
    const prompt: unknown = list.find((p: unknown) => isObject(p) && p.type === type);
    if (!isObject(prompt)) {
      missing.push(type);
      continue;
    }
    const errors = isObject(prompt.errors) ? prompt.errors : {};
    for (const errorType of payErrorTypes[type]) if (!Object.hasOwn(errors, errorType)) missing.push(`${type} ${errorType}`);
  }
  return missing;
}

export const payDefaultPromptsEnglish = actionRule({
  name: 'pay-default-prompts-english',
  codes: ['pay/default-prompts-english'],
  actions: ['pay'],
  check(action, i, _context, out) {
    const language = isObject(action.voice) ? action.voice.language : undefined;
    if (typeof language !== 'string' || /^en(?:-|$)/i.test(language)) return;
    const missing = missingCustomPrompts(action.prompts);
    if (missing.length === 0) return;
    out.push(
      finding(
        'pay/default-prompts-english',
        `/${i}/voice/language`,
        `The payment speaks ${language}, but Vonage's built-in payment prompts are English only, and these have no ${language} text: ${missing.join(', ')}.`,
        'Give every prompt (CardNumber, ExpirationDate, SecurityCode) and each of its error messages a text in that language.',
      ),
    );
  },
});

export const payCallLeg = actionRule({
  name: 'pay-call-leg',
  codes: ['pay/inbound-only', 'pay/on-answer'],
  actions: ['pay'],
  check(_action, i, context, out) {
    const flow = context.options.context;
    if (flow === undefined) return;
    if (flow.direction === 'outbound') {
      out.push(
        finding(
          'pay/inbound-only',
          `/${i}`,
          'pay works only in calls that customers make to you (inbound); this flow makes outbound calls.',
          'Move the payment into an inbound flow.',
        ),
      );
    }
    if (flow.runByOnAnswer === true) {
      out.push(
        finding(
          'pay/on-answer',
          `/${i}`,
          "This NCCO is played to the person a connect action calls (onAnswer), but pay works only on the caller's own, first leg.",
          "Take the payment before connecting the call, in the caller's NCCO.",
        ),
      );
    }
  },
});

export const payRecordingActive = sequenceRule({
  name: 'pay-recording-active',
  codes: ['pay/recording-active'],
  check(ncco, { options }, out) {
    let recorder: string | undefined = options.context?.recordingActive === true ? 'an earlier step of the flow' : undefined;
    for (let i = 0; i < ncco.length; i++) {
      const item = ncco[i];
      if (!isObject(item)) continue;
      if (item.action === 'record') recorder ??= `the record action (item ${i + 1})`;
      if (item.action === 'conversation' && lenientBoolean(item.record) === true) recorder ??= `the recorded conversation (item ${i + 1})`;
      if (item.action === 'pay' && recorder !== undefined) {
        out.push(
          finding(
            'pay/recording-active',
            `/${i}`,
            `The call may still be recorded by ${recorder} while pay asks for card details; card numbers must never end up in a recording.`,
            'Take the payment before any recording starts, or stop recording first (give record an end condition and take the payment in a later NCCO).',
          ),
        );
      }
    }
  },
});

/**
 * Which calls a flow answers: `numbers:` are the numbers callers dial (design: "Router contract", /answer), so an
 * inbound flow without them can never be called, and an outbound flow with them would greet a caller who dialled
 * in as if we had called them (and could take no payment: pay is inbound only).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type FlowCheckInput, findingAt } from './flow-view.js';

export function checkNumbers({ file, doc, handedOver }: FlowCheckInput): Diagnostic[] {
  const numbers = Object.keys(doc.numbers ?? {});
  const outbound = doc.direction === 'outbound';
  if (!outbound && numbers.length === 0 && !handedOver) {
    return [
      findingAt(
        {
          code: 'flow/no-numbers',
          severity: 'warning',
          message: `No number leads to flow "${doc.flow}": it is an inbound flow, but nobody can call it.`,
          hint: `Add the numbers that answer with it, e.g. numbers: { "14155550100": ${doc.locales[0] ?? 'en-US'} }, or write direction: outbound if you place these calls.`,
        },
        file,
        doc.direction === undefined ? '/flow' : '/direction',
      ),
    ];
  }
  if (outbound && numbers.length > 0) {
    return [
      findingAt(
        {
          code: 'flow/outbound-with-numbers',
          severity: 'error',
          message: `Flow "${doc.flow}" places calls (direction: outbound), but it lists numbers that callers dial: a caller would be greeted as if we had called them.`,
          hint: 'Remove numbers: from this flow (outbound calls start from your application), or make it direction: inbound.',
        },
        file,
        '/numbers',
      ),
    ];
  }
  return [];
}

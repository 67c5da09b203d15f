/** The helpers authors may call in a text; nothing else is registered in flowc's Handlebars environment. */
import { date, time } from './date-time.js';
import { digits } from './digits.js';
import type { HelperSpec } from './helper-spec.js';
import { money } from './money.js';
import { pause } from './pause.js';

export const helperSpecs: ReadonlyMap<string, HelperSpec> = new Map([money, digits, date, time, pause].map((h) => [h.name, h]));

export const knownHelpers: readonly string[] = Object.freeze([...helperSpecs.keys()]);

export type { HelperEnv, HelperOutcome, HelperProblem, HelperSpec } from './helper-spec.js';

/**
 * Every helper, for routers over a program held in memory (tests, tools). A generated router imports
 * only the helpers its project uses (dist/router.ts), never this module.
 */
import type { Helpers } from '../render.mjs';
import { date } from './date.mjs';
import { digits } from './digits.mjs';
import { money } from './money.mjs';
import { pause } from './pause.mjs';
import { time } from './time.mjs';

export const allHelpers: Helpers = { date, digits, money, pause, time };

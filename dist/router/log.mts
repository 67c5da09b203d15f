/**
 * Logging for the router: what the application's logger receives, with warnings that any request can
 * set off (a forged signature, a malformed body) limited per kind, so an attack cannot fill the logs.
 */

export interface RouterLogger {
  warn(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

export const consoleLogger: RouterLogger = {
  warn: (message, data) => console.warn(message, data ?? {}),
  error: (message, data) => console.error(message, data ?? {}),
};

/** At most `burst` warnings of one kind per window; then one line that says how many were left out. */
export function limitedWarnings(logger: RouterLogger, now: () => number, burst = 10, windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number; suppressed: number }>();
  return (message: string, data?: Record<string, unknown>): void => {
    const t = now();
    let w = windows.get(message);
    if (w === undefined || t - w.start >= windowMs) {
      if (w !== undefined && w.suppressed > 0) {
        logger.warn('flowc router: warnings left out', { message, suppressed: w.suppressed, seconds: Math.round(windowMs / 1000) });
      }
      w = { start: t, count: 0, suppressed: 0 };
      windows.set(message, w);
    }
    if (w.count < burst) {
      w.count++;
      if (data === undefined) logger.warn(message);
      else logger.warn(message, data);
    } else {
      w.suppressed++;
    }
  };
}

/** A payment status only when it looks like one: a pay webhook's fields must never reach a log. */
export const loggableStatus = (status: string): string => (/^[a-z][a-z_-]{0,31}$/i.test(status) ? status : '(not a status word)');

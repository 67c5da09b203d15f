/**
 * Simulated time: the clock the router reads (`now`), the clock the webhooks are signed with, and
 * the time limits of lookups. A call takes no real time to play, so "slow" and "closed at 19:00"
 * are both deterministic. Web APIs only (the studio runs this in a browser).
 */
import type { Sleep } from '../router/runtime/lookups.mjs';

interface Timer {
  due: number;
  resolve: () => void;
}

export interface SimClock {
  now(): number;
  /** Moves the clock on (talks take time, a silent caller waits out a timeout). */
  advance(ms: number): void;
  /** Sets the clock (a scenario's `at:`); never backwards by accident: the caller asked for it. */
  set(ms: number): void;
  /** The router's `sleep` option: a lookup's time limit, fired by `after` when simulated time passes it. */
  sleep: Sleep;
  /**
   * Settles `ms` of simulated time from now, firing every earlier timer first, in order; stops early
   * (time standing where it is) when `signal` aborts, as a lookup's does when its time limit passes.
   */
  after(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Lets every pending promise reaction run (a macrotask turn), so an answered lookup cancels its time limit. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createClock(startMs: number): SimClock {
  let current = startMs;
  let timers: Timer[] = [];
  const add = (due: number, resolve: () => void): Timer => {
    const timer = { due, resolve };
    timers.push(timer);
    timers.sort((a, b) => a.due - b.due);
    return timer;
  };
  return {
    now: () => current,
    advance(ms) {
      current += Math.max(0, ms);
    },
    set(ms) {
      current = ms;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        const timer = add(current + ms, resolve);
        signal.addEventListener(
          'abort',
          () => {
            timers = timers.filter((t) => t !== timer);
          },
          { once: true },
        );
      });
    },
    async after(ms, signal) {
      const target = current + Math.max(0, ms);
      let reached = false;
      const own = add(target, () => {
        reached = true;
      });
      while (!reached) {
        await settle();
        if (signal?.aborted) {
          timers = timers.filter((t) => t !== own);
          return;
        }
        const next = timers.shift();
        if (next === undefined) break;
        current = Math.max(current, next.due);
        next.resolve();
      }
      await settle();
    },
  };
}

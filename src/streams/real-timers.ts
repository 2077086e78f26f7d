/** The Timers port on Node's own clock and timers. */
import type { Timers } from '../model/timers';

export const realTimers: Timers = {
  now: Date.now,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

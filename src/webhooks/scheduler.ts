/** Time for the webhook queue: the real clock and timers, or a test's own. */

export interface Scheduler {
  now(): number;
  /** Calls `fn` after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** Real time. Its timers do not keep the process alive: the server does, and shutdown drains the queue. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

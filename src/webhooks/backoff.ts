/** How long to wait before retrying a webhook: exponential, so a struggling receiver gets room to recover. */

export interface BackoffOptions {
  /** Wait before the first retry; each further retry waits twice as long. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 30_000 };

/** The wait before attempt `attempt` (2 for the first retry): base, 2×base, 4×base … up to the cap. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const doublings = Math.max(0, attempt - 2);
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(doublings, 30));
}

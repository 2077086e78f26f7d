/** What the core decided to do with a request; the HTTP adapter carries it out. */
import type { FailureKind } from './endpoint';

export interface ResponsePlan {
  /** Name of the endpoint that matched; null when none did. */
  endpoint: string | null;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Wait this long before answering (latency). */
  delayMs: number;
  /** Set when a failure was injected; `status` failures are answered normally. */
  failure?: { kind: FailureKind; durationMs?: number };
  /** True when the answer is a rate-limit 429. */
  rateLimited?: boolean;
  /** True when the answer is a request-validation error. */
  invalid?: boolean;
  /** True when this very plan object answers every request to its endpoint (built once at load). */
  shared?: boolean;
}

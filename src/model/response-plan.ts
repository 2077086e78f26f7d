/** What the core decided to do with a request; the protocol adapter carries it out. */
import type { FailureKind } from './endpoint';

/**
 * A body: bytes known up front, or chunks that arrive over time (a proxied upstream, an event stream).
 * A stream's iterator is returned early when the client goes away, so its timers and sockets stop.
 */
export type ResponseBody = Buffer | AsyncIterable<Uint8Array | string>;

export interface ResponsePlan {
  /** Name of the endpoint that matched; null when none did. */
  endpoint: string | null;
  status: number;
  headers: Record<string, string>;
  body: ResponseBody;
  /** Wait this long before answering (latency). */
  delayMs: number;
  /** Set when a failure was injected; `status` failures are answered normally. */
  failure?: { kind: FailureKind; durationMs?: number };
  /** True when the answer is a rate-limit 429. */
  rateLimited?: boolean;
  /** True when the answer is a request-validation error. */
  invalid?: boolean;
  /** Why `auth` refused the request (the `reason` label of mockdock_auth_rejections_total). */
  authRejected?: string;
  /** True when this very plan object answers every request to its endpoint (built once at load). */
  shared?: boolean;
  /** Extra fields for the log entry of this request (e.g. `proxied_to`, `graphql`). */
  notes?: Record<string, unknown>;
  /** Run once the answer went out (set_state, webhooks). */
  after?: Array<(plan: ResponsePlan) => void>;
  /** Set instead of an HTTP answer when a responder takes over an upgraded connection. */
  upgraded?: boolean;
}


/** What a webhook becomes once rendered for one trigger, and what sending it yields. */
export type { WebhookSpec } from '../model/endpoint';

/** One rendered request, ready to send. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** A webhook rendered for one trigger: what to send, when, and how often to try. */
export interface PlannedWebhook {
  /** Name of the endpoint whose answer triggered it. */
  endpoint: string;
  /** Position in the endpoint's `webhooks` list. */
  index: number;
  /** The triggering request's test session, null for the default one. */
  session: string | null;
  request: OutgoingRequest;
  delayMs: number;
  /** Attempts allowed in all (1 + retries). */
  attempts: number;
  /** Set when the rendered URL cannot be sent to (not http(s), or an admin route): logged, never sent. */
  refused?: string;
}

/**
 * How an attempt ended: `success` (a status below 400), `http_error` (4xx, or 5xx: retried),
 * `network_error` (no answer: retried), `refused` (the rendered URL is not sendable),
 * `dropped` (never sent: the queue was full, or mockdock stopped first).
 */
export type WebhookResult = 'success' | 'http_error' | 'network_error' | 'refused' | 'dropped';

/** One attempt (or one drop), as the log and the metrics take it. */
export interface WebhookAttempt {
  endpoint: string;
  index: number;
  session: string | null;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** 1-based. */
  attempt: number;
  result: WebhookResult;
  /** For `dropped`: whether the queue was full or mockdock was stopping. */
  dropReason?: 'overflow' | 'shutdown';
  status?: number;
  error?: string;
  /** When the attempt started (epoch ms). */
  time: number;
  durationMs: number;
}

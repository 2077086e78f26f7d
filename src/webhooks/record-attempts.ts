/**
 * Where webhook attempts are recorded: an outgoing entry in /__logs (`direction: "outgoing"`), the
 * `mockdock_webhooks_total` counter, and the process log (drops from a full queue summed, not one line each).
 */
import type { Logger } from 'pino';
import { type RequestLog, bodyForLog } from '../logs/request-log';
import type { Metrics } from '../metrics/metrics';
import { isJsonType } from '../util/media-type';
import { DropNotice } from './drop-notice';
import { type Scheduler, realScheduler } from './scheduler';
import type { WebhookService } from './webhook-service';
import type { WebhookAttempt } from './webhook-spec';

export interface AttemptSinks {
  log: RequestLog;
  metrics: Metrics;
  logger: Logger;
  scheduler?: Scheduler;
}

export function recordAttempts(service: WebhookService, sinks: AttemptSinks): void {
  const { log, metrics, logger } = sinks;
  const overflow = new DropNotice(sinks.scheduler ?? realScheduler, (count) =>
    logger.warn({ dropped: count }, `webhooks dropped: the queue was full, ${count} oldest waiting webhook${count === 1 ? '' : 's'} dropped`),
  );
  service.onAttempt((a) => {
    metrics.webhooks.inc({ endpoint: a.endpoint, result: a.result });
    if (a.dropReason === 'overflow') return overflow.drop();
    log.add(outgoingEntry(a));
    const fields = { endpoint: a.endpoint, webhook: a.index, url: a.url, attempt: a.attempt, status: a.status, error: a.error };
    if (a.result === 'success') logger.debug(fields, 'webhook sent');
    else if (a.result === 'dropped' || a.result === 'refused') logger.warn(fields, `webhook ${a.result}: ${a.error}`);
    else logger.info(fields, `webhook attempt ${a.attempt} failed: ${a.error ?? `status ${a.status}`}`);
  });
}

/** An attempt as a /__logs entry: the request that went out, the receiver's status (or what happened instead). */
export function outgoingEntry(a: WebhookAttempt): Parameters<RequestLog['add']>[0] {
  let path = a.url;
  let query: Record<string, string | string[]> = {};
  try {
    const url = new URL(a.url);
    path = url.pathname;
    query = queryObject(url.searchParams);
  } catch {
    // A refused URL may not parse: it is logged as written.
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(a.headers)) headers[name.toLowerCase()] = value;
  const raw = a.body?.toString('utf8');
  const isJson = isJsonType(headers['content-type']);
  let parsed: unknown = raw;
  if (raw !== undefined && isJson) {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = raw;
    }
  }
  const notes: Record<string, unknown> = { direction: 'outgoing', target: a.url, attempt: a.attempt, result: a.result };
  if (a.error !== undefined) notes.error = a.error;
  return {
    timeMs: a.time,
    method: a.method,
    path,
    query,
    headers,
    logged: bodyForLog(parsed, raw, isJson),
    endpoint: a.endpoint,
    status: a.status ?? a.result,
    duration_ms: Math.round(a.durationMs * 10) / 10,
    latency_ms: 0,
    failure: null,
    session: a.session,
    answer: null,
    notes,
  };
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  // No prototype: a query key such as `__proto__` stays a key.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of params) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

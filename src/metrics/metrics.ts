/** Every metric mockdock exports, with its labels, in one place (prom-client, one registry per app). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { DURATION_BUCKETS, RequestTally } from './request-tally';
import type { StreamHub } from '../streams/stream-hub';
import { serverHub } from '../streams/server-hub';
import { registerStreamMetrics } from './stream-metrics';
import { RollingStats } from './rolling-stats';

export interface Metrics {
  readonly registry: Registry;
  /** Per-request counts, read by the request metrics below when /metrics is scraped. */
  readonly tally: RequestTally;
  /** The same answers, per endpoint and second over the last 15 minutes, for GET /__stats. */
  readonly rolling: RollingStats;
  readonly reloads: Counter<'result'>;
  readonly endpoints: Gauge;
  readonly authRejections: Counter<'endpoint' | 'reason'>;
  /** GraphQL operations by endpoint, operation (a name listed in `operations`, else "other") and type. */
  readonly graphqlOperations: Counter<'endpoint' | 'operation' | 'type'>;
  /** Webhook attempts and drops, by triggering endpoint and result (success, http_error, network_error, refused, dropped). */
  readonly webhooks: Counter<'endpoint' | 'result'>;
  /** Proxied requests (an endpoint's `proxy`, or the fallback proxy with endpoint ""), by the status sent. */
  readonly proxyRequests: Counter<'endpoint' | 'status'>;
  /** Time until the upstream's answer (status and headers) arrived. */
  readonly upstreamDuration: Histogram<'endpoint'>;
}

/** Upstream answer times: from a loopback service (sub-millisecond) to a slow remote API. */
const UPSTREAM_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Label value used for `endpoint` when no endpoint matched: unmatched requests never add label values. */
export const NO_ENDPOINT = '';

const DURATION = 'mockdock_request_duration_seconds';

/**
 * mockdock_request_duration_seconds, built from the tally on each scrape in the shape prom-client gives a
 * Histogram (prom-client has no way to add many observations at once, so a Histogram cannot be fed totals).
 * test/metrics/metrics.test.ts checks the text is the same as a prom-client Histogram's.
 */
class DurationHistogram {
  readonly name = DURATION;
  readonly help = 'Time from receiving a request to the end of its answer, including injected latency.';
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(private readonly tally: RequestTally) {}

  async get() {
    const values: Array<{ labels: Record<string, string | number>; value: number; metricName: string }> = [];
    for (const d of this.tally.durationRows()) {
      const labels = { method: d.method, endpoint: d.endpoint };
      let cumulative = 0;
      DURATION_BUCKETS.forEach((le, i) => {
        cumulative += d.buckets[i];
        values.push({ labels: { le, ...labels }, value: cumulative, metricName: `${DURATION}_bucket` });
      });
      values.push(
        { labels: { le: '+Inf', ...labels }, value: d.count, metricName: `${DURATION}_bucket` },
        { labels, value: d.sum, metricName: `${DURATION}_sum` },
        { labels, value: d.count, metricName: `${DURATION}_count` },
      );
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** Like the counters below, which refill from the tally on every scrape: the tally is the count. */
  reset(): void {}
}

export function createMetrics(options: { defaultMetrics?: boolean; streams?: StreamHub } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const tally = new RequestTally();

  new Counter({
    name: 'mockdock_requests_total',
    help: 'Requests answered, by method, endpoint name and status (or fault kind when no status was sent).',
    labelNames: ['method', 'endpoint', 'status'],
    registers,
    collect() {
      this.reset();
      for (const r of tally.requestRows()) this.inc({ method: r.method, endpoint: r.endpoint, status: String(r.status) }, r.count);
    },
  });
  registry.registerMetric(new DurationHistogram(tally) as unknown as Metric);
  new Counter({
    name: 'mockdock_failures_injected_total',
    help: 'Failures injected, by endpoint name and failure kind.',
    labelNames: ['endpoint', 'kind'],
    registers,
    collect() {
      this.reset();
      for (const f of tally.failureRows()) this.inc({ endpoint: f.endpoint, kind: f.kind }, f.count);
    },
  });
  new Counter({
    name: 'mockdock_rate_limited_total',
    help: 'Requests answered 429 by a simulated rate limit, by endpoint name.',
    labelNames: ['endpoint'],
    registers,
    collect() {
      this.reset();
      for (const r of tally.rateLimitedRows()) this.inc({ endpoint: r.endpoint }, r.count);
    },
  });
  new Counter({
    name: 'mockdock_unmatched_requests_total',
    help: 'Requests that matched no endpoint, by method.',
    labelNames: ['method'],
    registers,
    collect() {
      this.reset();
      for (const u of tally.unmatchedRows()) this.inc({ method: u.method }, u.count);
    },
  });
  registerStreamMetrics(registry, options.streams ?? serverHub);
  return {
    registry,
    tally,
    rolling: new RollingStats(),
    reloads: new Counter({
      name: 'mockdock_config_reloads_total',
      help: 'Config reloads, by result (success or error).',
      labelNames: ['result'],
      registers,
    }),
    endpoints: new Gauge({
      name: 'mockdock_endpoints',
      help: 'Endpoints in the config in force.',
      registers,
    }),
    authRejections: new Counter({
      name: 'mockdock_auth_rejections_total',
      help: 'Requests refused by an endpoint\'s auth check, by endpoint name and reason (missing, expired, bad_signature, insufficient_scope, ...).',
      labelNames: ['endpoint', 'reason'],
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'mockdock_graphql_operations_total',
      help: 'GraphQL operations answered, by endpoint, operation (names listed in `operations`; others "other") and type.',
      labelNames: ['endpoint', 'operation', 'type'],
      registers,
    }),
    webhooks: new Counter({
      name: 'mockdock_webhooks_total',
      help: 'Webhook attempts and drops, by the endpoint that triggered them and result (success, http_error, network_error, refused, dropped).',
      labelNames: ['endpoint', 'result'],
      registers,
    }),
    proxyRequests: new Counter({
      name: 'mockdock_proxy_requests_total',
      help: 'Requests forwarded to an upstream, by endpoint name ("" for the fallback proxy) and the status sent on (502/504 when the upstream failed).',
      labelNames: ['endpoint', 'status'],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'mockdock_upstream_duration_seconds',
      help: 'Time from forwarding a request until the upstream answer\'s status and headers arrived, by endpoint name.',
      labelNames: ['endpoint'],
      buckets: UPSTREAM_BUCKETS,
      registers,
    }),
  };
}

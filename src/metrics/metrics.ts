/** Every metric mockdock exports, with its labels, in one place (prom-client, one registry per app). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'endpoint' | 'status'>;
  readonly duration: Histogram<'method' | 'endpoint'>;
  readonly failures: Counter<'endpoint' | 'kind'>;
  readonly rateLimited: Counter<'endpoint'>;
  readonly unmatched: Counter<'method'>;
  readonly reloads: Counter<'result'>;
  readonly endpoints: Gauge;
}

/** Label value used for `endpoint` when no endpoint matched: unmatched requests never add label values. */
export const NO_ENDPOINT = '';

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'mockdock_requests_total',
      help: 'Requests answered, by method, endpoint name and status (or fault kind when no status was sent).',
      labelNames: ['method', 'endpoint', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'mockdock_request_duration_seconds',
      help: 'Time from receiving a request to the end of its answer, including injected latency.',
      labelNames: ['method', 'endpoint'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    failures: new Counter({
      name: 'mockdock_failures_injected_total',
      help: 'Failures injected, by endpoint name and failure kind.',
      labelNames: ['endpoint', 'kind'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'mockdock_rate_limited_total',
      help: 'Requests answered 429 by a simulated rate limit, by endpoint name.',
      labelNames: ['endpoint'],
      registers,
    }),
    unmatched: new Counter({
      name: 'mockdock_unmatched_requests_total',
      help: 'Requests that matched no endpoint, by method.',
      labelNames: ['method'],
      registers,
    }),
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
  };
}

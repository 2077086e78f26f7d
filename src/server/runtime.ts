/** The stateful parts one server owns (registry, request log, metrics), wired so that reloads update the metrics. */
import type { EndpointSet } from '../engine/endpoint-set';
import type { BuildOptions } from '../registry/build-endpoint-set';
import { Registry } from '../registry/registry';
import { RequestLog } from '../logs/request-log';
import { createMetrics, NO_ENDPOINT, type Metrics } from '../metrics/metrics';

export interface Runtime {
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
}

export function createRuntime(
  root: string,
  initial: EndpointSet,
  buildOptions: BuildOptions,
  opts: { logLimit: number; defaultMetrics?: boolean },
): Runtime {
  const registry = new Registry(root, initial, buildOptions);
  const log = new RequestLog(opts.logLimit);
  const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics });
  metrics.endpoints.set(initial.endpoints.length);
  registry.onReload((result) => {
    metrics.reloads.inc({ result: result.ok ? 'success' : 'error' });
    if (!result.ok) return;
    metrics.endpoints.set(result.endpoints);
    metrics.rolling.retain([NO_ENDPOINT, ...registry.current.endpoints.map((e) => e.name)]);
  });
  return { registry, log, metrics };
}

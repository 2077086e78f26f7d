/** Builds the real Koa app from a config folder, without a port, for supertest. */
import type Koa from 'koa';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { Registry } from '../../src/registry/registry';
import { RequestLog } from '../../src/logs/request-log';
import { createMetrics, type Metrics } from '../../src/metrics/metrics';
import { createApp } from '../../src/server/create-app';
import { createLogger } from '../../src/server/logger';
import { formatIssue } from '../../src/errors/config-issue';

export interface TestAppOptions {
  config: string;
  seed?: number;
  clock?: () => number;
  adminToken?: string;
  bodyLimit?: string;
  logLimit?: number;
  latencyMs?: number;
}

export interface TestApp {
  app: Koa;
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
  close(): Promise<void>;
}

export async function createTestApp(opts: TestAppOptions): Promise<TestApp> {
  const clock = opts.clock ?? Date.now;
  const buildOptions = { seed: opts.seed ?? 1, globalLatencyMs: opts.latencyMs, now: clock };
  const built = await buildEndpointSet(opts.config, buildOptions);
  if (!built.ok) throw new Error(`test config is invalid:\n${built.issues.map(formatIssue).join('\n')}`);
  const registry = new Registry(opts.config, built.set, buildOptions);
  const log = new RequestLog(opts.logLimit ?? 1000);
  const metrics = createMetrics({ defaultMetrics: false });
  metrics.endpoints.set(built.set.endpoints.length);
  registry.onReload((r) => {
    metrics.reloads.inc({ result: r.ok ? 'success' : 'error' });
    if (r.ok) metrics.endpoints.set(r.endpoints);
  });
  const app = createApp({
    registry,
    log,
    metrics,
    logger: createLogger('silent'),
    clock,
    adminToken: opts.adminToken,
    bodyLimit: opts.bodyLimit,
  });
  return { app, registry, log, metrics, close: async () => {} };
}

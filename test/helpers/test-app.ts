/** Builds the real Koa app from a config folder, without a port, for supertest. */
import type Koa from 'koa';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import type { Registry } from '../../src/registry/registry';
import type { RequestLog } from '../../src/logs/request-log';
import type { Metrics } from '../../src/metrics/metrics';
import { createRuntime } from '../../src/server/runtime';
import { createApp } from '../../src/server/create-app';
import { createLogger } from '../../src/server/logger';
import { formatIssue } from '../../src/errors/config-issue';
import { WEBHOOKS_RESOURCE, WebhookService, type WebhookServiceOptions } from '../../src/webhooks/webhook-service';
import { Resources } from '../../src/engine/resources';
import { recordAttempts } from '../../src/webhooks/record-attempts';

export interface TestAppOptions {
  config: string;
  seed?: number;
  clock?: () => number;
  adminToken?: string;
  bodyLimit?: string;
  logLimit?: number;
  latencyMs?: number;
  /** Options of the webhook queue (its timing, for tests of retries). */
  webhooks?: WebhookServiceOptions;
  /** The built web UI's folder (default: dist/ui). */
  uiDir?: string;
}

export interface TestApp {
  app: Koa;
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
  webhooks: WebhookService;
  close(): Promise<void>;
}

export async function createTestApp(opts: TestAppOptions): Promise<TestApp> {
  const clock = opts.clock ?? Date.now;
  const webhooks = new WebhookService(opts.webhooks);
  const resources = new Resources();
  resources.keep(WEBHOOKS_RESOURCE, () => webhooks);
  const buildOptions = { seed: opts.seed ?? 1, globalLatencyMs: opts.latencyMs, now: clock, resources };
  const built = await buildEndpointSet(opts.config, buildOptions);
  if (!built.ok) throw new Error(`test config is invalid:\n${built.issues.map(formatIssue).join('\n')}`);
  const { registry, log, metrics } = createRuntime(opts.config, built.set, buildOptions, {
    logLimit: opts.logLimit ?? 1000,
    defaultMetrics: false,
  });
  recordAttempts(webhooks, { log, metrics, logger: createLogger('silent') });
  const app = createApp({
    registry,
    log,
    metrics,
    logger: createLogger('silent'),
    clock,
    adminToken: opts.adminToken,
    bodyLimit: opts.bodyLimit,
    uiDir: opts.uiDir,
  });
  return { app, registry, log, metrics, webhooks, close: () => webhooks.close(0) };
}

/** The Koa adapter for mocked routes: request → core → plan, then carries the plan out and records it. */
import type { Context } from 'koa';
import type { ResponsePlan } from '../model/response-plan';
import type { MockRequest } from '../model/request';
import { handleRequest } from '../engine/handle-request';
import type { Registry } from '../registry/registry';
import { bodyForLog, type RequestLog } from '../logs/request-log';
import { NO_ENDPOINT, type Metrics } from '../metrics/metrics';
import { RequestCounters } from '../metrics/request-counters';
import type { Logger } from '../server/logger';
import { toMockRequest } from './to-mock-request';
import { closeEmpty, holdOpen, resetSocket, sendMalformed, sendSlowBody } from './faults';
import type { InFlight } from './in-flight';

export interface MockHandlerDeps {
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
  logger: Logger;
  inFlight: InFlight;
  clock: () => number;
}

/** The outcome of a plan: the HTTP status, or the fault kind when no status is sent. */
function outcome(plan: ResponsePlan): number | string {
  const kind = plan.failure?.kind;
  if (kind === 'reset' || kind === 'empty' || kind === 'timeout') return kind;
  return plan.status;
}

async function carryOut(ctx: Context, plan: ResponsePlan, deps: MockHandlerDeps): Promise<void> {
  const res = ctx.res;
  const socket = ctx.req.socket;
  ctx.respond = false;
  if (deps.inFlight.draining) res.setHeader('connection', 'close');
  switch (plan.failure?.kind) {
    case 'reset':
      return resetSocket(socket);
    case 'empty':
      return closeEmpty(socket);
    case 'timeout':
      return holdOpen(socket, deps.inFlight);
    case 'malformed':
      return sendMalformed(socket, plan.status, plan.headers['content-type'] ?? plan.headers['Content-Type']);
    case 'slow_body':
      return sendSlowBody(res, plan.status, plan.headers, plan.body, plan.failure.durationMs ?? 5000, deps.inFlight);
    default:
      res.writeHead(plan.status, plan.headers);
      res.end(plan.body);
  }
}

function record(req: MockRequest, ctx: Context, plan: ResponsePlan, started: number, deps: MockHandlerDeps & { counters: RequestCounters }): void {
  const seconds = (performance.now() - started) / 1000;
  const status = outcome(plan);
  const endpoint = plan.endpoint ?? NO_ENDPOINT;
  deps.counters.request(req.method, endpoint, status, seconds);
  if (plan.endpoint === null) deps.counters.unmatched(req.method);
  if (plan.failure) deps.counters.failure(endpoint, plan.failure.kind);
  if (plan.rateLimited) deps.counters.rateLimited(endpoint);
  deps.log.add({
    timeMs: deps.clock(),
    method: req.method,
    path: req.path,
    query: req.query,
    headers: req.headers,
    ...bodyForLog(req.body, (ctx.request as { rawBody?: string }).rawBody, ctx.request.type.includes('json')),
    endpoint: plan.endpoint,
    status,
    duration_ms: Math.round(seconds * 1e4) / 10,
    latency_ms: Math.round(plan.delayMs * 10) / 10,
    failure: plan.failure?.kind ?? (plan.rateLimited ? 'rate_limit' : plan.invalid ? 'validation' : null),
  });
  if (deps.logger.isLevelEnabled('debug')) {
    deps.logger.debug(
      { method: req.method, path: req.path, endpoint: plan.endpoint, status, ms: seconds * 1000 },
      'request',
    );
  }
}

export function createMockHandler(options: MockHandlerDeps) {
  const deps = { ...options, counters: new RequestCounters(options.metrics) };
  return async function mockHandler(ctx: Context): Promise<void> {
    const started = performance.now();
    deps.inFlight.begin();
    try {
      const req = toMockRequest(ctx);
      if (deps.logger.isLevelEnabled('trace')) deps.logger.trace({ method: req.method, path: req.path }, 'request received');
      const plan = handleRequest(deps.registry.current, req, deps.clock());
      if (plan.delayMs > 0) await deps.inFlight.sleep(plan.delayMs);
      await carryOut(ctx, plan, deps);
      record(req, ctx, plan, started, deps);
    } finally {
      deps.inFlight.end();
    }
  };
}

/**
 * Serves a mocked route on Node's own request and response: request → core → plan, then carries the plan
 * out and records it. Koa hands requests with a body here after koa-bodyparser has read them; requests
 * without one come straight from the server (see dispatch.ts), so no Koa context is built for them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'koa';
import type { ResponsePlan } from '../model/response-plan';
import type { MockRequest } from '../model/request';
import { handleRequest } from '../engine/handle-request';
import type { Registry } from '../registry/registry';
import { bodyForLog, type LoggedBody, type RequestLog } from '../logs/request-log';
import { NO_ENDPOINT, type Metrics } from '../metrics/metrics';
import type { Logger } from '../server/logger';
import { closeEmpty, holdOpen, resetSocket, sendMalformed, sendSlowBody } from './faults';
import type { InFlight } from './in-flight';
import { toMockRequest } from './to-mock-request';
import { isFormType, parseFormBody } from '../util/form-body';

export interface MockHandlerDeps {
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
  logger: Logger;
  inFlight: InFlight;
  clock: () => number;
}

/**
 * Serves one mocked request: returns once the answer is written, or a promise when it waits (latency,
 * slow_body). Throws or rejects before anything was written, so the caller can still answer 500.
 */
export type MockResponder = (req: IncomingMessage, res: ServerResponse, mock: MockRequest, logged: LoggedBody) => void | Promise<void>;

/** The outcome of a plan: the HTTP status, or the fault kind when no status is sent. */
function outcome(plan: ResponsePlan): number | string {
  const kind = plan.failure?.kind;
  if (kind === 'reset' || kind === 'empty' || kind === 'timeout') return kind;
  return plan.status;
}

function carryOut(req: IncomingMessage, res: ServerResponse, plan: ResponsePlan, deps: MockHandlerDeps): void | Promise<void> {
  const socket = req.socket;
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

function record(req: MockRequest, logged: LoggedBody, plan: ResponsePlan, started: number, deps: MockHandlerDeps, debug: boolean): void {
  const counters = deps.metrics.tally;
  const seconds = (performance.now() - started) / 1000;
  const status = outcome(plan);
  const endpoint = plan.endpoint ?? NO_ENDPOINT;
  counters.request(req.method, endpoint, status, seconds, plan.shared ? plan : undefined);
  if (plan.endpoint === null) counters.unmatched(req.method);
  if (plan.failure) counters.failure(endpoint, plan.failure.kind);
  if (plan.rateLimited) counters.rateLimited(endpoint);
  deps.log.add({
    timeMs: deps.clock(),
    method: req.method,
    path: req.path,
    query: req.query,
    headers: req.headers,
    logged,
    endpoint: plan.endpoint,
    status,
    duration_ms: Math.round(seconds * 1e4) / 10,
    latency_ms: Math.round(plan.delayMs * 10) / 10,
    failure: plan.failure?.kind ?? (plan.rateLimited ? 'rate_limit' : plan.invalid ? 'validation' : null),
  });
  if (debug) {
    deps.logger.debug({ method: req.method, path: req.path, endpoint: plan.endpoint, status, ms: seconds * 1000 }, 'request');
  }
}

export function createMockResponder(deps: MockHandlerDeps): MockResponder {
  // The level is set at start and never changed, so these are read once.
  const traced = deps.logger.isLevelEnabled('trace');
  const debug = deps.logger.isLevelEnabled('debug');

  async function later(req: IncomingMessage, res: ServerResponse, mock: MockRequest, logged: LoggedBody, plan: ResponsePlan, started: number): Promise<void> {
    try {
      if (plan.delayMs > 0) await deps.inFlight.sleep(plan.delayMs);
      await carryOut(req, res, plan, deps);
      record(mock, logged, plan, started, deps, debug);
    } finally {
      deps.inFlight.end();
    }
  }

  return function serveMock(req, res, mock, logged) {
    const started = performance.now();
    if (traced) deps.logger.trace({ method: mock.method, path: mock.path }, 'request received');
    const plan = handleRequest(deps.registry.current, mock, deps.clock());
    deps.inFlight.begin();
    // Most answers go out at once: no promise, no extra turn of the event loop.
    if (plan.delayMs > 0 || plan.failure?.kind === 'slow_body') return later(req, res, mock, logged, plan, started);
    try {
      carryOut(req, res, plan, deps);
      record(mock, logged, plan, started, deps, debug);
    } finally {
      deps.inFlight.end();
    }
  };
}

/** The Koa end of a mocked request that carried a body: koa-bodyparser has read it into ctx.request. */
export function koaMockHandler(serve: MockResponder) {
  return async function mockFromKoa(ctx: Context): Promise<void> {
    const request = ctx.request as { rawBody?: string; body?: unknown };
    const raw = request.rawBody;
    let body = raw === undefined || raw === '' ? undefined : request.body;
    // Form bodies (urlencoded and multipart, which the body parser reads as text) become their fields here.
    const type = ctx.get('content-type');
    if (body !== undefined && isFormType(type)) {
      const form = await parseFormBody(type, Buffer.from(raw as string, 'utf8'));
      if (!form.ok) ctx.throw(400, form.message);
      body = form.fields;
    }
    const mock = toMockRequest(ctx.req, body);
    const logged = bodyForLog(mock.body, raw, ctx.request.type.includes('json'));
    ctx.respond = false;
    try {
      await serve(ctx.req, ctx.res, mock, logged);
    } catch (e) {
      ctx.respond = true; // nothing was written: let the error handler answer
      throw e;
    }
  };
}

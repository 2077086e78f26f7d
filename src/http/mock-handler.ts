/**
 * Serves a mocked route on Node's own request and response: request → core → plan, then carries the plan
 * out and records it. Every mocked request comes here from dispatch.ts (its body already read), never
 * through Koa.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ResponsePlan } from '../model/response-plan';
import type { MockRequest } from '../model/request';
import { COUNTED_AS, type GraphqlNote } from '../model/graphql-note';
import { handleRequest, storeUnavailablePlan } from '../engine/handle-request';
import type { Registry } from '../registry/registry';
import { answerForLog, type LoggedAnswer, type LoggedBody, type RequestLog } from '../logs/request-log';
import { NO_ENDPOINT, type Metrics } from '../metrics/metrics';
import type { Logger } from '../server/logger';
import { closeEmpty, holdOpen, resetSocket, sendMalformed, sendSlowBody } from './faults';
import { isStoreUnavailable } from '../errors/store-unavailable';
import type { InFlight } from './in-flight';
import type { Http2ServerResponse } from 'node:http2';
import { carryOutStreamFault, isStreamFault } from './h2-faults';

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

/** Writes a streamed body as it arrives; a client that goes away stops the stream (its timers and sockets). */
async function writeStream(res: ServerResponse, plan: ResponsePlan, body: AsyncIterable<Uint8Array | string>): Promise<void> {
  res.writeHead(plan.status, plan.headers);
  // Headers go out now, not with the first chunk: an event stream's client sees it open before the first event is due.
  res.flushHeaders();
  const chunks = body[Symbol.asyncIterator]();
  let gone = false;
  const onClose = () => {
    gone = true;
    void chunks.return?.();
  };
  res.once('close', onClose);
  try {
    for (;;) {
      const { value, done } = await chunks.next();
      if (done || gone) break;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
    if (!gone) res.end();
  } catch (err) {
    res.destroy(err as Error);
  } finally {
    res.off('close', onClose);
  }
}

/**
 * A Node stream (a proxied upstream's body) is piped: no promise per chunk; either side failing ends both.
 * `stream.pipeline` would do the same, but it makes an AbortController per call and aborts it when done, and the
 * abort builds a DOMException with a stack: 4% of a proxying server's CPU in a profile, for nothing.
 */
function pipeStream(res: ServerResponse, plan: ResponsePlan, body: Readable): Promise<void> {
  res.writeHead(plan.status, plan.headers);
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      res.off('close', closed);
      res.off('finish', done);
      resolve();
    };
    // the upstream broke off: the client's answer is cut short too (never ended as if whole); the listener
    // stays, as destroying the body below makes it emit an error of its own
    const failed = (err: Error) => {
      if (!settled) res.destroy(err);
      done();
    };
    // the client went away (or the answer was cut): stop reading the upstream, which frees its connection
    const closed = () => {
      if (!body.readableEnded) body.destroy();
      done();
    };
    body.on('error', failed);
    res.once('close', closed);
    res.once('finish', done);
    body.pipe(res);
  });
}

async function collect(body: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts);
}

function carryOut(req: IncomingMessage, res: ServerResponse, plan: ResponsePlan, deps: MockHandlerDeps): void | Promise<void> {
  const socket = req.socket;
  if (deps.inFlight.draining) res.setHeader('connection', 'close');
  const body = plan.body;
  if (!Buffer.isBuffer(body)) {
    // a fault that needs the bytes gets them whole; everything else streams
    if (plan.failure?.kind === 'slow_body' || plan.failure?.kind === 'malformed') {
      return collect(body).then((bytes) => carryOut(req, res, { ...plan, body: bytes }, deps));
    }
    if (plan.failure === undefined) return body instanceof Readable ? pipeStream(res, plan, body) : writeStream(res, plan, body);
  }
  // over HTTP/2 the socket is shared by every stream: a fault acts on this request's stream only
  if (req.httpVersionMajor === 2 && isStreamFault(plan.failure?.kind)) {
    return carryOutStreamFault(res as unknown as Http2ServerResponse, plan.failure!.kind, plan.status, plan.headers['content-type'] ?? plan.headers['Content-Type'], deps.inFlight);
  }
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
      return sendSlowBody(res, plan.status, plan.headers, body as Buffer, plan.failure.durationMs ?? 5000, deps.inFlight);
    default:
      res.writeHead(plan.status, plan.headers);
      res.end(body);
  }
}

/** The logged answer of shared plans, made once per plan. */
const sharedAnswers = new WeakMap<ResponsePlan, LoggedAnswer>();

function loggedAnswer(plan: ResponsePlan, status: number | string): LoggedAnswer | null {
  if (typeof status === 'string') return null;
  if (plan.shared) {
    let found = sharedAnswers.get(plan);
    if (!found) sharedAnswers.set(plan, (found = answerForLog(plan.status, plan.headers, plan.body as Buffer)));
    return found;
  }
  return answerForLog(plan.status, plan.headers, Buffer.isBuffer(plan.body) ? plan.body : null);
}

function record(req: MockRequest, logged: LoggedBody, plan: ResponsePlan, started: number, deps: MockHandlerDeps, debug: boolean): void {
  const counters = deps.metrics.tally;
  const seconds = (performance.now() - started) / 1000;
  const status = outcome(plan);
  const endpoint = plan.endpoint ?? NO_ENDPOINT;
  const timeMs = deps.clock();
  counters.request(req.method, endpoint, status, seconds, plan.shared ? plan : undefined);
  deps.metrics.rolling.observe(endpoint, Math.floor(timeMs / 1000), seconds, typeof status === 'string' || status >= 500, plan.failure !== undefined, plan.shared ? plan : undefined);
  if (plan.endpoint === null) counters.unmatched(req.method);
  if (plan.failure) counters.failure(endpoint, plan.failure.kind);
  if (plan.rateLimited) counters.rateLimited(endpoint);
  if (plan.authRejected) deps.metrics.authRejections.inc({ endpoint, reason: plan.authRejected });
  const graphql = plan.notes?.graphql as GraphqlNote | undefined;
  if (graphql?.[COUNTED_AS]) deps.metrics.graphqlOperations.inc({ endpoint, operation: graphql[COUNTED_AS], type: graphql.type ?? 'other' });
  if (plan.notes !== undefined && typeof plan.notes.proxied_to === 'string') countProxied(deps.metrics, endpoint, status, plan.notes.upstream_ms);
  const session = req.headers[deps.registry.current.sessionHeader];
  deps.log.add({
    notes: req.tlsClient === undefined ? plan.notes : { ...plan.notes, tls_client: req.tlsClient },
    timeMs,
    method: req.method,
    path: req.path,
    query: req.query,
    headers: req.headers,
    logged,
    endpoint: plan.endpoint,
    status,
    duration_ms: Math.round(seconds * 1e4) / 10,
    latency_ms: Math.round(plan.delayMs * 10) / 10,
    failure: plan.failure?.kind ?? (plan.rateLimited ? 'rate_limit' : plan.invalid ? 'validation' : plan.authRejected ? 'auth' : null),
    session: session === undefined || session === '' ? null : session,
    answer: loggedAnswer(plan, status),
  });
  if (debug) {
    deps.logger.debug({ method: req.method, path: req.path, endpoint: plan.endpoint, status, ms: seconds * 1000 }, 'request');
  }
  if (plan.after) runAfter(plan, deps.logger);
}

/** A forwarded request: counted by the status sent on, and timed until the upstream answered. */
function countProxied(metrics: Metrics, endpoint: string, status: number | string, upstreamMs: unknown): void {
  metrics.proxyRequests.inc({ endpoint, status: String(status) });
  if (typeof upstreamMs === 'number') metrics.upstreamDuration.observe({ endpoint }, upstreamMs / 1000);
}

/** Work that follows an answer (set_state, webhooks) never fails the request it follows. */
function runAfter(plan: ResponsePlan, logger: Logger): void {
  for (const fn of plan.after ?? []) {
    try {
      fn(plan);
    } catch (err) {
      logger.error({ err, endpoint: plan.endpoint }, 'a step after the answer failed');
    }
  }
}

export function createMockResponder(deps: MockHandlerDeps): MockResponder {
  // The level is set at start and never changed, so these are read once.
  const traced = deps.logger.isLevelEnabled('trace');
  const debug = deps.logger.isLevelEnabled('debug');

  async function later(req: IncomingMessage, res: ServerResponse, mock: MockRequest, logged: LoggedBody, planned: ResponsePlan | Promise<ResponsePlan>, started: number): Promise<void> {
    try {
      let plan: ResponsePlan;
      try {
        plan = await planned;
      } catch (err) {
        // a shared store that cannot be reached: this endpoint needs state, so 503; others keep serving
        if (!isStoreUnavailable(err)) throw err;
        plan = storeUnavailablePlan(null);
      }
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
    if (plan instanceof Promise || plan.delayMs > 0 || plan.failure?.kind === 'slow_body' || !Buffer.isBuffer(plan.body)) {
      return later(req, res, mock, logged, plan, started);
    }
    try {
      carryOut(req, res, plan, deps);
      record(mock, logged, plan, started, deps, debug);
    } finally {
      deps.inFlight.end();
    }
  };
}

/**
 * The server's request listener, and the one way into the core for every mocked request: built-in routes go
 * to the Koa app (admin routes); a mocked request has its body (if any) read and parsed once here, then goes
 * to the mock responder. app.callback() returns this listener, so supertest and the real server take the
 * same path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import parseurl from 'parseurl';
import type { Logger } from '../server/logger';
import { bodyForLog, NO_BODY } from '../logs/request-log';
import type { MockResponder } from './mock-handler';
import { toMockRequest } from './to-mock-request';
import { readBody } from './read-body';
import { describeBodyError } from './error-handler';

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined;

export interface DispatchOptions {
  isBuiltIn: (path: string) => boolean;
  bodyLimit: string;
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
}

const INTERNAL_ERROR = JSON.stringify({ error: 'internal error in mockdock; the log has the details' });

function answerInternalError(res: ServerResponse, err: unknown, logger: Logger, method: string, path: string): void {
  logger.error({ err, method, path }, 'request failed inside mockdock');
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(INTERNAL_ERROR) });
  res.end(INTERNAL_ERROR);
}

/** What is left of a refused body is read and dropped, up to this much, so the client sees the answer, not EPIPE. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/** A body mockdock cannot take (too large, malformed, an unknown encoding): a clear 4xx, sent once the client has finished sending. */
function answerBodyError(req: IncomingMessage, res: ServerResponse, err: Error & { status?: number; statusCode?: number; type?: string }, limit: string): void {
  const status = err.status ?? err.statusCode ?? 400;
  const text = JSON.stringify({ error: describeBodyError(err, status, limit) });
  res.writeHead(status >= 400 && status < 500 ? status : 400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
  if (req.complete || req.readableEnded) {
    res.end(text);
    return;
  }
  let drained = 0;
  const finish = () => {
    req.off('data', count);
    if (!res.writableEnded) res.end(text);
  };
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) {
      finish();
      req.socket.destroy();
    }
  };
  req.on('data', count);
  req.once('end', finish);
  req.once('error', finish);
  req.resume();
}

export function createDispatch(throughKoa: Listener, serve: MockResponder, logger: Logger, opts: DispatchOptions): Listener {
  async function withBody(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body;
    try {
      body = await readBody(req, opts.bodyLimit);
    } catch (err) {
      answerBodyError(req, res, err as Error, opts.bodyLimit);
      return;
    }
    const mock = toMockRequest(req, body.parsed);
    mock.raw = body.raw;
    const logged = bodyForLog(body.parsed, body.text, body.json);
    try {
      await serve(req, res, mock, logged);
    } catch (err) {
      answerInternalError(res, err, logger, mock.method, mock.path);
    }
  }

  return function dispatch(req, res) {
    const path = parseurl(req)?.pathname;
    // an odd request target (`*`, garbage) or a built-in route: Koa and its error handler deal with it
    if (path === undefined || path === null || path.charCodeAt(0) !== 47 /* "/" */ || opts.isBuiltIn(path)) return throughKoa(req, res);
    if (hasBody(req)) return withBody(req, res);
    const mock = toMockRequest(req, undefined);
    const failed = (err: unknown): void => answerInternalError(res, err, logger, mock.method, mock.path);
    try {
      const waiting = serve(req, res, mock, NO_BODY);
      if (waiting) return waiting.catch(failed);
    } catch (err) {
      failed(err);
    }
    return undefined;
  };
}

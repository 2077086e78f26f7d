/**
 * The server's request listener. A mocked request without a body needs nothing Koa adds (no body to parse,
 * no admin routing), so it goes straight to the mock responder; everything else goes through the Koa app.
 * app.callback() returns this listener, so supertest and the real server take the same path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import parseurl from 'parseurl';
import type { Logger } from '../server/logger';
import { NO_BODY } from '../logs/request-log';
import type { MockResponder } from './mock-handler';
import { toMockRequest } from './to-mock-request';

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined;

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

export function createDispatch(throughKoa: Listener, serve: MockResponder, logger: Logger, isBuiltIn: (path: string) => boolean): Listener {
  return function dispatch(req, res) {
    // an absolute-form or odd request target goes the long way: Koa and the error handler deal with it
    if (hasBody(req) || req.url?.charCodeAt(0) !== 47 /* "/" */) return throughKoa(req, res);
    const path = parseurl(req)?.pathname ?? '/';
    if (isBuiltIn(path)) return throughKoa(req, res);
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

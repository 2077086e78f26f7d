/** Turns every error into a clear JSON 4xx (or, for a bug, a logged 500): bad input never crashes the server. */
import type { Context, Next } from 'koa';
import type { Logger } from '../server/logger';

interface HttpishError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
}

/** The message of a body mockdock refused: too large, malformed JSON, an unsupported encoding. */
export function describeBodyError(err: HttpishError, status: number, bodyLimit: string): string {
  if (status === 413) return `request body is larger than the limit of ${bodyLimit} (raise it with --body-limit or MOCKDOCK_BODY_LIMIT)`;
  if (err.type === 'entity.parse.failed' || /JSON/i.test(err.message)) return `malformed JSON body: ${err.message}`;
  if (status === 415) return `unsupported request body encoding: ${err.message}`;
  return err.message || 'bad request';
}

export function createErrorHandler(logger: Logger, bodyLimit: string) {
  return async function errorHandler(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (e) {
      const err = e as HttpishError;
      const status = err.status ?? err.statusCode ?? 500;
      if (ctx.headerSent || !ctx.writable) return;
      if (status >= 500) {
        logger.error({ err, method: ctx.method, path: ctx.path }, 'request failed inside mockdock');
        ctx.status = 500;
        ctx.body = { error: 'internal error in mockdock; the log has the details' };
        return;
      }
      ctx.status = status;
      ctx.body = { error: describeBodyError(err, status, bodyLimit) };
    }
  };
}

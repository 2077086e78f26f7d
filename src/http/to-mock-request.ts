/** Koa context → the framework-free MockRequest the core matches on. */
import type { Context } from 'koa';
import type { MockRequest } from '../model/request';

export function toMockRequest(ctx: Context): MockRequest {
  const raw = (ctx.request as { rawBody?: string }).rawBody;
  return {
    method: ctx.method,
    // as sent: the matcher decodes each segment itself, so %2F stays inside its segment
    path: ctx.path,
    query: ctx.query as Record<string, string | string[]>,
    headers: ctx.headers as Record<string, string>,
    body: raw === undefined || raw === '' ? undefined : (ctx.request as { body?: unknown }).body,
    ip: ctx.ip,
  };
}

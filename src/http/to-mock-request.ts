/** Koa context → the framework-free MockRequest the core matches on. */
import type { Context } from 'koa';
import type { MockRequest } from '../model/request';

function decodePath(path: string): string {
  if (path.indexOf('%') === -1) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape is matched as written
  }
}

export function toMockRequest(ctx: Context): MockRequest {
  const raw = (ctx.request as { rawBody?: string }).rawBody;
  return {
    method: ctx.method,
    path: decodePath(ctx.path),
    query: ctx.query as Record<string, string | string[]>,
    headers: ctx.headers as Record<string, string>,
    body: raw === undefined || raw === '' ? undefined : (ctx.request as { body?: unknown }).body,
    ip: ctx.ip,
  };
}

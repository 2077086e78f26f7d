/**
 * CORS for the built-in routes: the OIDC provider's public routes follow `cors` like mock answers; the admin routes
 * (/__*) only with `cors.admin: true`. A preflight is answered before the admin token is asked for.
 */
import type { Context, Next } from 'koa';
import type { CorsPolicy } from '../cors/cors-policy';

export function adminCors(policyOf: () => CorsPolicy | null) {
  return async function cors(ctx: Context, next: Next): Promise<void> {
    const policy = policyOf();
    if (policy === null || (!policy.admin && ctx.path.startsWith('/__'))) return next();
    const origin = ctx.get('origin') || undefined;
    if (ctx.method === 'OPTIONS' && origin !== undefined && ctx.get('access-control-request-method') !== '') {
      const headers = policy.preflightHeaders(origin, ctx.get('access-control-request-headers') || undefined);
      if (headers === null) {
        ctx.status = 403;
        ctx.vary('Origin');
        ctx.body = { error: `CORS: origin ${origin} is not in cors.origins` };
      } else {
        ctx.status = 204;
        ctx.set(headers);
      }
      return;
    }
    try {
      await next();
    } finally {
      const extra = policy.answerHeaders(origin, ctx.response.headers as Record<string, string>);
      if (extra !== null) ctx.set(extra);
    }
  };
}

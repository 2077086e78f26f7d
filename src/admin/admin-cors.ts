/**
 * CORS for the built-in routes: the open ones (the OIDC provider's public routes, /__health) follow `cors` like mock
 * answers, so a browser app can sign in; the admin routes only with `cors.admin: true`. A preflight is answered before
 * the admin token is asked for.
 */
import type { Context, Next } from 'koa';
import { preflightAnswer, type CorsPolicy } from '../cors/cors-policy';

export function adminCors(policyOf: () => CorsPolicy | null, isOpen: (path: string) => boolean) {
  return async function cors(ctx: Context, next: Next): Promise<void> {
    const policy = policyOf();
    if (policy === null || (!policy.admin && ctx.path.startsWith('/__') && !isOpen(ctx.path))) return next();
    const origin = ctx.get('origin') || undefined;
    if (ctx.method === 'OPTIONS' && origin !== undefined && ctx.get('access-control-request-method') !== '') {
      const answer = preflightAnswer(policy, origin, ctx.get('access-control-request-headers') || undefined);
      ctx.status = answer.status;
      ctx.set(answer.headers);
      if (answer.status === 403) ctx.body = { error: answer.error };
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

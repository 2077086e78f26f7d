/** The OIDC provider's routes in the one route table: its own routes open, minting and rotation behind the admin token. */
import type { Context } from 'koa';
import type { AuthProvider } from '../auth/provider';
import { PROVIDER_ROUTES } from '../auth/provider';
import type { AuthRequest } from '../auth/auth-types';
import type { RouteTable } from './route-table';

/** `provider` is read per request: the registry holds the one provider that outlives reloads. */
/** `rotated` hears of a shared change made here (a key rotation), for the replicas sharing a store. */
export function addAuthRoutes(table: RouteTable, provider: () => AuthProvider | undefined, rotated?: () => void): RouteTable {
  for (const route of PROVIDER_ROUTES) {
    table.add(
      route.method === 'GET' ? 'get' : 'post',
      route.path,
      async (ctx: Context) => {
        const req: AuthRequest = {
          method: ctx.method,
          path: ctx.path,
          query: ctx.query as AuthRequest['query'],
          headers: ctx.headers as AuthRequest['headers'],
          body: (ctx.request as { body?: unknown }).body,
        };
        const p = provider();
        if (p === undefined) {
          // only an endpoint set compiled outside the registry lacks one
          ctx.status = 503;
          ctx.body = { error: 'the OIDC provider is not running in this server' };
          return;
        }
        const answer = await p.handle(route, req);
        if (route.shared && answer.status === 200) rotated?.();
        ctx.status = answer.status;
        ctx.set(answer.headers);
        ctx.body = answer.body;
      },
      { open: !route.guarded },
    );
  }
  return table;
}

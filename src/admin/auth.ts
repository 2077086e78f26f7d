/** `--admin-token`: every /__* route but the open ones (health, the OIDC provider's public routes) wants `Authorization: Bearer <token>`. */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function requireAdminToken(token: string | undefined, isOpen: (path: string) => boolean) {
  return async function adminAuth(ctx: Context, next: Next): Promise<void> {
    if (!token || isOpen(ctx.path) || !ctx.path.startsWith('/__')) return next();
    const header = ctx.get('authorization');
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (given && same(given, token)) return next();
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer realm="mockdock admin"');
    ctx.body = {
      error: given ? 'admin token does not match' : 'admin routes need a token',
      hint: 'send "Authorization: Bearer <token>" with the token given by --admin-token or MOCKDOCK_ADMIN_TOKEN',
    };
  };
}

/** Test glue: the provider's routes and a protected endpoint on a bare Koa app, as the admin table will mount them. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { AuthProvider } from '../../src/auth/provider';
import { compileAuthSettings } from '../../src/auth/auth-settings';
import { compileEndpointAuth } from '../../src/auth/endpoint-auth';
import type { AuthRequest, ProviderSettings } from '../../src/auth/auth-types';
import type { AuthCheck } from '../../src/auth/jwt-check';
import type { Locate } from '../../src/model/endpoint';

export const locate: Locate = () => ({ file: 'mockdock.yaml', line: 1, col: 1 });

export function settingsOf(auth: unknown): ProviderSettings {
  const result = compileAuthSettings(auth, locate, () => ({ problem: 'no files in this test' }));
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.settings;
}

export const STANDARD_AUTH = {
  token_ttl_s: 600,
  clients: [
    { client_id: 'app', client_secret: 's3cret', scopes: ['read', 'write'], redirect_uris: ['http://127.0.0.1:3000/callback'] },
    { client_id: 'spa', public: true, redirect_uris: ['http://127.0.0.1:5173/'] },
  ],
  users: [
    { username: 'alice', password: 'alice', claims: { email: 'alice@example.com', roles: ['admin'] } },
    { username: 'bob', password: 'bob', claims: { email: 'bob@example.com', roles: ['viewer'] } },
  ],
};

export function checkOf(provider: AuthProvider, auth: unknown): AuthCheck {
  const result = compileEndpointAuth(auth, locate, provider);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (result.check === null) throw new Error('no check');
  return result.check;
}

/**
 * The provider's routes, plus `GET /protected/NAME` guarded by `protectedBy[NAME]`, answering with
 * the verified claims (what `{{jwt.sub}}` will see).
 */
export function providerApp(provider: AuthProvider, protectedBy: Record<string, AuthCheck> = {}): Koa {
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['json', 'form'] }));
  app.use(async (ctx) => {
    const protectedName = /^\/protected\/([^/]+)$/.exec(ctx.path)?.[1];
    if (protectedName !== undefined && protectedBy[protectedName] !== undefined) {
      const verdict = await protectedBy[protectedName]({ headers: ctx.headers as Record<string, string>, query: ctx.query as Record<string, string> }, provider.clock());
      if (verdict.ok) ctx.body = { claims: verdict.claims ?? null };
      else {
        ctx.status = verdict.answer.status;
        ctx.set(verdict.answer.headers);
        ctx.body = verdict.answer.body;
      }
      return;
    }
    const route = provider.route(ctx.method, ctx.path);
    if (route === undefined) {
      ctx.status = 404;
      ctx.body = { error: 'no route' };
      return;
    }
    const req: AuthRequest = {
      method: ctx.method,
      path: ctx.path,
      query: ctx.query as Record<string, string>,
      headers: ctx.headers as Record<string, string>,
      body: (ctx.request as unknown as { body?: unknown }).body,
    };
    const answer = await provider.handle(route, req);
    ctx.status = answer.status;
    ctx.set(answer.headers);
    ctx.body = answer.body;
  });
  return app;
}

/** Listens on 127.0.0.1 with a port the OS picks. */
export async function listen(app: Koa): Promise<{ url: string; server: http.Server; close: () => Promise<void> }> {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A config folder with `mockdock.yaml` holding `auth` (as JSON, which is YAML too) and the given endpoint files. */
export function authConfigFolder(auth: unknown, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-auth-'));
  fs.writeFileSync(path.join(dir, 'mockdock.yaml'), JSON.stringify({ auth }));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A clock a test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

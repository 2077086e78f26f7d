/** Builds the Koa app from its parts; never listens (the supertest target). */
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import type { Registry } from '../registry/registry';
import type { RequestLog } from '../logs/request-log';
import type { Metrics } from '../metrics/metrics';
import type { Logger } from './logger';
import { createErrorHandler } from '../http/error-handler';
import { createMockResponder } from '../http/mock-handler';
import { createDispatch } from '../http/dispatch';
import { RouteTable } from '../admin/route-table';
import { InFlight } from '../http/in-flight';
import { createAdminRouter, type AdminDeps } from '../admin/admin-router';
import { requireAdminToken } from '../admin/auth';
import { addAuthRoutes } from '../admin/auth-routes';
import { AUTH_RESOURCE, AuthProvider } from '../auth/provider';
import { addUiRoutes } from '../admin/ui-routes';
import { addSchemaRoutes } from '../admin/schema-routes';
import { adminCors } from '../admin/admin-cors';
import { corsPolicyOf } from '../cors/cors-settings';

export interface AppDeps {
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
  logger: Logger;
  inFlight?: InFlight;
  clock?: () => number;
  adminToken?: string;
  bodyLimit?: string;
  /** The built-in route table, when capabilities have added routes to it before the app is made. */
  routes?: RouteTable;
  /** With a shared store (Redis): the merged log and the announcements to other replicas. */
  shared?: AdminDeps['shared'];
  /** The built web UI (default: dist/ui beside the running CLI). */
  uiDir?: string;
}

export function createApp(deps: AppDeps): Koa {
  const clock = deps.clock ?? Date.now;
  const inFlight = deps.inFlight ?? new InFlight();
  const bodyLimit = deps.bodyLimit ?? '1mb';
  const app = new Koa();
  app.silent = true;

  const table = createAdminRouter({ registry: deps.registry, log: deps.log, metrics: deps.metrics, clock, shared: deps.shared }, deps.routes ?? new RouteTable());
  addAuthRoutes(
    table,
    () => deps.registry.current.resources.keep(AUTH_RESOURCE, () => new AuthProvider({ clock })),
    () => deps.shared?.announce('rotate'),
  );
  addUiRoutes(table, deps.uiDir);
  addSchemaRoutes(table);
  const isBuiltIn = (path: string) => table.isBuiltIn(path);
  // @koa/router's context type adds route params; the plain Koa context is what reaches it here.
  const adminRoutes = table.router.routes() as unknown as Koa.Middleware;
  const adminMethods = table.router.allowedMethods() as unknown as Koa.Middleware;
  const auth = requireAdminToken(deps.adminToken, (path) => table.isOpen(path));
  const serve = createMockResponder({ registry: deps.registry, log: deps.log, metrics: deps.metrics, logger: deps.logger, inFlight, clock });

  // outermost: error answers and the admin token's 401 carry the CORS headers too (when cors.admin is on)
  app.use(adminCors(() => corsPolicyOf(deps.registry.current.settings), (path) => table.isOpen(path)));
  app.use(createErrorHandler(deps.logger, bodyLimit));
  app.use(
    bodyParser({
      enableTypes: ['json', 'form', 'text', 'xml'],
      jsonLimit: bodyLimit,
      formLimit: bodyLimit,
      textLimit: bodyLimit,
      xmlLimit: bodyLimit,
      strict: false,
      // YAML reaches the admin API as text (POST /__endpoints); mocked requests never pass through here
      extendTypes: { json: ['application/*+json', 'text/json'], text: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'] },
    }),
  );
  app.use(async (ctx, next) => {
    if (!isBuiltIn(ctx.path)) {
      // only a target that is not a path (`*`, garbage) reaches here: mocked requests never go through Koa
      ctx.status = 400;
      ctx.body = { error: `request target ${JSON.stringify(ctx.url)} is not a path; send a path that starts with /` };
      return;
    }
    await auth(ctx, async () => {
      await adminRoutes(ctx, async () => {
        await adminMethods(ctx, next);
      });
    });
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = { error: `no built-in route ${ctx.method} ${ctx.path}`, hint: `built-in routes: ${table.paths().join(', ')}` };
    }
  });
  // Requests that need nothing from Koa skip it; the server and supertest both get this listener.
  const koaListener = app.callback.bind(app);
  // (the HTTP/2 compatibility API passes the same request and response shapes: the listener types Koa declares are narrowed here)
  app.callback = () => createDispatch(koaListener(), serve, deps.logger, { isBuiltIn, bodyLimit }) as ReturnType<Koa['callback']>;
  return app;
}

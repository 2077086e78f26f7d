// Baseline: a minimal koa + @koa/router app with the same routes and bodies mockdock is measured with.
// Bodies are prebuilt buffers (no JSON.stringify per request), so the ceiling is Koa's, not the app's.
import Koa from 'koa';
import Router from '@koa/router';
import { PARAM_PATH, STATIC_OBJECT, STATIC_PATH, STATIC_TEXT, manyRoutePath } from '../lib/workload.mjs';

const port = Number(process.argv[2] ?? 0);
const extraRoutes = Number(process.argv[3] ?? 0); // many-routes reference: this many static routes first
const JSON_TYPE = 'application/json; charset=utf-8';

const app = new Koa();
const router = new Router();
for (let i = 0; i < extraRoutes; i++) {
  const body = Buffer.from(JSON.stringify({ ...STATIC_OBJECT, id: i }));
  router.get(manyRoutePath(i), (ctx) => {
    ctx.type = JSON_TYPE;
    ctx.body = body;
  });
}
const staticBody = Buffer.from(STATIC_TEXT);
router.get(STATIC_PATH, (ctx) => {
  ctx.type = JSON_TYPE;
  ctx.body = staticBody;
});
router.get(PARAM_PATH, (ctx) => {
  ctx.body = { id: ctx.params.id, name: 'Ada Lovelace', email: 'ada@example.com', roles: ['admin', 'editor'], active: true };
});
router.get('/__health', (ctx) => {
  ctx.body = { status: 'ok' };
});
app.use(router.routes());
const server = app.listen(port, '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));

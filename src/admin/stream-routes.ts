/** Admin routes of open WebSocket connections and SSE streams: `GET /__ws`, `POST /__ws/NAME/send`, `POST /__sse/NAME/send`. */
import type { Context } from 'koa';
import type { RouteTable } from './route-table';
import type { Registry } from '../registry/registry';
import type { StreamHub } from '../streams/stream-hub';
import type { Narrowing } from '../streams/live-registry';
import { pushMessage } from '../websocket/push-message';
import { pushEvent } from '../sse/push-event';
import { queryOne } from './query-value';

function hasKey(registry: Registry, name: string, key: 'websocket' | 'events'): boolean {
  return registry.current.endpoints.some((ep) => ep.name === name && (ep.def as unknown as Record<string, unknown>)[key] !== undefined);
}

function narrowing(ctx: Context): Narrowing {
  const out: Narrowing = {};
  const session = queryOne(ctx.query.session);
  const connection = queryOne(ctx.query.connection);
  if (session !== undefined) out.session = session;
  if (connection !== undefined) out.connection = connection;
  return out;
}

export function addStreamRoutes(table: RouteTable, deps: { registry: Registry; hub: StreamHub }): void {
  const { registry, hub } = deps;

  table.add('get', '/__ws', (ctx) => {
    const endpoint = typeof ctx.query.endpoint === 'string' ? ctx.query.endpoint : undefined;
    ctx.body = hub.connections.all().filter((c) => endpoint === undefined || c.endpoint === endpoint).map((c) => c.summary());
  });

  table.add('post', '/__ws/:name/send', (ctx) => {
    const name = (ctx as Context & { params: { name: string } }).params.name;
    const request = ctx.request as { rawBody?: string; body?: unknown };
    const out = pushMessage(hub.connections, name, hasKey(registry, name, 'websocket'), request.body, request.rawBody, narrowing(ctx));
    ctx.status = out.status;
    ctx.body = out.body;
  });

  table.add('post', '/__sse/:name/send', (ctx) => {
    const name = (ctx as Context & { params: { name: string } }).params.name;
    const out = pushEvent(hub.streams, name, hasKey(registry, name, 'events'), (ctx.request as { body?: unknown }).body, narrowing(ctx));
    ctx.status = out.status;
    ctx.body = out.body;
  });
}

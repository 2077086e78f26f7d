/** One routing table for the built-in routes; one small handler each. */
import type { Context } from 'koa';
import { RouteTable } from './route-table';
import type { SharedLog } from '../logs/shared-log';
import type { Registry, ReloadResult } from '../registry/registry';
import type { RequestLog, LogFilter } from '../logs/request-log';
import type { Metrics } from '../metrics/metrics';
import type { LoadedEndpoint } from '../model/endpoint';
import { resetEndpointSet } from '../engine/endpoint-set';
import type { StreamHub } from '../streams/stream-hub';
import { serverHub } from '../streams/server-hub';
import { addStreamRoutes } from './stream-routes';
import { toHar } from '../logs/har';
import { version } from '../../package.json';
import { addEndpointRoutes } from './endpoint-routes';
import { addLogRoutes } from './log-routes';
import { addStateRoutes } from './state-routes';
import { addStatsRoutes } from './stats-routes';
import { queryOne } from './query-value';

export interface AdminDeps {
  registry: Registry;
  log: RequestLog;
  metrics: Metrics;
  clock: () => number;
  /** Open WebSocket connections and SSE streams (default: this process's). */
  streams?: StreamHub;
  /** With a shared store: the log of every replica, and a way to tell the others about a reload or reset. */
  shared?: {
    log: SharedLog;
    /** Tells the other replicas; they act on their own copy (reload their files, restart their random streams, rotate their keys). */
    announce(what: 'reload' | 'reset' | 'rotate'): void;
    /** Stores this replica's runtime endpoints in the shared store and tells the others. */
    runtimeChanged?(endpoints: readonly LoadedEndpoint[]): Promise<void>;
  };
}

/** The answer body of a reload, shared by POST /__reload. */
export function reloadBody(result: ReloadResult): unknown {
  if (result.ok) {
    const warnings = result.warnings.map(({ file, line, col, message, code }) => ({ file, line, col, message, code }));
    return { endpoints: result.endpoints, files: result.files, duration_ms: result.durationMs, ...(warnings.length > 0 ? { warnings } : {}) };
  }
  return { errors: result.issues.map(({ file, line, col, message, code }) => ({ file, line, col, message, code })) };
}

/** The filters of /__logs (and /__logs/count, /__logs/stream) from the query string, or what is wrong with them. */
export function logFilter(ctx: Context): LogFilter | string {
  const q = ctx.query;
  const limitText = queryOne(q.limit);
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) return `limit must be a whole number, not "${limitText}"`;
  }
  // `?session=` alone asks for the requests without a session (an empty header names none)
  const session = queryOne(q.session);
  const direction = queryOne(q.direction);
  if (direction !== undefined && direction !== 'incoming' && direction !== 'outgoing') return `direction must be incoming or outgoing, not "${direction}"`;
  return { method: queryOne(q.method), path: queryOne(q.path), status: queryOne(q.status), endpoint: queryOne(q.endpoint), session: session === '' ? null : session, direction, limit };
}

export function createAdminRouter(deps: AdminDeps, table: RouteTable = new RouteTable()): RouteTable {
  addStreamRoutes(table, { registry: deps.registry, hub: deps.streams ?? serverHub });
  table.add('get', '/__health', (ctx) => {
    const { store } = deps.registry.current;
    ctx.body = { status: 'ok', endpoints: deps.registry.current.endpoints.length, ...(store.shared ? { store: store.health } : {}) };
  }, { open: true });

  table.add('get', '/__logs', async (ctx) => {
    const filter = logFilter(ctx);
    if (typeof filter === 'string') {
      ctx.status = 400;
      ctx.body = { error: filter };
      return;
    }
    const format = ctx.query.format;
    if (format === 'har') {
      ctx.body = toHar(deps.shared ? await deps.shared.log.query(filter) : deps.log.query(filter), version);
      return;
    }
    if (format !== undefined && format !== 'json') {
      ctx.status = 400;
      ctx.body = { error: `format must be json or har, not "${String(format)}"` };
      return;
    }
    ctx.body = deps.shared ? await deps.shared.log.query(filter) : deps.log.query(filter);
  });

  table.add('delete', '/__logs', async (ctx) => {
    deps.log.clear();
    await deps.shared?.log.clear();
    ctx.status = 204;
  });

  table.add('post', '/__reload', async (ctx) => {
    deps.shared?.announce('reload');
    const result = await deps.registry.reload();
    ctx.status = result.ok ? 200 : 400;
    ctx.body = reloadBody(result);
  });

  addEndpointRoutes(table, { registry: deps.registry, onRuntimeChange: deps.shared?.runtimeChanged });
  addLogRoutes(table, { log: deps.log, shared: deps.shared, filterOf: logFilter });

  table.add('post', '/__reset', async (ctx) => {
    const session = typeof ctx.query.session === 'string' ? ctx.query.session : undefined;
    await resetEndpointSet(deps.registry.current, deps.clock(), session);
    if (session === undefined) deps.shared?.announce('reset');
    ctx.body = { reset: true, endpoints: deps.registry.current.endpoints.length, ...(session !== undefined ? { session } : {}) };
  });

  table.add('get', '/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  }, { open: true });

  addStateRoutes(deps, table);
  addStatsRoutes(table, deps);
  return table;
}

/** The request log's live side: its count, a Server-Sent Events stream of new entries, and POST /__verify. */
import type { Context } from 'koa';
import type { RouteTable } from './route-table';
import type { LiveEntry, RequestLog, LogFilter } from '../logs/request-log';
import { logFilterTest } from '../logs/request-log';
import type { SharedLog } from '../logs/shared-log';
import type { NotedLogEntry } from '../model/log-entry';
import { closest, expectation, fits, parseVerifyQuery, type VerifyQuery } from './verify';

export interface LogRouteDeps {
  log: RequestLog;
  shared?: { log: SharedLog };
  /** Parses the /__logs filters of a request, or says what is wrong. */
  filterOf: (ctx: Context) => LogFilter | string;
}

/** A comment line keeps idle proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** `?every_ms=N&keep=K` of /__logs/stream (null without them), or what is wrong with them. */
function batchOf(query: Record<string, unknown>): { everyMs: number; keep: number } | null | string {
  if (query.every_ms === undefined && query.keep === undefined) return null;
  const everyMs = Number(query.every_ms ?? 200);
  const keep = Number(query.keep ?? 1000);
  if (!Number.isInteger(everyMs) || everyMs < 10 || everyMs > 60_000) return `every_ms must be a whole number from 10 to 60000, not "${String(query.every_ms)}"`;
  if (!Number.isInteger(keep) || keep < 1 || keep > 10_000) return `keep must be a whole number from 1 to 10000, not "${String(query.keep)}"`;
  return { everyMs, keep };
}

export function addLogRoutes(table: RouteTable, deps: LogRouteDeps): void {
  const entries = async (filter: LogFilter = {}): Promise<NotedLogEntry[]> =>
    (deps.shared ? await deps.shared.log.query(filter) : deps.log.query(filter)) as NotedLogEntry[];

  table.add('get', '/__logs/count', async (ctx) => {
    const filter = deps.filterOf(ctx);
    if (typeof filter === 'string') {
      ctx.status = 400;
      ctx.body = { error: filter };
      return;
    }
    ctx.body = { count: (await entries({ ...filter, limit: undefined })).length };
  });

  table.add('get', '/__logs/stream', (ctx) => {
    const filter = deps.filterOf(ctx);
    if (typeof filter === 'string') {
      ctx.status = 400;
      ctx.body = { error: filter };
      return;
    }
    const batch = batchOf(ctx.query);
    if (typeof batch === 'string') {
      ctx.status = 400;
      ctx.body = { error: batch };
      return;
    }
    const matches = logFilterTest(filter);
    const { req, res } = ctx;
    ctx.respond = false;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.write(': mockdock request log\n\n');
    // under load many entries are logged per turn of the event loop: they leave in one write, not one each
    let corked = false;
    const uncork = () => {
      corked = false;
      res.uncork();
    };
    const write = (text: string) => {
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      res.write(text);
    };
    // ?every_ms=&keep=: at most one batch per every_ms (a lone entry leaves at once, a busy interval's wait for
    // its end); of a busy interval only the newest `keep` are sent, and only those are presented
    let held: LiveEntry[] = [];
    let skipped = 0;
    let timer: NodeJS.Timeout | null = null;
    let sentAt = -Infinity;
    /** Keeps the newest `keep`, counting the rest as skipped. */
    const trim = (keep: number) => {
      skipped += held.length - keep;
      held = held.slice(-keep);
    };
    const flush = () => {
      timer = null;
      sentAt = performance.now();
      if (held.length > batch!.keep) trim(batch!.keep);
      if (skipped > 0) write(`event: skipped\ndata: ${JSON.stringify({ skipped })}\n\n`);
      for (const live of held) write(`data: ${JSON.stringify(live.entry)}\n\n`);
      held = [];
      skipped = 0;
    };
    const send = (live: LiveEntry) => {
      if (!matches(live.raw)) return;
      if (batch === null) return write(`data: ${JSON.stringify(live.entry)}\n\n`);
      held.push(live);
      if (held.length > 2 * batch.keep) trim(batch.keep);
      if (timer !== null) return;
      const wait = sentAt + batch.everyMs - performance.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    deps.log.on('live', send);
    const stop = () => {
      clearInterval(heartbeat);
      if (timer !== null) clearTimeout(timer);
      deps.log.off('live', send);
    };
    res.once('close', stop);
  });

  table.add('post', '/__verify', async (ctx) => {
    const q = parseVerifyQuery(ctx.request.body);
    if (typeof q === 'string') {
      ctx.status = 400;
      ctx.body = { error: q };
      return;
    }
    const expected = expectation(q);
    let count = (await entries()).filter((e) => fits(q, e)).length;
    if (!expected.holds(count) && !expected.hopeless(count) && q.wait_ms) {
      count = await waitFor(ctx, q, count, expected);
      // with a shared log, other replicas' entries count too: read it once more
      if (deps.shared) count = (await entries()).filter((e) => fits(q, e)).length;
    }
    if (expected.holds(count)) {
      ctx.body = { count };
      return;
    }
    ctx.status = 417;
    ctx.body = { count, expected: expected.text, closest: closest(q, await entries()) };
  });

  /** Counts new entries as they are logged (no polling) until the expectation holds, cannot hold, or time is up. */
  function waitFor(ctx: Context, q: VerifyQuery, start: number, expected: ReturnType<typeof expectation>): Promise<number> {
    return new Promise((resolve) => {
      let count = start;
      const done = () => {
        clearTimeout(timer);
        deps.log.off('entry', onEntry);
        ctx.res.off('close', onClose);
        resolve(count);
      };
      const onEntry = (entry: NotedLogEntry) => {
        if (!fits(q, entry)) return;
        count++;
        if (expected.holds(count) || expected.hopeless(count)) done();
      };
      const onClose = () => done();
      const timer = setTimeout(done, q.wait_ms);
      deps.log.on('entry', onEntry);
      // the answer's close before any answer was sent: the client went away
      ctx.res.once('close', onClose);
    });
  }
}

/** GET /__stats: the rolling 15-minute figures per endpoint (req/s, p50/p95/p99, error and failure rates) the dashboard draws. */
import type { Context } from 'koa';
import type { RouteTable } from './route-table';
import type { Registry } from '../registry/registry';
import type { Metrics } from '../metrics/metrics';
import { NO_ENDPOINT } from '../metrics/metrics';
import { OTHER, WINDOW_S } from '../metrics/rolling-stats';
import { queryOne } from './query-value';

/** The name unmatched requests are reported under. */
export const UNMATCHED = '(unmatched)';
export const STEPS: readonly number[] = [1, 5, 10, 30, 60];

interface StatsDeps {
  registry: Registry;
  metrics: Metrics;
  clock: () => number;
}

/** window_s, step_s and endpoint from the query, or what is wrong with them. */
function parseQuery(ctx: Context): { windowS: number; stepS: number; endpoint?: string } | string {
  const windowText = queryOne(ctx.query.window_s) ?? String(WINDOW_S);
  const windowS = Number(windowText);
  if (!/^\d+$/.test(windowText) || windowS < 1 || windowS > WINDOW_S) return `window_s must be a whole number of seconds from 1 to ${WINDOW_S}, not "${windowText}"`;
  const stepText = queryOne(ctx.query.step_s) ?? '1';
  const stepS = Number(stepText);
  if (!STEPS.includes(stepS) || !/^\d+$/.test(stepText)) return `step_s must be one of ${STEPS.join(', ')}, not "${stepText}"`;
  return { windowS, stepS, endpoint: queryOne(ctx.query.endpoint) };
}

export function addStatsRoutes(table: RouteTable, deps: StatsDeps): void {
  table.add('get', '/__stats', (ctx) => {
    const q = parseQuery(ctx);
    if (typeof q === 'string') {
      ctx.status = 400;
      ctx.body = { error: q };
      return;
    }
    const now = Math.floor(deps.clock() / 1000);
    const rolling = deps.metrics.rolling;
    const known = new Map<string, { method: string | null; path: string | null }>();
    for (const e of deps.registry.current.endpoints) known.set(e.name, { method: e.method, path: e.path });
    known.set(UNMATCHED, { method: null, path: null });
    known.set(OTHER, { method: null, path: null });
    const keyOf = (name: string) => (name === UNMATCHED ? NO_ENDPOINT : name);

    let names: string[];
    if (q.endpoint !== undefined) {
      if (!known.has(q.endpoint)) {
        ctx.status = 404;
        ctx.body = { error: `no endpoint named ${JSON.stringify(q.endpoint)}`, hint: 'GET /__endpoints lists the names' };
        return;
      }
      names = [q.endpoint];
    } else {
      const active = new Set(rolling.active(now).map((k) => (k === NO_ENDPOINT ? UNMATCHED : k)));
      names = [...known.keys()].filter((name) => active.has(name));
    }
    ctx.body = {
      now,
      step_s: q.stepS,
      endpoints: names.map((name) => {
        const { series, totals } = rolling.read(keyOf(name), now, q.windowS, q.stepS);
        return { name, ...known.get(name), series, totals };
      }),
    };
  });
}

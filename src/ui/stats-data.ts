/** The dashboard's data: GET /__stats?window_s=900 as typed, the figures of its table and the series of its charts. */

export interface EndpointStats {
  /** An endpoint's name, or a bucket of the server's own: `(unmatched)` requests, and `(other)` beyond its endpoint limit. */
  name: string;
  method: string | null;
  path: string | null;
  series: {
    t: number[];
    rps: (number | null)[];
    p50_ms: (number | null)[];
    p95_ms: (number | null)[];
    p99_ms: (number | null)[];
    error_rate: (number | null)[];
    failure_rate: (number | null)[];
  };
  totals: { requests: number; errors: number; failures: number };
}

export interface Stats {
  now: number;
  step_s: number;
  endpoints: EndpointStats[];
}

/** The dashboard's window, read whole once, then brought up to date by the last few seconds. */
export const WINDOW_S = 900;
export const RECENT_S = 10;

export interface Figures {
  name: string;
  method: string | null;
  path: string | null;
  /** Mean requests per second over the recent seconds. */
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Shares (0–1) of the recent requests that were errors (status ≥ 500 or a fault) / injected failures. */
  errorRate: number | null;
  failureRate: number | null;
  requests: number;
}

/** The last non-null value of a series. */
function last(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

/** A rate over the recent seconds, each second weighted by its requests; null when there were none. */
function weighted(rates: readonly (number | null)[], rps: readonly (number | null)[], from: number): number | null {
  let n = 0;
  let hits = 0;
  for (let i = from; i < rps.length; i++) {
    const r = rps[i] ?? 0;
    n += r;
    hits += r * (rates[i] ?? 0);
  }
  return n === 0 ? null : hits / n;
}

/** The table's figures per endpoint, over the last `recent` seconds of the window (a minute by default). */
export function figures(stats: Stats, recent = 60): Figures[] {
  return stats.endpoints.map((ep) => {
    const s = ep.series;
    const from = Math.max(0, s.t.length - Math.ceil(recent / stats.step_s));
    const rpsSum = s.rps.slice(from).reduce<number>((a, r) => a + (r ?? 0), 0);
    const points = s.t.length - from;
    return {
      name: ep.name,
      method: ep.method,
      path: ep.path,
      rps: points === 0 ? 0 : rpsSum / points,
      p50: last(s.p50_ms.slice(from)),
      p95: last(s.p95_ms.slice(from)),
      p99: last(s.p99_ms.slice(from)),
      errorRate: weighted(s.error_rate, s.rps, from),
      failureRate: weighted(s.failure_rate, s.rps, from),
      requests: ep.totals.requests,
    };
  });
}

/** uPlot's shape: the shared time axis first, then one series per endpoint. */
export function rpsChart(stats: Stats): { labels: string[]; data: (number | null)[][] } {
  const t = stats.endpoints[0]?.series.t ?? [];
  return { labels: stats.endpoints.map((e) => e.name), data: [t, ...stats.endpoints.map((e) => e.series.rps)] };
}

export function latencyChart(ep: EndpointStats): { labels: string[]; data: (number | null)[][] } {
  return { labels: ['p50', 'p95', 'p99'], data: [ep.series.t, ep.series.p50_ms, ep.series.p95_ms, ep.series.p99_ms] };
}

export function ratesChart(ep: EndpointStats): { labels: string[]; data: (number | null)[][] } {
  const pct = (v: (number | null)[]) => v.map((x) => (x === null ? null : x * 100));
  return { labels: ['errors %', 'injected failures %'], data: [ep.series.t, pct(ep.series.error_rate), pct(ep.series.failure_rate)] };
}

/** The busiest endpoint in the window: the one the detail charts show until another is picked. */
export function busiest(stats: Stats): string | null {
  let best: EndpointStats | null = null;
  for (const ep of stats.endpoints) if (best === null || ep.totals.requests > best.totals.requests) best = ep;
  return best?.name ?? null;
}

type Series = EndpointStats['series'];
const RATES = ['p50_ms', 'p95_ms', 'p99_ms', 'error_rate', 'failure_rate'] as const;

/**
 * The window kept in the browser, brought up to date by a short poll (`window_s=10`) instead of the whole
 * 15 minutes every time: the points of `next` replace those at the same times, older ones stay, points
 * that left the window go. Every endpoint gets the one shared time axis; totals are counted from the points.
 */
export function mergeStats(prev: Stats | null, next: Stats, windowS: number): Stats {
  if (prev === null || prev.step_s !== next.step_s) return next;
  const step = next.step_s;
  const oldest = next.now - windowS;
  const axis = [...new Set([...(prev.endpoints[0]?.series.t ?? []), ...(next.endpoints[0]?.series.t ?? [])])].filter((t) => t > oldest).sort((a, b) => a - b);
  // seconds without any answer anywhere still pass: the axis runs up to now
  for (let t = (axis.at(-1) ?? next.now - step) + step; t <= next.now; t += step) axis.push(t);
  const names = [...new Set([...prev.endpoints.map((e) => e.name), ...next.endpoints.map((e) => e.name)])];
  const endpoints: EndpointStats[] = [];
  for (const name of names) {
    const fresh = next.endpoints.find((e) => e.name === name);
    const old = prev.endpoints.find((e) => e.name === name);
    const at = (s: Series | undefined) => new Map((s?.t ?? []).map((t, i) => [t, i]));
    const freshAt = at(fresh?.series);
    const oldAt = at(old?.series);
    const series: Series = { t: axis, rps: [], p50_ms: [], p95_ms: [], p99_ms: [], error_rate: [], failure_rate: [] };
    const totals = { requests: 0, errors: 0, failures: 0 };
    for (const t of axis) {
      const f = freshAt.get(t);
      const o = oldAt.get(t);
      const from = f !== undefined ? fresh!.series : o !== undefined ? old!.series : null;
      const i = f ?? o ?? 0;
      const rps = from?.rps[i] ?? 0;
      series.rps.push(rps);
      for (const k of RATES) series[k].push(from === null ? null : from[k][i]);
      totals.requests += rps * step;
      totals.errors += rps * step * (from?.error_rate[i] ?? 0);
      totals.failures += rps * step * (from?.failure_rate[i] ?? 0);
    }
    if (totals.requests === 0) continue; // as the server does: only endpoints that answered in the window
    const { method, path } = fresh ?? old!;
    endpoints.push({ name, method, path, series, totals: { requests: Math.round(totals.requests), errors: Math.round(totals.errors), failures: Math.round(totals.failures) } });
  }
  return { now: next.now, step_s: step, endpoints };
}

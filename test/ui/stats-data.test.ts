import { busiest, figures, latencyChart, mergeStats, ratesChart, rpsChart, type Stats } from '../../src/ui/stats-data';

// A /__stats answer as the contract gives it: three seconds of one busy and one quiet endpoint.
const stats: Stats = {
  now: 1000,
  step_s: 1,
  endpoints: [
    {
      name: 'orders',
      method: 'GET',
      path: '/orders',
      series: { t: [998, 999, 1000], rps: [10, null, 30], p50_ms: [2, null, 3], p95_ms: [8, null, 9], p99_ms: [12, null, 20], error_rate: [0.1, null, 0.5], failure_rate: [0, null, 0.2] },
      totals: { requests: 40, errors: 16, failures: 6 },
    },
    {
      name: 'health',
      method: 'GET',
      path: '/health',
      series: { t: [998, 999, 1000], rps: [null, 1, null], p50_ms: [null, 1, null], p95_ms: [null, 1, null], p99_ms: [null, 1, null], error_rate: [null, 0, null], failure_rate: [null, 0, null] },
      totals: { requests: 1, errors: 0, failures: 0 },
    },
  ],
};

describe('the dashboard data', () => {
  it('gives per endpoint the mean req/s, the latest percentiles, and error and failure rates weighted by requests', () => {
    const [orders, health] = figures(stats);
    expect(orders).toEqual({ name: 'orders', method: 'GET', path: '/orders', rps: 40 / 3, p50: 3, p95: 9, p99: 20, errorRate: (1 + 15) / 40, failureRate: 6 / 40, requests: 40 });
    expect(health).toMatchObject({ rps: 1 / 3, p99: 1, errorRate: 0 });
  });

  it('takes only the recent seconds for the table', () => {
    expect(figures(stats, 1)[0]).toMatchObject({ rps: 30, p50: 3, errorRate: 0.5 });
    expect(figures(stats, 1)[1]).toMatchObject({ rps: 0, p50: null, errorRate: null });
  });

  it('lays the series out for the charts on the shared time axis, gaps kept as null, rates in percent', () => {
    expect(rpsChart(stats)).toEqual({ labels: ['orders', 'health'], data: [[998, 999, 1000], [10, null, 30], [null, 1, null]] });
    expect(latencyChart(stats.endpoints[0]).data[3]).toEqual([12, null, 20]);
    expect(ratesChart(stats.endpoints[0]).data.slice(1)).toEqual([[10, null, 50], [0, null, 20]]);
  });

  it('picks the busiest endpoint for the detail charts, and none when there are no endpoints', () => {
    expect(busiest(stats)).toBe('orders');
    expect(busiest({ now: 0, step_s: 1, endpoints: [] })).toBeNull();
  });
});

describe('keeping the window up to date from short polls', () => {
  const point = (t: number[], rps: (number | null)[], p50: (number | null)[], err: (number | null)[]) => ({
    t,
    rps,
    p50_ms: p50,
    p95_ms: p50,
    p99_ms: p50,
    error_rate: err,
    failure_rate: t.map((): number | null => null),
  });
  const whole: Stats = {
    now: 103,
    step_s: 1,
    endpoints: [{ name: 'a', method: 'GET', path: '/a', series: point([100, 101, 102, 103], [2, 0, 1, 1], [5, null, 6, 7], [0.5, null, 0, 0]), totals: { requests: 4, errors: 1, failures: 0 } }],
  };

  it('replaces the points it has again, appends the new ones, drops what left the window, and counts totals from the points', () => {
    const recent: Stats = {
      now: 105,
      step_s: 1,
      endpoints: [
        { name: 'a', method: 'GET', path: '/a', series: point([103, 104, 105], [3, 0, 2], [8, null, 9], [1, null, 0]), totals: { requests: 5, errors: 3, failures: 0 } },
        { name: 'b', method: 'POST', path: '/b', series: point([103, 104, 105], [0, 1, 0], [null, 3, null], [null, 0, null]), totals: { requests: 1, errors: 0, failures: 0 } },
      ],
    };
    const merged = mergeStats(whole, recent, 5);
    const [a, b] = merged.endpoints;
    expect(a.series.t).toEqual([101, 102, 103, 104, 105]);
    expect(a.series.rps).toEqual([0, 1, 3, 0, 2]);
    expect(a.series.p50_ms).toEqual([null, 6, 8, null, 9]);
    expect(a.totals).toEqual({ requests: 6, errors: 3, failures: 0 });
    expect(b.series.t).toEqual(a.series.t);
    expect(b.series.rps).toEqual([0, 0, 0, 1, 0]);
    expect(b.totals.requests).toBe(1);
    expect(merged.now).toBe(105);
  });

  it('lets time pass when nothing answered, and forgets an endpoint whose answers all left the window', () => {
    const quiet = mergeStats(whole, { now: 106, step_s: 1, endpoints: [] }, 3);
    expect(quiet.endpoints).toEqual([]);
    const later = mergeStats(whole, { now: 105, step_s: 1, endpoints: [] }, 5);
    expect(later.endpoints[0].series.t).toEqual([101, 102, 103, 104, 105]);
    expect(later.endpoints[0].series.rps).toEqual([0, 1, 1, 0, 0]);
  });
});

import { busiest, figures, latencyChart, ratesChart, rpsChart, type Stats } from '../../src/ui/stats-data';

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

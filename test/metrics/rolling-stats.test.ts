import { LATENCY_BOUNDS_MS, OTHER, RING_BYTES, RollingStats, WINDOW_S } from '../../src/metrics/rolling-stats';

const T0 = 1_800_000_000;

describe('rolling 15-minute figures', () => {
  it('counts answers per second with their 5xx and injected-failure shares', () => {
    const stats = new RollingStats();
    for (let i = 0; i < 8; i++) stats.observe('orders', T0, 0.002, false, false);
    stats.observe('orders', T0, 0.002, true, false);
    stats.observe('orders', T0, 0.002, true, true);
    stats.observe('orders', T0 + 2, 0.002, false, false);
    const { series, totals } = stats.read('orders', T0 + 2, 3, 1);
    expect(series.t).toEqual([T0, T0 + 1, T0 + 2]);
    expect(series.rps).toEqual([10, 0, 1]);
    expect(series.error_rate).toEqual([0.2, null, 0]);
    expect(series.failure_rate).toEqual([0.1, null, 0]);
    expect(series.p50_ms[1]).toBeNull();
    expect(totals).toEqual({ requests: 11, errors: 2, failures: 1 });
  });

  it('gives percentiles within one latency slot of the true value', () => {
    const stats = new RollingStats();
    // 1..1000 ms, one answer each: p50 ≈ 500 ms, p95 ≈ 950 ms, p99 ≈ 990 ms
    for (let ms = 1; ms <= 1000; ms++) stats.observe('slow', T0, ms / 1000, false, false);
    const { series } = stats.read('slow', T0, 1, 1);
    expect(series.p50_ms[0]).toBeGreaterThan(500 / Math.SQRT2);
    expect(series.p50_ms[0]).toBeLessThan(500 * Math.SQRT2);
    expect(series.p95_ms[0]).toBeGreaterThan(950 / Math.SQRT2);
    expect(series.p95_ms[0]).toBeLessThan(950 * Math.SQRT2);
    expect(series.p99_ms[0]).toBeGreaterThanOrEqual(series.p95_ms[0]!);
    expect(series.p99_ms[0]).toBeLessThan(990 * Math.SQRT2);
  });

  it('merges seconds into steps aligned to the step size, dividing by the seconds each step covers', () => {
    const stats = new RollingStats();
    const now = T0 + 59; // T0 is a multiple of 60
    for (let s = 0; s < 60; s++) stats.observe('orders', T0 + s, 0.001, s < 6, false);
    const { series, totals } = stats.read('orders', now, 60, 30);
    expect(series.t).toEqual([T0, T0 + 30]);
    expect(series.rps).toEqual([1, 1]);
    expect(series.error_rate).toEqual([0.2, 0]);
    expect(totals.requests).toBe(60);
  });

  it('forgets seconds older than 15 minutes and reuses their buckets', () => {
    const stats = new RollingStats();
    stats.observe('orders', T0, 0.001, true, false);
    stats.observe('orders', T0 + WINDOW_S, 0.001, false, false);
    const { totals } = stats.read('orders', T0 + WINDOW_S, WINDOW_S, 1);
    expect(totals).toEqual({ requests: 1, errors: 0, failures: 0 });
    expect(stats.read('orders', T0 + 2 * WINDOW_S + 1, WINDOW_S, 1).totals.requests).toBe(0);
    expect(stats.active(T0 + 2 * WINDOW_S)).toEqual([]);
  });

  it('keeps memory at one fixed ring per endpoint however much traffic it counts', () => {
    const stats = new RollingStats();
    stats.observe('orders', T0, 0.001, false, false);
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 1_000_000; i++) stats.observe('orders', T0 + (i >> 8), (i % 5000) / 1000, i % 7 === 0, i % 11 === 0);
    const after = process.memoryUsage().arrayBuffers;
    expect(after - before).toBeLessThan(64 * 1024);
    expect(stats.bytes()).toBe(RING_BYTES);
    expect(RING_BYTES).toBeLessThan(200 * 1024);
    expect(stats.read('orders', T0 + (999_999 >> 8), WINDOW_S, 1).totals.requests).toBe((WINDOW_S - 1) * 256 + 64); // the last second holds the final 64
  });

  it('drops the rings of endpoints a reload removed', () => {
    const stats = new RollingStats();
    stats.observe('old', T0, 0.001, false, false);
    stats.observe('kept', T0, 0.001, false, false);
    stats.retain(['kept']);
    expect(stats.active(T0)).toEqual(['kept']);
    expect(stats.bytes()).toBe(RING_BYTES);
    expect(stats.read('old', T0, 10, 1).totals.requests).toBe(0);
  });

  it('counts endpoints beyond the cap together under "(other)", and frees rings idle for 15 minutes', () => {
    const stats = new RollingStats(2);
    stats.observe('a', T0, 0.001, false, false);
    stats.observe('b', T0, 0.001, false, false);
    stats.observe('c', T0, 0.001, false, false);
    stats.observe('d', T0, 0.001, false, false);
    expect(stats.active(T0).sort()).toEqual([OTHER, 'a', 'b']);
    expect(stats.read(OTHER, T0, 1, 1).totals.requests).toBe(2);
    stats.observe('a', T0 + WINDOW_S - 1, 0.001, false, false);
    stats.observe('e', T0 + WINDOW_S, 0.001, false, false);
    expect(stats.active(T0 + WINDOW_S).sort()).toEqual(['a', 'e']);
  });

  it('puts an answer above the top bound in the top slot and reports the top bound', () => {
    const stats = new RollingStats();
    stats.observe('stuck', T0, 120, false, false);
    expect(stats.read('stuck', T0, 1, 1).series.p99_ms[0]).toBeCloseTo(LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1], 2);
  });

  it('counts by a plan standing for its endpoint, and into the endpoint\'s new ring once the old one was reclaimed or dropped', () => {
    const stats = new RollingStats(1);
    const plan = {};
    stats.observe('orders', T0, 0.001, false, false, plan);
    stats.observe('orders', T0, 0.001, false, false, plan);
    expect(stats.read('orders', T0, 1, 1).totals.requests).toBe(2);
    // a window later, another endpoint takes the one ring: orders' ring is reclaimed
    const later = T0 + WINDOW_S + 1;
    stats.observe('users', later, 0.001, false, false);
    stats.observe('orders', later, 0.001, false, false, plan);
    expect(stats.read('users', later, 1, 1).totals.requests).toBe(1);
    expect(stats.read(OTHER, later, 1, 1).totals.requests).toBe(1);
    // after a reload that drops users, the plan's answers land in a ring /__stats reads again
    stats.retain(['orders']);
    stats.observe('orders', later + 1, 0.001, false, false, plan);
    expect(stats.read('orders', later + 1, 2, 1).totals.requests + stats.read(OTHER, later + 1, 2, 1).totals.requests).toBe(2);
  });
});
